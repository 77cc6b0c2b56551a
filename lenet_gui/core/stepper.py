"""One plain SGD training step taken apart, phase by phase, the way the tutorial walks it.

The tutorial teaches the step as five separate moves: ``net.zero_grad()``, ``out = net(input)``,
``loss = criterion(output, target)``, ``loss.backward()`` and ``weight = weight - learning_rate * gradient``.
``Stepper.phases`` performs exactly those moves on a private LeNet and yields after each one a frozen record of what
it did (numpy arrays and plain floats, so a record can cross into the GUI thread). Each move is a small module-level
function (``zero_grad`` … ``update``) whose source the app shows next to the result: ``phase_code`` reads it with
``inspect``, so what the reader sees is the code that ran, not a copy that could drift.

Plain SGD on purpose (no momentum, no weight decay, no clipping): then ``new = old − lr · grad`` holds exactly, and
the numbers can be checked by hand against autograd. ``Stepper`` also keeps the weights from before each step, so
steps can be undone.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lenet_gui.core.data import DigitTensors, to_model_batch
from lenet_gui.core.errors import UserError
from lenet_gui.core.model import NUM_CLASSES, Net
from lenet_gui.core.preprocess import normalize

LossName = Literal["mse", "cross-entropy"]
LOSS_NAMES: tuple[LossName, ...] = ("mse", "cross-entropy")
DEFAULT_LOSS: LossName = "mse"  # the tutorial's nn.MSELoss against a one-hot target
DEFAULT_LEARNING_RATE = 0.01  # the tutorial's learning_rate
COMPANIONS = 63  # MNIST training digits beside the drawing: a batch of 64
MAX_UNDO = 100  # weights kept to go back to (about 250 kB each)
PHASE_NAMES = ("zero_grad", "forward", "loss", "backward", "update")


class BlankImageError(UserError):
    """The picture has no ink: there is nothing for the network to learn from."""


# ---- the five moves: the app shows these functions' source as "the code of this phase" -------------------------


def zero_grad(net: Net) -> None:
    """Backward adds to .grad; without this, this step would carry the previous step's gradients along."""
    net.zero_grad()  # sets every .grad to None (PyTorch 2's default), which the app shows as zeros


def forward(net: Net, inputs: torch.Tensor) -> torch.Tensor:
    """The app's own forward pass; autograd records every operation, which is what backward will walk."""
    output: torch.Tensor = net(inputs)  # (B, 1, 32, 32) → (B, 10): ten outputs per image
    return output


def loss(output: torch.Tensor, labels: torch.Tensor, loss_name: LossName) -> torch.Tensor:
    """One number saying how far the outputs are from right: the thing every weight will be nudged to lower."""
    if loss_name == "mse":
        target = F.one_hot(labels, NUM_CLASSES).to(output.dtype)  # 1 for the right digit, 0 for the others
        criterion: nn.Module = nn.MSELoss()
        result: torch.Tensor = criterion(output, target)
    else:
        criterion = nn.CrossEntropyLoss()  # what the app trains with: −log softmax(output)[label]
        result = criterion(output, labels)
    return result


def backward(net: Net, loss: torch.Tensor) -> dict[str, torch.Tensor]:
    """d loss / d weight for every weight at once, by the chain rule along the recorded graph."""
    loss.backward()  # type: ignore[no-untyped-call]  # autograd fills every parameter's .grad
    return {name: _gradient(name, weight) for name, weight in net.named_parameters()}


def update(net: Net, gradients: Mapping[str, torch.Tensor], learning_rate: float) -> None:
    """A small step downhill: against the gradient, learning_rate times as far as it is steep."""
    with torch.no_grad():  # the update itself is not part of what autograd should record
        for name, weight in net.named_parameters():
            weight.copy_(weight - learning_rate * gradients[name])  # weight = weight - learning_rate * gradient


_PHASE_FUNCTIONS: dict[str, Callable[..., object]] = dict(
    zip(PHASE_NAMES, (zero_grad, forward, loss, backward, update), strict=True)
)


# The call that does each phase's work, for the view to highlight in its source.
_KEY_CALLS = {
    "zero_grad": "net.zero_grad()",
    "forward": "net(inputs)",
    "loss": "criterion(output",
    "backward": "loss.backward()",
    "update": "weight.copy_(",
}


