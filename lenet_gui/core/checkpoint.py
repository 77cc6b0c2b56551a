"""Weights files that describe themselves, load without running anyone's code, and are never half-written.

A checkpoint is a plain dict of tensors, strings and numbers, so ``torch.load(weights_only=True)`` can read it: that
loader refuses any pickle that would construct arbitrary objects, which is what makes opening a file from the
internet safe. Everything is validated against the tutorial's architecture before a model ever sees it.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import pickle
import pickletools
import platform
import re
import struct
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from lenet_gui import __version__
from lenet_gui.core import weights_listing
from lenet_gui.core.atomic_files import remove_stale_temporary_files, write_atomic
from lenet_gui.core.errors import (
    CheckpointError,
    DamagedWeightsError,
    NotWeightsFileError,
    UnsafeWeightsError,
    WeightsFileError,
    WrongArchitectureError,
)
from lenet_gui.core.model import ARCHITECTURE, Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD
from lenet_gui.core.weights_files import (
    BUNDLED_WEIGHTS,
    WeightsFileInfo,
    bundled_weights_path,
    fine_tuned_weights_name,
    weights_kind,
)

# Names that live in the torch-free modules now, still importable from here.
__all__ = [
    "BUNDLED_WEIGHTS",
    "FORMAT_VERSION",
    "Checkpoint",
    "CheckpointError",
    "DamagedWeightsError",
    "NotWeightsFileError",
    "UnsafeWeightsError",
    "WeightsFileError",
    "WrongArchitectureError",
    "bundled_weights_path",
    "describe",
    "fine_tuned_weights_name",
    "list_weights",
    "load_bundled",
    "load_checkpoint",
    "read_weights_file_info",
    "save_checkpoint",
    "validate_state_dict",
]

FORMAT_VERSION = 1
# LeNet's weights take a quarter of a megabyte; a file far larger is not read at all.
MAX_WEIGHTS_BYTES = 64 * 1024 * 1024
# What a picture or document renamed to .pt starts with, to say what the file is instead.
_SIGNATURES = (
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF document"),
    (b"BM", "a BMP picture"),
)
_ZIP_SIGNATURE = b"PK\x03\x04"
_PICKLE_SCAN_LIMIT = 64 * 1024 * 1024  # the pickle of a LeNet checkpoint is a few kilobytes
# Modules a PyTorch weights pickle refers to; anything else in a file torch refused means code or objects.
_WEIGHTS_MODULES = ("torch", "collections", "_codecs")
# Classes of a whole pickled model (``torch.save(net)``): torch's layers and a script's own ``Net``.
_MODEL_MODULES = ("torch.nn.", "__main__.")


@dataclass(frozen=True)
class Checkpoint:
    """What a weights file holds: the tensors, and what is known about how they were made."""

    state_dict: dict[str, torch.Tensor]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def test_accuracy(self) -> float | None:
        value = self.metadata.get("test_accuracy")
        return float(value) if isinstance(value, int | float) else None


def _expected_shapes() -> dict[str, tuple[int, ...]]:
    return {name: tuple(t.shape) for name, t in Net().state_dict().items()}


def save_checkpoint(path: str | Path, state_dict: Mapping[str, torch.Tensor], **metadata: Any) -> Path:
    """Write atomically (``atomic_files.write_atomic``): a crash, Ctrl-C or full disk leaves either the old file or
    the new one, never a truncated mix; temporary files that killed saves left in the folder are cleaned up.

    ``metadata`` holds plain values (epochs, test_accuracy, recipe…; see ``weights_files``); the date and versions
    are added here.
    """
    path = Path(path)
    validate_state_dict(state_dict)
    payload = {
        "format": "lenet-gui-checkpoint",
        "format_version": FORMAT_VERSION,
        "architecture": ARCHITECTURE,
        "state_dict": {k: v.detach().to("cpu", torch.float32).clone() for k, v in state_dict.items()},
        "normalization": {"mean": MNIST_MEAN, "std": MNIST_STD},
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "versions": {
            "lenet_gui": __version__,
            "torch": str(torch.__version__),
            "python": platform.python_version(),
        },
        **metadata,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporary_files(path.parent)
    return write_atomic(path, lambda stream: torch.save(payload, stream))


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Read and validate a weights file (ours, or a bare ``state_dict`` saved by the tutorial's code).

    Nothing in the file is ever run (``weights_only=True``). A file that cannot be used raises the
    ``WeightsFileError`` subclass for its cause, one sentence with the library's own words in ``details``:
    ``NotWeightsFileError``, ``DamagedWeightsError``, ``WrongArchitectureError`` or ``UnsafeWeightsError``.
    """
    path = Path(path)
    return _from_payload(read_payload(path), path.name)


