"""What training and fine-tuning yield: frozen dataclasses of plain floats, strings and numpy arrays.

They are torch-free so that a GUI module can name them at the top (``isinstance(event, EpochResult)`` rather than
comparing class names) without importing torch, and safe to hand from the worker thread to the GUI thread.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

NumpyState = dict[str, np.ndarray]


@dataclass(frozen=True)
class Progress:
    """How far a long job of counted pieces has got (an evaluation, a scan, a ranking): ``done`` of ``total``."""

    done: int
    total: int


@dataclass(frozen=True)
class StepProgress:
    epoch: int  # 1-based
    epochs: int
    step: int  # 1-based within the epoch
    steps_per_epoch: int
    loss: float  # mean over the steps since the previous StepProgress
    accuracy: float  # running training accuracy in this epoch, 0..1
    images_per_second: float
    eta_seconds: float
    learning_rate: float

    @property
    def steps_done(self) -> int:
        """Steps taken in the whole run, 1-based."""
        return (self.epoch - 1) * self.steps_per_epoch + self.step

    @property
    def total_steps(self) -> int:
        return self.epochs * self.steps_per_epoch

    @property
    def fraction(self) -> float:
        """How far the whole run is, 0..1."""
        return self.steps_done / self.total_steps


@dataclass(frozen=True)
class FineTuneProgress(StepProgress):
    """A step of a fine-tuning job, which is one or more training runs of the same length: ``epoch`` of ``epochs``
    numbers the runs (1 makes the weights offered, the others check them on drawings they did not train on), so that
    ``steps_done``, ``total_steps`` and ``fraction`` count every step of the job and ``eta_seconds`` is the time left
    for all of it, not for the run going on."""

    folds: int  # how many checking runs are cross-validation folds; 0 when there is one held-out run, or none

    @property
    def checking(self) -> bool:
        """A run that measures, rather than the one that makes the weights offered."""
        return self.epoch > 1

    @property
    def check(self) -> int:
        """Which checking run (fold) this is, 1-based; 0 while training the weights offered."""
        return self.epoch - 1


@dataclass(frozen=True)
class Misclassified:
    pixels: np.ndarray  # (28, 28) float32 0..1
    label: int
    predicted: int
    confidence: float
    index: int  # position in the test set


@dataclass(frozen=True)
class EpochResult:
    epoch: int
    epochs: int
    train_loss: float
    train_accuracy: float
    test_loss: float  # NaN when there is no test set
    test_accuracy: float  # 0..1, NaN when there is no test set
    per_class_accuracy: np.ndarray  # (10,) float
    confusion: np.ndarray  # (10, 10) int64, rows = true label, columns = prediction
    misclassified: tuple[Misclassified, ...]
    seconds: float  # wall time of the epoch including evaluation


@dataclass(frozen=True)
class WeightsSnapshot:
    state: NumpyState  # a copy of every parameter and buffer
    gradient_norms: dict[str, float]  # L2 norm of each parameter's latest gradient
    epoch: int
    step: int
    steps_per_epoch: int = 0  # 0: not said (where the moment lies in the run is then not known)


@dataclass(frozen=True)
class Diverged:
    """The loss became NaN or infinite; ``state`` holds the last good weights, which the run also went back to."""

    epoch: int
    step: int
    learning_rate: float
    message: str
    state: NumpyState


@dataclass(frozen=True)
class Finished:
    state: NumpyState
    epochs_completed: int
    test_accuracy: float  # of the last evaluated epoch, NaN if none
    cancelled: bool
    seconds: float


TrainingEvent = StepProgress | EpochResult | WeightsSnapshot | Diverged | Finished


# A sentence core says to people names itself for a window in another language: ``key`` (what it says) and
# ``values`` (its numbers), which ``ui/core_words.py`` turns into the window's own sentence; ``text`` is the English
# the CLI prints. An empty key: no translation known, the English stands.
Words = tuple[str, Mapping[str, object]]


@dataclass(frozen=True)
class FineTuneStatus:
    text: str
    key: str = ""
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangedExample:
    example_id: str
    label: int
    before: int
    after: int
    pixels: np.ndarray  # (28, 28) float32 0..1, white on black: what the network saw


@dataclass(frozen=True)
class FineTuneReport:
    mnist_before: float | None  # test accuracy 0..1; None when MNIST was not available
    mnist_after: float | None
    personal_before: float  # 0..1 on drawings the measuring run did not train on; NaN when not measured
    personal_after: float
    personal_method: str
    personal_count: int  # examples trained on
    changed: tuple[ChangedExample, ...]
    notes: tuple[str, ...]
    seconds: float
    note_words: tuple[Words, ...] = ()  # ``notes`` by key and values, one for one
    method_words: Words = ("", {})  # ``personal_method`` by key and values

    def lines(self) -> list[str]:
        """The report as short sentences, for the CLI and for tests' failure messages."""
        out: list[str] = []
        if self.mnist_before is not None and self.mnist_after is not None:
            delta = (self.mnist_after - self.mnist_before) * 100
            out.append(f"MNIST test accuracy: {self.mnist_before:.2%} → {self.mnist_after:.2%} ({delta:+.2f} points)")
        if not math.isnan(self.personal_after):
            out.append(
                f"your examples ({self.personal_method}): {self.personal_before:.0%} → {self.personal_after:.0%}"
            )
        if self.changed:
            fixed = sum(c.after == c.label for c in self.changed)
            out.append(f"{len(self.changed)} of your examples changed prediction, {fixed} of them now right")
        out.extend(self.notes)
        out.append(f"{self.personal_count} examples, {self.seconds:.1f} s")
        return out


FineTuneEvent = FineTuneProgress | WeightsSnapshot | Diverged | FineTuneStatus | FineTuneReport | Finished
RunEvent = TrainingEvent | FineTuneEvent


def format_duration(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on), or "–" for a time not known (NaN, infinite or negative)."""
    if not math.isfinite(seconds) or seconds < 0:
        return "–"
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"