_TYPE_IGNORE = re.compile(r"  # type: ignore\[[a-z-]+\]")


@dataclass(frozen=True)
class PhaseCode:
    """A phase's function as it stands in this file: what the view shows, and where it comes from."""

    phase: str
    source: str  # the whole function, dedented
    path: str  # this module's file
    first_line: int  # line number of the ``def`` in that file (1-based)
    key_lines: tuple[int, ...]  # 0-based indices of ``source`` lines that do the phase's work


def phase_code(phase: str) -> PhaseCode:
    """The real source of a phase (read with ``inspect``, so it cannot drift from what runs)."""
    function = _PHASE_FUNCTIONS[phase]
    lines, first_line = inspect.getsourcelines(function)
    source = _TYPE_IGNORE.sub("", textwrap.dedent("".join(lines)))  # mypy's notes mean nothing to the reader
    key = tuple(i for i, line in enumerate(source.splitlines()) if _KEY_CALLS[phase] in line)
    return PhaseCode(phase, source, inspect.getfile(function), first_line, key)


def _gradient(name: str, weight: torch.Tensor) -> torch.Tensor:
    if weight.grad is None:  # cannot happen for LeNet: every parameter takes part in the loss
        raise RuntimeError(f"{name} received no gradient")
    return weight.grad


# ---- what each phase reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepBatch:
    """What one step learns from: the drawing (row 0) with its label, optionally beside MNIST training digits."""

    inputs: np.ndarray  # (B, 32, 32) float32, standardized as the network expects
    labels: np.ndarray  # (B,) int64; labels[0] is the label chosen for the drawing

    @property
    def drawing(self) -> np.ndarray:
        drawing: np.ndarray = self.inputs[0]
        return drawing

    @property
    def label(self) -> int:
        return int(self.labels[0])


@dataclass(frozen=True)
class ZeroGradPhase:
    conv1_bias_grad: np.ndarray  # (6,) conv1.bias.grad before backward: zeros
    absent: bool  # True when PyTorch holds None there (zero_grad's default), reported above as zeros


@dataclass(frozen=True)
class ForwardPhase:
    outputs: np.ndarray  # (10,) the drawing's logits
    probabilities: np.ndarray  # (10,) their softmax: the prediction before the step
    activations: dict[str, np.ndarray]  # the drawing's stages, model.ACTIVATION_NAMES: conv1 (6, 28, 28) … logits


@dataclass(frozen=True)
class LossPhase:
    name: LossName
    value: float  # mean over the batch
    target: np.ndarray  # (10,) what the drawing's outputs are pushed towards: one-hot for MSE, for cross-entropy too
    grad_fn: tuple[str, ...]  # following next_functions[0][0] from the loss, as the tutorial prints it
    grad_fn_path: tuple[str, ...]  # the same walk, stepping past parameters, down to the first convolution


@dataclass(frozen=True)
class BackwardPhase:
    conv1_bias_grad: np.ndarray  # (6,) after backward
    gradients: dict[str, np.ndarray]  # every parameter's gradient, by state_dict name
    gradient_norms: dict[str, float]  # L2 norm of each


@dataclass(frozen=True)
class UpdatePhase:
    learning_rate: float
    before: dict[str, np.ndarray]
    after: dict[str, np.ndarray]
    change: dict[str, np.ndarray]  # after − before = −learning_rate · gradient
    max_abs_change: dict[str, float]
    probabilities_before: np.ndarray  # (10,) for the drawing
    probabilities_after: np.ndarray


Phase = ZeroGradPhase | ForwardPhase | LossPhase | BackwardPhase | UpdatePhase
_P = TypeVar("_P", ZeroGradPhase, ForwardPhase, LossPhase, BackwardPhase, UpdatePhase)


@dataclass(frozen=True)
class StepRecord:
    """A whole step: its five phases in order, plus what it started from."""

    number: int  # 1 for the first step this stepper took; an undone step's number is given again
    batch_size: int
    label: int
    zero_grad: ZeroGradPhase
    forward: ForwardPhase
    loss: LossPhase
    backward: BackwardPhase
    update: UpdatePhase


# ---- building the batch --------------------------------------------------------------------------------------------