def read_payload(path: str | Path, *, max_bytes: int = MAX_WEIGHTS_BYTES, what: str = "LeNet's weights") -> object:
    """What a PyTorch file holds, read safely (``weights_only=True``; pipes, devices and files over ``max_bytes``
    refused before reading), or the ``WeightsFileError`` subclass for why it cannot be read. Shared by weights
    files and saved runs (``run_files``), which validate what they get."""
    path = Path(path)
    if not path.is_file():  # a folder, a named pipe or a device is never opened: reading one could block for ever
        raise WeightsFileError(f"{path}: no such file." if not path.exists() else f"{path}: not a file.")
    size = path.stat().st_size
    if size > max_bytes:
        raise NotWeightsFileError(
            f"{path.name} is far too large to be {what}, so it was not read.",
            f"{size:,} bytes; at most {max_bytes:,} expected",
        )
    try:
        with path.open("rb") as stream:
            start = stream.read(8)
    except OSError as error:
        raise WeightsFileError(f"{path.name} could not be read.", error.strerror or str(error)) from None
    if not start:
        raise NotWeightsFileError(f"{path.name} is empty, not a PyTorch weights file.", "the file has 0 bytes")
    try:
        with warnings.catch_warnings():  # "Detected pickle protocol 4…": a plain pickle, refused below anyway
            warnings.simplefilter("ignore", UserWarning)
            raw = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        raise _refusal(path, start, error) from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, OSError, ValueError, KeyError, IndexError) as error:
        if start.startswith(_ZIP_SIGNATURE) and _is_zip_without_weights(path):
            raise NotWeightsFileError(
                f"{path.name} is a zip archive but not a PyTorch weights file.", _first_line(error)
            ) from None
        if start.startswith(_ZIP_SIGNATURE) or start.startswith(b"\x80"):
            raise DamagedWeightsError(
                f"{path.name} is a damaged PyTorch weights file (truncated or corrupt).", _first_line(error)
            ) from None
        raise NotWeightsFileError(_not_weights_sentence(path, start), _first_line(error)) from None
    return raw


def _refusal(path: Path, start: bytes, error: pickle.UnpicklingError) -> WeightsFileError:
    """Which of "carries code", "damaged" and "not weights at all" a file is that torch's safe loader refused."""
    reason = _unpickler_reason(error)
    refused = set(re.findall(r"GLOBAL ([\w.]+)", reason))
    if refused or "unsupported class" in reason.lower():
        return _unsafe(path, reason, refused)
    pickled = _pickle_bytes(path, start)
    foreign = _foreign_globals(pickled) if pickled is not None else None
    if foreign:
        return _unsafe(path, f"{reason}; it refers to {', '.join(sorted(foreign)[:5])}", foreign)
    if start.startswith(_ZIP_SIGNATURE) or (foreign is None and start.startswith(b"\x80")):
        return DamagedWeightsError(f"{path.name} is a damaged PyTorch weights file (truncated or corrupt).", reason)
    return NotWeightsFileError(_not_weights_sentence(path, start), reason)


def _unsafe(path: Path, reason: str, names: set[str]) -> UnsafeWeightsError:
    """Refused for carrying code; a whole pickled model (``torch.save(net)``) is told apart, with what to do."""
    if names and all(name.startswith(_MODEL_MODULES) for name in names):
        return UnsafeWeightsError(
            f"{path.name} was refused: it holds a whole saved model, which would run code to load, instead of its "
            "weights (save the model's state_dict()).",
            reason,
        )
    return UnsafeWeightsError(
        f"{path.name} was refused: it carries code or builds objects that a weights file never needs "
        "(nothing in it was executed).",
        reason,
    )


def _not_weights_sentence(path: Path, start: bytes) -> str:
    for signature, what in _SIGNATURES:
        if start.startswith(signature):
            return f"{path.name} is not a PyTorch weights file: it is {what}."
    return f"{path.name} is not a PyTorch weights file."


