"""Attributions, silencing and "make it a D" against Captum and hand-written PyTorch (issue 12's definitions)."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from lenet_gui.core.ablation import accuracy, parse_silence, rank_conv_filters, silenced
from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.errors import UserError
from lenet_gui.core.explain import (
    DEFAULT_STEPS,
    METHODS,
    OCCLUSION_POSITIONS,
    baseline_input,
    explain,
    explainable_model,
    map_to_pixels,
    overlay_rgb,
    preferred_inputs,
    top_patches,
)
from lenet_gui.core.make_it import MAKE_BUDGETS, MAKE_MAX_L2, Counterfactual, _forward, make_it, near_ink
from lenet_gui.core.model import Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, to_model_input
from lenet_gui.core.strokes import render_strokes
from lenet_gui.resources import asset_path

captum_attr = pytest.importorskip("captum.attr")

ATOL = 1e-4
INK = (1.0 - MNIST_MEAN) / MNIST_STD
PAPER = (0.0 - MNIST_MEAN) / MNIST_STD


@pytest.fixture(scope="module", autouse=True)
def one_thread():  # type: ignore[no-untyped-def]
    """As the app's inference thread computes (``configure_for_latency``): two OpenMP threads on a busy two-core
    machine spin against each other and make every timing here meaningless."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def model() -> Net:
    return explainable_model(load_bundled().state_dict)


def sample_drawing(digit: int) -> np.ndarray:
    """The bundled sample drawing of ``digit``, drawn as the canvas draws it and preprocessed as the app does."""
    strokes = json.loads(asset_path("samples", "digits.json").read_text())["digits"][str(digit)]
    image = render_strokes([np.asarray(s["points"]) for s in strokes], (280, 280), strokes[0]["width"])
    model_input = to_model_input(image)
    assert model_input is not None
    return model_input


def random_input(seed: int) -> np.ndarray:
    """A random 0..1 picture (sparse bright blobs over faint noise), standardized like a drawing."""
    rng = np.random.default_rng(seed)
    pixels = rng.random((32, 32)) * 0.2
    pixels[rng.random((32, 32)) < 0.15] = 1.0
    return ((pixels - MNIST_MEAN) / MNIST_STD).astype(np.float32)


INPUTS = [("random-0", lambda: random_input(0)), ("random-1", lambda: random_input(1))] + [
    (f"drawn-{d}", lambda d=d: sample_drawing(d)) for d in (1, 7, 8)
]


def batch(model_input: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(model_input, np.float32)).reshape(1, 1, 32, 32)


def score_function(model: nn.Module, target: int, contrast: int | None):  # type: ignore[no-untyped-def]
    """Captum's forward_func: the logits with a target, or logit_t − logit_c as one number per example."""
    if contrast is None:
        return model, target

    def difference(x: torch.Tensor) -> torch.Tensor:
        logits = model(x)  # once: LayerGradCam's hook must see one forward pass
        return logits[:, target] - logits[:, contrast]

    return difference, None


class Conv2ReluExposed(nn.Module):
    """The same function as ``Net`` with conv2's ReLU as a module, so Captum's LayerGradCam can hook A."""

    def __init__(self, net: Net) -> None:
        super().__init__()
        self.net = net
        self.conv2_relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = self.net
        a = self.conv2_relu(n.conv2(F.max_pool2d(F.relu(n.conv1(x)), 2)))
        h = F.relu(n.fc1(torch.flatten(F.max_pool2d(a, 2), 1)))
        return n.fc3(F.relu(n.fc2(h)))  # type: ignore[no-any-return]


