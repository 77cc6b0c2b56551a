"""Weights files that describe themselves, load without running anyone's code, and are never half-written.

A checkpoint is a plain dict of tensors, strings and numbers, so ``torch.load(weights_only=True)`` can read it: that
loader refuses any pickle that would construct arbitrary objects, which is what makes opening a file from the
internet safe. Everything is validated against the tutorial's architecture before a model ever sees it.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import pickle
import platform
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import torch

from lenet_gui import __version__
from lenet_gui.core.model import ARCHITECTURE, Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD

FORMAT_VERSION = 1
BUNDLED_WEIGHTS = "lenet_mnist.pt"


class CheckpointError(ValueError):
    """A weights file that cannot be used; the message says why in words a user can act on."""


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
    """Write atomically: a temp file in the same folder, flushed to disk, then renamed over the target.

    A crash, Ctrl-C or full disk leaves either the old file or the new one, never a truncated mix.
    ``metadata`` holds plain values (epochs, test_accuracy, recipe…); the date and versions are added here.
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
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            torch.save(payload, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp's 0600 would make a shared or installed weights file unreadable
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Read and validate a weights file (ours, or a bare ``state_dict`` saved by the tutorial's code)."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        raw = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        raise CheckpointError(
            f"{path.name}: refused — the file asks to run code or build objects a weights file never needs "
            f"(nothing in it was executed). Details: {_unpickler_reason(error)}"
        ) from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, OSError, ValueError, KeyError, IndexError) as error:
        raise CheckpointError(
            f"{path.name}: not a readable PyTorch weights file (truncated or corrupt?): {_first_line(error)}"
        ) from None
    return _from_payload(raw, path.name)


def _unpickler_reason(error: BaseException) -> str:
    """torch's message is a page of advice to load the file unsafely; keep only the line that names the reason."""
    for line in str(error).splitlines():
        if "Unsupported" in line or "Unpickler error" in line:
            return line.strip().split(" Please use")[0][:300]
    return _first_line(error)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:300]


def _from_payload(raw: object, name: str) -> Checkpoint:
    if not isinstance(raw, dict):
        raise CheckpointError(f"{name}: holds a {type(raw).__name__}, not LeNet weights")
    if "state_dict" in raw:
        architecture = raw.get("architecture", ARCHITECTURE)
        if architecture != ARCHITECTURE:
            raise CheckpointError(f"{name}: weights for {architecture!r}, but this app runs {ARCHITECTURE!r}")
        state_dict = raw["state_dict"]
        metadata = {k: v for k, v in raw.items() if k != "state_dict"}
    else:
        state_dict, metadata = raw, {}
    if not isinstance(state_dict, dict):
        raise CheckpointError(f"{name}: its state_dict is a {type(state_dict).__name__}, not a dict of tensors")
    validate_state_dict(state_dict, name)
    return Checkpoint({k: v.to(torch.float32) for k, v in state_dict.items()}, metadata)


def validate_state_dict(state_dict: Mapping[str, object], name: str = "weights") -> None:
    """Same keys and shapes as the tutorial's LeNet, every value finite; CheckpointError naming the first problem."""
    expected = _expected_shapes()
    missing = sorted(set(expected) - set(state_dict))
    unexpected = sorted(set(state_dict) - set(expected))
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unexpected:
            parts.append(f"unexpected {', '.join(unexpected[:5])}{'…' if len(unexpected) > 5 else ''}")
        raise CheckpointError(f"{name}: not the tutorial's LeNet ({'; '.join(parts)})")
    for key, shape in expected.items():
        tensor = state_dict[key]
        if not isinstance(tensor, torch.Tensor):
            raise CheckpointError(f"{name}: {key} is a {type(tensor).__name__}, not a tensor")
        if tuple(tensor.shape) != shape:
            raise CheckpointError(
                f"{name}: {key} has shape {list(tensor.shape)}, LeNet needs {list(shape)} (wrong architecture)"
            )
        if not tensor.is_floating_point():
            raise CheckpointError(f"{name}: {key} holds {tensor.dtype} values, not floating point")
        if not bool(torch.isfinite(tensor).all()):
            raise CheckpointError(f"{name}: {key} contains NaN or infinite values (a diverged training run?)")


def bundled_weights_path() -> Path:
    """The weights shipped with the app: inside the installed package, or in the source tree's ``assets/``."""
    packaged = resources.files("lenet_gui").joinpath("assets", BUNDLED_WEIGHTS)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "assets" / BUNDLED_WEIGHTS


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
