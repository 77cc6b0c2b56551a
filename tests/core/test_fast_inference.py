"""The Predictor's one-image forward (issue 14's latency work) against the model's own ``forward_with_activations``:
the same stages, shapes and numbers, and no prediction shares memory with the next."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.inference import Predictor
from lenet_gui.core.model import ACTIVATION_NAMES, Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, Normalized


def _inputs(count: int, seed: int) -> list[Normalized]:
    rng = np.random.default_rng(seed)
    pixels = (rng.random((count, 32, 32)) * (rng.random((count, 32, 32)) < 0.3)).astype(np.float32)
    return [Normalized(p, ((p - MNIST_MEAN) / MNIST_STD).astype(np.float32)) for p in pixels]


@pytest.mark.parametrize("weights", ["bundled", "random"])
def test_activations_and_probabilities_are_the_models_own(weights: str) -> None:
    torch.manual_seed(0)
    state = load_bundled().state_dict if weights == "bundled" else Net().state_dict()
    model = Net().eval()
    model.load_state_dict(state)
    predictor = Predictor(state)
    for normalized in _inputs(20, seed=1):
        prediction = predictor.predict_normalized(normalized)
        with torch.no_grad():
            expected = model.forward_with_activations(torch.from_numpy(normalized.model_input).reshape(1, 1, 32, 32))
        assert list(prediction.activations) == list(ACTIVATION_NAMES)
        for name, tensor in expected.items():
            got = prediction.activations[name]
            assert got.shape == tuple(tensor.shape[1:]) and got.dtype == np.float32, name
            np.testing.assert_allclose(got, tensor[0].numpy(), rtol=0, atol=1e-5, err_msg=name)
        np.testing.assert_allclose(
            prediction.probabilities, torch.softmax(expected["logits"][0], 0).numpy(), rtol=0, atol=1e-6
        )
        assert prediction.probabilities.sum() == pytest.approx(1.0, abs=1e-6)


def test_a_prediction_is_not_overwritten_by_the_next() -> None:
    predictor = Predictor(load_bundled().state_dict)
    first_input, second_input = _inputs(2, seed=2)
    first = predictor.predict_normalized(first_input)
    kept = {name: values.copy() for name, values in first.activations.items()}
    predictor.predict_normalized(second_input)
    for name, values in kept.items():
        np.testing.assert_array_equal(first.activations[name], values, err_msg=name)


def test_new_weights_are_used_by_the_next_prediction() -> None:
    """The fast path holds views of the model's parameters; load_state must reach them (it copies in place)."""
    predictor = Predictor(load_bundled().state_dict)
    (normalized,) = _inputs(1, seed=3)
    before = predictor.predict_normalized(normalized).activations["logits"].copy()
    torch.manual_seed(5)
    fresh = Net().eval()
    predictor.load_state(fresh.state_dict())
    after = predictor.predict_normalized(normalized).activations["logits"]
    with torch.no_grad():
        expected = fresh(torch.from_numpy(normalized.model_input).reshape(1, 1, 32, 32))[0].numpy()
    np.testing.assert_allclose(after, expected, rtol=0, atol=1e-5)
    assert np.abs(after - before).max() > 0.1
