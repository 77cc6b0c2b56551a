"""Two networks on the same digits: each one's accuracy, and the digits on which they give different answers.

The Compare window (issue 13, "Side by side") puts any two sets of LeNet weights next to each other. What it
needs from the core is here, without Qt: the weights of a source (``source_state``: the bundled ones, a file read
like every checkpoint with ``weights_only=True``, or a fresh random network), and ``compare`` — a generator that
runs both networks over the test digits a chunk at a time (so a worker can report progress and stop between two
chunks) and returns a ``Comparison``: both accuracies and every digit on which the two answers differ, the ones
where both networks are surest first.

Weights travel as numpy (``NumpyState``): they come from the UI, the time machine or a file, and go back as numpy.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass

import numpy as np
import torch

from lenet_gui.core import checkpoint, numpy_lenet
from lenet_gui.core.data import DigitTensors, to_model_batch
from lenet_gui.core.events import Progress
from lenet_gui.core.model import Net
from lenet_gui.core.personal import Example, PersonalDataset

NumpyState = dict[str, np.ndarray]

TEST = "test"  # a disagreement on an MNIST test digit
MINE = "mine"  # … on one of the user's My digits examples
CHUNK = 2000  # digits per step: progress this often, and a stop waits at most this long
RANDOM_SEED = 0  # "a fresh random network" is the same one each time, so a comparison can be repeated


@dataclass(frozen=True)
class Disagreement:
    """One digit the two networks read differently."""

    source: str  # TEST or MINE
    index: int  # its position in the test set, or among the examples compared
    label: int  # the true digit
    said_a: int  # network A's answer …
    probability_a: float  # … and how sure A was of it
    said_b: int
    probability_b: float
    pixels: np.ndarray  # (28, 28) uint8, white on black, as MNIST stores digits

    @property
    def sureness(self) -> float:
        """How sure the less sure of the two networks was: the disagreements where both are sure come first."""
        return min(self.probability_a, self.probability_b)


@dataclass(frozen=True)
class Comparison:
    """Both networks over the same digits."""

    total: int  # test digits compared
    right_a: int  # test digits network A reads right
    right_b: int
    mine_total: int  # My digits examples compared
    mine_right_a: int
    mine_right_b: int
    disagreements: tuple[Disagreement, ...]  # every one, the user's examples first, then surest first
    examples: tuple[Example, ...] = ()  # the My digits examples compared, by ``index`` (to open one)

    @property
    def accuracy_a(self) -> float | None:
        return self.right_a / self.total if self.total else None

    @property
    def accuracy_b(self) -> float | None:
        return self.right_b / self.total if self.total else None


def personal_digits(
    root: str | None, stopped: Callable[[], bool] = lambda: False
) -> tuple[DigitTensors, tuple[Example, ...]]:
    """The user's My digits examples through the app's one preprocessing path, as MNIST-style digits, with the
    examples they came from (blank or unreadable pictures left out). Nothing on disk is changed."""
    images, labels, used = PersonalDataset(root, clean_up=False).training_arrays(stopped)
    return DigitTensors(torch.from_numpy(images), torch.from_numpy(labels)), tuple(used)


def random_state(seed: int = RANDOM_SEED) -> NumpyState:
    """A fresh, untrained LeNet's weights as numpy, drawn as PyTorch's default initialisation draws them (weights
    and biases uniform in ±1/√fan_in, what kaiming_uniform(a=√5) comes to), from a generator of its own: torch's
    global generator is shared by every thread, so seeding it here raced with the app's other work (a scan and a
    test each drawing "seed 7" got different networks)."""
    rng = np.random.default_rng(seed)
    state: NumpyState = {}
    for name, shape in numpy_lenet.SHAPES.items():
        weight_shape = numpy_lenet.SHAPES[name.rsplit(".", 1)[0] + ".weight"]
        bound = 1.0 / np.sqrt(int(np.prod(weight_shape[1:])))
        state[name] = rng.uniform(-bound, bound, size=shape).astype(np.float32)
    return state


def bundled_state() -> NumpyState:
    """The weights shipped with the app, as numpy."""
    return _as_numpy(checkpoint.load_bundled().state_dict)


def file_state(path: str) -> NumpyState:
    """A weights file, read and checked like File ▸ Load weights (``weights_only=True``, LeNet's shapes); raises
    core's ``WeightsFileError`` subclasses, one sentence each, with details."""
    return _as_numpy(checkpoint.load_checkpoint(path).state_dict)


def checked_state(state: NumpyState) -> NumpyState:
    """Weights handed over as numpy (a time-machine snapshot): LeNet's names and shapes, as float32 copies."""
    checkpoint.validate_state_dict({name: torch.from_numpy(np.asarray(value)) for name, value in state.items()})
    return {name: np.array(value, dtype=np.float32) for name, value in state.items()}


def _as_numpy(state: dict[str, torch.Tensor]) -> NumpyState:
    return {name: value.detach().to("cpu", torch.float32).numpy().copy() for name, value in state.items()}


def model_of(state: NumpyState) -> Net:
    """A private LeNet in eval mode holding these weights."""
    model = Net()
    model.load_state_dict({name: torch.from_numpy(np.array(value, dtype=np.float32)) for name, value in state.items()})
    return model.eval()


@torch.no_grad()
def _answers(model: Net, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """uint8 (N, 28, 28) digits → each one's answer and its probability."""
    probabilities = torch.softmax(model(to_model_batch(images)), dim=1)
    sure, said = probabilities.max(dim=1)
    return said, sure


def compare(
    state_a: NumpyState,
    state_b: NumpyState,
    test_digits: Callable[[], DigitTensors | None],
    mine: tuple[DigitTensors, tuple[Example, ...]] | None = None,
    *,
    stopped: Callable[[], bool] = lambda: False,
    chunk: int = CHUNK,
) -> Generator[Progress, None, Comparison | None]:
    """Both networks over the user's examples (``mine``) and the test digits, a chunk at a time; yields progress,
    returns the ``Comparison`` (None when stopped). ``mine``: the examples and the digits made of them
    (``personal_digits``). ``test_digits`` is called here, so a slow read of MNIST happens
    on the caller's thread too; None means there are none (the accuracies are then unknown)."""
    model_a, model_b = model_of(state_a), model_of(state_b)
    found: list[Disagreement] = []
    counts = {MINE: [0, 0, 0], TEST: [0, 0, 0]}  # digits, right for A, right for B
    mine_found: list[Disagreement] = []
    if mine is not None and len(mine[0]):
        mine_found = _scan(model_a, model_b, mine[0], 0, MINE, counts[MINE])
    digits = test_digits()
    total = 0 if digits is None else len(digits)
    for start in range(0, total, chunk):
        if stopped():
            return None
        assert digits is not None
        part = DigitTensors(digits.images[start : start + chunk], digits.labels[start : start + chunk])
        found += _scan(model_a, model_b, part, start, TEST, counts[TEST])
        yield Progress(min(start + chunk, total), total)
    if stopped():
        return None
    found.sort(key=lambda d: -d.sureness)
    mine_found.sort(key=lambda d: -d.sureness)
    return Comparison(
        total=counts[TEST][0],
        right_a=counts[TEST][1],
        right_b=counts[TEST][2],
        mine_total=counts[MINE][0],
        mine_right_a=counts[MINE][1],
        mine_right_b=counts[MINE][2],
        disagreements=tuple(mine_found + found),
        examples=() if mine is None else mine[1],
    )


def _scan(
    model_a: Net, model_b: Net, digits: DigitTensors, offset: int, source: str, counts: list[int]
) -> list[Disagreement]:
    said_a, sure_a = _answers(model_a, digits.images)
    said_b, sure_b = _answers(model_b, digits.images)
    labels = digits.labels
    counts[0] += len(digits)
    counts[1] += int((said_a == labels).sum())
    counts[2] += int((said_b == labels).sum())
    return [
        Disagreement(
            source=source,
            index=offset + i,
            label=int(labels[i]),
            said_a=int(said_a[i]),
            probability_a=float(sure_a[i]),
            said_b=int(said_b[i]),
            probability_b=float(sure_b[i]),
            pixels=digits.images[i].numpy().astype(np.uint8).copy(),
        )
        for i in torch.nonzero(said_a != said_b).flatten().tolist()
    ]