@pytest.mark.parametrize("contrast", [None, 2])
@pytest.mark.parametrize(("name", "make_input"), INPUTS)
def test_every_method_agrees_with_captum(model: Net, name: str, make_input, contrast: int | None) -> None:  # type: ignore[no-untyped-def]
    x_np = make_input()
    x, x0 = batch(x_np), batch(baseline_input())
    target = 7 if contrast is None else 5  # a fixed digit: the prediction need not be it
    forward, captum_target = score_function(model, target, contrast)

    ours = explain(model, x_np, "saliency", target=target, contrast=contrast)
    theirs = captum_attr.Saliency(forward).attribute(x, target=captum_target, abs=True)
    np.testing.assert_allclose(ours.map, theirs[0, 0].numpy(), atol=ATOL)

    ours = explain(model, x_np, "integrated-gradients", target=target, contrast=contrast)
    theirs = captum_attr.IntegratedGradients(forward).attribute(
        x, baselines=x0, target=captum_target, n_steps=DEFAULT_STEPS, method="riemann_middle"
    )
    np.testing.assert_allclose(ours.map, theirs[0, 0].numpy(), atol=ATOL)

    exposed = Conv2ReluExposed(model)
    forward_exposed, _ = score_function(exposed, target, contrast)
    ours = explain(model, x_np, "grad-cam", target=target, contrast=contrast)
    theirs = captum_attr.LayerGradCam(forward_exposed, exposed.conv2_relu).attribute(
        x, target=captum_target, relu_attributions=True
    )
    assert ours.map.shape == (10, 10)
    np.testing.assert_allclose(ours.map, theirs[0, 0].detach().numpy(), atol=ATOL)

    def probability_score(inputs: torch.Tensor) -> torch.Tensor:
        p = torch.softmax(model(inputs), 1)
        return p if contrast is None else p[:, target] - p[:, contrast]

    ours = explain(model, x_np, "occlusion", target=target, contrast=contrast)
    theirs = captum_attr.Occlusion(probability_score).attribute(
        x, sliding_window_shapes=(1, 6, 6), strides=(1, 2, 2), baselines=PAPER, target=captum_target
    )
    assert ours.map.shape == (OCCLUSION_POSITIONS, OCCLUSION_POSITIONS) == (14, 14)
    # Captum spreads each position's difference over the patch and averages: map_to_pixels does the same.
    np.testing.assert_allclose(map_to_pixels(ours), theirs[0, 0].numpy(), atol=ATOL)


@pytest.mark.parametrize("digit", [2, 4, 9])
def test_grad_cam_matches_autograd_through_the_apps_own_activations(model: Net, digit: int) -> None:
    """Independent of Captum: ∂logit/∂A from ``forward_with_activations``'s conv2 stage (ReLU'd, tutorial order)."""
    x = batch(sample_drawing(digit)).requires_grad_(True)  # a graph must exist: the weights need no gradient
    stages = model.forward_with_activations(x)
    a = stages["conv2"]
    a.retain_grad()
    stages["logits"][0, digit].backward()
    assert a.grad is not None
    expected = F.relu((a.grad.mean(dim=(2, 3), keepdim=True) * a).sum(1))[0].detach().numpy()
    ours = explain(model, sample_drawing(digit), "grad-cam", target=digit)
    np.testing.assert_allclose(ours.map, expected, atol=1e-6)


def test_occlusion_positions_are_probability_drops_computed_by_hand(model: Net) -> None:
    x_np = sample_drawing(7)
    ours = explain(model, x_np, "occlusion")
    for row, col in [(0, 0), (5, 8), (13, 13)]:
        hidden = x_np.copy()
        hidden[2 * row : 2 * row + 6, 2 * col : 2 * col + 6] = PAPER
        with torch.no_grad():
            p = torch.softmax(model(torch.cat([batch(x_np), batch(hidden)])), 1)[:, ours.target]
        assert ours.map[row, col] == pytest.approx(float(p[0] - p[1]), abs=1e-6)


def test_target_defaults_to_the_prediction_and_probabilities_are_the_inputs(model: Net) -> None:
    x_np = sample_drawing(3)
    with torch.no_grad():
        expected = torch.softmax(model(batch(x_np)), 1)[0].numpy()
    for method in METHODS:
        result = explain(model, x_np, method)
        assert result.target == int(expected.argmax()) == 3
        assert result.contrast is None
        np.testing.assert_allclose(result.probabilities, expected, atol=1e-6)


def test_contrast_is_the_difference_of_the_two_explanations(model: Net) -> None:
    """IG and occlusion are linear in the score: explaining "t rather than c" is explaining t minus explaining c."""
    x_np = sample_drawing(7)
    for method in ("integrated-gradients", "occlusion"):
        both = explain(model, x_np, method, target=7, contrast=1).map
        seven, one = explain(model, x_np, method, target=7).map, explain(model, x_np, method, target=1).map
        np.testing.assert_allclose(both, seven - one, atol=1e-5)
    x = batch(x_np).requires_grad_(True)
    logits = model(x)[0]
    (gradient,) = torch.autograd.grad(logits[7] - logits[1], x)
    np.testing.assert_allclose(explain(model, x_np, "saliency", target=7, contrast=1).map, gradient[0, 0].abs())


def test_blank_input_integrated_gradients_and_occlusion_are_zero(model: Net) -> None:
    blank = baseline_input()
    np.testing.assert_allclose(blank, (0.0 - MNIST_MEAN) / MNIST_STD, rtol=1e-6)  # as preprocess makes a blank pixel
    assert not np.any(explain(model, blank, "integrated-gradients").map)
    assert not np.any(explain(model, blank, "occlusion").map)


