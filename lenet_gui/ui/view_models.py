"""View models: the plain values that cross from the workers into the widgets (numpy arrays, floats and strings,
never tensors).

The workers build these from core objects in their own threads, so a widget can show them without importing torch
or knowing how they were computed. A prediction crosses as core's own frozen ``Prediction``; ``PredictionView`` is
only the shape the widgets rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # numpy is only needed once there are arrays, which come from the workers
    import numpy as np

LAYER_WEIGHTS = ("conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight", "fc3.weight")


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


def runner_up(prediction: PredictionView) -> tuple[int, float]:
    """The second most probable digit and its probability."""
    order = prediction.probabilities.argsort()[::-1]
    return int(order[1]), float(prediction.probabilities[order[1]])


@dataclass(frozen=True)
class ParameterStats:
    """One row of the parameter table."""

    name: str
    shape: tuple[int, ...]
    count: int
    mean: float
    std: float
    minimum: float
    maximum: float
    gradient_norm: float | None  # only while training


@dataclass(frozen=True)
class WeightsView:
    """What the filter and parameter panels show about the weights the predictor is using right now."""

    conv1: np.ndarray  # (6, 5, 5)
    conv2: np.ndarray  # (16, 6, 5, 5)
    stats: tuple[ParameterStats, ...]
    histograms: dict[str, tuple[np.ndarray, np.ndarray]]  # layer weight name → (counts, bin edges)
    total: int
    live: bool  # a snapshot of a training run in progress
    step: str = ""  # "epoch 2, step 140" while training


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
class WeightsFile:
    """One choice of the weights switcher: the bundled weights or a file in the user's weights folder."""

    path: str  # "" for the bundled weights
    kind: str  # "bundled", "trained" (kept from training), "fine-tuned" (kept from fine-tuning) or "other"
    modified: float  # the file's modification time (POSIX seconds); 0 for the bundled weights
    test_accuracy: float | None  # MNIST test accuracy 0..1 as recorded in the file, if known
    problem: str = ""  # why the file cannot be used, if it cannot


@dataclass(frozen=True)
class TrainingSettings:
    """The choices in the training panel; the worker turns them into core's TrainingConfig."""

    epochs: int = 3
    batch_size: int = 128
    learning_rate: float = 0.1
    optimizer: str = "sgd"  # "sgd" or "adam"
    augment: bool = False  # the fast recipe: a click shows a network reach 99% in seconds
    continue_from_current: bool = False  # from scratch, so the curves show learning rather than fine-tuning
    download: bool = False  # allowed to fetch MNIST if it is missing

    def as_metadata(self) -> dict[str, object]:
        return {
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "learning_rate": self.learning_rate,
            "optimizer": self.optimizer,
            "augment": self.augment,
            "continued": self.continue_from_current,
        }
