"""How to arrange the stacked heatmaps of the filters panel so that they use the room the panel has (issue 10.20).

Each layer is drawn as a grid of maps, in a row of its own, stretched to the panel's width as far as the height
allows. A grid's shape is its choice: six 28×28 maps side by side are flat, in two rows of three they are taller.
A flat grid in a tall panel leaves the height empty, a tall grid in a flat panel leaves the sides empty. This picks,
for each layer, the grid that makes the maps largest overall once every row is drawn as wide as the panel and the
rows together fit its height. Pure arithmetic on sizes; no Qt.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Layer:
    count: int  # maps
    height: int  # of one map, in values
    width: int
    columns: tuple[int, ...]  # the grids it may take, as numbers of columns


def grid_size(layer: Layer, columns: int, gap: int = 1) -> tuple[int, int]:
    """(height, width) in values of ``layer`` tiled in ``columns`` columns with ``gap`` between maps."""
    rows = math.ceil(layer.count / columns)
    return rows * (layer.height + gap) - gap, columns * (layer.width + gap) - gap


def aspect(layer: Layer, columns: int) -> float:
    height, width = grid_size(layer, columns)
    return height / width


def choose_columns(layers: Sequence[Layer], width: float, height: float, titles: float) -> tuple[int, ...]:
    """For each layer, how many columns, for a ``width`` × ``height`` panel where ``titles`` of the height go to the
    rows' titles: the combination whose maps come out largest (by their sizes' geometric mean), each row drawn
    as wide as the panel unless together they would be too tall, then all shrunk alike."""
    room = max(height - titles, 1.0)
    best: tuple[float, tuple[int, ...]] = (-math.inf, tuple(layer.columns[0] for layer in layers))
    for combination in itertools.product(*(layer.columns for layer in layers)):
        total = sum(aspect(layer, columns) for layer, columns in zip(layers, combination, strict=True))
        scale = min(1.0, room / (width * total))
        score = sum(
            math.log(scale * width * layer.width / grid_size(layer, columns)[1])
            for layer, columns in zip(layers, combination, strict=True)
        )
        if score > best[0] + 1e-9:
            best = (score, combination)
    return best[1]


def image_heights(layers: Sequence[Layer], columns: Sequence[int], width: float, room: float) -> list[float]:
    """Each row's image height: as wide as the panel, all shrunk alike when together they would need more than
    ``room``."""
    needed = [aspect(layer, c) * width for layer, c in zip(layers, columns, strict=True)]
    scale = min(1.0, room / max(sum(needed), 1e-9))
    return [height * scale for height in needed]
