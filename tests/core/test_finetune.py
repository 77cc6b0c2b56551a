"""Fine-tuning on personal examples: the event stream, the report, the evaluation split, stopping, and (on real
MNIST) learning a style the bundled weights get wrong without forgetting MNIST."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.data import DigitTensors, load_mnist
from lenet_gui.core.finetune import (
    FineTuneConfig,
    FineTuneProgress,
    FineTuneReport,
    FineTuneStatus,
    _evaluation_plan,
    _JobClock,
    _PauseTimer,
    fine_tune,
    fine_tuned_weights_name,
)
from lenet_gui.core.inference import Predictor
from lenet_gui.core.personal import PersonalDataError, PersonalDataset
from lenet_gui.core.strokes import draw_digit
from lenet_gui.core.training import (
    Finished,
    StepProgress,
    TrainingControl,
    WeightsSnapshot,
    build_model,
    state_from_numpy,
    state_to_numpy,
)
from tests.handwriting import LOOPED_NINE, draw_looped_nine
from tests.helpers import toy_digits

# A few steps of small batches: these tests check the plumbing, not the learning.
QUICK = FineTuneConfig(steps=6, batch_size=32, outliers=16, offline_replay=60)


def personal_set(root: Path, digits: tuple[int, ...] = (2, 2, 5, 5, 8, 8)) -> PersonalDataset:
    dataset = PersonalDataset(root)
    for seed, digit in enumerate(digits):
        dataset.add(draw_digit(digit, rng=np.random.default_rng(seed)), digit)
    return dataset


def toy_mnist() -> tuple[DigitTensors, DigitTensors]:
    def tensors(count: int, seed: int) -> DigitTensors:
        images, labels = toy_digits(count, seed)
        return DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))

    return tensors(300, 1), tensors(100, 2)


def random_weights() -> dict[str, np.ndarray]:
    return state_to_numpy(build_model(None, seed=0).state_dict())


def test_events_end_with_one_report_then_finished(tmp_path: Path) -> None:
    events = list(fine_tune(personal_set(tmp_path), initial_state=random_weights(), mnist=toy_mnist(), config=QUICK))
    kinds = [type(event).__name__ for event in events]
    assert kinds[-2:] == ["FineTuneReport", "Finished"] and kinds.count("FineTuneReport") == 1
    report = events[-2]
    assert isinstance(report, FineTuneReport)
    assert report.mnist_before is not None and report.mnist_after is not None
    assert report.personal_method == "cross-validated over 3 folds of 6 drawings"
    assert 0.0 <= report.personal_before <= 1.0 and 0.0 <= report.personal_after <= 1.0
    assert report.personal_count == 6 and "rough guide" in " ".join(report.notes)
    for changed in report.changed:
        assert changed.pixels.shape == (28, 28) and changed.before != changed.after
    progress = [event for event in events if isinstance(event, StepProgress)]
    assert {event.epochs for event in progress} == {4}  # the main run and three measuring runs, as one bar
    assert progress[-1].fraction == pytest.approx(1.0)
    finished = events[-1]
    assert isinstance(finished, Finished) and not finished.cancelled
    assert set(finished.state) == set(random_weights())
    assert finished.test_accuracy == report.mnist_after


def test_progress_counts_every_step_of_every_run_and_one_eta_for_the_whole_job(tmp_path: Path) -> None:
    """Issue 10.9: the checking runs were most of the job, yet the bar said "Fine-tuning — 24%" with no time left
    for them. Each event says which phase it is in and carries the job's step count and time left."""
    events = list(fine_tune(personal_set(tmp_path), initial_state=random_weights(), mnist=toy_mnist(), config=QUICK))
    progress = [event for event in events if isinstance(event, StepProgress)]
    assert progress and all(isinstance(event, FineTuneProgress) for event in progress)
    assert {(event.folds, event.total_steps) for event in progress} == {(3, 4 * QUICK.steps)}
    training = [event for event in progress if not event.checking]
    checking = [event for event in progress if event.checking]
    assert training and {event.check for event in checking} == {1, 2, 3}
    assert [event.steps_done for event in progress] == sorted(event.steps_done for event in progress)
    assert progress[-1].steps_done == 4 * QUICK.steps and progress[-1].eta_seconds == pytest.approx(0.0)
    # The main run's last step still has the three checking runs ahead: its time left is not the run's zero.
    last_training = training[-1]
    assert last_training.step == QUICK.steps and last_training.eta_seconds > 0.0
    assert last_training.fraction == pytest.approx(0.25)


