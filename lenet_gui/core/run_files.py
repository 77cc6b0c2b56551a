"""A kept run saved with its moments (the time machine), and read back: one file, written atomically, loaded with
``weights_only=True`` and validated like every weights file; and each moment's accuracy per digit.

The file is a dict of plain values and tensors: every weight stacked over the moments (``states[name]`` is
``(moments, *shape)``), where each moment is in the run, the end-of-epoch results, and the training curve. Nothing in
it is ever run, and a file that is not a run, is damaged or holds other shapes raises the ``WeightsFileError``
subclass for its cause (one sentence, the library's words in ``details``).
"""

from __future__ import annotations

import datetime as _dt
import math
import platform
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from lenet_gui import __version__
from lenet_gui.core.atomic_files import remove_stale_temporary_files, write_atomic
from lenet_gui.core.checkpoint import read_payload, validate_state_dict
from lenet_gui.core.data import DigitTensors, to_model_batch
from lenet_gui.core.errors import DamagedWeightsError, NotWeightsFileError, WrongArchitectureError
from lenet_gui.core.model import ARCHITECTURE, Net
from lenet_gui.core.run_history import MAX_MOMENTS, MOMENT_BYTES, EpochMark, Moment, RunHistory

RUN_FORMAT = "lenet-gui-run"
RUN_FORMAT_VERSION = 1
RUN_SUFFIX = ".lenetrun"
MAX_RUN_BYTES = (MAX_MOMENTS + 8) * MOMENT_BYTES + 8 * 1024 * 1024  # the moments plus room for curves and results
PROBE_DIGITS = 1000  # per-digit accuracy over time is measured on this many test digits


