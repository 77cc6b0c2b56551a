import math
import threading
import time
from dataclasses import replace

import numpy as np
import pytest
import torch

import lenet_gui.core.training as training
from lenet_gui.core.config import BUNDLED_AUGMENTATION, DEVICE_CHOICES, FAST
from lenet_gui.core.data import DigitTensors, load_mnist, to_model_batch
from lenet_gui.core.devices import available_devices, describe_device
from lenet_gui.core.inference import configure_for_latency
from lenet_gui.core.threads import DEFAULT_THREADS
from lenet_gui.core.training import (
    DIVERGENCE_CHECK_STEPS,
    DeviceDigits,
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


@pytest.mark.skipif(DEFAULT_THREADS < 2, reason="one CPU thread: there is no core to leave to the drawing")
def test_while_a_person_draws_the_loop_computes_on_one_thread(toy_train: DigitTensors) -> None:
    """The window says when a stroke begins and ends; in between the loop leaves a core to the live predictions
    (issue 10), and goes back to all its threads after."""
    control = TrainingControl()
    config = TrainingConfig(epochs=1, batch_size=16, step_event_seconds=0.0)
    threads_at: dict[int, int] = {}
    try:
        for event in train(config, toy_train, control=control):
            if isinstance(event, StepProgress):
                threads_at[event.step] = torch.get_num_threads()  # as the step just taken computed
                control.set_drawing(3 <= event.step < 6)
    finally:
        torch.set_num_threads(DEFAULT_THREADS)
    # The switch is read as a step begins: steps 4-6 began while drawing, 7 and 8 after the stroke ended.
    assert [threads_at[step] for step in range(2, 9)] == [DEFAULT_THREADS] * 2 + [1] * 3 + [DEFAULT_THREADS] * 2


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


@pytest.mark.parametrize("steps", [1, 2, 3, 4, 5, 8])
def test_the_fast_recipe_runs_on_a_set_of_a_few_batches(toy_train: DigitTensors, steps: int) -> None:
    """The one-cycle schedule on a run of a few steps (1,000 digits at batch 256 is 4 steps, where torch's
    warm-up phase had zero steps and divided by zero): it runs, and its rate stays within the peak."""
    config = replace(FAST, epochs=1, batch_size=len(toy_train) // steps, evaluate_every_epoch=False)
    events = _run(config, toy_train)
    assert isinstance(events[-1], Finished)
    rates = [e.learning_rate for e in events if isinstance(e, StepProgress)]
    assert rates and all(0 < rate <= FAST.learning_rate + 1e-9 for rate in rates)


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


def test_device_resident_batches_are_the_old_loops_batches_on_cpu(toy_train: DigitTensors) -> None:
    """DeviceDigits on the CPU keeps the caller's tensors and cuts, pads and distorts exactly the batches the loop
    made before the data moved to the device (same generator calls, same order), so seeded runs repeat old ones."""
    outliers = toy_train.images[:50].flip(1)
    data = DeviceDigits.on(torch.device("cpu"), toy_train, outliers)
    assert data.images is toy_train.images and data.labels is toy_train.labels and data.outliers is outliers
    generator, reference = torch.Generator().manual_seed(5), torch.Generator().manual_seed(5)
    order = data.epoch_order(generator)
    expected_order = torch.randperm(len(toy_train), generator=reference)
    assert torch.equal(order, expected_order)
    for step in range(3):
        index = order[step * 64 : (step + 1) * 64]
        x, y = data.batch(index, outlier_count=8, augmentation=BUNDLED_AUGMENTATION, generator=generator)
        picked = torch.randint(len(outliers), (8,), generator=reference)
        images = torch.cat([toy_train.images[index], outliers[picked]])
        expected = to_model_batch(images, augmentation=BUNDLED_AUGMENTATION, generator=reference)
        assert torch.equal(x, expected) and torch.equal(y, toy_train.labels[index])
        assert x.shape == (72, 1, 32, 32) and x.is_contiguous(memory_format=torch.channels_last)
    x, y = data.batch(order[:10], outlier_count=0, augmentation=None, generator=generator)
    assert torch.equal(x, to_model_batch(toy_train.images[order[:10]])) and len(y) == 10


def test_a_nan_between_checks_is_caught_at_the_next_check_and_the_weights_go_back(
    toy_train: DigitTensors, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loss is read back every DIVERGENCE_CHECK_STEPS steps, not every step (a GPU would wait each time): a NaN
    at step 3, with no progress event before the epoch's end, is noticed at the first check after it, and the
    weights that come back are the last finite snapshot (here the starting ones), not the NaN ones."""
    real_loss = training.F.cross_entropy
    calls = {"n": 0}

    def loss_with_a_nan_on_step_3(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        loss = real_loss(*args, **kwargs)
        return loss * float("nan") if calls["n"] == 3 else loss

    monkeypatch.setattr(training.F, "cross_entropy", loss_with_a_nan_on_step_3)
    config = TrainingConfig(epochs=1, batch_size=16, step_event_seconds=1e9, seed=3)
    assert len(toy_train) // 16 > DIVERGENCE_CHECK_STEPS
    events = _run(config, toy_train)
    diverged = [e for e in events if isinstance(e, Diverged)]
    assert [(e.epoch, e.step) for e in diverged] == [(1, DIVERGENCE_CHECK_STEPS)]
    assert not any(isinstance(e, StepProgress | EpochResult) for e in events)
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.cancelled
    start = build_model(None, seed=3).state_dict()
    for key, value in finished.state.items():
        np.testing.assert_array_equal(value, start[key].numpy())


def test_a_nan_on_a_check_step_never_reaches_the_weights(
    toy_train: DigitTensors, monkeypatch: pytest.MonkeyPatch
) -> None:

    real_loss = training.F.cross_entropy
    calls = {"n": 0}

    def loss_with_a_nan_on_a_check_step(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        loss = real_loss(*args, **kwargs)
        return loss * float("nan") if calls["n"] == DIVERGENCE_CHECK_STEPS else loss

    monkeypatch.setattr(training.F, "cross_entropy", loss_with_a_nan_on_a_check_step)
    events = _run(TrainingConfig(epochs=1, batch_size=16, step_event_seconds=0.0), toy_train)
    diverged = next(e for e in events if isinstance(e, Diverged))
    assert diverged.step == DIVERGENCE_CHECK_STEPS
    assert sum(isinstance(e, StepProgress) for e in events) == DIVERGENCE_CHECK_STEPS - 1
    assert all(np.isfinite(value).all() for value in diverged.state.values())


def test_devices_list_the_cpu_first_and_describe_each_choice() -> None:

    devices = available_devices()
    assert devices[0].name == "cpu" and devices[0].kind == "cpu" and "CPU" in devices[0].label
    assert all(d.kind == "cuda" and d.name.startswith("cuda:") and "GPU" in d.label for d in devices[1:])
    assert DEVICE_CHOICES == ("auto", "cpu", "cuda")
    assert describe_device("cpu") == devices[0].label
    assert describe_device("auto") == (devices[1] if len(devices) > 1 else devices[0]).label
    with pytest.raises(ValueError, match="unknown device"):
        describe_device("tpu")


@pytest.mark.mnist
def test_the_fast_recipe_learns_real_digits_in_two_short_epochs(mnist_dir) -> None:  # type: ignore[no-untyped-def]
    """The Train button's recipe, on a sixth of MNIST: past 95% on 2,000 test digits (96.5-97.2% on seeds 0-2; 99%
    needs all of MNIST, which benchmarks/bench_core.py measures)."""

    train_set = load_mnist(mnist_dir, train=True, download=False).head(10_000)
    test_set = load_mnist(mnist_dir, train=False, download=False).head(2_000)
    events = _run(FAST, train_set, test_set)
    epochs = [e for e in events if isinstance(e, EpochResult)]
    assert len(epochs) == FAST.epochs
    assert epochs[-1].test_accuracy > 0.95, [e.test_accuracy for e in epochs]


# Every device this machine trains on: the CPU always, a GPU where there is one (benchmarks/gpu_check.sh runs these
# tests on one), so the device path the GPU takes is the one these tests hold.
TRAINING_DEVICES = ["cpu", *(["cuda"] if torch.cuda.is_available() else [])]


@pytest.mark.parametrize("device", TRAINING_DEVICES)
def test_batches_distorted_on_the_device_look_like_the_cpu_ones(toy_train: DigitTensors, device: str) -> None:
    """A batch cut and distorted where the model is (DeviceDigits on the device, stroke widths masked over the whole
    batch as a GPU does) has the CPU batch's shape and layout and the same distribution of ink: the same digits,
    the same distortions, other random draws."""
    on_device = DeviceDigits.on(torch.device(device), toy_train, toy_train.images[:64].flip(2))
    on_cpu = DeviceDigits.on(torch.device("cpu"), toy_train, toy_train.images[:64].flip(2))
    index = torch.arange(512)

    def ink(data: DeviceDigits, generator: torch.Generator) -> torch.Tensor:
        x, y = data.batch(
            index.to(data.images.device), outlier_count=32, augmentation=BUNDLED_AUGMENTATION, generator=generator
        )
        assert x.shape == (544, 1, 32, 32) and x.dtype == torch.float32 and y.shape == (512,)
        assert x.is_contiguous(memory_format=torch.channels_last) and x.device.type == device
        assert torch.equal(y.cpu(), toy_train.labels[:512])
        pixels = (x.cpu() * 0.3081 + 0.1307).squeeze(1)  # back to 0..1 ink
        assert pixels.min() >= -1e-5 and pixels.max() <= 1 + 1e-5
        return pixels

    device_pixels = ink(on_device, torch.Generator(device=device).manual_seed(0))
    cpu_pixels = ink(on_cpu, torch.Generator().manual_seed(1))
    plain = to_model_batch(toy_train.images[:512]) * 0.3081 + 0.1307
    for pixels in (device_pixels, cpu_pixels):
        assert not torch.allclose(pixels[:512], plain.squeeze(1), atol=1e-3), "the digits were distorted"
    per_digit = device_pixels[:512].sum((1, 2)), cpu_pixels[:512].sum((1, 2))
    # Mean ink per digit (stroke width, scale) and its spread agree within a few percent over 512 digits.
    assert abs(per_digit[0].mean() / per_digit[1].mean() - 1) < 0.05
    assert abs(per_digit[0].std() / per_digit[1].std() - 1) < 0.15
    # Where the ink sits (rotation, shift): the mean pictures agree, pixel by pixel, to about a hundredth.
    difference = (device_pixels.mean(0) - cpu_pixels.mean(0)).abs()
    assert difference.mean() < 0.015 and difference.max() < 0.1, (difference.mean(), difference.max())


@pytest.mark.parametrize("device", TRAINING_DEVICES)
def test_divergence_on_each_device_stops_the_run_with_the_last_good_weights(
    toy_train: DigitTensors, device: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On every device the NaN is read back at the next check, not every step, and the run ends with the starting
    weights (the last good snapshot), not the NaN ones."""
    real_loss = training.F.cross_entropy
    calls = {"n": 0}

    def loss_with_a_nan_on_step_5(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        loss = real_loss(*args, **kwargs)
        return loss * float("nan") if calls["n"] == 5 else loss

    monkeypatch.setattr(training.F, "cross_entropy", loss_with_a_nan_on_step_5)
    config = TrainingConfig(epochs=1, batch_size=16, step_event_seconds=1e9, seed=3, device=device, augment=True)
    events = _run(config, toy_train)
    diverged = [e for e in events if isinstance(e, Diverged)]
    assert [(e.epoch, e.step) for e in diverged] == [(1, DIVERGENCE_CHECK_STEPS)]
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.cancelled
    start = build_model(None, seed=3).state_dict()
    for key, value in finished.state.items():
        np.testing.assert_array_equal(value, start[key].numpy())