def _is_zip_without_weights(path: Path) -> bool:
    """A readable zip archive with no ``<folder>/data.pkl`` in it: some other kind of zip, not torch's."""
    try:
        with zipfile.ZipFile(path) as archive:
            return not any(name.endswith("/data.pkl") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _pickle_bytes(path: Path, start: bytes) -> bytes | None:
    """The pickle inside a file: torch's ``data.pkl`` of a zip, else the file itself (None if unreadable)."""
    try:
        if start.startswith(_ZIP_SIGNATURE):
            with zipfile.ZipFile(path) as archive:
                name = next((n for n in archive.namelist() if n.endswith("/data.pkl")), None)
                return None if name is None else archive.read(name)[:_PICKLE_SCAN_LIMIT]
        with path.open("rb") as stream:
            return stream.read(_PICKLE_SCAN_LIMIT)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None


def _foreign_globals(pickled: bytes) -> set[str] | None:
    """Names of functions and classes a pickle refers to outside torch's own (read, never run); None when the
    bytes are not a well-formed pickle."""
    names: set[str] = set()
    strings: list[str] = []
    try:
        for opcode, argument, _ in pickletools.genops(io.BytesIO(pickled)):
            if opcode.name in ("GLOBAL", "INST") and isinstance(argument, str):
                names.add(argument.replace(" ", "."))
            elif opcode.name == "STACK_GLOBAL" and len(strings) >= 2:
                names.add(f"{strings[-2]}.{strings[-1]}")
            elif isinstance(argument, str):
                strings.append(argument)
    except (ValueError, EOFError, UnicodeDecodeError, pickle.UnpicklingError, struct.error):
        return None
    return {name for name in names if not name.startswith(tuple(f"{m}." for m in _WEIGHTS_MODULES))}


def _unpickler_reason(error: BaseException) -> str:
    """torch's message is a page of advice to load the file unsafely; keep only the line that names the reason."""
    for line in str(error).splitlines():
        if "unsupported" in line.lower():  # "Unsupported operand 80", "Trying to load unsupported GLOBAL os.system…"
            text = line.strip()
            text = text.removeprefix("WeightsUnpickler error:").strip()
            return text.split(" Please use")[0].split(" was not an allowed global")[0][:300]
    return _first_line(error)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    first = text.splitlines()[0]
    return first.split(" This is an internal miniz error")[0][:300]


def _from_payload(raw: object, name: str) -> Checkpoint:
    if not isinstance(raw, dict):
        raise NotWeightsFileError(f"{name} is a PyTorch file that holds a {type(raw).__name__}, not LeNet weights.")
    if "state_dict" in raw:
        architecture = raw.get("architecture", ARCHITECTURE)
        if architecture != ARCHITECTURE:
            raise WrongArchitectureError(
                f"{name} holds weights made for another network ({architecture!r}), not the tutorial's LeNet.",
                f"this app runs {ARCHITECTURE!r}",
            )
        state_dict = raw["state_dict"]
        metadata = {k: v for k, v in raw.items() if k != "state_dict"}
    else:
        state_dict, metadata = raw, {}
    if not isinstance(state_dict, dict):
        raise WrongArchitectureError(
            f"{name} holds no weights the tutorial's LeNet can use.",
            f"its state_dict is a {type(state_dict).__name__}, not a dict of tensors",
        )
    validate_state_dict(state_dict, name)
    return Checkpoint({k: v.to(torch.float32) for k, v in state_dict.items()}, metadata)


def validate_state_dict(state_dict: Mapping[str, object], name: str = "weights") -> None:
    """Same keys and shapes as the tutorial's LeNet, every value finite: else ``WrongArchitectureError`` (or a
    ``WeightsFileError`` for NaN), with the first problem in ``details``."""
    wrong = f"{name} holds weights made for another network, not the tutorial's LeNet."
    expected = _expected_shapes()
    missing = sorted(set(expected) - set(state_dict))
    unexpected = sorted(set(state_dict) - set(expected))
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unexpected:
            parts.append(f"unexpected {', '.join(unexpected[:5])}{'…' if len(unexpected) > 5 else ''}")
        raise WrongArchitectureError(wrong, "; ".join(parts))
    for key, shape in expected.items():
        tensor = state_dict[key]
        if not isinstance(tensor, torch.Tensor):
            raise WrongArchitectureError(wrong, f"{key} is a {type(tensor).__name__}, not a tensor")
        if tuple(tensor.shape) != shape:
            raise WrongArchitectureError(wrong, f"{key} has shape {list(tensor.shape)}, LeNet needs {list(shape)}")
        if not tensor.is_floating_point():
            raise WrongArchitectureError(wrong, f"{key} holds {tensor.dtype} values, not floating point")
        if not bool(torch.isfinite(tensor).all()):
            raise WeightsFileError(
                f"{name} holds NaN or infinite values (from a training run that diverged?).",
                f"{key} contains NaN or infinite values",
            )


def load_bundled() -> Checkpoint:
    return load_checkpoint(bundled_weights_path())


def describe(checkpoint: Checkpoint) -> str:
    """One line for status bars and the CLI: where the weights came from and how good they are."""
    meta = checkpoint.metadata
    parts = []
    if (accuracy := checkpoint.test_accuracy) is not None and math.isfinite(accuracy):
        parts.append(f"{accuracy * 100:.2f}% on MNIST test")
    if "epochs" in meta:
        parts.append(f"{meta['epochs']} epochs")
    if "created" in meta:
        parts.append(f"saved {str(meta['created'])[:10]}")
    return ", ".join(parts) if parts else "no metadata"


def read_weights_file_info(path: str | Path) -> WeightsFileInfo:
    """What the weights switcher says about one file: its kind (by metadata or name), accuracy, or the problem
    that makes it unusable. Each version of a file is read once (``weights_listing.cached_info``)."""

    def read(path: Path, modified: float) -> WeightsFileInfo:
        try:
            loaded = load_checkpoint(path)
        except WeightsFileError as error:
            return WeightsFileInfo(str(path), weights_kind(path), modified, None, str(error))
        return WeightsFileInfo(str(path), weights_kind(path, loaded.metadata), modified, loaded.test_accuracy)

    return weights_listing.cached_info(path, read)


def list_weights(folder: str | Path | None) -> tuple[WeightsFileInfo, ...]:
    """The weights to choose from: the bundled ones (``path`` "", ``modified`` 0), then the ``*.pt`` files in
    ``folder``, newest first (``weights_listing.list_weights``, each file read by torch here)."""
    return weights_listing.list_weights(folder, read_weights_file_info)
