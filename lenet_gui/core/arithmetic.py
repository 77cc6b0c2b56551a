"""The arithmetic behind one value of a convolutional feature map, written out number by number.

The network view lets a reader click a pixel of a conv map and see how it came to be: the 5×5 kernel laid over the
input patch under it, the 25 products, their sum (for conv2 one sum per input channel, then their total), plus the
bias, then ReLU, then the 2×2 max pooling that keeps one of four such values. Every number here is computed from
the weights and the layer's input with numpy, independently of torch, so the view can show it and the tests can check
it against the network's own activations (they agree to 1e-5).

Numpy only on purpose: cheap to import, and a record of plain arrays crosses into the GUI thread as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

CONV_LAYERS = ("conv1", "conv2")
KERNEL = 5  # both convolutions use 5×5 kernels, stride 1, no padding
POOL = 2  # followed by 2×2 max pooling


@dataclass(frozen=True)
class ConvValue:
    """One output value of a convolution: ``sum(kernel × patch) + bias``, then ReLU."""

    row: int
    col: int
    channel_sums: np.ndarray  # (C_in,) the sum of products for each input channel
    total: float  # their sum
    bias: float
    value: float  # total + bias: the convolution's output before ReLU
    relu: float  # max(value, 0): what the feature map shows


@dataclass(frozen=True)
class ConvArithmetic:
    """The chosen output pixel in full, and the 2×2 pooling window it belongs to."""

    layer: str  # "conv1" or "conv2"
    channel: int  # the output map
    kernels: np.ndarray  # (C_in, 5, 5) the map's kernel, one 5×5 slice per input channel
    patches: np.ndarray  # (C_in, 5, 5) the input under the kernel at the chosen pixel
    products: np.ndarray  # (C_in, 5, 5) kernels × patches
    chosen: ConvValue
    pool_window: tuple[ConvValue, ...]  # the four values of the 2×2 window, row by row (the chosen one among them)
    pool_origin: tuple[int, int]  # (row, col) of the window's top-left value in the conv map
    pooled: float  # the window's largest ReLU value: what the next stage receives

    @property
    def pool_position(self) -> tuple[int, int]:
        """Where the window's maximum lands in the pooled map."""
        return self.pool_origin[0] // POOL, self.pool_origin[1] // POOL


def conv_value(weight: np.ndarray, bias: np.ndarray, inputs: np.ndarray, channel: int, row: int, col: int) -> ConvValue:
    """One convolution output, by hand: kernel × patch summed per input channel, + bias, ReLU (float64 sums)."""
    kernels = np.asarray(weight[channel], np.float64)
    patches = np.asarray(inputs[:, row : row + KERNEL, col : col + KERNEL], np.float64)
    channel_sums = (kernels * patches).sum(axis=(1, 2))
    total = float(channel_sums.sum())
    value = total + float(bias[channel])
    return ConvValue(row, col, channel_sums, total, float(bias[channel]), value, max(value, 0.0))


def conv_arithmetic(
    state: Mapping[str, np.ndarray], layer: str, inputs: np.ndarray, channel: int, row: int, col: int
) -> ConvArithmetic:
    """The arithmetic of ``layer``'s map ``channel`` at (``row``, ``col``).

    ``state``: the weights by state_dict name (numpy). ``inputs``: the layer's input without a batch axis, i.e. the
    standardized (1, 32, 32) image for conv1 and pool1's (6, 14, 14) for conv2.
    """
    if layer not in CONV_LAYERS:
        raise ValueError(f"layer must be one of {', '.join(CONV_LAYERS)}, not {layer!r}")
    weight = np.asarray(state[f"{layer}.weight"])
    bias = np.asarray(state[f"{layer}.bias"])
    inputs = np.asarray(inputs)
    if inputs.ndim == 2:
        inputs = inputs[None]
    if inputs.shape[0] != weight.shape[1]:
        raise ValueError(f"{layer} takes {weight.shape[1]} input channels, not {inputs.shape[0]}")
    size = inputs.shape[1] - KERNEL + 1
    if not (0 <= channel < weight.shape[0] and 0 <= row < size and 0 <= col < size):
        raise ValueError(f"{layer} has {weight.shape[0]} maps of {size}×{size}; ({channel}, {row}, {col}) is outside")
    kernels = np.asarray(weight[channel], np.float32)
    patches = np.asarray(inputs[:, row : row + KERNEL, col : col + KERNEL], np.float32)
    origin = (row - row % POOL, col - col % POOL)
    window = tuple(
        conv_value(weight, bias, inputs, channel, origin[0] + dy, origin[1] + dx)
        for dy in range(POOL)
        for dx in range(POOL)
    )
    chosen = next(v for v in window if (v.row, v.col) == (row, col))
    return ConvArithmetic(
        layer,
        channel,
        kernels,
        patches,
        kernels.astype(np.float64) * patches.astype(np.float64),
        chosen,
        window,
        origin,
        max(v.relu for v in window),
    )


def strongest_inputs(weight: np.ndarray, unit: int, count: int = 8) -> list[tuple[int, float]]:
    """The ``count`` incoming weights of a fully connected unit with the largest magnitude: (input index, weight)."""
    row = np.asarray(weight[unit])
    order = np.argsort(-np.abs(row), kind="stable")[:count]
    return [(int(i), float(row[i])) for i in order]


def softmax(logits: np.ndarray) -> np.ndarray:
    """The probabilities the output layer's ten numbers stand for (stable: the largest logit is subtracted first)."""
    shifted = np.asarray(logits, np.float64) - np.max(logits)
    exponentials = np.exp(shifted)
    result: np.ndarray = exponentials / exponentials.sum()
    return result