def test_the_time_left_leaves_out_the_time_spent_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paused job is not a slow one: after 100 s paused and 10 s of work for 10 of 200 steps, 190 s are left."""
    now = [0.0]
    monkeypatch.setattr("lenet_gui.core.finetune.time.perf_counter", lambda: now[0])

    class Paused(TrainingControl):
        def wait_while_paused(self) -> None:
            now[0] += 100.0  # the user went for a coffee

    clock = _JobClock(runs=2, folds=0)
    control = Paused()
    control.pause()
    _PauseTimer(control, clock).wait_while_paused()
    now[0] += 10.0
    step = StepProgress(1, 1, 10, 100, 0.5, 0.5, 100.0, 90.0, 0.01)
    progress = clock.progress(step, 1)
    assert progress.eta_seconds == pytest.approx(190.0) and progress.total_steps == 200
    assert (progress.epoch, progress.epochs, progress.folds, progress.checking) == (1, 2, 0, False)


def test_without_mnist_it_practises_on_generated_digits_and_says_so(tmp_path: Path) -> None:
    events = list(fine_tune(personal_set(tmp_path), initial_state=random_weights(), mnist=None, config=QUICK))
    report = next(event for event in events if isinstance(event, FineTuneReport))
    assert report.mnist_before is None and report.mnist_after is None
    assert any("MNIST accuracy could not be checked" in note for note in report.notes)
    assert any(isinstance(event, FineTuneStatus) and "generating digits" in event.text for event in events)
    assert "MNIST test accuracy" not in "\n".join(report.lines())


def test_an_empty_set_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PersonalDataError, match="no personal examples yet"):
        list(fine_tune(PersonalDataset(tmp_path), initial_state=random_weights(), mnist=None, config=QUICK))


def test_stopping_ends_with_a_cancelled_finish_and_no_report(tmp_path: Path) -> None:
    control = TrainingControl()
    events = []
    for event in fine_tune(
        personal_set(tmp_path), initial_state=random_weights(), mnist=toy_mnist(), config=QUICK, control=control
    ):
        events.append(event)
        if isinstance(event, FineTuneStatus) and event.text.startswith("Fine-tuning on"):
            control.cancel()  # as the main run begins
    assert isinstance(events[-1], Finished) and events[-1].cancelled
    assert not any(isinstance(event, FineTuneReport) for event in events)


@pytest.mark.parametrize("at", ["generating digits", "Measuring the current weights"])
def test_stopping_during_the_set_up_ends_at_once_with_the_weights_unchanged(tmp_path: Path, at: str) -> None:
    """Generating practice digits or measuring MNIST takes seconds: Stop (or closing the window) must not wait."""
    control = TrainingControl()
    initial = random_weights()
    mnist = None if at == "generating digits" else toy_mnist()
    config = FineTuneConfig(steps=6, batch_size=32, offline_replay=5000)  # minutes of generating, if not stopped
    events = []
    for event in fine_tune(personal_set(tmp_path), initial_state=initial, mnist=mnist, config=config, control=control):
        events.append(event)
        if isinstance(event, FineTuneStatus) and at in event.text:
            control.cancel()
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.cancelled and finished.seconds < 20
    assert not any(isinstance(event, StepProgress | FineTuneReport) for event in events)
    assert all(np.array_equal(finished.state[name], initial[name]) for name in initial)


def test_live_snapshots_come_only_from_the_run_that_is_kept(tmp_path: Path) -> None:
    config = FineTuneConfig(steps=6, batch_size=32, outliers=16, snapshot_seconds=1e-9)
    events = list(fine_tune(personal_set(tmp_path), initial_state=random_weights(), mnist=toy_mnist(), config=config))
    checking = next(
        i for i, event in enumerate(events) if isinstance(event, FineTuneStatus) and "did not train on" in event.text
    )
    snapshots = [i for i, event in enumerate(events) if isinstance(event, WeightsSnapshot)]
    assert snapshots and max(snapshots) < checking


def test_held_out_when_there_are_enough_examples_else_folds() -> None:
    rng = np.random.default_rng(0)
    config = FineTuneConfig()
    many = np.repeat(np.arange(10), 10)  # ten of every digit: two of each held out
    (held_out,) = _evaluation_plan(many, config, rng)
    assert len(held_out) == 20 and np.bincount(many[held_out], minlength=10).tolist() == [2] * 10

    few = np.array([7, 7, 7, 1, 1])
    folds = _evaluation_plan(few, config, rng)
    assert len(folds) == 3 and sorted(np.concatenate(folds).tolist()) == [0, 1, 2, 3, 4]

    lopsided = np.array([7] * 30 + [1])  # only the sevens have enough: six of them held out, so folds instead
    folds = _evaluation_plan(lopsided, config, rng)
    assert len(folds) == 3 and sorted(np.concatenate(folds).tolist()) == list(range(31))
    for fold in folds:  # each digit spread over the folds
        assert (lopsided[fold] == 7).sum() == 10


def test_three_of_each_digit_hold_one_of_each_out_of_a_single_measuring_run() -> None:
    """The case a user meets first (3 per digit) measures with one extra run, not three folds: cheaper, same idea."""
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(10), 3)
    (held_out,) = _evaluation_plan(labels, FineTuneConfig(), rng)
    assert sorted(labels[held_out].tolist()) == list(range(10))
    two_digits = np.array([3, 3, 3, 4, 4, 4, 5])  # only 2 digits with a second drawing: too few, so folds
    assert len(_evaluation_plan(two_digits, FineTuneConfig(), rng)) == 3


def test_thirty_examples_take_two_runs_and_the_report_says_what_was_measured(tmp_path: Path) -> None:
    digits = tuple(digit for digit in range(10) for _ in range(3))
    events = list(
        fine_tune(personal_set(tmp_path, digits), initial_state=random_weights(), mnist=toy_mnist(), config=QUICK)
    )
    progress = [event for event in events if isinstance(event, StepProgress)]
    assert {event.epochs for event in progress} == {2}  # the main run and one measuring run
    report = next(event for event in events if isinstance(event, FineTuneReport))
    assert report.personal_method == "10 held-out drawings, one of each digit"
    assert any("left out of an extra run that trained on the other 20" in note for note in report.notes)


def test_weights_file_name_sorts_by_time() -> None:
    assert fine_tuned_weights_name(dt.datetime(2026, 11, 27, 5, 4, 3)) == "fine-tuned-20261127-050403.pt"


@pytest.mark.mnist
def test_it_learns_a_style_the_bundled_weights_misread_without_forgetting_mnist(
    tmp_path: Path, mnist_dir: Path
) -> None:
    """Ten looped 9s, which the bundled weights read as 8s more often than not: afterwards new ones are 9s, 8s stay
    8s, and MNIST test accuracy falls by at most 0.3 points."""

    rng = np.random.default_rng(2)
    dataset = PersonalDataset(tmp_path)
    for _ in range(10):
        dataset.add(draw_looped_nine(rng), LOOPED_NINE)
    mnist = (load_mnist(mnist_dir, train=True, download=False), load_mnist(mnist_dir, train=False, download=False))
    bundled = load_bundled().state_dict
    events = list(
        fine_tune(
            dataset,
            initial_state=state_to_numpy(bundled),
            mnist=mnist,
            config=FineTuneConfig(check_personal=False),
        )
    )
    report = next(event for event in events if isinstance(event, FineTuneReport))
    finished = events[-1]
    assert isinstance(finished, Finished)

    before, after = Predictor(), Predictor()
    before.load_state(bundled)
    after.load_state(state_from_numpy(finished.state))
    fresh = np.random.default_rng(100)
    nines = [draw_looped_nine(fresh) for _ in range(40)]
    eights = [draw_digit(8, rng=fresh, style=style) for style in ("one_stroke", "two_loops") for _ in range(15)]

    def right(predictor: Predictor, images: list[np.ndarray], digit: int) -> int:
        return sum(predictor.predict_image(image).digit == digit for image in images)  # type: ignore[union-attr]

    assert right(before, nines, 9) <= 20, "the style should be one the bundled weights get wrong"
    assert right(after, nines, 9) >= 36, report.lines()
    assert right(after, eights, 8) >= 29, "learning the 9s must not turn eights into nines"
    assert report.mnist_before is not None and report.mnist_after is not None
    assert (report.mnist_before - report.mnist_after) * 100 <= 0.3, report.lines()


def _put_blank_picture(root: Path, digit: int) -> None:
    """A blank picture copied into a digit folder by hand (the app itself never saves one)."""
    (root / str(digit)).mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((280, 280), 255, np.uint8)).save(root / str(digit) / f"blank-{digit}.png")


def test_a_set_of_only_blank_pictures_says_so(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    _put_blank_picture(tmp_path, 3)
    with pytest.raises(PersonalDataError, match="Your one saved example shows no digit"):
        list(fine_tune(dataset, initial_state=random_weights(), mnist=None, config=QUICK))
    _put_blank_picture(tmp_path, 4)
    with pytest.raises(PersonalDataError, match="None of your 2 saved examples shows a digit"):
        list(fine_tune(dataset, initial_state=random_weights(), mnist=None, config=QUICK))
