"""Fine-tuning on the user's own handwriting without forgetting MNIST, and an honest before/after report.

The personal examples are few (one to a few hundred) against MNIST's 60,000, so a run mixes them into batches that
are mostly MNIST (an eighth personal by default, each personal drawing distorted anew every time it is seen) and
trains gently from the current weights: a low, decaying learning rate for a few hundred steps. That is enough to
learn a crossed 7 or a flagged 1 while MNIST test accuracy moves by a tenth of a point or so. Without MNIST (offline)
generated stroke digits stand in for it, so the network still sees every digit while it adapts.

Accuracy on the personal examples is only meaningful on drawings the run did not train on. With enough examples a
share of each digit is held out of an extra run; with fewer, one drawing of each digit that has a second one is held
out of an extra run (one extra run, not one per fold: 30 examples take two runs in all); with very few, the examples
are split into folds and each fold is predicted by a run trained without it (cross-validation). Either way the
weights offered at the end were trained on every example, so the figure is a slightly pessimistic estimate of how
they read new drawings; the report says which estimate it is. The extra runs come after the main one, so the live
prediction follows the weights that will be kept.

It reuses ``training.train`` for each run, so pause, stop, divergence and snapshots behave as in normal training.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TypeVar

import numpy as np
import torch

from lenet_gui.core.config import FineTuneConfig, TrainingConfig
from lenet_gui.core.control import TrainingControl
from lenet_gui.core.data import DigitTensors, to_model_batch
from lenet_gui.core.errors import PersonalDataError
from lenet_gui.core.events import (
    ChangedExample,
    Diverged,
    FineTuneEvent,
    FineTuneProgress,
    FineTuneReport,
    FineTuneStatus,
    Finished,
    StepProgress,
    WeightsSnapshot,
    Words,
)
from lenet_gui.core.personal import PersonalDataset
from lenet_gui.core.strokes import non_digits, synthetic_digits
from lenet_gui.core.training import build_model, resolve_device, state_from_numpy, train
from lenet_gui.core.weights_files import fine_tuned_weights_name

# The torch-free names that moved to config and events, still importable from here.
__all__ = [
    "MNIST_TOLERANCE_POINTS",
    "ChangedExample",
    "FineTuneConfig",
    "FineTuneEvent",
    "FineTuneProgress",
    "FineTuneReport",
    "FineTuneStatus",
    "fine_tune",
    "fine_tuned_weights_name",
]

# How far MNIST test accuracy may fall (in points) before the report warns; the goal is to stay within this.
MNIST_TOLERANCE_POINTS = 0.3


def fine_tune(
    dataset: PersonalDataset,
    *,
    initial_state: Mapping[str, np.ndarray],
    mnist: tuple[DigitTensors, DigitTensors] | None,
    config: FineTuneConfig | None = None,
    control: TrainingControl | None = None,
) -> Iterator[FineTuneEvent]:
    """Fine-tune on ``dataset`` from ``initial_state``; yields progress, one report, then ``Finished``."""
    config = config or FineTuneConfig()
    control = control or TrainingControl()
    started = time.perf_counter()
    saved = len(dataset)
    images, labels, examples = dataset.training_arrays(stop=lambda: control.cancelled)
    if control.cancelled:
        yield _stopped_early(initial_state, started)
        return
    if len(examples) == 0:
        raise PersonalDataError(_nothing_to_learn(saved))
    personal = DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))
    rng = np.random.default_rng(config.seed)
    notes: list[str] = []
    note_words: list[Words] = []

    def note(text: str, key: str, values: Mapping[str, object] | None = None, **more: object) -> None:
        notes.append(text)
        note_words.append((key, {**(values or {}), **more}))

    replay: DigitTensors | None
    if mnist is not None:
        replay, test_set = mnist
    else:
        yield FineTuneStatus("MNIST is not on this computer: generating digits to practise on instead…", "generating")
        replay, test_set = _generated_replay(config.offline_replay, rng, control), None
        note(
            "MNIST is not on this computer, so MNIST accuracy could not be checked; "
            f"{config.offline_replay:,} generated digits stood in for it during fine-tuning.",
            "offline",
            count=config.offline_replay,
        )
    outliers = _scribbles(config.outliers, rng, control) if config.outlier_weight > 0 else None
    if replay is None or control.cancelled:
        yield _stopped_early(initial_state, started)
        return

    device = resolve_device(config.device)
    before_model = build_model(state_from_numpy(initial_state), None).to(device)
    mnist_before = None
    if test_set is not None:
        yield FineTuneStatus("Measuring the current weights on the MNIST test set…", "measuring_before")
        mnist_before = _accuracy(before_model, test_set, device, control)
        if mnist_before is None:
            yield _stopped_early(initial_state, started)
            return
    predicted_before = _predict(before_model, personal, device)

    plan = _evaluation_plan(labels, config, rng) if config.check_personal else []
    clock = _JobClock(runs=1 + len(plan), folds=len(plan) if len(plan) > 1 else 0)
    yield FineTuneStatus(f"Fine-tuning on {len(examples)} of your examples…", "training", {"count": len(examples)})
    final: Finished | None = None
    for event in _run(config, personal, replay, initial_state, control, outliers, rng, clock, 1):
        if isinstance(event, Finished):
            final = event
        else:
            yield event
    assert final is not None
    if final.cancelled:
        yield final
        return

    after_model = build_model(state_from_numpy(final.state), None).to(device)
    predicted_after = _predict(after_model, personal, device)
    mnist_after = None
    if test_set is not None:
        yield FineTuneStatus("Measuring the new weights on the MNIST test set…", "measuring_after")
        mnist_after = _accuracy(after_model, test_set, device, control)
        if mnist_after is None:
            mnist_before = None
            note("Stopped before MNIST accuracy after fine-tuning was measured.", "stopped_mnist")
    changed = tuple(
        ChangedExample(example.id, example.label, int(b), int(a), images[i].astype(np.float32) / np.float32(255.0))
        for i, (example, b, a) in enumerate(zip(examples, predicted_before, predicted_after, strict=True))
        if b != a
    )

    personal_before = personal_after = math.nan
    method = "not measured"
    method_words: Words = ("not_measured", {})
    if plan:
        yield FineTuneStatus("Checking on drawings the network did not train on…", "checking")
        right_before = right_after = 0
        checked = 0
        for index, held_out in enumerate(plan, start=2):
            keep = np.ones(len(examples), bool)
            keep[held_out] = False
            subset = DigitTensors(personal.images[keep], personal.labels[keep])
            measured: Finished | None = None
            for event in _run(config, subset, replay, initial_state, control, outliers, rng, clock, index):
                if isinstance(event, Finished):
                    measured = event
                elif isinstance(event, FineTuneProgress):
                    yield event
            assert measured is not None
            if measured.cancelled:
                note("Stopped before accuracy on your unseen drawings was measured.", "stopped_personal")
                break
            fold = DigitTensors(personal.images[held_out], personal.labels[held_out])
            fold_after = _predict(build_model(state_from_numpy(measured.state), None).to(device), fold, device)
            right_after += int((fold_after == labels[held_out]).sum())
            right_before += int((predicted_before[held_out] == labels[held_out]).sum())
            checked += len(held_out)
        else:
            personal_before, personal_after = right_before / checked, right_after / checked
            method, method_words = _method(plan, labels)
            note(*_method_note(plan, len(examples)))
    if len(examples) < 10:
        note(
            f"With only {len(examples)} examples the accuracy on your drawings is a rough guide.",
            "few",
            count=len(examples),
        )
    if mnist_before is not None and mnist_after is not None:
        drop = (mnist_before - mnist_after) * 100
        if drop > MNIST_TOLERANCE_POINTS:
            note(
                f"MNIST accuracy fell by {drop:.2f} points, more than the {MNIST_TOLERANCE_POINTS} aimed for: "
                "consider discarding, or add more varied examples.",
                "fell",
                drop=round(drop, 2),
                tolerance=MNIST_TOLERANCE_POINTS,
            )
    yield FineTuneReport(
        mnist_before,
        mnist_after,
        personal_before,
        personal_after,
        method,
        len(examples),
        changed,
        tuple(notes),
        time.perf_counter() - started,
        tuple(note_words),
        method_words,
    )
    accuracy = mnist_after if mnist_after is not None else math.nan
    yield replace(final, test_accuracy=accuracy, seconds=time.perf_counter() - started)


# --- internals ----------------------------------------------------------------------------------------------------


def _run(
    config: FineTuneConfig,
    personal: DigitTensors,
    replay: DigitTensors,
    initial_state: Mapping[str, np.ndarray],
    control: TrainingControl,
    outliers: torch.Tensor | None,
    rng: np.random.Generator,
    clock: _JobClock,
    index: int,
) -> Iterator[FineTuneProgress | WeightsSnapshot | Diverged | Finished]:
    """One gentle pass over a fresh personal/replay mix, run ``index`` of the job (1: the main run, whose weights are
    offered; the others check); its progress is told as the whole job's (``clock``)."""
    main = index == 1
    total = config.steps * config.batch_size
    personal_count = round(total * config.personal_share) if len(personal) else 0
    replay_pick = rng.choice(len(replay), total - personal_count, replace=len(replay) < total - personal_count)
    picks = [replay.images[torch.from_numpy(replay_pick)]]
    pick_labels = [replay.labels[torch.from_numpy(replay_pick)]]
    if personal_count:
        repeated = np.resize(rng.permutation(len(personal)), personal_count)
        picks.append(personal.images[torch.from_numpy(repeated)])
        pick_labels.append(personal.labels[torch.from_numpy(repeated)])
    mix = DigitTensors(torch.cat(picks), torch.cat(pick_labels))
    training_config = TrainingConfig(
        epochs=1,
        batch_size=config.batch_size,
        learning_rate=config.learning_rate,
        optimizer="sgd",
        schedule="cosine",
        augment=True,
        augmentation=config.augmentation,
        label_smoothing=config.label_smoothing,
        outlier_weight=config.outlier_weight,
        seed=int(rng.integers(2**31)),
        device=config.device,
        snapshot_seconds=config.snapshot_seconds if main else 0.0,
        evaluate_every_epoch=False,  # MNIST is measured afterwards, in pieces that a stop can interrupt
    )
    state = state_from_numpy(initial_state)
    timed = _PauseTimer(control, clock)
    for event in train(training_config, mix, None, initial_state=state, control=timed, outliers=outliers):
        if isinstance(event, StepProgress):
            yield clock.progress(event, index)
        elif isinstance(event, WeightsSnapshot | Diverged):
            if main:
                yield event
        elif isinstance(event, Finished):
            yield event


