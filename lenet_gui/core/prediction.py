"""What one drawing's prediction is, torch-free: probabilities, the picture the network saw, every stage's output.

Both predictors make these: ``inference.Predictor`` (torch) and ``numpy_lenet.NumpyPredictor`` (numpy only, which
answers the first drawings while torch is still loading).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# When the app says "sure" and when "not sure": one rule, in core.confidence.
from lenet_gui.core.confidence import CONFIDENT_MARGIN, CONFIDENT_PROBABILITY


@dataclass(frozen=True)
class Prediction:
    """Everything the app shows about one drawing; all numpy, so it crosses into the GUI freely."""

    probabilities: np.ndarray  # (10,) float32 softmax, sums to 1
    pixels: np.ndarray  # (32, 32) float32 0..1: the image the network actually saw
    activations: dict[str, np.ndarray]  # conv1 (6,28,28), pool1 (6,14,14), conv2 (16,10,10), pool2, fc1, fc2, logits

    @property
    def digit(self) -> int:
        return int(np.argmax(self.probabilities))

    @property
    def confidence(self) -> float:
        return float(self.probabilities.max())

    @property
    def sure(self) -> bool:
        """False when the network hedges: low top probability, or a close runner-up."""
        top, runner_up = np.sort(self.probabilities)[-2:][::-1]
        return bool(top >= CONFIDENT_PROBABILITY and top - runner_up >= CONFIDENT_MARGIN)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Ten logits → probabilities (float32), computed in float64 so that large logits do not overflow."""
    wide = logits.astype(np.float64)
    exponentials = np.exp(wide - wide.max())
    probabilities: np.ndarray = (exponentials / exponentials.sum()).astype(np.float32)
    return probabilities
