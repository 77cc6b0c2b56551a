import math
import threading
import time
from dataclasses import replace

import numpy as np
import pytest
import torch

import lenet_gui.core.training as training
from lenet_gui.core.data import DigitTensors, to_model_batch
from lenet_gui.core.inference import configure_for_latency
from lenet_gui.core.threads import DEFAULT_THREADS
from lenet_gui.core.training import (
    Diverged,
    EpochResult,
    Finished,
    StepProgress,
    TrainingConfig,
    TrainingControl,
    WeightsSnapshot,
    build_model,
    resolve_device,
    state_from_numpy,
    train,
)
from tests.helpers import toy_digits


def _toy(count: int, seed: int) -> DigitTensors:
    images, labels = toy_digits(count, seed)
    return DigitTensors(torch.from_numpy(images), torch.from_numpy(labels))


@pytest.fixture(scope="module")
def toy_train() -> DigitTensors:
    return _toy(640, 1)


@pytest.fixture(scope="module")
def toy_test() -> DigitTensors:
    return _toy(200, 2)


def _run(config: TrainingConfig, train_set: DigitTensors, test_set: DigitTensors | None = None, **kwargs):  # type: ignore[no-untyped-def]
    return list(train(config, train_set, test_set, **kwargs))


def test_a_short_run_lowers_the_loss_and_learns(toy_train: DigitTensors, toy_test: DigitTensors) -> None:
    config = TrainingConfig(epochs=4, batch_size=32, learning_rate=0.05, step_event_seconds=0.0)
    events = _run(config, toy_train, toy_test)
    steps = [e for e in events if isinstance(e, StepProgress)]
    epochs = [e for e in events if isinstance(e, EpochResult)]
    assert len(steps) == 4 * 20 and len(epochs) == 4
    assert np.mean([s.loss for s in steps[-10:]]) < 0.5 * np.mean([s.loss for s in steps[:5]])
    assert epochs[-1].test_accuracy > 0.9
    last = epochs[-1]
    assert last.confusion.shape == (10, 10) and last.confusion.sum() == 200
    assert last.per_class_accuracy.shape == (10,)
    assert steps[-1].fraction == pytest.approx(1.0)
    assert all(s.images_per_second > 0 and s.eta_seconds >= 0 for s in steps)
    finished = events[-1]
    assert isinstance(finished, Finished) and not finished.cancelled and finished.epochs_completed == 4
    assert finished.test_accuracy == pytest.approx(last.test_accuracy)


def test_misclassified_digits_are_reported_with_their_pixels(toy_train: DigitTensors, toy_test: DigitTensors) -> None:
    events = _run(TrainingConfig(epochs=1, batch_size=64, learning_rate=0.01), toy_train.head(64), toy_test)
    result = next(e for e in events if isinstance(e, EpochResult))
    wrong = result.misclassified
    assert 0 < len(wrong) <= 24
    for item in wrong:
        assert item.pixels.shape == (28, 28) and item.pixels.max() <= 1.0
        assert item.label != item.predicted
        assert int(toy_test.labels[item.index]) == item.label
    assert [w.confidence for w in wrong] == sorted((w.confidence for w in wrong), reverse=True)


def test_seeded_runs_repeat_exactly(toy_train: DigitTensors) -> None:
    config = TrainingConfig(epochs=1, batch_size=64, augment=True, seed=7)
    first = _run(config, toy_train)[-1]
    second = _run(config, toy_train)[-1]
    other = _run(TrainingConfig(epochs=1, batch_size=64, augment=True, seed=8), toy_train)[-1]
    for key in first.state:
        np.testing.assert_array_equal(first.state[key], second.state[key])
    assert not np.array_equal(first.state["fc3.weight"], other.state["fc3.weight"])


def test_cancel_stops_within_one_step(toy_train: DigitTensors) -> None:
    control = TrainingControl()
    config = TrainingConfig(epochs=5, batch_size=16, step_event_seconds=0.0)
    events = []
    for event in train(config, toy_train, control=control):
        events.append(event)
        if isinstance(event, StepProgress) and event.step == 3:
            control.cancel()
    steps = [e for e in events if isinstance(e, StepProgress)]
    assert steps[-1].step == 3 and steps[-1].epoch == 1
    assert isinstance(events[-1], Finished) and events[-1].cancelled


def test_pause_holds_the_loop_until_resumed(toy_train: DigitTensors) -> None:
    control = TrainingControl()
    control.pause()
    events: list[object] = []

    def consume() -> None:
        events.extend(train(TrainingConfig(epochs=1, batch_size=64), toy_train, control=control))

    thread = threading.Thread(target=consume)
    thread.start()
    time.sleep(0.3)
    assert events == [] and control.paused
    control.resume()
    thread.join(timeout=30)
    assert isinstance(events[-1], Finished) and not events[-1].cancelled