def batch_for_image(image: np.ndarray, label: int, companions: StepBatch | None = None) -> StepBatch:
    """Any picture → a batch through the app's one preprocessing; BlankImageError when nothing is drawn."""
    normalized = normalize(image)
    if normalized is None:
        raise BlankImageError("the image is blank: there is no digit in it to take a training step on")
    return batch_for_input(normalized.model_input, label, companions)


def batch_for_input(model_input: np.ndarray, label: int, companions: StepBatch | None = None) -> StepBatch:
    """An already standardized (32, 32) input and its label, followed by ``companions`` if given."""
    if not 0 <= label < NUM_CLASSES:
        raise ValueError(f"label must be a digit 0-9, not {label}")
    inputs = np.asarray(model_input, np.float32).reshape(1, 32, 32)
    labels = np.array([label], np.int64)
    if companions is not None:
        inputs = np.concatenate([inputs, companions.inputs])
        labels = np.concatenate([labels, companions.labels])
    return StepBatch(np.ascontiguousarray(inputs), labels)


def mnist_companions(digits: DigitTensors, count: int = COMPANIONS, seed: int = 0) -> StepBatch:
    """``count`` training digits drawn at random (repeatably), scaled exactly as training scales them."""
    generator = torch.Generator().manual_seed(seed)
    chosen = torch.randperm(len(digits), generator=generator)[:count]
    inputs = to_model_batch(digits.images[chosen])[:, 0]  # (count, 32, 32)
    return StepBatch(inputs.numpy(), digits.labels[chosen].numpy().astype(np.int64))


# ---- the stepper ---------------------------------------------------------------------------------------------------


