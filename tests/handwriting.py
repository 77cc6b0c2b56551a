"""Handwriting the bundled weights have never seen, for the tests of learning a person's own style.

The style here is a one written the Continental way with a long rising flag and no base: it is not among
``core.strokes.STYLES`` (so the bundled weights were never trained on it) and they read it as a seven almost every
time, which is exactly the mistake a user would correct.
"""

from __future__ import annotations

import numpy as np

from lenet_gui.core import strokes

LONG_FLAG_ONE = 1


def long_flag_one(rng: np.random.Generator) -> list[np.ndarray]:
    """Unit-box strokes of one such 1, varied like a person's hand (slant, tilt, tremor, proportions)."""
    top = (float(rng.uniform(0.55, 0.62)), 0.0)
    start = (float(rng.uniform(0.1, 0.2)), float(rng.uniform(0.45, 0.6)))  # a steep flag, not a 7's bar
    foot = (top[0] + float(rng.uniform(-0.03, 0.03)), 1.0)
    template = [strokes._join(strokes._line(start, top), strokes._line(top, foot))]
    return strokes._fit_unit_box(strokes._vary(template, rng))


def draw_long_flag_one(rng: np.random.Generator, size: int = 280) -> np.ndarray:
    """The canvas picture of a long-flag 1 (uint8, dark on white) at a random pen width."""
    placed = strokes.place_strokes(long_flag_one(rng), strokes.default_box((size, size)))
    return strokes.render_strokes(placed, (size, size), float(rng.uniform(12, 24)))


def paper_strokes(rng: np.random.Generator, margin: float = 0.18) -> list[list[tuple[float, float]]]:
    """A long-flag 1 as point lists in the canvas's 280×280 paper units, for dragging the mouse along."""
    placed = strokes.place_strokes(long_flag_one(rng), strokes.default_box((280, 280), margin))
    return [[(float(x), float(y)) for x, y in stroke[:: max(1, len(stroke) // 24)]] for stroke in placed]