def test_single_pixel(model: Net) -> None:
    """One inked pixel: IG lives on that pixel alone and sums to the score's change (completeness); occlusion only
    moves where a patch covers it."""
    x_np = baseline_input().copy()
    x_np[15, 12] = INK
    ig = explain(model, x_np, "integrated-gradients", target=4, steps=256).map
    assert np.count_nonzero(ig) == 1 and ig[15, 12] != 0
    with torch.no_grad():
        change = float(model(batch(x_np))[0, 4] - model(batch(baseline_input()))[0, 4])
    assert float(ig.sum()) == pytest.approx(change, abs=1e-3)
    occ = explain(model, x_np, "occlusion", target=4).map
    covering = np.zeros((14, 14), bool)
    covering[5:8, 4:7] = True  # rows 2r..2r+5 ∋ 15 ⇔ r ∈ 5..7; columns 2c..2c+5 ∋ 12 ⇔ c ∈ 4..6
    assert not np.any(occ[~covering])
    assert np.all(occ[covering] == occ[5, 4])  # each covering patch turns the input back into the blank canvas


def test_bad_requests_are_user_errors(model: Net) -> None:
    x_np = sample_drawing(7)
    with pytest.raises(UserError):
        explain(model, x_np, "integrated-gradients", target=3, contrast=3)
    with pytest.raises(UserError):
        explain(model, x_np, "lime")
    with pytest.raises(UserError):
        explain(model, x_np, "saliency", target=10)


def test_integrated_gradients_is_quick(model: Net) -> None:
    """Issue 12 asks ≤ 30 ms on two cores; the test allows a loaded machine three times that (best of five)."""
    x_np = sample_drawing(5)
    explain(model, x_np, "integrated-gradients")
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        explain(model, x_np, "integrated-gradients")
        best = min(best, time.perf_counter() - started)
    assert best < 0.09


def test_overlay_has_the_drawing_and_the_colours() -> None:
    x_np = sample_drawing(7)
    model = explainable_model(load_bundled().state_dict)
    for method in METHODS:
        image = overlay_rgb(explain(model, x_np, method), x_np, scale=4)
        assert image.shape == (128, 128, 3) and image.dtype == np.uint8
        assert image.min() < 200  # something is drawn or coloured
        assert map_to_pixels(explain(model, x_np, method)).shape == (32, 32)


# --- make it a D ---------------------------------------------------------------------------------------------------


def assert_small_and_honest(result: Counterfactual, x_np: np.ndarray, model: Net) -> None:
    """Every result, reached or not: its probabilities are those of its input, the change is within the L2 bound
    (and its reported size is its size), pixels stay between paper and ink, nothing moves far from the ink."""
    with torch.no_grad():  # recomputed independently
        p = torch.softmax(model(batch(result.model_input)), 1)[0].numpy()
    np.testing.assert_allclose(result.probabilities, p, atol=1e-6)
    assert result.reached == (p[result.digit] >= 0.9)
    change = result.model_input.astype(np.float64) - x_np
    l2 = float(np.sqrt((change**2).sum()))
    assert result.l2_change == pytest.approx(l2, rel=1e-4, abs=1e-6)
    assert result.l2_pixels == pytest.approx(l2 * MNIST_STD, rel=1e-4, abs=1e-6)
    assert result.l2_pixels <= result.budget + 1e-4 <= MAX_L2 + 1e-4
    assert result.model_input.min() >= PAPER - 1e-5 and result.model_input.max() <= INK + 1e-5
    drawn = (x_np * MNIST_STD + MNIST_MEAN) >= 0.1
    near = F.max_pool2d(torch.from_numpy(drawn.astype(np.float32))[None, None], 7, 1, 3)[0, 0].numpy() > 0
    assert not np.any(change[~near])


MAX_L2 = 8.0  # canvas pixels: the bound stated in issue 12's report


def test_the_bound_is_the_stated_one() -> None:
    assert MAKE_MAX_L2 == MAX_L2 == max(MAKE_BUDGETS)


@pytest.mark.parametrize("source", [7, 1, 5])
def test_make_it_a_three_reaches_ninety_percent_near_the_ink(model: Net, source: int) -> None:
    x_np = sample_drawing(source)
    result = make_it(model, x_np, 3, seconds=None)
    assert result.reached and result.digit == 3 and result.probabilities[3] >= 0.9
    assert_small_and_honest(result, x_np, model)


