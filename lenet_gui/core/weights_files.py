"""The app's weights files without opening them: what they are called, what kind each is, what they say about
themselves. Torch-free, so the GUI can name kinds and build metadata on its own thread; ``core.checkpoint`` reads and
writes the files.

Kinds, for the weights switcher: ``bundled`` (shipped with the app), ``trained`` (kept from a training run),
``fine-tuned`` (kept from fine-tuning on the user's examples, in the app or with ``train --personal``) and ``other``.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Any, Final

from lenet_gui.core.config import FineTuneConfig, TrainingConfig
from lenet_gui.core.events import FineTuneReport, Finished
from lenet_gui.core.folders import asset_path

BUNDLED: Final = "bundled"
TRAINED: Final = "trained"
FINE_TUNED: Final = "fine-tuned"
OTHER: Final = "other"
KINDS = (BUNDLED, TRAINED, FINE_TUNED, OTHER)

BUNDLED_WEIGHTS = "lenet_mnist.pt"
WEIGHTS_SUFFIX = ".pt"
# The app names the weights it keeps by kind and time: lenet-20250101-100000.pt, fine-tuned-20250101-100000.pt.
_PREFIXES = {TRAINED: "lenet-", FINE_TUNED: "fine-tuned-"}

# Written afresh by every save, so never copied from the metadata of the file the weights came from.
REGENERATED_METADATA = frozenset({"format", "format_version", "architecture", "created", "versions", "normalization"})
UNKEPT_NOTE = "weights of a training run that was not kept (saved as they were)"


@dataclass(frozen=True)
class WeightsFileInfo:
    """One choice of the weights switcher: the bundled weights or a file in the user's weights folder."""

    path: str  # "" for the bundled weights
    kind: str  # one of KINDS
    modified: float  # the file's modification time (POSIX seconds); 0 for the bundled weights
    test_accuracy: float | None  # MNIST test accuracy 0..1 as recorded in the file, if known
    problem: str = ""  # why the file cannot be used, if it cannot


def bundled_weights_path() -> Path:
    """The weights shipped with the app: inside the installed package, or in the source tree's ``assets/``."""
    return asset_path(BUNDLED_WEIGHTS)


def weights_file_name(kind: str, now: _dt.datetime | None = None) -> str:
    """The name the app gives weights it keeps: ``lenet-<time>.pt`` (trained) or ``fine-tuned-<time>.pt``."""
    if kind not in _PREFIXES:
        raise ValueError(f"the app names only {' and '.join(_PREFIXES)} weights, not {kind!r}")
    return f"{_PREFIXES[kind]}{(now or _dt.datetime.now()):%Y%m%d-%H%M%S}{WEIGHTS_SUFFIX}"


def fine_tuned_weights_name(now: _dt.datetime | None = None) -> str:
    return weights_file_name(FINE_TUNED, now)


def kind_from_name(path: str | Path) -> str:
    """What a weights file is by its name alone: ``trained``, ``fine-tuned`` or ``other``."""
    name = Path(path).name
    for kind, prefix in _PREFIXES.items():
        if name.startswith(prefix) and name.endswith(WEIGHTS_SUFFIX):
            return kind
    return OTHER


def is_fine_tuned(metadata: Mapping[str, Any]) -> bool:
    return metadata.get("kind") == FINE_TUNED or metadata.get("fine_tuned") is True


def weights_kind(path: str | Path, metadata: Mapping[str, Any] | None = None) -> str:
    """What a weights file is: bundled (the shipped file), fine-tuned (by its metadata, whatever its name:
    ``train --personal`` writes where it is told), else by its name."""
    if Path(path) == bundled_weights_path():
        return BUNDLED
    if metadata is not None and is_fine_tuned(metadata):
        return FINE_TUNED
    return kind_from_name(path)


def config_dict(config: object) -> dict[str, object]:
    """A configuration dataclass as flat plain values (``augmentation.rotation``…; tuples as lists) for metadata."""
    if not is_dataclass(config) or isinstance(config, type):
        raise TypeError(f"a configuration dataclass, not {type(config).__name__}")
    flat = _flatten(asdict(config))
    return {key: list(value) if isinstance(value, tuple) else value for key, value in flat.items()}


def _flatten(values: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in values.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def training_metadata(
    finished: Finished,
    config: TrainingConfig,
    *,
    recipe: str | None = None,
    continued: bool | None = None,
    history: Sequence[Mapping[str, float]] = (),
) -> dict[str, object]:
    """What a kept training run's weights file says about itself (the CLI's ``train`` and the app's Keep)."""
    metadata: dict[str, object] = {
        "kind": TRAINED,
        "epochs": int(finished.epochs_completed),
        "seconds": round(float(finished.seconds), 1),
        "config": config_dict(config),
    }
    if math.isfinite(finished.test_accuracy):
        metadata["test_accuracy"] = float(finished.test_accuracy)
    if recipe is not None:
        metadata["recipe"] = recipe
    if continued is not None:
        metadata["continued"] = bool(continued)
    if history:
        metadata["history"] = [dict(entry) for entry in history]
    return metadata


def fine_tuning_metadata(
    finished: Finished,
    report: FineTuneReport | None,
    config: FineTuneConfig | None = None,
    *,
    started_from: str | None = None,
) -> dict[str, object]:
    """What kept fine-tuned weights say about themselves (the CLI's ``train --personal`` and the app's Keep);
    ``report`` is None when the run was stopped before it."""
    metadata: dict[str, object] = {
        "kind": FINE_TUNED,
        "fine_tuned": True,  # what older versions of the app looked for
        "seconds": round(float(finished.seconds), 1),
    }
    if report is not None:
        metadata["personal_examples"] = int(report.personal_count)
        if report.mnist_after is not None:
            metadata["test_accuracy"] = float(report.mnist_after)
        if not math.isnan(report.personal_after):
            metadata["personal_accuracy"] = float(report.personal_after)
            metadata["personal_method"] = str(report.personal_method)
    if config is not None:
        metadata["config"] = config_dict(config)
    if started_from is not None:
        metadata["started_from"] = started_from
    return metadata


def carried_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata of loaded weights to carry into a copy saved elsewhere ("Save weights as…"): all but what every
    save writes afresh (date, versions, format)."""
    return {key: value for key, value in metadata.items() if key not in REGENERATED_METADATA}