class _JobClock:
    """Progress and time left over every run of a job, each run as long as the others.

    The time left is the job's pace so far (since the main run began, the measuring between runs included, the
    pauses not) times the steps still to take: one estimate for the whole job, whose checking runs are most of it
    with few examples.
    """

    def __init__(self, *, runs: int, folds: int) -> None:
        self.runs, self.folds = runs, folds
        self._started = time.perf_counter()
        self.paused_seconds = 0.0  # added to by _PauseTimer

    def progress(self, event: StepProgress, index: int) -> FineTuneProgress:
        """``event`` of run ``index`` as a step of the whole job."""
        done = (index - 1) * event.steps_per_epoch + event.step
        total = self.runs * event.steps_per_epoch
        working = max(time.perf_counter() - self._started - self.paused_seconds, 0.0)
        eta = working / done * (total - done)
        fields = {**vars(event), "epoch": index, "epochs": self.runs, "eta_seconds": eta}
        return FineTuneProgress(**fields, folds=self.folds)


class _PauseTimer(TrainingControl):
    """The caller's control as the training loop sees it, timing its pauses for the job's clock (a paused job is
    not a slow one). Every switch is the caller's: this one only passes them on."""

    def __init__(self, control: TrainingControl, clock: _JobClock) -> None:  # no super(): the flags are control's
        self._control, self._clock = control, clock

    def cancel(self) -> None:
        self._control.cancel()

    def pause(self) -> None:
        self._control.pause()

    def resume(self) -> None:
        self._control.resume()

    def request_snapshot(self) -> None:
        self._control.request_snapshot()

    def set_drawing(self, drawing: bool) -> None:
        self._control.set_drawing(drawing)

    @property
    def drawing(self) -> bool:
        return self._control.drawing

    @property
    def cancelled(self) -> bool:
        return self._control.cancelled

    @property
    def paused(self) -> bool:
        return self._control.paused

    def take_snapshot_request(self) -> bool:
        return self._control.take_snapshot_request()

    def wait_while_paused(self) -> None:
        if self._control.paused:
            started = time.perf_counter()
            self._control.wait_while_paused()
            self._clock.paused_seconds += time.perf_counter() - started