def test_snapshots_on_request_carry_weights_and_gradient_norms(toy_train: DigitTensors) -> None:
    control = TrainingControl()
    control.request_snapshot()
    events = _run(TrainingConfig(epochs=1, batch_size=64), toy_train, control=control)
    snapshots = [e for e in events if isinstance(e, WeightsSnapshot)]
    assert len(snapshots) == 1
    snap = snapshots[0]
    assert snap.state["conv1.weight"].shape == (6, 1, 5, 5)
    assert set(snap.gradient_norms) == {
        "conv1.weight",
        "conv1.bias",
        "conv2.weight",
        "conv2.bias",
        "fc1.weight",
        "fc1.bias",
        "fc2.weight",
        "fc2.bias",
        "fc3.weight",
        "fc3.bias",
    }
    assert all(v > 0 for v in snap.gradient_norms.values())
    timed = _run(TrainingConfig(epochs=2, batch_size=16, snapshot_seconds=1e-9), toy_train)
    assert sum(isinstance(e, WeightsSnapshot) for e in timed) >= 40


def test_a_diverging_run_stops_with_advice_and_restores_good_weights(toy_train: DigitTensors) -> None:
    start = _run(TrainingConfig(epochs=1, batch_size=64), toy_train)[-1].state
    config = TrainingConfig(
        epochs=2, batch_size=32, learning_rate=1e12, schedule="constant", momentum=0.0, step_event_seconds=0.0
    )
    events = _run(config, toy_train, initial_state=state_from_numpy(start))
    diverged = [e for e in events if isinstance(e, Diverged)]
    assert len(diverged) == 1
    assert "learning rate" in diverged[0].message and "lower" in diverged[0].message
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.cancelled
    for key, value in finished.state.items():
        assert np.isfinite(value).all(), key
        np.testing.assert_array_equal(value, diverged[0].state[key])


def test_a_forced_nan_restores_the_last_good_weights(toy_train: DigitTensors, monkeypatch: pytest.MonkeyPatch) -> None:
    real_loss = training.F.cross_entropy
    calls = {"n": 0}

    def loss_with_a_nan_on_step_5(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        loss = real_loss(*args, **kwargs)
        return loss * float("nan") if calls["n"] == 5 else loss

    monkeypatch.setattr(training.F, "cross_entropy", loss_with_a_nan_on_step_5)
    snapshots: list[WeightsSnapshot] = []
    control = TrainingControl()
    events = []
    for event in train(TrainingConfig(epochs=1, batch_size=32, step_event_seconds=0.0), toy_train, control=control):
        events.append(event)
        if isinstance(event, StepProgress) and event.step == 4:
            control.request_snapshot()  # the weights after step 4: what must come back
        if isinstance(event, WeightsSnapshot):
            snapshots.append(event)
    diverged = next(e for e in events if isinstance(e, Diverged))
    assert (diverged.epoch, diverged.step) == (1, 5)
    assert sum(isinstance(e, StepProgress) for e in events) == 4
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.cancelled
    for key, value in snapshots[-1].state.items():
        np.testing.assert_array_equal(finished.state[key], value)
        np.testing.assert_array_equal(diverged.state[key], value)


def test_adam_and_schedules_run(toy_train: DigitTensors) -> None:
    for optimizer, schedule in (("adam", "cosine"), ("sgd", "constant")):
        config = TrainingConfig(epochs=1, batch_size=64, learning_rate=1e-3, optimizer=optimizer, schedule=schedule)
        finished = _run(config, toy_train)[-1]
        assert isinstance(finished, Finished) and math.isnan(finished.test_accuracy)


def test_cuda_is_refused_clearly_when_absent() -> None:
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ValueError, match="no CUDA GPU"):
        resolve_device("cuda")
    assert resolve_device("auto").type == "cpu"


def test_outlier_exposure_makes_the_network_unsure_about_non_digits(toy_train: DigitTensors) -> None:
    rng = np.random.default_rng(0)
    outliers = torch.from_numpy((rng.random((300, 28, 28)) > 0.7).astype(np.uint8) * 255)  # speckle, not bars
    config = TrainingConfig(epochs=3, batch_size=32, learning_rate=0.05)
    plain = _run(config, toy_train)[-1]
    exposed = _run(replace(config, outlier_weight=1.0), toy_train, outliers=outliers)[-1]
    unseen = torch.from_numpy((rng.random((100, 28, 28)) > 0.7).astype(np.uint8) * 255)

    def mean_confidence(state: dict[str, np.ndarray], images: torch.Tensor) -> float:
        model = build_model(state_from_numpy(state), seed=None).eval()
        with torch.no_grad():
            return float(torch.softmax(model(to_model_batch(images)), 1).max(1).values.mean())

    assert mean_confidence(exposed.state, unseen) < 0.5 * mean_confidence(plain.state, unseen)
    assert mean_confidence(exposed.state, unseen) < 0.3
    # …while still reading the digits it was trained on.
    assert mean_confidence(exposed.state, toy_train.images[:200]) > 0.8


def test_training_uses_all_cores_even_after_a_thread_chose_one_for_predicting(toy_train: DigitTensors) -> None:
    seen: dict[str, int] = {}

    def predicting_thread() -> None:
        configure_for_latency()
        seen["predicting"] = torch.get_num_threads()

    def training_thread() -> None:
        for event in train(TrainingConfig(epochs=1, batch_size=64), toy_train.head(64)):
            seen.setdefault("training", torch.get_num_threads())
            del event

    for target in (predicting_thread, training_thread):
        thread = threading.Thread(target=target)
        thread.start()
        thread.join(timeout=60)
    assert seen == {"predicting": 1, "training": DEFAULT_THREADS}
