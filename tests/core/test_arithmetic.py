"""The network view's arithmetic against the network's own activations: the numbers it shows are the real ones."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lenet_gui.core.arithmetic import conv_arithmetic, softmax, strongest_inputs
from lenet_gui.core.model import Net


@pytest.fixture(scope="module")
def network() -> tuple[Net, dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray]]:
    torch.manual_seed(3)
    net = Net().eval()
    image = torch.randn(1, 1, 32, 32)
    with torch.no_grad():
        stages = net.forward_with_activations(image)
    state = {k: v.numpy().copy() for k, v in net.state_dict().items()}
    return net, state, image[0].numpy(), {k: v[0].numpy() for k, v in stages.items()}


@pytest.mark.parametrize(("channel", "row", "col"), [(0, 0, 0), (3, 13, 7), (5, 27, 27)])
def test_conv1_value_matches_the_activation(network, channel: int, row: int, col: int) -> None:  # type: ignore[no-untyped-def]
    net, state, image, stages = network
    arithmetic = conv_arithmetic(state, "conv1", image, channel, row, col)
    assert arithmetic.chosen.relu == pytest.approx(float(stages["conv1"][channel, row, col]), abs=1e-5)
    # an independent computation: the convolution before ReLU, by torch
    with torch.no_grad():
        raw = net.conv1(torch.from_numpy(image)[None])[0, channel, row, col].item()
    assert arithmetic.chosen.value == pytest.approx(raw, abs=1e-5)
    assert arithmetic.products.sum() == pytest.approx(arithmetic.chosen.total, abs=1e-6)
    assert arithmetic.chosen.value == pytest.approx(arithmetic.chosen.total + arithmetic.chosen.bias)
    pooled_row, pooled_col = arithmetic.pool_position
    assert arithmetic.pooled == pytest.approx(float(stages["pool1"][channel, pooled_row, pooled_col]), abs=1e-5)
    assert arithmetic.kernels.shape == arithmetic.patches.shape == (1, 5, 5)


@pytest.mark.parametrize(("channel", "row", "col"), [(0, 0, 0), (9, 4, 6), (15, 9, 9)])
def test_conv2_sums_over_six_channels(network, channel: int, row: int, col: int) -> None:  # type: ignore[no-untyped-def]
    net, state, _, stages = network
    arithmetic = conv_arithmetic(state, "conv2", stages["pool1"], channel, row, col)
    assert arithmetic.kernels.shape == (6, 5, 5)
    assert arithmetic.chosen.channel_sums.shape == (6,)
    pool1 = torch.from_numpy(stages["pool1"])[None]
    with torch.no_grad():  # each input channel alone through the same kernel slice, without bias
        per_channel = [
            F.conv2d(pool1[:, c : c + 1], net.conv2.weight[channel : channel + 1, c : c + 1])[0, 0, row, col].item()
            for c in range(6)
        ]
    np.testing.assert_allclose(arithmetic.chosen.channel_sums, per_channel, atol=1e-5)
    assert arithmetic.chosen.relu == pytest.approx(float(stages["conv2"][channel, row, col]), abs=1e-5)
    pooled_row, pooled_col = arithmetic.pool_position
    assert arithmetic.pooled == pytest.approx(float(stages["pool2"][channel, pooled_row, pooled_col]), abs=1e-5)
    assert len(arithmetic.pool_window) == 4


def test_out_of_range_and_unknown_layers_are_refused(network) -> None:  # type: ignore[no-untyped-def]
    _, state, image, _ = network
    with pytest.raises(ValueError, match="outside"):
        conv_arithmetic(state, "conv1", image, 0, 28, 0)
    with pytest.raises(ValueError, match="layer"):
        conv_arithmetic(state, "fc1", image, 0, 0, 0)


def test_strongest_inputs_and_softmax() -> None:
    weight = np.array([[0.1, -0.9, 0.5, 0.0]])
    assert strongest_inputs(weight, 0, 2) == [(1, -0.9), (2, 0.5)]
    logits = np.array([1.0, 2.0, 3.0], np.float32)
    np.testing.assert_allclose(softmax(logits), torch.softmax(torch.from_numpy(logits), 0).numpy(), atol=1e-7)
