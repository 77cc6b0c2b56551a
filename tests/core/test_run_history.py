"""The time machine's core: a run's moments stay under the memory cap, spread over the whole run, with epoch ends
kept; a saved run reads back the same, and files that are not runs say why in one sentence."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from lenet_gui.core import run_files
from lenet_gui.core.checkpoint import save_checkpoint
from lenet_gui.core.config import TrainingConfig
from lenet_gui.core.data import DigitTensors
from lenet_gui.core.errors import DamagedWeightsError, NotWeightsFileError, WrongArchitectureError
from lenet_gui.core.events import EpochResult, WeightsSnapshot
from lenet_gui.core.model import Net
from lenet_gui.core.run_history import MAX_MOMENTS, MOMENT_BYTES, EpochMark, RunHistory
from lenet_gui.core.training import state_to_numpy, train
from tests.helpers import toy_digits


def _state(seed: int) -> dict[str, np.ndarray]:
    torch.manual_seed(seed)
    return state_to_numpy(Net().state_dict())


def _mark(epoch: int) -> EpochMark:
    return EpochMark(epoch, 0.5 + epoch / 100, 0.6, np.linspace(0.1, 1.0, 10), np.eye(10, dtype=np.int64) * epoch)


def test_a_moment_is_every_weight_of_lenet_in_float32() -> None:
    history = RunHistory()
    history.add(_state(0), epoch=1, step=1, steps_per_epoch=10)
    assert history.nbytes == MOMENT_BYTES == 246_824


def test_memory_stays_under_the_cap_and_the_moments_cover_the_whole_run() -> None:
    """A bundled-recipe-length run (28 epochs of 469 steps, a snapshot every 3 steps): ~4,400 snapshots offered."""
    state = _state(0)  # the same arrays each time: the cap is about how many moments are kept, not their values
    history = RunHistory()
    epochs, steps = 28, 469
    for epoch in range(1, epochs + 1):
        for step in range(3, steps + 1, 3):
            history.add(state, epoch=epoch, step=step, steps_per_epoch=steps)
        history.add(state, epoch=epoch, step=steps, steps_per_epoch=steps)
        history.mark_epoch(_mark(epoch))
    history.finish(None)
    assert len(history) <= MAX_MOMENTS
    assert history.nbytes <= MAX_MOMENTS * MOMENT_BYTES  # about 47 MB
    positions = [m.position for m in history.moments]
    assert positions == sorted(positions)
    assert positions[0] < 0.05 and positions[-1] == epochs, "from the first steps to the end"
    assert max(np.diff(positions)) < 0.5, "no long stretch of the run without a moment"
    assert [mark.epoch for _, mark in history.marks()] == list(range(1, epochs + 1)), "every epoch end is kept"


def test_a_short_run_keeps_every_snapshot_and_the_latest_test_is_the_one_shown() -> None:
    history = RunHistory()
    for step in range(1, 11):
        assert history.add(_state(step), epoch=1, step=step, steps_per_epoch=10)
    history.mark_epoch(_mark(1))
    assert history.stride == 1 and len(history) == 10
    assert history.mark_at(3) is None and history.mark_at(9) is not None
    assert history.index_near(0.42) == 3


def test_finish_adds_the_last_weights_once() -> None:
    history = RunHistory()
    last = _state(1)
    history.add(last, epoch=1, step=5, steps_per_epoch=5)
    history.finish(last)
    assert len(history) == 1 and history.moments[-1].pinned
    other = RunHistory()
    other.add(_state(1), epoch=1, step=2, steps_per_epoch=5)
    other.finish(_state(2))
    assert len(other) == 2 and np.array_equal(other.moments[-1].state["fc3.bias"], _state(2)["fc3.bias"])


def test_training_sends_the_weights_of_each_epoch_end_with_where_it_is() -> None:
    images, labels = toy_digits(256, 0)
    data = DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))
    config = TrainingConfig(epochs=2, batch_size=64, snapshot_seconds=3600.0, evaluate_every_epoch=True)
    events = list(train(config, data, data))
    snapshots = [e for e in events if isinstance(e, WeightsSnapshot)]
    assert [(s.epoch, s.step, s.steps_per_epoch) for s in snapshots] == [(1, 4, 4), (2, 4, 4)]
    order = [type(e).__name__ for e in events if isinstance(e, WeightsSnapshot | EpochResult)]
    assert order == ["WeightsSnapshot", "EpochResult"] * 2, "each epoch's weights come before its test"


def _saved(tmp_path: Path) -> tuple[RunHistory, Path]:
    history = RunHistory(epochs=2)
    for step in (2, 4):
        history.add(_state(step), epoch=1, step=step, steps_per_epoch=4)
        history.record_progress(step / 4, 2.0 / step, 0.2 * step)
    history.mark_epoch(_mark(1))
    history.add(_state(9), epoch=2, step=1, steps_per_epoch=4)
    history.finish(_state(10))
    return history, run_files.save_run(tmp_path / "run.lenetrun", history, note="test")


def test_a_saved_run_reads_back_the_same(tmp_path: Path) -> None:
    history, path = _saved(tmp_path)
    loaded = run_files.load_run(path)
    assert len(loaded) == len(history) == 4 and loaded.finished
    for before, after in zip(history.moments, loaded.moments, strict=True):
        assert (after.position, after.epoch, after.step, after.pinned) == (
            before.position,
            before.epoch,
            before.step,
            before.pinned,
        )
        assert all(np.array_equal(before.state[k], after.state[k]) for k in before.state)
    assert loaded.mark_at(1) is not None and loaded.mark_at(1).epoch == 1  # type: ignore[union-attr]
    assert np.array_equal(loaded.mark_at(3).confusion, _mark(1).confusion)  # type: ignore[union-attr]
    assert [(p.position, p.loss) for p in loaded.curve] == [(0.5, 1.0), (1.0, 0.5)]
    assert not list(tmp_path.glob(".*.tmp")), "written through a temporary file that is gone"


def test_files_that_are_not_good_runs_say_why(tmp_path: Path) -> None:
    _, path = _saved(tmp_path)
    cut = tmp_path / "cut.lenetrun"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DamagedWeightsError, match="damaged"):
        run_files.load_run(cut)
    weights = save_checkpoint(tmp_path / "w.pt", Net().state_dict())
    with pytest.raises(NotWeightsFileError, match="holds weights, not a saved run"):
        run_files.load_run(weights)
    text = tmp_path / "notes.lenetrun"
    text.write_text("hello")
    with pytest.raises(NotWeightsFileError):
        run_files.load_run(text)
    wrong = tmp_path / "wrong.lenetrun"
    raw = torch.load(path, weights_only=True)
    raw["states"]["fc3.bias"] = torch.zeros(len(raw["positions"]), 7)
    torch.save(raw, wrong)
    with pytest.raises(WrongArchitectureError):
        run_files.load_run(wrong)
    missing = tmp_path / "missing.lenetrun"
    del raw["positions"]
    torch.save(raw, missing)
    with pytest.raises(DamagedWeightsError, match="damaged saved run"):
        run_files.load_run(missing)
    evil = tmp_path / "evil.lenetrun"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("x/data.pkl", b"cos\nsystem\n(S'true'\ntR.")
    with pytest.raises(Exception) as refused:
        run_files.load_run(evil)
    assert type(refused.value).__name__.endswith("Error")


def test_per_digit_accuracy_over_moments() -> None:
    images, labels = toy_digits(200, 3)
    data = DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))
    result = run_files.per_digit_accuracy([_state(0), _state(1)], data)
    assert result.shape == (2, 10)
    present = np.bincount(labels, minlength=10) > 0
    assert np.all(np.isfinite(result[:, present])) and np.all((result[:, present] >= 0) & (result[:, present] <= 1))
    assert all(math.isnan(v) for v in result[0, ~present])
