"""The tutorial's LeNet, layer for layer, plus the views of it the app shows (summary table, activations).

The architecture is fixed on purpose: the app exists to make *this* network tangible, so checkpoints, the GUI
and the CLI all refer to it by ``ARCHITECTURE`` and refuse anything with other shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

ARCHITECTURE = "lenet-tutorial"
INPUT_SIZE = 32  # the tutorial feeds 32×32 images: MNIST's 28×28 padded by 2 on each side
NUM_CLASSES = 10
TOTAL_PARAMETERS = 61_706

# Names of the intermediate results ``forward_with_activations`` returns, in order of computation.
ACTIVATION_NAMES = ("conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "logits")


class Net(nn.Module):
    """Exactly the tutorial's ``Net``: conv1 1→6 5×5, conv2 6→16 5×5, fc 400→120→84→10, ReLU and 2×2 max pooling."""

    def __init__(self) -> None:
        super().__init__()
        # 1 input image channel, 6 output channels, 5x5 square convolution kernel
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        # an affine operation: y = Wx + b
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: (B, 1, 32, 32) → logits (B, 10)
        # The tutorial writes F.max_pool2d(F.relu(self.conv1(x)), (2, 2)). Pooling first and then ReLU gives exactly
        # the same numbers (ReLU never changes which value is largest) with ReLU on a quarter of the values, which
        # makes training a third faster on a CPU. forward_with_activations keeps the tutorial's order for display.
        x = F.relu(F.max_pool2d(self.conv1(x), 2))  # (B, 6, 14, 14)
        x = F.relu(F.max_pool2d(self.conv2(x), 2))  # (B, 16, 5, 5)
        x = torch.flatten(x, 1)  # (B, 400); the tutorial's num_flat_features, without the Python loop
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        logits: torch.Tensor = self.fc3(x)
        return logits

    def forward_with_activations(
        self, x: torch.Tensor, convolve: Callable[[nn.Conv2d, torch.Tensor], torch.Tensor] | None = None
    ) -> dict[str, torch.Tensor]:
        """The same computation as ``forward``, keeping every stage so the app can show feature maps.

        ``convolve(layer, x)`` may replace ``layer(x)``: the same convolution by another kernel (see inference).
        """
        convolve = convolve or _call_layer
        conv1 = F.relu(convolve(self.conv1, x))  # (B, 6, 28, 28)
        pool1 = F.max_pool2d(conv1, 2)  # (B, 6, 14, 14)
        conv2 = F.relu(convolve(self.conv2, pool1))  # (B, 16, 10, 10)
        pool2 = F.max_pool2d(conv2, 2)  # (B, 16, 5, 5)
        fc1 = F.relu(self.fc1(torch.flatten(pool2, 1)))  # (B, 120)
        fc2 = F.relu(self.fc2(fc1))  # (B, 84)
        logits = self.fc3(fc2)  # (B, 10)
        return dict(zip(ACTIVATION_NAMES, (conv1, pool1, conv2, pool2, fc1, fc2, logits), strict=True))


def _call_layer(layer: nn.Conv2d, x: torch.Tensor) -> torch.Tensor:
    result: torch.Tensor = layer(x)
    return result


@dataclass(frozen=True)
class ParameterRow:
    """One line of the parameter table: the tensor's name as in ``state_dict``, its shape and element count."""

    name: str
    shape: tuple[int, ...]
    count: int


def parameter_table(model: nn.Module) -> list[ParameterRow]:
    """The per-tensor table shown by ``lenet-gui info`` and the Parameters panel (ten rows for this LeNet)."""
    return [ParameterRow(name, tuple(p.shape), p.numel()) for name, p in model.named_parameters() if p.requires_grad]


def format_summary(model: nn.Module) -> str:
    """The tutorial's ``print(net)`` followed by the parameter table and its total, as plain text."""
    rows = parameter_table(model)
    name_width = max(len("parameter"), *(len(r.name) for r in rows))
    shape_width = max(len("shape"), *(len(str(list(r.shape))) for r in rows))
    lines = [str(model), "", f"{'parameter':<{name_width}}  {'shape':<{shape_width}}  {'count':>7}"]
    lines += [f"{r.name:<{name_width}}  {list(r.shape)!s:<{shape_width}}  {r.count:>7,}" for r in rows]
    total = sum(r.count for r in rows)
    lines.append(f"{'total':<{name_width}}  {'':<{shape_width}}  {total:>7,}")
    return "\n".join(lines)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