def _evaluation_plan(labels: np.ndarray, config: FineTuneConfig, rng: np.random.Generator) -> list[np.ndarray]:
    """Indices to leave out of each measuring run (one run per array): a held-out share of each digit when there
    are enough examples; else one drawing of each digit that has a second one, when that makes enough; else k folds.

    Each measuring run costs as much as the main run, which is why the middle case holds out once instead of
    cross-validating. The random draws for the folds are the same as before it existed (the main run's randomness
    comes from the same generator, after this).
    """
    held_out: list[int] = []
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        if len(members) >= config.holdout_min_per_digit:
            count = max(1, round(len(members) * config.holdout_share))
            held_out.extend(rng.choice(members, count, replace=False).tolist())
    if len(held_out) >= config.holdout_min_total:
        return [np.sort(np.asarray(held_out))]
    counts = np.bincount(labels, minlength=10)
    if int((counts >= 2).sum()) >= config.holdout_one_each_min:
        one_each = [int(rng.choice(np.flatnonzero(labels == digit))) for digit in range(10) if counts[digit] >= 2]
        return [np.sort(np.asarray(one_each))]
    folds = min(config.folds, len(labels))
    order = rng.permutation(len(labels))
    order = order[np.argsort(labels[order], kind="stable")]  # each digit's examples spread over the folds
    return [np.sort(order[k::folds]) for k in range(folds)]