# Pairs where plain gradient ascent walked into the dead zone (all of fc2 off, every digit 10%) and gave up.
@pytest.mark.parametrize(("source", "digit"), [(0, 1), (3, 4), (4, 6), (8, 7), (5, 0), (2, 5)])
def test_make_it_gets_through_where_the_network_goes_dead(model: Net, source: int, digit: int) -> None:
    x_np = sample_drawing(source)
    result = make_it(model, x_np, digit, seconds=None)  # no time limit: the same answer on any machine
    assert result.reached and result.probabilities[digit] >= 0.9
    assert_small_and_honest(result, x_np, model)


def test_the_search_sees_the_real_network() -> None:
    """The leaky gradients change only the backward pass: the forward pass is ``Net.forward``'s, number for
    number, so a probability the search reaches is the app's."""
    model = explainable_model(load_bundled().state_dict)
    x = torch.from_numpy(np.stack([sample_drawing(d) for d in (0, 4, 9)]))[:, None]
    _, logits = _forward(model, x)
    with torch.no_grad():
        np.testing.assert_array_equal(logits.detach().numpy(), model(x).numpy())


def test_near_ink_is_the_drawing_dilated_three_pixels() -> None:
    pixels = torch.zeros(32, 32)
    pixels[10, 20] = 1.0
    mask = near_ink(pixels).numpy()
    assert mask.sum() == 49 and mask[7:14, 17:24].all()


def test_make_it_what_it_already_is_changes_nothing(model: Net) -> None:
    x_np = sample_drawing(3)
    result = make_it(model, x_np, 3)
    assert result.reached and result.steps == 0 and result.l2_change == 0.0
    np.testing.assert_array_equal(result.model_input, x_np)


def test_make_it_gives_up_within_its_budget_and_says_so(model: Net) -> None:
    x_np = sample_drawing(0)
    result = make_it(model, x_np, 1, max_steps=3)
    assert not result.reached and result.steps <= 3
    assert result.probabilities[1] < 0.9
    assert_small_and_honest(result, x_np, model)  # the closest it got is still a small, honest change


# --- what does it look for -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("layer", "units"), [("conv1", 6), ("conv2", 16), ("logits", 10)])
def test_each_preferred_input_excites_its_own_unit_most(model: Net, layer: str, units: int) -> None:
    # The app's own step count: one of the bundled weights' conv2 filters (0) answers a blank canvas almost as
    # strongly as anything, and 48 steps left its picture a hair below the blank one.
    images = preferred_inputs(model, layer)
    assert images.shape == (units, 32, 32)
    assert images.min() >= PAPER - 1e-5 and images.max() <= INK + 1e-5
    x = torch.from_numpy(images)[:, None]
    with torch.no_grad():
        stages = model.forward_with_activations(torch.cat([x, batch(baseline_input())]))
        conv1 = model.conv1(torch.cat([x, batch(baseline_input())]))  # before ReLU, as optimized
    if layer == "conv1":
        scores = conv1[:, :, 14, 14]
    elif layer == "conv2":
        scores = model.conv2(stages["pool1"]).mean(dim=(2, 3))
    else:
        scores = stages["logits"]
    for unit in range(units):  # its own picture beats every other unit's picture and the blank canvas
        assert int(scores[:, unit].argmax()) == unit
    if layer == "logits":
        assert torch.equal(scores[:units].argmax(1), torch.arange(10))  # and reads as that digit


def test_top_patches_are_the_strongest_digits_and_their_receptive_fields(model: Net) -> None:
    inputs = np.stack([random_input(seed) for seed in range(30)] + [sample_drawing(d) for d in range(10)])
    x = torch.from_numpy(inputs)[:, None]
    found = top_patches(model, x)
    assert [(t.layer, t.index) for t in found] == [("conv1", i) for i in range(6)] + [("conv2", i) for i in range(16)]
    with torch.no_grad():
        stages = model.forward_with_activations(x)
    pixels = np.clip(inputs * MNIST_STD + MNIST_MEAN, 0, 1)
    for entry in found:
        maps = stages[entry.layer][:, entry.index].numpy()  # (40, h, w) after ReLU
        strongest = maps.reshape(len(maps), -1).max(1)
        order = np.argsort(-strongest, kind="stable")[:9]
        np.testing.assert_allclose(entry.activations, strongest[order], rtol=1e-6)
        assert len(set(entry.digits.tolist())) == 9
        size, stride = (5, 1) if entry.layer == "conv1" else (14, 2)
        assert entry.patches.shape == (9, size, size)
        for patch, digit in zip(entry.patches, entry.digits, strict=True):
            row, col = np.unravel_index(maps[digit].argmax(), maps[digit].shape)
            expected = pixels[digit, row * stride : row * stride + size, col * stride : col * stride + size]
            np.testing.assert_allclose(patch, expected, atol=1e-6)


