"""The hand-authored check's stored inputs are what the app's canvas makes of the authored strokes today."""

from __future__ import annotations

import numpy as np

from benchmarks.hand_check import CONDITIONS, INPUTS, load_samples, render_all
from lenet_gui.core.preprocess import normalize


def test_stored_inputs_match_a_fresh_canvas_rendering(qtbot) -> None:  # type: ignore[no-untyped-def]
    samples = load_samples()
    pictures, digits, _, conditions = render_all(samples)
    stored = np.load(INPUTS)
    np.testing.assert_array_equal(digits, stored["digits"])
    np.testing.assert_array_equal(conditions, stored["conditions"])
    # Every 9th drawing is enough to catch a changed canvas, preprocessing or strokes file, and stays quick.
    for i in range(0, len(pictures), 9):
        normalized = normalize(pictures[i])
        assert normalized is not None
        fresh = np.round(normalized.pixels * 255).astype(np.int16)
        difference = np.abs(fresh - stored["pixels"][i].astype(np.int16))
        assert difference.mean() < 1.0, (i, str(conditions[i]), int(digits[i]))
    assert len(pictures) == len(samples) * len(CONDITIONS)
