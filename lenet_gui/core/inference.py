"""Predictions as plain numpy: probabilities, an honest confidence verdict, and every layer's activations.

A ``Predictor`` owns its own copy of the weights. Training never touches it; the training loop hands over new
snapshots (``load_state``) and the next prediction uses them, so reading and learning never share a module.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lenet_gui.core import threads
from lenet_gui.core.confidence import CONFIDENT_MARGIN, CONFIDENT_PROBABILITY
from lenet_gui.core.model import ACTIVATION_NAMES, Net
from lenet_gui.core.prediction import Prediction, softmax
from lenet_gui.core.preprocess import Normalized, normalize

__all__ = ["CONFIDENT_MARGIN", "CONFIDENT_PROBABILITY", "Prediction", "Predictor", "configure_for_latency"]


class Predictor:
    """LeNet in eval mode over a private weights snapshot; thread-safe, and cheap enough to call per stroke."""

    def __init__(self, state_dict: Mapping[str, torch.Tensor] | None = None) -> None:
        self._lock = threading.Lock()
        self._model = Net().eval()
        self._forward_one = _OneImageForward(self._model)
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
            activations = self._forward_one(x)
        # Ten numbers are softmaxed faster in numpy.
        return Prediction(softmax(activations["logits"]), normalized.pixels, activations)

    @torch.inference_mode()
    def probabilities(self, model_inputs: np.ndarray) -> np.ndarray:
        """A batch (N, 32, 32) of standardized inputs → (N, 10) probabilities, for the CLI and evaluations."""
        x = torch.from_numpy(np.ascontiguousarray(model_inputs, dtype=np.float32)).reshape(-1, 1, 32, 32)
        with self._lock:
            logits = self._model(x)
        return torch.softmax(logits, dim=1).numpy()


class _OneImageForward:
    """``Net.forward_with_activations`` for one image (1, 1, 32, 32), returned as numpy, with the per-call costs
    that dominate at this size taken out; called under inference mode.

    The same operations in the same order, so the same numbers (tests/core/test_fast_inference.py holds it to
    the model's own to 1e-5, so a change to the model shows there):
    the direct convolution (see ``_convolve``); ReLU in place on the fresh outputs; 2×2 max pooling as
    two np.maximum over views (a max is exact, and torch's max_pool2d costs more than the convolution it
    follows for one image); the parameters held as plain tensors, so nn.Module's attribute lookups and call
    machinery stay out of the way. Every output is a fresh array, so the numpy views need no copy.
    """

    def __init__(self, model: Net) -> None:
        # Views of the model's own parameters: load_state_dict copies new weights into them in place.
        self._conv1 = _weight_and_bias(model.conv1)
        self._conv2 = _weight_and_bias(model.conv2)
        self._fc1 = _weight_and_bias(model.fc1)
        self._fc2 = _weight_and_bias(model.fc2)
        self._fc3 = _weight_and_bias(model.fc3)

    def __call__(self, x: torch.Tensor) -> dict[str, np.ndarray]:
        conv1 = _convolve(x, *self._conv1).relu_().numpy()[0]  # (6, 28, 28)
        pool1 = _max_pool_2x2(conv1)  # (6, 14, 14)
        conv2 = _convolve(torch.from_numpy(pool1).unsqueeze(0), *self._conv2).relu_().numpy()[0]  # (16, 10, 10)
        pool2 = _max_pool_2x2(conv2)  # (16, 5, 5)
        fc1 = F.linear(torch.from_numpy(pool2).reshape(1, -1), *self._fc1).relu_()  # (1, 120)
        fc2 = F.linear(fc1, *self._fc2).relu_()  # (1, 84)
        logits = F.linear(fc2, *self._fc3)  # (1, 10)
        stages = (conv1, pool1, conv2, pool2, fc1.numpy()[0], fc2.numpy()[0], logits.numpy()[0])
        return dict(zip(ACTIVATION_NAMES, stages, strict=True))


def _weight_and_bias(layer: nn.Conv2d | nn.Linear) -> tuple[torch.Tensor, torch.Tensor]:
    if layer.bias is None:  # the tutorial's layers all have one
        raise ValueError(f"{layer} has no bias")
    return layer.weight.detach(), layer.bias.detach()


def _convolve(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """A stride-1, unpadded convolution through ATen's plain im2col + GEMM kernel instead of oneDNN.

    For one 32×32 image oneDNN's per-call set-up dominates: 73 µs against 23 µs for conv1 on the development
    machine, which is most of a prediction's time. Turning oneDNN off globally would do the same but slow training
    in the same process by half, so the kernel is chosen here, per call. Same arithmetic (results agree to 1e-6).
    """
    if _SLOW_CONV is None:  # a torch without the private kernel: the usual (oneDNN) path
        return F.conv2d(x, weight, bias)
    result: torch.Tensor = _SLOW_CONV(x, weight, list(weight.shape[2:]), bias, [1, 1], [0, 0])
    return result


def _max_pool_2x2(maps: np.ndarray) -> np.ndarray:
    """(C, H, W) → (C, H/2, W/2): the largest of each 2×2 block, as F.max_pool2d(x, 2) for even H and W.

    First the larger of each pair of rows (two contiguous halves of a (C, H/2, 2W) view), then of each pair of
    columns.
    """
    channels, height, width = maps.shape
    row_pairs = maps.reshape(channels, height // 2, 2 * width)
    rows = np.maximum(row_pairs[:, :, :width], row_pairs[:, :, width:])
    pooled: np.ndarray = np.maximum(rows[:, :, 0::2], rows[:, :, 1::2])
    return pooled


_SLOW_CONV = getattr(torch.ops.aten, "_slow_conv2d_forward", None)


def configure_for_latency() -> None:
    """Call once in the thread that predicts: batch-1 LeNet gains nothing from a second thread, and loses a lot.

    Two OpenMP teams on two cores spin against each other: a prediction that takes 1.5 ms alone was measured at
    70-90 ms with a busy neighbour and two threads. Threads started later inherit this count, so training resets
    its own (``threads.use_default_threads`` at the start of ``training.train``).
    """
    threads.use_one_thread()