class Stepper:
    """A private LeNet that learns one step at a time, reports each phase, and can undo its steps.

    Not thread-safe: one worker thread owns it, and should call ``threads.use_one_thread()`` first. On the 2-core
    machine with neighbours busy, a step on 64 images took about 30 ms on one thread and 0.4-1.4 s on two (two
    OpenMP teams spinning against each other). Only the update phase changes the weights, so a walk abandoned
    before its end leaves them as they were.
    """

    def __init__(self, state_dict: Mapping[str, torch.Tensor | np.ndarray]) -> None:
        self._net = Net()
        self._net.load_state_dict({k: torch.as_tensor(v, dtype=torch.float32) for k, v in state_dict.items()})
        self._history: deque[dict[str, torch.Tensor]] = deque(maxlen=MAX_UNDO)
        self._walks = 0
        self._taken = 0

    @property
    def steps_taken(self) -> int:
        """Steps taken since the start, minus those undone."""
        return self._taken

    @property
    def undoable(self) -> int:
        """How many of them can still be undone (the last MAX_UNDO)."""
        return len(self._history)

    def state_dict(self) -> dict[str, np.ndarray]:
        """A copy of the current weights, e.g. for the inference worker or to keep them."""
        return {k: v.detach().numpy().copy() for k, v in self._net.state_dict().items()}

    def undo(self, count: int = 1) -> int:
        """Go back ``count`` steps (fewer if fewer were kept); returns how many were undone."""
        undone = 0
        while undone < count and self._history:
            self._net.load_state_dict(self._history.pop())
            undone += 1
        self._taken -= undone
        self._walks += 1  # a walk paused before its update must not apply gradients of the undone weights
        return undone

    def step(
        self, batch: StepBatch, *, learning_rate: float = DEFAULT_LEARNING_RATE, loss_name: LossName = DEFAULT_LOSS
    ) -> StepRecord:
        """One whole step; the record holds all five phases."""
        walk = self.phases(batch, learning_rate=learning_rate, loss_name=loss_name)
        zero, fwd, lss = _next(walk, ZeroGradPhase), _next(walk, ForwardPhase), _next(walk, LossPhase)
        bwd, upd = _next(walk, BackwardPhase), _next(walk, UpdatePhase)
        return StepRecord(self._taken, len(batch.labels), batch.label, zero, fwd, lss, bwd, upd)

    def steps(
        self,
        batch: StepBatch,
        count: int,
        *,
        learning_rate: float = DEFAULT_LEARNING_RATE,
        loss_name: LossName = DEFAULT_LOSS,
    ) -> Iterator[StepRecord]:
        """``count`` steps on the same batch, one record each (stop iterating to stop between steps)."""
        for _ in range(count):
            yield self.step(batch, learning_rate=learning_rate, loss_name=loss_name)

    def phases(
        self, batch: StepBatch, *, learning_rate: float = DEFAULT_LEARNING_RATE, loss_name: LossName = DEFAULT_LOSS
    ) -> Iterator[Phase]:
        """The step as five yields, in the tutorial's order; the weights change only at the last one."""
        if not (learning_rate >= 0 and np.isfinite(learning_rate)):
            raise ValueError(f"the learning rate must be a finite number ≥ 0, not {learning_rate}")
        if loss_name not in LOSS_NAMES:
            raise ValueError(f"loss must be one of {', '.join(LOSS_NAMES)}, not {loss_name!r}")
        self._walks += 1
        walk = self._walks
        net = self._net
        inputs = torch.from_numpy(np.ascontiguousarray(batch.inputs, np.float32)).unsqueeze(1)  # (B, 1, 32, 32)
        labels = torch.from_numpy(np.asarray(batch.labels, np.int64))

        zero_grad(net)
        bias_grad = net.conv1.bias.grad if net.conv1.bias is not None else None
        yield ZeroGradPhase(
            np.zeros(net.conv1.out_channels, np.float32) if bias_grad is None else _numpy(bias_grad),
            absent=bias_grad is None,
        )

        output = forward(net, inputs)
        probabilities_before = _numpy(torch.softmax(output[0], dim=0))
        with torch.no_grad():  # the drawing's stages for the view, again: cheaper than keeping the batch's
            stages = net.forward_with_activations(inputs[:1])
        yield ForwardPhase(
            _numpy(output[0]), probabilities_before, {name: _numpy(stage[0]) for name, stage in stages.items()}
        )

        loss_tensor = loss(output, labels, loss_name)
        yield LossPhase(
            loss_name,
            float(loss_tensor.detach()),
            np.eye(NUM_CLASSES, dtype=np.float32)[batch.label],
            grad_fn_chain(loss_tensor),
            grad_fn_chain(loss_tensor, past_parameters=True),
        )

        gradients = backward(net, loss_tensor)
        yield BackwardPhase(
            _numpy(gradients["conv1.bias"]),
            {name: _numpy(g) for name, g in gradients.items()},
            {name: float(torch.linalg.vector_norm(g)) for name, g in gradients.items()},
        )

        if walk != self._walks:
            raise RuntimeError("another step or an undo ran since this step began; its update would be stale")
        before = {name: weight.detach().clone() for name, weight in net.named_parameters()}
        update(net, gradients, learning_rate)
        self._history.append(before)  # LeNet has no buffers: its parameters are its whole state
        self._taken += 1
        with torch.no_grad():
            probabilities_after = _numpy(torch.softmax(net(inputs[:1])[0], dim=0))
        after = {name: _numpy(weight) for name, weight in net.named_parameters()}
        change = {name: after[name] - before[name].numpy() for name in after}
        yield UpdatePhase(
            learning_rate,
            {name: t.numpy().copy() for name, t in before.items()},
            after,
            change,
            {name: float(np.abs(c).max()) for name, c in change.items()},
            probabilities_before,
            probabilities_after,
        )


def grad_fn_chain(tensor: torch.Tensor, *, past_parameters: bool = False) -> tuple[str, ...]:
    """Class names of the autograd graph from ``tensor`` down, following ``next_functions[0][0]`` as the tutorial.

    That literal walk ends at the last layer's bias (``AccumulateGrad``). With ``past_parameters`` the walk takes the
    first input that is not a parameter instead, and so goes down the whole network to conv1.
    """
    names: list[str] = []
    node = tensor.grad_fn
    while node is not None:
        names.append(type(node).__name__)
        if past_parameters:
            inputs = [f for f, _ in node.next_functions if f is not None and type(f).__name__ != "AccumulateGrad"]
            node = inputs[0] if inputs else None
        else:
            node = node.next_functions[0][0] if node.next_functions else None
    return tuple(names)


def _next(walk: Iterator[Phase], kind: type[_P]) -> _P:
    phase = next(walk)
    if not isinstance(phase, kind):  # the order is fixed in Stepper.phases
        raise TypeError(f"expected {kind.__name__}, got {type(phase).__name__}")
    return phase


def _numpy(tensor: torch.Tensor) -> np.ndarray:
    """A detached float32 copy: records must not share memory with tensors that later steps change."""
    return tensor.detach().to(torch.float32).numpy().copy()