def save_run(path: str | Path, history: RunHistory, **metadata: Any) -> Path:
    """Write ``history`` to ``path`` atomically (a crash leaves the old file or the new one, never half of one)."""
    if not history.moments:
        raise ValueError("a run without moments cannot be saved")
    path = Path(path)
    names = list(history.moments[0].state)
    marks = [
        {
            "index": index,
            "epoch": mark.epoch,
            "test_accuracy": float(mark.test_accuracy),
            "train_accuracy": float(mark.train_accuracy),
            "per_class_accuracy": torch.tensor(np.asarray(mark.per_class_accuracy, np.float64)),
            "confusion": torch.tensor(np.asarray(mark.confusion, np.int64)),
        }
        for index, mark in history.marks()
    ]
    payload = {
        "format": RUN_FORMAT,
        "format_version": RUN_FORMAT_VERSION,
        "architecture": ARCHITECTURE,
        "kind": history.kind,
        "epochs": int(history.epochs),
        "states": {
            name: torch.from_numpy(np.stack([moment.state[name] for moment in history.moments]).astype(np.float32))
            for name in names
        },
        "positions": torch.tensor([m.position for m in history.moments], dtype=torch.float64),
        "epoch_of": torch.tensor([m.epoch for m in history.moments], dtype=torch.int64),
        "step_of": torch.tensor([m.step for m in history.moments], dtype=torch.int64),
        "pinned": torch.tensor([m.pinned for m in history.moments], dtype=torch.bool),
        "marks": marks,
        "curve": torch.tensor([[p.position, p.loss, p.accuracy] for p in history.curve], dtype=torch.float64).reshape(
            -1, 3
        ),
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "versions": {"lenet_gui": __version__, "torch": str(torch.__version__), "python": platform.python_version()},
        "metadata": {k: v for k, v in metadata.items() if isinstance(v, str | int | float | bool)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporary_files(path.parent)
    return write_atomic(path, lambda stream: torch.save(payload, stream))


def load_run(path: str | Path) -> RunHistory:
    """Read and validate a saved run; a file that cannot be used raises a ``WeightsFileError`` subclass."""
    path = Path(path)
    name = path.name
    raw = read_payload(path, max_bytes=MAX_RUN_BYTES, what="a saved LeNet GUI run")
    if not isinstance(raw, dict) or raw.get("format") != RUN_FORMAT:
        if isinstance(raw, dict) and ("state_dict" in raw or "conv1.weight" in raw):
            raise NotWeightsFileError(
                f"{name} holds weights, not a saved run: open it with File ▸ Load weights.", "no moments in it"
            )
        raise NotWeightsFileError(f"{name} is not a saved LeNet GUI run.", f"format: {_get(raw, 'format')!r}")
    if raw.get("architecture", ARCHITECTURE) != ARCHITECTURE:
        raise WrongArchitectureError(
            f"{name} holds a run of another network, not the tutorial's LeNet.", f"this app runs {ARCHITECTURE!r}"
        )
    try:
        return _history_from(raw, name)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RuntimeError) as error:
        if isinstance(error, WrongArchitectureError | NotWeightsFileError | DamagedWeightsError):
            raise
        raise DamagedWeightsError(
            f"{name} is a damaged saved run (some of its parts are missing or wrong).",
            f"{type(error).__name__}: {error}",
        ) from None


def _get(raw: object, key: str) -> object:
    return raw.get(key) if isinstance(raw, dict) else type(raw).__name__


def _history_from(raw: dict[str, Any], name: str) -> RunHistory:
    states = raw["states"]
    if not isinstance(states, dict) or not states:
        raise ValueError("no weights in it")
    positions = _tensor(raw["positions"]).tolist()
    epochs_of = _tensor(raw["epoch_of"]).tolist()
    steps_of = _tensor(raw["step_of"]).tolist()
    pinned = _tensor(raw["pinned"]).tolist()
    count = len(positions)
    if not 0 < count <= MAX_MOMENTS or not len(epochs_of) == len(steps_of) == len(pinned) == count:
        raise ValueError(f"{count} moments, or lists of different lengths")
    for key, value in states.items():
        if not isinstance(value, torch.Tensor) or value.ndim < 1 or value.shape[0] != count:
            raise ValueError(f"{key} does not hold one value per moment")
    history = RunHistory(kind=str(raw.get("kind", "training")), epochs=int(raw.get("epochs", 0)))
    for index in range(count):
        state = {key: value[index] for key, value in states.items()}
        validate_state_dict(state, f"{name} (moment {index + 1})")
        history.moments.append(
            Moment(
                float(positions[index]),
                int(epochs_of[index]),
                int(steps_of[index]),
                {key: value.to(torch.float32).numpy().copy() for key, value in state.items()},
                bool(pinned[index]),
            )
        )
    for entry in raw.get("marks", []):
        index = int(entry["index"])
        if not 0 <= index < count:
            raise IndexError(f"an epoch's results belong to moment {index}, which is not there")
        per_class = _tensor(entry["per_class_accuracy"]).to(torch.float64).numpy()
        confusion = _tensor(entry["confusion"]).to(torch.int64).numpy()
        if per_class.shape != (10,) or confusion.shape != (10, 10):
            raise ValueError("an epoch's per-digit results have the wrong shape")
        mark = EpochMark(
            int(entry["epoch"]),
            float(entry["test_accuracy"]),
            float(entry["train_accuracy"]),
            per_class,
            confusion,
        )
        moment = history.moments[index]
        history.moments[index] = Moment(moment.position, moment.epoch, moment.step, moment.state, True, mark)
    curve = _tensor(raw.get("curve", torch.zeros(0, 3))).to(torch.float64).reshape(-1, 3).tolist()
    for position, loss, accuracy in curve:
        history.record_progress(position, loss, accuracy)
    history.finished = True
    return history


def _tensor(value: object) -> torch.Tensor:
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"a {type(value).__name__} where a tensor belongs")
    return value


@torch.no_grad()
def per_digit_accuracy(
    states: Sequence[Mapping[str, np.ndarray]], test_set: DigitTensors, *, stop: Any = None
) -> np.ndarray:
    """Accuracy per digit of each moment's weights on the first ``PROBE_DIGITS`` test digits: ``(moments, 10)``,
    NaN for a digit absent from them (and for moments not measured because ``stop()`` said so)."""
    probe = test_set.head(PROBE_DIGITS)
    x = to_model_batch(probe.images)
    labels = probe.labels
    counts = torch.bincount(labels, minlength=10).to(torch.float64)
    result = np.full((len(states), 10), math.nan)
    model = Net().eval()
    for index, state in enumerate(states):
        if stop is not None and stop():
            break
        model.load_state_dict({k: torch.from_numpy(np.asarray(v, np.float32)) for k, v in state.items()})
        right = model(x).argmax(1) == labels
        hits = torch.bincount(labels[right], minlength=10).to(torch.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            result[index] = np.where(counts.numpy() > 0, hits.numpy() / counts.numpy(), math.nan)
    return result
