"""Predictions as plain numpy: probabilities, an honest confidence verdict, and every layer's activations.

A ``Predictor`` owns its own copy of the weights. Training never touches it; the training loop hands over new
snapshots (``load_state``) and the next prediction uses them, so reading and learning never share a module.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from lenet_gui.core import threads
from lenet_gui.core.model import Net
from lenet_gui.core.preprocess import Normalized, normalize

# Below this top probability the app says "not sure" rather than pretending.
CONFIDENT_PROBABILITY = 0.6
# Nor is it sure when the runner-up is close behind: the drawing sits between two digits.
CONFIDENT_MARGIN = 0.25


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


class Predictor:
    """LeNet in eval mode over a private weights snapshot; thread-safe, and cheap enough to call per stroke."""

    def __init__(self, state_dict: Mapping[str, torch.Tensor] | None = None) -> None:
        self._lock = threading.Lock()
        self._model = Net().eval()
        if state_dict is not None:
            self.load_state(state_dict)

    def load_state(self, state_dict: Mapping[str, torch.Tensor]) -> None:
        """Copy new weights in (the caller may keep changing its tensors afterwards)."""
        with self._lock, torch.no_grad():
            self._model.load_state_dict({k: v.detach().to("cpu", torch.float32) for k, v in state_dict.items()})

    def state_dict(self) -> dict[str, torch.Tensor]:
        with self._lock:
            return {k: v.clone() for k, v in self._model.state_dict().items()}

    def predict_image(self, image: np.ndarray) -> Prediction | None:
        """Canvas or file pixels → a prediction through the shared preprocessing; None for a blank image."""
        normalized = normalize(image)
        return None if normalized is None else self.predict_normalized(normalized)

    @torch.inference_mode()
    def predict_normalized(self, normalized: Normalized) -> Prediction:
        x = torch.from_numpy(normalized.model_input).reshape(1, 1, 32, 32)
        with self._lock:
            stages = self._model.forward_with_activations(x, convolve=_direct_convolution)
        # Fresh output tensors: their numpy views need no copy. Ten numbers are softmaxed faster in numpy.
        activations = {name: t.numpy()[0] for name, t in stages.items()}
        logits = activations["logits"].astype(np.float64)
        exponentials = np.exp(logits - logits.max())
        probabilities = (exponentials / exponentials.sum()).astype(np.float32)
        return Prediction(probabilities, normalized.pixels, activations)

    @torch.inference_mode()
    def probabilities(self, model_inputs: np.ndarray) -> np.ndarray:
        """A batch (N, 32, 32) of standardized inputs → (N, 10) probabilities, for the CLI and evaluations."""
        x = torch.from_numpy(np.ascontiguousarray(model_inputs, dtype=np.float32)).reshape(-1, 1, 32, 32)
        with self._lock:
            logits = self._model(x)
        return torch.softmax(logits, dim=1).numpy()


def _direct_convolution(layer: nn.Conv2d, x: torch.Tensor) -> torch.Tensor:
    """The layer's convolution through ATen's plain im2col + GEMM kernel instead of oneDNN.

    For one 32×32 image oneDNN's per-call set-up dominates: 73 µs against 23 µs for conv1 on the development
    machine, which is most of a prediction's time. Turning oneDNN off globally would do the same but slow training
    in the same process by half, so the kernel is chosen here, per call. Same arithmetic (results agree to 1e-6).
    """
    if _SLOW_CONV is None:  # a torch without the private kernel: the layer's own (oneDNN) path
        result: torch.Tensor = layer(x)
        return result
    kernel = list(layer.kernel_size)
    direct: torch.Tensor = _SLOW_CONV(x, layer.weight, kernel, layer.bias, list(layer.stride), list(layer.padding))
    return direct


_SLOW_CONV = getattr(torch.ops.aten, "_slow_conv2d_forward", None)


def configure_for_latency() -> None:
    """Call once in the thread that predicts: batch-1 LeNet gains nothing from a second thread, and loses a lot.

    Two OpenMP teams on two cores spin against each other: a prediction that takes 1.5 ms alone was measured at
    70-90 ms with a busy neighbour and two threads. Threads started later inherit this count, so training resets
    its own (``threads.use_default_threads`` at the start of ``training.train``).
    """
    threads.use_one_thread()
