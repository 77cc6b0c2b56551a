"""Two networks side by side (issue 13): the disagreements and accuracies that core.comparison finds are the ones a
plain PyTorch forward pass of both models gives, digit for digit; a stop ends the scan; examples come first."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lenet_gui.core import comparison
from lenet_gui.core.checkpoint import load_bundled, save_checkpoint
from lenet_gui.core.data import DigitTensors
from lenet_gui.core.errors import WeightsFileError
from lenet_gui.core.model import Net
from lenet_gui.core.personal import PersonalDataset
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD
from lenet_gui.core.strokes import synthetic_digits


def _digits(count: int, seed: int) -> DigitTensors:
    images, labels = synthetic_digits(count, np.random.default_rng(seed))
    return DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))


def _plain_answers(state: dict[str, torch.Tensor], images: torch.Tensor) -> torch.Tensor:
    """Independent of the app's batch code: MNIST's scaling written out, padded to 32×32, the model's forward."""
    model = Net()
    model.load_state_dict(state)
    model.eval()
    x = (images.float() / 255.0 - MNIST_MEAN) / MNIST_STD
    x = F.pad(x, (2, 2, 2, 2), value=(0.0 - MNIST_MEAN) / MNIST_STD).unsqueeze(1)
    with torch.no_grad():
        return model(x).argmax(1)


def _run(generator):  # type: ignore[no-untyped-def]
    progress = []
    while True:
        try:
            progress.append(next(generator))
        except StopIteration as end:
            return progress, end.value


def test_disagreements_are_those_of_a_plain_forward_of_both_models() -> None:
    digits = _digits(700, seed=5)
    bundled = load_bundled().state_dict
    torch.manual_seed(11)
    other = Net().state_dict()
    # Half-trained-looking B: the bundled weights with noise, so the two agree on most digits but not all.
    noisy = {name: value + 0.08 * torch.randn_like(value) for name, value in bundled.items()}
    for state_b in (other, noisy):
        progress, result = _run(
            comparison.compare(
                {k: v.numpy() for k, v in bundled.items()},
                {k: v.numpy() for k, v in state_b.items()},
                lambda: digits,
                chunk=256,
            )
        )
        said_a, said_b = _plain_answers(bundled, digits.images), _plain_answers(state_b, digits.images)
        expected = set(torch.nonzero(said_a != said_b).flatten().tolist())
        assert expected, "the test needs networks that disagree somewhere"
        assert {d.index for d in result.disagreements} == expected
        for d in result.disagreements:
            assert (d.source, d.label, d.said_a, d.said_b) == (
                comparison.TEST,
                int(digits.labels[d.index]),
                int(said_a[d.index]),
                int(said_b[d.index]),
            )
            np.testing.assert_array_equal(d.pixels, digits.images[d.index].numpy())
        assert result.total == 700
        assert result.right_a == int((said_a == digits.labels).sum())
        assert result.right_b == int((said_b == digits.labels).sum())
        sureness = [d.sureness for d in result.disagreements]
        assert sureness == sorted(sureness, reverse=True)
        assert [p.done for p in progress] == [256, 512, 700]


def test_the_bundled_network_beats_a_random_one() -> None:
    digits = _digits(300, seed=1)
    _, result = _run(comparison.compare(comparison.bundled_state(), comparison.random_state(), lambda: digits))
    assert result.accuracy_a > 0.5 > result.accuracy_b
    assert len(result.disagreements) > 150


def test_a_stop_ends_the_scan_without_a_result() -> None:
    digits = _digits(300, seed=1)
    seen: list[int] = []
    generator = comparison.compare(
        comparison.bundled_state(), comparison.random_state(), lambda: digits, stopped=lambda: bool(seen), chunk=100
    )
    seen.append(next(generator).done)
    _, result = _run(generator)
    assert seen == [100] and result is None


def test_my_digits_come_first_and_no_test_digits_means_no_accuracy(tmp_path: Path) -> None:
    images, labels = synthetic_digits(30, np.random.default_rng(3))
    dataset = PersonalDataset(tmp_path)
    for image, label in zip(images, labels, strict=True):
        dataset.add(255 - image, int(label))  # saved like a drawing: dark ink on white
    mine = comparison.personal_digits(str(tmp_path))
    assert len(mine[1]) == 30
    _, result = _run(comparison.compare(comparison.bundled_state(), comparison.random_state(), lambda: None, mine))
    assert result.total == 0 and result.accuracy_a is None
    assert result.mine_total == 30 and result.mine_right_a > result.mine_right_b
    assert result.disagreements and all(d.source == comparison.MINE for d in result.disagreements)
    assert result.examples[result.disagreements[0].index].label == result.disagreements[0].label


def test_sources_are_checked_like_every_checkpoint(tmp_path: Path) -> None:
    good = tmp_path / "good.pt"
    save_checkpoint(good, {k: torch.from_numpy(v) for k, v in comparison.random_state(4).items()})
    state = comparison.file_state(str(good))
    np.testing.assert_array_equal(state["fc3.bias"], comparison.random_state(4)["fc3.bias"])
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint at all")
    with pytest.raises(WeightsFileError):
        comparison.file_state(str(bad))
    with pytest.raises(WeightsFileError):
        comparison.checked_state({"conv1.weight": np.zeros((6, 1, 5, 5), np.float32)})
    assert comparison.checked_state(comparison.random_state())["fc1.weight"].dtype == np.float32


def test_a_random_network_is_drawn_like_pytorchs_own_and_the_same_for_a_seed() -> None:
    """The random side is seeded with a generator of its own (torch's global one is shared by every thread) and
    drawn within the bounds PyTorch's default initialisation uses for each of LeNet's tensors."""
    state = comparison.random_state(7)
    assert all(np.array_equal(state[k], v) for k, v in comparison.random_state(7).items())
    assert not np.array_equal(state["conv1.weight"], comparison.random_state(8)["conv1.weight"])
    torch.manual_seed(0)
    reference = {k: v.detach().numpy() for k, v in Net().state_dict().items()}
    assert {k: v.shape for k, v in state.items()} == {k: v.shape for k, v in reference.items()}
    for name, values in state.items():
        assert values.dtype == np.float32
        fan_in = int(np.prod(reference[name.rsplit(".", 1)[0] + ".weight"].shape[1:]))
        bound = 1 / np.sqrt(fan_in)
        for drawn in (values, reference[name]):  # ours and PyTorch's fill the same interval
            assert np.abs(drawn).max() <= bound + 1e-7, name
            if drawn.size >= 100:
                assert np.abs(drawn).max() > 0.9 * bound and abs(float(drawn.mean())) < 0.2 * bound, name
