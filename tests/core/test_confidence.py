"""The prediction's verdict from its ten probabilities: confident, two-way, leaning, or not a digit at all."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.core.confidence import Kind, read_probabilities


def probabilities(**by_digit: float) -> np.ndarray:
    """Given digits' probabilities (d0=…, d7=…); the rest of the mass spread evenly over the other digits."""
    values = np.zeros(10)
    for key, value in by_digit.items():
        values[int(key[1:])] = value
    rest = [d for d in range(10) if f"d{d}" not in by_digit]
    values[rest] = (1.0 - values.sum()) / len(rest)
    return values.astype(np.float32)


@pytest.mark.parametrize(
    ("probs", "kind", "digit"),
    [
        (probabilities(d7=0.97), Kind.CONFIDENT, 7),
        (probabilities(d3=0.6, d5=0.36), Kind.TWO_WAY, 3),  # a lead of 0.25 is needed to be sure
        (probabilities(d4=0.45, d9=0.45), Kind.TWO_WAY, 4),  # a tie: the lower digit first, as argmax
        (probabilities(d1=0.4, d7=0.3), Kind.TWO_WAY, 1),
        (probabilities(d2=0.55, d8=0.1), Kind.LEANING, 2),  # ahead, but no real rival and not sure
        (probabilities(d6=0.5, d0=0.19, d5=0.19), Kind.LEANING, 6),  # a runner-up under 0.2 is no rival
        (np.full(10, 0.1, np.float32), Kind.UNCLEAR, 0),  # the scribble of issue 10.10
        (probabilities(d0=0.12, d9=0.11), Kind.UNCLEAR, 0),
        (probabilities(d1=0.3, d2=0.3, d3=0.3), Kind.UNCLEAR, 1),  # three-way is not "1 or 2"
        (probabilities(d8=0.4, d3=0.15), Kind.UNCLEAR, 8),
    ],
)
def test_each_kind_by_its_thresholds(probs: np.ndarray, kind: Kind, digit: int) -> None:
    reading = read_probabilities(probs)
    assert (reading.kind, reading.digit) == (kind, digit), probs
    assert reading.looks_like_a_digit == (kind is not Kind.UNCLEAR)
    assert reading.sure == (kind is Kind.CONFIDENT)


def test_the_runner_up_and_the_probabilities_are_reported() -> None:
    reading = read_probabilities(probabilities(d4=0.5, d9=0.3))
    assert (reading.digit, reading.runner_up) == (4, 9)
    assert reading.probability == pytest.approx(0.5) and reading.runner_up_probability == pytest.approx(0.3)


def test_sure_is_the_predictions_own_verdict() -> None:
    """Prediction.sure (core.inference) and the confident kind are one rule: the thresholds live in one place."""
    from lenet_gui.core.inference import Prediction  # noqa: PLC0415  # torch: only for this check

    rng = np.random.default_rng(0)
    for _ in range(300):
        probs = rng.dirichlet(np.full(10, rng.choice([0.05, 0.3, 1.0]))).astype(np.float32)
        prediction = Prediction(probs, np.zeros((32, 32), np.float32), {})
        assert prediction.sure == read_probabilities(probs).sure
