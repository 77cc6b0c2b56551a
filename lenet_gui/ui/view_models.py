"""View models: the plain values that cross from the workers into the widgets (numpy arrays, floats and strings,
never tensors).

The workers build these from core objects in their own threads, so a widget can show them without importing torch
or knowing how they were computed. A prediction crosses as core's own frozen ``Prediction``; ``PredictionView`` is
only the shape the widgets rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from lenet_gui.core.confidence import Reading, read_probabilities
from lenet_gui.core.config import FAST, Augmentation, Schedule, TrainingConfig, fast_recipe
from lenet_gui.core.parameters import LAYER_WEIGHTS, Histogram, ParameterStats, ParameterSummary
from lenet_gui.core.weights_files import WeightsFileInfo as WeightsFile

if TYPE_CHECKING:  # numpy is only needed once there are arrays, which come from the workers
    import numpy as np

__all__ = [
    "LAYER_WEIGHTS",
    "ModelInfo",
    "ParameterStats",
    "PredictionView",
    "ResultsOwner",
    "TrainingSettings",
    "WeightsFile",
    "WeightsView",
    "reading",
]


class PredictionView(Protocol):
    """One drawing as the network read it: what the panels read of core's ``inference.Prediction``."""

    @property
    def probabilities(self) -> np.ndarray: ...  # (10,) softmax

    @property
    def pixels(self) -> np.ndarray: ...  # (32, 32) 0..1, white ink on black: what the network saw

    @property
    def activations(self) -> dict[str, np.ndarray]: ...  # conv1, pool1, conv2, pool2, fc1, fc2, logits

    @property
    def digit(self) -> int: ...

    @property
    def confidence(self) -> float: ...

    @property
    def sure(self) -> bool: ...


def reading(prediction: PredictionView) -> Reading:
    """How sure the network is about ``prediction``: core.confidence's kind, the top digit and its runner-up."""
    return read_probabilities(prediction.probabilities)


@dataclass(frozen=True)
class WeightsView:
    """What the filter and parameter panels show about the weights the predictor is using right now: core's
    summary (filters, statistics, histograms), and whether it is a snapshot of a run going on."""

    summary: ParameterSummary
    live: bool  # a snapshot of a training run in progress
    step: str = ""  # "epoch 2, step 140" while training

    @property
    def conv1(self) -> np.ndarray:  # (6, 5, 5)
        return self.summary.conv1

    @property
    def conv2(self) -> np.ndarray:  # (16, 6, 5, 5)
        return self.summary.conv2

    @property
    def stats(self) -> tuple[ParameterStats, ...]:
        return self.summary.stats

    @property
    def histograms(self) -> dict[str, Histogram]:
        return self.summary.histograms

    @property
    def total(self) -> int:
        return self.summary.total


@dataclass(frozen=True)
class ModelInfo:
    """Sent once the network is loaded, and again whenever other weights are loaded."""

    summary: str  # the tutorial's print(net), the parameter table and its total
    description: str  # where the weights came from and how good they are, for the status bar
    source: str  # a file path, or "" for random weights
    random_weights: bool
    bundled: bool
    torch_version: str
    metadata: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class TrainingSettings:
    """The choices in the training panel: core's fast recipe with what the panel lets a person change."""

    epochs: int = FAST.epochs
    batch_size: int = FAST.batch_size
    learning_rate: float = FAST.learning_rate
    optimizer: str = FAST.optimizer  # "sgd" or "adam"
    augment: bool = FAST.augment  # off: a click shows a network reach 99% in seconds
    continue_from_current: bool = False  # from scratch, so the curves show learning rather than fine-tuning
    download: bool = False  # allowed to fetch MNIST if it is missing
    # The rest of a recipe, set in the recipe editor (the fast recipe's values until someone changes them).
    schedule: Schedule = FAST.schedule
    weight_decay: float = FAST.weight_decay
    label_smoothing: float = FAST.label_smoothing
    augmentation: Augmentation = FAST.augmentation
    seed: int | None = None  # None: a new random seed every run
    # "auto", "cpu" or "cuda": the Train button uses a GPU when PyTorch sees one (the CLI's recipes say "cpu", so
    # that a command repeats a run exactly wherever it runs).
    device: str = "auto"

    def config(self, *, snapshot_seconds: float = 0.0) -> TrainingConfig:
        """core's TrainingConfig for a run with these choices (every click a new run unless a seed is fixed)."""
        base = fast_recipe(
            epochs=self.epochs,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            optimizer=self.optimizer,
            augment=self.augment,
            seed=self.seed,
            snapshot_seconds=snapshot_seconds,
            device=self.device,
        )
        return replace(
            base,
            schedule=self.schedule,
            weight_decay=self.weight_decay,
            label_smoothing=self.label_smoothing,
            augmentation=self.augmentation,
        )


class ResultsOwner:
    """Which weights a panel's results describe, so that it drops them once other weights are in use.

    A run's results describe the run's weights: still true once they are kept (the next weights announced are
    those), no longer once they are discarded or other weights are loaded. The panel says when a run made results
    and when Keep was asked, and passes on every ``ModelInfo.source`` announced; ``weights_in_use`` answers whether
    the results on screen went stale. Announcing the same weights again (a refresh) changes nothing.
    """

    _RUN = "\0the run's weights"  # no file is called that

    def __init__(self) -> None:
        self._for: str | None = None  # None: nothing known yet, nothing to drop
        self._keeping = False

    def made_by_run(self) -> None:
        self._for = self._RUN

    def keeping(self, keeping: bool = True) -> None:
        """Keep was asked (True), or it failed and the weights are offered again (False)."""
        self._keeping = keeping

    def weights_in_use(self, source: str) -> bool:
        """These weights are in use now: True when the results shown describe other weights."""
        if self._keeping:
            self._keeping = False
            self._for = source
            return False
        stale = self._for is not None and self._for != source
        self._for = source
        return stale
