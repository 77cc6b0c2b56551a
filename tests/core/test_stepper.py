"""The stepper's numbers against an independent computation: the tutorial's own Net and plain autograd."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw
from torch import nn

from lenet_gui.core import stepper as stepper_module
from lenet_gui.core import threads
from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.data import DigitTensors, load_mnist, to_model_batch
from lenet_gui.core.errors import UserError
from lenet_gui.core.preprocess import normalize
from lenet_gui.core.stepper import (
    PHASE_NAMES,
    BackwardPhase,
    BlankImageError,
    ForwardPhase,
    LossPhase,
    StepBatch,
    Stepper,
    UpdatePhase,
    ZeroGradPhase,
    batch_for_image,
    batch_for_input,
    grad_fn_chain,
    mnist_companions,
    phase_code,
)
from tests.conftest import toy_digits

LAYERS = ("conv1", "conv2", "fc1", "fc2", "fc3")
PARAMETER_NAMES = [f"{layer}.{kind}" for layer in LAYERS for kind in ("weight", "bias")]


class TutorialNet(nn.Module):
    """The tutorial's Net as it prints it (ReLU before pooling, view + num_flat_features): the reference."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def _drawing(strokes: list[list[tuple[int, int]]]) -> np.ndarray:
    image = Image.new("L", (200, 200), 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        draw.line(stroke, fill=0, width=14, joint="curve")
    return np.asarray(image, np.float32) / 255.0


SEVEN = [[(40, 30), (160, 30), (80, 180)]]
ONE = [[(100, 20), (100, 180)], [(100, 20), (70, 50)]]


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    """As the app's worker runs a step: on a busy 2-core machine two threads are many times slower, not faster."""
    threads.use_one_thread()
    yield
    threads.use_default_threads()


@pytest.fixture(scope="module")
def weights() -> dict[str, torch.Tensor]:
    return load_bundled().state_dict


@pytest.fixture(scope="module")
def companions() -> StepBatch:
    rng = np.random.default_rng(3)
    return StepBatch(rng.standard_normal((63, 32, 32)).astype(np.float32), rng.integers(0, 10, 63).astype(np.int64))


def reference_step(state: dict[str, torch.Tensor], batch: StepBatch, lr: float, loss_name: str) -> dict[str, object]:
    """One step by hand: fresh tutorial Net, loss, backward, new = old − lr·grad; softmax of the drawing around it."""
    net = TutorialNet()
    net.load_state_dict(state)
    x = torch.from_numpy(batch.inputs).reshape(-1, 1, 32, 32)
    y = torch.from_numpy(batch.labels)
    output = net(x)
    if loss_name == "mse":
        loss = nn.MSELoss()(output, F.one_hot(y, 10).float())
    else:
        loss = F.cross_entropy(output, y)
    names = []
    node = loss.grad_fn
    while node is not None:  # the tutorial's walk: loss.grad_fn.next_functions[0][0]…
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    loss.backward()
    grads = {name: p.grad.detach().clone() for name, p in net.named_parameters()}
    old = {name: p.detach().clone() for name, p in net.named_parameters()}
    with torch.no_grad():
        probabilities_before = torch.softmax(net(x[:1])[0], 0)
        new = {name: old[name] - lr * grads[name] for name in old}
        net.load_state_dict(new)
        probabilities_after = torch.softmax(net(x[:1])[0], 0)
    return {
        "loss": loss.item(),
        "grad_fn": tuple(names),
        "grads": grads,
        "old": old,
        "new": new,
        "before": probabilities_before.numpy(),
        "after": probabilities_after.numpy(),
    }


@pytest.mark.parametrize("loss_name", ["mse", "cross-entropy"])
@pytest.mark.parametrize("with_companions", [False, True])
def test_a_step_matches_autograd_and_the_update_rule(
    weights: dict[str, torch.Tensor], companions: StepBatch, loss_name: str, with_companions: bool
) -> None:
    batch = batch_for_image(_drawing(SEVEN), 7, companions if with_companions else None)
    assert batch.inputs.shape == ((64 if with_companions else 1), 32, 32)
    lr = 0.01
    stepper = Stepper(weights)
    stepper.step(batch, learning_rate=lr, loss_name=loss_name)  # a first step leaves gradients behind…
    stepper.undo()
    record = stepper.step(batch, learning_rate=lr, loss_name=loss_name)  # …which zero_grad must clear
    ref = reference_step(weights, batch, lr, loss_name)

    np.testing.assert_array_equal(record.zero_grad.conv1_bias_grad, np.zeros(6, np.float32))
    assert record.loss.name == loss_name
    assert record.loss.value == pytest.approx(ref["loss"], rel=1e-6, abs=1e-6)
    assert record.loss.grad_fn == ref["grad_fn"]
    assert record.loss.grad_fn[0] == ("MseLossBackward0" if loss_name == "mse" else "NllLossBackward0")
    grads, old, new = ref["grads"], ref["old"], ref["new"]
    assert isinstance(grads, dict) and isinstance(old, dict) and isinstance(new, dict)
    assert list(record.backward.gradients) == PARAMETER_NAMES
    for name in PARAMETER_NAMES:
        np.testing.assert_allclose(record.backward.gradients[name], grads[name].numpy(), rtol=1e-5, atol=1e-6)
        assert record.backward.gradient_norms[name] == pytest.approx(float(grads[name].norm()), rel=1e-5, abs=1e-6)
        # The update rule, exactly, on the stepper's own gradient; and close to the reference's new weights.
        before, after = record.update.before[name], record.update.after[name]
        np.testing.assert_array_equal(before, old[name].numpy())
        own_rule = torch.from_numpy(before) - lr * torch.from_numpy(record.backward.gradients[name])
        np.testing.assert_array_equal(after, own_rule.numpy())
        np.testing.assert_allclose(after, new[name].numpy(), rtol=0, atol=1e-6)
        np.testing.assert_array_equal(record.update.change[name], after - before)
        expected_change = lr * float(np.abs(grads[name].numpy()).max())
        assert record.update.max_abs_change[name] == pytest.approx(expected_change, rel=1e-5, abs=1e-7)
    np.testing.assert_array_equal(record.backward.conv1_bias_grad, record.backward.gradients["conv1.bias"])
    np.testing.assert_allclose(record.update.probabilities_before, ref["before"], atol=1e-6)
    np.testing.assert_allclose(record.update.probabilities_after, ref["after"], atol=1e-6)
    np.testing.assert_allclose(stepper.state_dict()["fc3.weight"], new["fc3.weight"].numpy(), atol=1e-6)


def test_mse_and_cross_entropy_values_by_hand(weights: dict[str, torch.Tensor]) -> None:
    batch = batch_for_image(_drawing(ONE), 1)
    net = TutorialNet()
    net.load_state_dict(weights)
    with torch.no_grad():
        logits = net(torch.from_numpy(batch.inputs).reshape(1, 1, 32, 32))[0].double().numpy()
    one_hot = np.eye(10)[1]
    mse = float(np.mean((logits - one_hot) ** 2))
    cross_entropy = float(np.log(np.exp(logits - logits.max()).sum()) + logits.max() - logits[1])
    assert Stepper(weights).step(batch, loss_name="mse").loss.value == pytest.approx(mse, rel=1e-5)
    assert Stepper(weights).step(batch, loss_name="cross-entropy").loss.value == pytest.approx(cross_entropy, rel=1e-4)


@pytest.mark.parametrize(("loss_name", "strokes", "label"), [("cross-entropy", SEVEN, 7), ("mse", ONE, 7)])
def test_ten_steps_toward_a_label_raise_its_probability(
    weights: dict[str, torch.Tensor], loss_name: str, strokes: list[list[tuple[int, int]]], label: int
) -> None:
    stepper = Stepper(weights)
    records = list(stepper.steps(batch_for_image(_drawing(strokes), label), 10, loss_name=loss_name))
    assert [r.number for r in records] == list(range(1, 11))
    first, last = records[0].update.probabilities_before[label], records[-1].update.probabilities_after[label]
    assert last > first
    assert records[-1].loss.value < records[0].loss.value


@pytest.mark.mnist
def test_a_batch_beside_63_mnist_digits_matches_autograd_and_learns(
    mnist_dir: Path, weights: dict[str, torch.Tensor]
) -> None:
    companions = mnist_companions(load_mnist(mnist_dir, train=True, download=False))
    batch = batch_for_image(_drawing(ONE), 7, companions)
    assert batch.inputs.shape == (64, 32, 32) and batch.label == 7
    stepper = Stepper(weights)
    records = list(stepper.steps(batch, 10, loss_name="cross-entropy"))
    ref = reference_step(weights, batch, 0.01, "cross-entropy")
    grads = ref["grads"]
    assert isinstance(grads, dict)
    assert records[0].loss.value == pytest.approx(ref["loss"], rel=1e-6, abs=1e-6)
    for name in PARAMETER_NAMES:
        np.testing.assert_allclose(records[0].backward.gradients[name], grads[name].numpy(), rtol=1e-5, atol=1e-6)
    assert records[-1].update.probabilities_after[7] > records[0].update.probabilities_before[7]


def test_undo_restores_the_exact_weights(weights: dict[str, torch.Tensor]) -> None:
    stepper = Stepper(weights)
    start = stepper.state_dict()
    batch = batch_for_image(_drawing(SEVEN), 3)
    stepper.step(batch, learning_rate=0.05)
    after_one = stepper.state_dict()
    list(stepper.steps(batch, 2, learning_rate=0.05))
    assert stepper.steps_taken == stepper.undoable == 3
    assert stepper.undo(2) == 2 and stepper.steps_taken == 1
    assert stepper.undo(5) == 1 and stepper.steps_taken == 0
    for name, value in stepper.state_dict().items():
        np.testing.assert_array_equal(value, start[name])
    assert stepper.step(batch, learning_rate=0.05).number == 1
    list(stepper.steps(batch, 2, learning_rate=0.05))
    stepper.undo(2)
    for name, value in stepper.state_dict().items():
        np.testing.assert_array_equal(value, after_one[name])


def test_phases_come_in_the_tutorials_order_and_only_the_update_changes_weights(
    weights: dict[str, torch.Tensor],
) -> None:
    stepper = Stepper(weights)
    start = stepper.state_dict()
    walk = stepper.phases(batch_for_image(_drawing(SEVEN), 7))
    kinds = [ZeroGradPhase, ForwardPhase, LossPhase, BackwardPhase]
    phases = [next(walk) for _ in kinds]
    assert [type(p) for p in phases] == kinds
    zero, forward, _, backward = phases
    assert isinstance(zero, ZeroGradPhase) and zero.absent  # net.zero_grad() sets None; reported as zeros
    assert isinstance(forward, ForwardPhase)
    assert forward.outputs.shape == (10,) and forward.probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert forward.activations["conv1"].shape == (6, 28, 28) and forward.activations["fc2"].shape == (84,)
    np.testing.assert_allclose(forward.activations["logits"], forward.outputs, atol=1e-5)
    assert isinstance(backward, BackwardPhase) and backward.conv1_bias_grad.shape == (6,)
    assert np.abs(backward.conv1_bias_grad).sum() > 0
    np.testing.assert_array_equal(stepper.state_dict()["conv1.bias"], start["conv1.bias"])
    update = next(walk)
    assert isinstance(update, UpdatePhase)
    assert not np.array_equal(stepper.state_dict()["conv1.bias"], start["conv1.bias"])
    with pytest.raises(StopIteration):
        next(walk)


def test_a_walk_overtaken_by_another_step_refuses_its_stale_update(weights: dict[str, torch.Tensor]) -> None:
    stepper = Stepper(weights)
    batch = batch_for_image(_drawing(SEVEN), 7)
    walk = stepper.phases(batch)
    for _ in range(4):
        next(walk)
    stepper.step(batch)
    with pytest.raises(RuntimeError, match="stale"):
        next(walk)
    assert stepper.steps_taken == 1


def test_the_grad_fn_path_goes_down_to_the_first_convolution(weights: dict[str, torch.Tensor]) -> None:
    loss = Stepper(weights).step(batch_for_image(_drawing(ONE), 1)).loss
    assert loss.grad_fn == ("MseLossBackward0", "AddmmBackward0", "AccumulateGrad")  # the tutorial's literal walk
    assert loss.grad_fn_path[:4] == ("MseLossBackward0", "AddmmBackward0", "ReluBackward0", "AddmmBackward0")
    assert loss.grad_fn_path.count("ConvolutionBackward0") == 2 and loss.grad_fn_path[-1] == "ConvolutionBackward0"
    assert grad_fn_chain(torch.ones(2)) == ()


def test_records_are_copies_that_later_steps_leave_alone(weights: dict[str, torch.Tensor]) -> None:
    stepper = Stepper(weights)
    batch = batch_for_image(_drawing(SEVEN), 7)
    first = stepper.step(batch)
    kept = {name: value.copy() for name, value in first.update.after.items()}
    gradient = first.backward.gradients["fc3.weight"].copy()
    stepper.step(batch)
    for name, value in first.update.after.items():
        np.testing.assert_array_equal(value, kept[name])
    np.testing.assert_array_equal(first.backward.gradients["fc3.weight"], gradient)


def test_the_input_goes_through_the_apps_preprocessing() -> None:
    image = _drawing(SEVEN)
    normalized = normalize(image)
    assert normalized is not None
    batch = batch_for_image(image, 7)
    np.testing.assert_array_equal(batch.drawing, normalized.model_input)
    assert batch.label == 7 and batch.labels.dtype == np.int64


def test_a_blank_image_or_a_bad_label_is_refused() -> None:
    with pytest.raises(BlankImageError) as caught:
        batch_for_image(np.ones((50, 50), np.float32), 3)
    assert isinstance(caught.value, UserError)
    with pytest.raises(ValueError, match="label"):
        batch_for_input(np.zeros((32, 32), np.float32), 10)


def test_bad_settings_are_refused(weights: dict[str, torch.Tensor]) -> None:
    stepper = Stepper(weights)
    batch = batch_for_image(_drawing(ONE), 1)
    with pytest.raises(ValueError, match="learning rate"):
        stepper.step(batch, learning_rate=float("nan"))
    with pytest.raises(ValueError, match="loss"):
        stepper.step(batch, loss_name="hinge")  # type: ignore[arg-type]
    assert stepper.steps_taken == 0


def test_mnist_companions_are_scaled_as_training_scales_them() -> None:
    images, labels = toy_digits(200, seed=4)
    digits = DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))
    chosen = mnist_companions(digits, seed=1)
    assert chosen.inputs.shape == (63, 32, 32) and chosen.labels.shape == (63,)
    again = mnist_companions(digits, seed=1)
    np.testing.assert_array_equal(chosen.inputs, again.inputs)
    scaled = to_model_batch(digits.images)[:, 0].numpy()
    for row, label in zip(chosen.inputs, chosen.labels, strict=True):
        matches = np.flatnonzero((scaled == row).all(axis=(1, 2)))
        assert matches.size and int(digits.labels[matches[0]]) == label


def test_each_phase_shows_its_real_code() -> None:
    expected = {
        "zero_grad": ["    net.zero_grad()"],
        "forward": ["net(inputs)"],
        "loss": ["result: torch.Tensor = criterion(output, target)", "result = criterion(output, labels)"],
        "backward": ["    loss.backward()"],
        "update": ["weight.copy_(weight - learning_rate * gradients[name])"],
    }
    assert tuple(expected) == PHASE_NAMES
    file_lines = Path(stepper_module.__file__).read_text().splitlines()
    for phase, key_lines in expected.items():
        code = phase_code(phase)
        assert code.phase == phase and code.source.startswith(f"def {phase}(")
        assert code.path == stepper_module.__file__
        assert file_lines[code.first_line - 1] == code.source.splitlines()[0]  # where the view says it is
        lines = code.source.splitlines()
        assert len(code.key_lines) == len(key_lines)
        for index, key in zip(code.key_lines, key_lines, strict=True):
            assert key.strip() in lines[index]
