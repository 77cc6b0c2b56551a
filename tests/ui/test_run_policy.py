"""The blocking policy as a table: what may start while a run goes on or new weights await Keep or Discard.

Pure functions of a small state: no window, no threads, milliseconds.
"""

from __future__ import annotations

import pytest

from lenet_gui.ui.run_coordinator import RunState, blocks_for, may_start
from lenet_gui.ui.workers.runs import FINE_TUNING, TRAINING

T, F = TRAINING, FINE_TUNING

# running, pending → may train, may fine-tune, may change the weights, the words of each block (a part of them)
TABLE = [
    (None, None, True, True, True, ("", "", "")),
    (T, None, False, False, False, ("", "Training is running", "A run is changing the weights")),
    (F, None, False, False, False, ("Fine-tuning is running", "", "A run is changing the weights")),
    (None, T, True, False, False, ("", "training run's new weights first", "(in the Training panel)")),
    (None, F, False, True, False, ("fine-tuned weights first", "", "(in the My digits panel)")),
    # a run going on while the other kind's weights wait cannot happen (the policy refuses it), but is said
    (T, F, False, False, False, ("fine-tuned weights first", "Training is running", "A run is changing")),
    (F, T, False, False, False, ("Fine-tuning is running", "training run's new weights first", "A run is changing")),
    # running again over the same kind's unkept weights: that run replaces them
    (T, T, False, False, False, ("", "Training is running", "A run is changing the weights")),
    (F, F, False, False, False, ("Fine-tuning is running", "", "A run is changing the weights")),
]


@pytest.mark.parametrize(("running", "pending", "train", "tune", "weights", "words"), TABLE)
def test_blocking_policy(running, pending, train, tune, weights, words) -> None:  # type: ignore[no-untyped-def]
    state = RunState(running=running, pending=pending)
    blocks = blocks_for(state)
    assert may_start(T, state) is train
    assert may_start(F, state) is tune
    assert (not blocks.weights) is weights
    for said, part in zip((blocks.training, blocks.fine_tuning, blocks.weights), words, strict=True):
        assert part in said and bool(said) == bool(part), (said, part)


def test_unkept_training_steps_hold_runs_and_weight_choices_until_kept_or_discarded() -> None:
    """Issue 11: steps taken in the Training step view are new weights too; one change at a time."""
    blocks = blocks_for(RunState(steps_unkept=True))
    for said in (blocks.training, blocks.fine_tuning, blocks.weights):
        assert "stepped weights first (in the Training step panel)" in said
    assert not may_start(T, RunState(steps_unkept=True)) and not may_start(F, RunState(steps_unkept=True))
    assert may_start(T, RunState(steps_unkept=False))


def test_a_blocked_run_says_why_and_an_open_one_says_nothing() -> None:
    for running in (None, T, F):
        for pending in (None, T, F):
            state = RunState(running, pending)
            blocks = blocks_for(state)
            for kind in (T, F):
                if state.running is None:
                    assert may_start(kind, state) == (blocks.for_run(kind) == "")