def _method(plan: list[np.ndarray], labels: np.ndarray) -> tuple[str, Words]:
    """The report's few words on how "your digits" was measured, e.g. "10 held-out drawings, one of each digit"."""
    if len(plan) > 1:
        values = {"folds": len(plan), "count": len(labels)}
        return f"cross-validated over {len(plan)} folds of {len(labels)} drawings", ("folds", values)
    (held_out,) = plan
    count = len(held_out)
    words = f"{count} held-out drawing{'s' * (count != 1)}"
    key = "held_out"
    if count > 1 and len(np.unique(labels[held_out])) == count:
        words += ", one of each digit" if count == 10 else f", one each of {count} digits"
        key = "held_out_each_digit" if count == 10 else "held_out_distinct"
    return words, (key, {"count": count})


def _method_note(plan: list[np.ndarray], total: int) -> tuple[str, str, dict[str, object]]:
    """What the "your digits" figure means, in a sentence: which drawings, predicted by which run."""
    if len(plan) > 1:
        return (
            f"Your digits: each of your {total} drawings was read by one of {len(plan)} extra runs that trained "
            "without it, before and after; the weights offered trained on all of them.",
            "method_folds",
            {"count": total, "folds": len(plan)},
        )
    count = len(plan[0])
    return (
        f"Your digits: {count} of your drawings were left out of an extra run that trained on the other "
        f"{total - count}, and read before and after it; the weights offered trained on all {total}, so this is a "
        "cautious estimate of how they will read new drawings.",
        "method_held_out",
        {"count": count, "rest": total - count, "total": total},
    )


@torch.no_grad()
def _predict(model: torch.nn.Module, digits: DigitTensors, device: torch.device) -> np.ndarray:
    model.eval()
    if len(digits) == 0:
        return np.zeros(0, np.int64)
    x = to_model_batch(digits.images).to(device).contiguous(memory_format=torch.channels_last)
    predicted: np.ndarray = model(x).argmax(1).cpu().numpy()
    return predicted


T = TypeVar("T")

# Slow set-up work is done in pieces of about a second at most, checking for Stop in between, so that closing the
# window or pressing Stop never waits for a whole set-up step.
_PIECE = 250


def _nothing_to_learn(saved: int) -> str:
    if saved == 0:
        return (
            "There are no personal examples yet: draw a digit, then press its key (or “That's wrong, it's…”) to "
            "save it, and fine-tune once you have a few."
        )
    if saved == 1:
        return "Your one saved example shows no digit (it is blank or unreadable): draw some new ones."
    return f"None of your {saved} saved examples shows a digit (all blank or unreadable): draw some new ones."


def _stopped_early(initial_state: Mapping[str, np.ndarray], started: float) -> Finished:
    state = {name: np.array(value, dtype=np.float32) for name, value in initial_state.items()}
    return Finished(state, 0, math.nan, True, time.perf_counter() - started)


def _in_pieces(count: int, make: Callable[[int], T], control: TrainingControl) -> list[T] | None:
    """``make(n)`` called for pieces of at most _PIECE that add up to ``count``; None when stopped meanwhile."""
    pieces = []
    for start in range(0, count, _PIECE):
        if control.cancelled:
            return None
        pieces.append(make(min(_PIECE, count - start)))
    return pieces


def _generated_replay(count: int, rng: np.random.Generator, control: TrainingControl) -> DigitTensors | None:
    pieces = _in_pieces(count, lambda n: synthetic_digits(n, rng), control)
    if pieces is None:
        return None
    images = np.concatenate([images for images, _ in pieces])
    labels = np.concatenate([labels for _, labels in pieces])
    return DigitTensors(torch.from_numpy(images), torch.from_numpy(labels).long())


def _scribbles(count: int, rng: np.random.Generator, control: TrainingControl) -> torch.Tensor | None:
    pieces = _in_pieces(count, lambda n: non_digits(n, rng), control)
    return torch.from_numpy(np.concatenate(pieces)) if pieces else None


def _accuracy(
    model: torch.nn.Module, digits: DigitTensors, device: torch.device, control: TrainingControl
) -> float | None:
    """Test accuracy measured a thousand digits at a time; None when stopped meanwhile."""
    right = 0
    for start in range(0, len(digits), 1000):
        if control.cancelled:
            return None
        piece = DigitTensors(digits.images[start : start + 1000], digits.labels[start : start + 1000])
        right += int((torch.from_numpy(_predict(model, piece, device)) == piece.labels).sum())
    return right / max(len(digits), 1)
