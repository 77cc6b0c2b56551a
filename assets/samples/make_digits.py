"""Writes digits.json: one canonical drawing of each digit 0-9, the self-test's sample drawings.

    python assets/samples/make_digits.py

Each digit is the first (most common) style of ``lenet_gui.core.strokes``, placed where a person would draw it on
the 280×280 canvas with the canvas's default pen, as strokes in ``DrawingCanvas.draw_strokes``'s format. Points
closer than about 3 paper units are dropped (the canvas joins points with smooth curves anyway), which keeps the
file small and the drawings as legible as the templates.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from lenet_gui.core.strokes import default_box, digit_strokes, place_strokes

PAPER_SIZE = 280
PEN_WIDTH = 20.0  # the canvas's default pen
SPACING = 3.0  # paper units between kept points


def thin(points: np.ndarray, spacing: float) -> list[list[float]]:
    kept = [points[0]]
    for point in points[1:-1]:
        if np.hypot(*(point - kept[-1])) >= spacing:
            kept.append(point)
    if len(points) > 1:
        kept.append(points[-1])
    return [[round(float(x), 1), round(float(y), 1)] for x, y in kept]


def sample_drawings() -> dict[str, object]:
    box = default_box((PAPER_SIZE, PAPER_SIZE))
    digits = {
        str(digit): [
            {"width": PEN_WIDTH, "erase": False, "points": thin(stroke, SPACING)}
            for stroke in place_strokes(digit_strokes(digit), box)
        ]
        for digit in range(10)
    }
    return {"paper_size": PAPER_SIZE, "digits": digits}


if __name__ == "__main__":
    out = Path(__file__).with_name("digits.json")
    out.write_text(json.dumps(sample_drawings(), separators=(",", ":")) + "\n")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