# --- silencing -------------------------------------------------------------------------------------------------------


def hand_forward(net: Net, x: torch.Tensor, silence: dict[str, tuple[int, ...]]) -> torch.Tensor:
    """The tutorial's forward written out, with the silenced outputs set to 0 after their ReLU."""

    def cut(values: torch.Tensor, layer: str) -> torch.Tensor:
        values = values.clone()
        for unit in silence.get(layer, ()):
            values[:, unit] = 0.0
        return values

    a = F.max_pool2d(cut(F.relu(net.conv1(x)), "conv1"), 2)
    a = F.max_pool2d(cut(F.relu(net.conv2(a)), "conv2"), 2)
    a = cut(F.relu(net.fc1(torch.flatten(a, 1))), "fc1")
    a = cut(F.relu(net.fc2(a)), "fc2")
    return net.fc3(a)  # type: ignore[no-any-return]


def test_silencing_is_zeroing_outputs_after_relu_and_leaves_the_weights(model: Net) -> None:
    x = torch.cat([batch(sample_drawing(d)) for d in range(10)] + [batch(random_input(3))])
    silence = parse_silence("conv1:3,conv2:7,conv2:0,fc1:15,fc2:83")
    assert silence == {"conv1": (3,), "conv2": (0, 7), "fc1": (15,), "fc2": (83,)}
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    with torch.no_grad():
        intact = model(x)
        with silenced(model, silence):
            quiet = model(x)
            activations = model.forward_with_activations(x)
        after = model(x)
    np.testing.assert_allclose(quiet.numpy(), hand_forward(model, x, silence).detach().numpy(), atol=1e-5)
    assert not torch.allclose(quiet, intact)
    assert torch.equal(after, intact)  # the hooks are gone
    assert not activations["conv1"][:, 3].any() and not activations["conv2"][:, 7].any()
    assert not activations["fc1"][:, 15].any() and not activations["fc2"][:, 83].any()
    assert all(torch.equal(v, weights[k]) for k, v in model.state_dict().items())


@pytest.mark.parametrize("spec", ["conv3:1", "conv1:6", "conv2:-1", "fc1", "fc2:x", "", "conv1:3,"])
def test_bad_silence_specs_are_user_errors(spec: str) -> None:
    with pytest.raises(UserError):
        parse_silence(spec)


@pytest.mark.mnist
def test_silenced_accuracy_matches_an_independent_loop(model: Net, mnist_test_set) -> None:  # type: ignore[no-untyped-def]
    silence = {"conv1": (3,), "conv2": (7,), "fc1": (15,)}
    count = 600
    images = mnist_test_set.images[:count].numpy().astype(np.float32) / 255.0
    x = torch.from_numpy(((np.pad(images, ((0, 0), (2, 2), (2, 2))) - MNIST_MEAN) / MNIST_STD).astype(np.float32))
    with torch.no_grad():
        predicted = hand_forward(model, x[:, None], silence).argmax(1)
    expected = float((predicted == mnist_test_set.labels[:count]).float().mean())
    assert accuracy(model, mnist_test_set, silence, limit=count) == pytest.approx(expected, abs=1e-6)
    assert accuracy(model, mnist_test_set, limit=count) > expected  # silencing costs something here


@pytest.mark.mnist
def test_ranking_covers_the_22_conv_filters_most_important_first(model: Net, mnist_test_set) -> None:  # type: ignore[no-untyped-def]
    ranking = rank_conv_filters(model, mnist_test_set, limit=300)
    assert len(ranking) == 22
    assert sorted((f.layer, f.index) for f in ranking) == [("conv1", i) for i in range(6)] + [
        ("conv2", i) for i in range(16)
    ]
    drops = [f.drop for f in ranking]
    assert drops == sorted(drops, reverse=True)
    intact = accuracy(model, mnist_test_set, limit=300)
    for entry in ranking:  # the shared-work ranking gives what silencing each filter by hooks gives
        assert entry.accuracy == pytest.approx(
            accuracy(model, mnist_test_set, {entry.layer: (entry.index,)}, limit=300)
        )
        assert entry.drop == pytest.approx(intact - entry.accuracy)
