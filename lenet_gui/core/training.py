"""The tutorial's loop (forward → loss → backward → update) as a generator of progress events.

Being a generator keeps this module ignorant of who listens: the CLI prints the events, the GUI's worker forwards
them as Qt signals. Control comes back in through a ``TrainingControl`` (``core.control``) whose flags are checked
between steps, because a thread cannot be interrupted in the middle of a step (and should not be: weights would be
half-updated).
Every event is a frozen dataclass of plain floats and numpy arrays, safe to hand to another thread.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lenet_gui.core import threads
from lenet_gui.core.config import Augmentation, TrainingConfig
from lenet_gui.core.control import TrainingControl
from lenet_gui.core.data import DigitTensors, to_model_batch
from lenet_gui.core.devices import resolve_device
from lenet_gui.core.events import (
    Diverged,
    EpochResult,
    Finished,
    Misclassified,
    NumpyState,
    StepProgress,
    TrainingEvent,
    WeightsSnapshot,
)
from lenet_gui.core.model import Net

# The torch-free names that moved to config, control and events, still importable from here.
__all__ = [
    "DIVERGENCE_CHECK_STEPS",
    "DeviceDigits",
    "Diverged",
    "EpochResult",
    "Evaluation",
    "Finished",
    "Misclassified",
    "NumpyState",
    "StepProgress",
    "TrainingConfig",
    "TrainingControl",
    "TrainingEvent",
    "WeightsSnapshot",
    "build_model",
    "evaluate",
    "resolve_device",
    "state_from_numpy",
    "state_to_numpy",
    "train",
]

MISCLASSIFIED_SHOWN = 24


def state_to_numpy(state: Mapping[str, torch.Tensor]) -> NumpyState:
    return {k: v.detach().to("cpu").numpy().copy() for k, v in state.items()}


def state_from_numpy(state: Mapping[str, np.ndarray]) -> dict[str, torch.Tensor]:
    return {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in state.items()}


def build_model(initial_state: Mapping[str, torch.Tensor] | None, seed: int | None) -> Net:
    """A fresh LeNet (seeded init) or one starting from given weights."""
    with torch.random.fork_rng(devices=[]):
        if seed is not None:
            torch.manual_seed(seed)
        model = Net()
    if initial_state is not None:
        model.load_state_dict({k: torch.as_tensor(v, dtype=torch.float32) for k, v in initial_state.items()})
    return model


# Checking the loss for NaN/inf makes the host wait for the device. On a GPU that wait every step is what kept it
# idle, so the loop checks every this many steps (and at every progress event, where it waits anyway): a diverged
# run is noticed at most this many steps late, and the weights still go back to the last good snapshot.
DIVERGENCE_CHECK_STEPS = 16


@dataclass(frozen=True)
class DeviceDigits:
    """A training set moved once to the device that trains on it, with the batches cut and distorted there.

    Batches are index slices of this one tensor made into model input where the model is, so a GPU run copies the
    digits over once instead of every step, and nothing in making a batch waits for the device. On the CPU the
    tensors are the caller's own (no copy) and the batches are exactly those of the loop before this existed.
    """

    images: torch.Tensor  # uint8 (N, 28, 28) on the device
    labels: torch.Tensor  # int64 (N,)
    outliers: torch.Tensor | None  # uint8 (M, 28, 28): non-digits for outlier exposure, or None

    @classmethod
    def on(cls, device: torch.device, digits: DigitTensors, outliers: torch.Tensor | None = None) -> DeviceDigits:
        moved = outliers.to(device) if outliers is not None and len(outliers) > 0 else None
        return cls(digits.images.to(device), digits.labels.to(device), moved)

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def epoch_order(self, generator: torch.Generator) -> torch.Tensor:
        """A random order of the digits, drawn on the device of ``generator`` (the training device)."""
        return torch.randperm(len(self), generator=generator, device=self.images.device)

    def batch(
        self,
        index: torch.Tensor,
        *,
        outlier_count: int,
        augmentation: Augmentation | None,
        generator: torch.Generator,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Model input (B + outlier_count, 1, 32, 32), channels-last, and the B digits' labels; outliers go last."""
        images = self.images[index]
        if outlier_count and self.outliers is not None:
            picked = torch.randint(
                len(self.outliers), (outlier_count,), generator=generator, device=self.outliers.device
            )
            images = torch.cat([images, self.outliers[picked]])
        x = to_model_batch(images, augmentation=augmentation, generator=generator)
        return x.contiguous(memory_format=torch.channels_last), self.labels[index]


def train(
    config: TrainingConfig,
    train_set: DigitTensors,
    test_set: DigitTensors | None = None,
    *,
    initial_state: Mapping[str, torch.Tensor] | None = None,
    control: TrainingControl | None = None,
    outliers: torch.Tensor | None = None,
) -> Iterator[TrainingEvent]:
    """Train LeNet, yielding events; the last event is always ``Finished`` (or ``Diverged`` then ``Finished``).

    The training set, its order and its distortions live on the training device; the host reads a result back only
    for a progress event (at most every ``config.step_event_seconds``), a divergence check (every
    ``DIVERGENCE_CHECK_STEPS`` steps), a snapshot and the end-of-epoch test.
    """
    control = control or TrainingControl()
    threads.use_default_threads()  # all cores, whatever a predicting thread set before this one started
    device = resolve_device(config.device)
    model = build_model(initial_state, config.seed).to(device)
    model = model.to(memory_format=torch.channels_last)
    seed = config.seed if config.seed is not None else int(time.time_ns())
    generator = torch.Generator(device=device).manual_seed(seed)
    steps_per_epoch = max(1, math.ceil(len(train_set) / config.batch_size))
    optimizer = _make_optimizer(config, model)
    scheduler = _make_scheduler(config, optimizer, steps_per_epoch)
    use_outliers = outliers is not None and len(outliers) > 0 and config.outlier_weight > 0
    data = DeviceDigits.on(device, train_set, outliers if use_outliers else None)
    augmentation = config.augmentation if config.augment else None
    outliers_per_step = max(1, round(config.batch_size * config.outlier_share)) if use_outliers else 0

    started = time.perf_counter()
    good_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    last_snapshot = last_event = time.perf_counter()
    test_accuracy = math.nan
    epochs_completed = 0
    total_steps = config.epochs * steps_per_epoch
    images_seen = 0

    for epoch in range(1, config.epochs + 1):
        epoch_started = time.perf_counter()
        model.train()
        order = data.epoch_order(generator)
        loss_sum = torch.zeros((), device=device)  # since the last StepProgress
        loss_count = 0
        # The epoch's losses added up on the device: it also tells whether any of them was NaN/infinite.
        epoch_loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), dtype=torch.int64, device=device)
        seen = 0
        for step in range(1, steps_per_epoch + 1):
            control.wait_while_paused()
            if control.cancelled:
                yield _finished(model, epochs_completed, test_accuracy, True, started)
                return
            threads.share_with_drawing(control.drawing)
            index = order[(step - 1) * config.batch_size : step * config.batch_size]
            x, y = data.batch(index, outlier_count=outliers_per_step, augmentation=augmentation, generator=generator)
            batch = len(index)

            all_logits = model(x)  # forward
            logits = all_logits[:batch]
            loss = F.cross_entropy(logits, y, label_smoothing=config.label_smoothing)  # how far from right
            if outliers_per_step:
                # Cross-entropy against the uniform distribution: "none of the ten" for non-digits.
                flat = -F.log_softmax(all_logits[batch:], dim=1).mean(dim=1).mean()
                loss = loss + config.outlier_weight * flat
            optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]  # gradients flow back into every parameter
            loss_sum += loss.detach()
            epoch_loss_sum += loss.detach()
            now = time.perf_counter()
            last_step = step == steps_per_epoch
            event_due = now - last_event >= config.step_event_seconds or last_step
            if (event_due or step % DIVERGENCE_CHECK_STEPS == 0) and not math.isfinite(float(epoch_loss_sum)):
                # Checked before this step's update, so a NaN noticed at once never reaches the weights; one from a
                # step in between did, and the weights go back to the last snapshot taken while all was finite.
                model.load_state_dict(good_state)
                yield Diverged(
                    epoch,
                    step,
                    float(scheduler.get_last_lr()[0]),
                    "The loss became NaN/infinite: the learning rate "
                    f"({config.learning_rate:g}) is too high for this run. The weights went back to the last "
                    "good snapshot; try a learning rate 3-10× lower.",
                    state_to_numpy(good_state),
                )
                yield _finished(model, epochs_completed, test_accuracy, True, started)
                return
            if config.grad_clip > 0:
                nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip, foreach=True)
            optimizer.step()  # weight = weight - learning_rate * gradient (plus momentum)
            scheduler.step()

            seen += batch
            images_seen += batch
            loss_count += 1
            correct += (logits.detach().argmax(1) == y).sum()

            if event_due:
                mean_loss = float(loss_sum) / loss_count
                good_state = _keep_if_finite(model, good_state)
                elapsed = now - started
                done = (epoch - 1) * steps_per_epoch + step
                rate = images_seen / max(elapsed, 1e-9)
                yield StepProgress(
                    epoch=epoch,
                    epochs=config.epochs,
                    step=step,
                    steps_per_epoch=steps_per_epoch,
                    loss=mean_loss,
                    accuracy=float(correct) / max(seen, 1),
                    images_per_second=rate,
                    eta_seconds=elapsed / done * (total_steps - done),
                    learning_rate=float(scheduler.get_last_lr()[0]),
                )
                loss_sum.zero_()
                loss_count = 0
                last_event = time.perf_counter()
            # Each epoch's last weights too: the time machine shows that epoch's test results with them.
            wants_snapshot = control.take_snapshot_request() or (
                config.snapshot_seconds > 0 and (now - last_snapshot >= config.snapshot_seconds or last_step)
            )
            if wants_snapshot:
                last_snapshot = now
                yield _snapshot(model, epoch, step, steps_per_epoch)

        train_accuracy = float(correct) / max(seen, 1)
        train_loss = float(epoch_loss_sum) / steps_per_epoch
        if test_set is not None and config.evaluate_every_epoch:
            evaluation = evaluate(model, test_set, device=device)
            test_accuracy = evaluation.accuracy
        else:
            evaluation = None
        epochs_completed = epoch
        yield _epoch_result(epoch, config.epochs, train_loss, train_accuracy, evaluation, epoch_started)

    yield _finished(model, epochs_completed, test_accuracy, False, started)


def _keep_if_finite(model: nn.Module, previous: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """A copy of the current weights to fall back on, unless an update has already pushed some to inf/NaN.

    One answer read back for all the tensors (one wait for a GPU, not one per tensor)."""
    state = model.state_dict()
    if bool(torch.stack([torch.isfinite(v).all() for v in state.values()]).all()):
        return {k: v.detach().clone() for k, v in state.items()}
    return previous


def _make_optimizer(config: TrainingConfig, model: nn.Module) -> torch.optim.Optimizer:
    """SGD (Nesterov momentum) or AdamW, fused where this torch has the fused kernel: one pass over all the
    parameters per update instead of a handful of ops per tensor (on two cores 170 → 100 µs per step for LeNet's
    ten tensors; on a GPU one launch instead of dozens). The same update, rounded in the same float32."""
    fused = _FUSED.get(next(model.parameters()).device.type, False)
    try:
        return _optimizer(config, model, fused)
    except (RuntimeError, TypeError, ValueError):  # a torch without the fused kernel for this device
        if not fused:
            raise
        return _optimizer(config, model, False)


# Devices whose fused optimizer kernels torch (≥ 2.4) has for float32 SGD and AdamW.
_FUSED = {"cpu": True, "cuda": True}


def _optimizer(config: TrainingConfig, model: nn.Module, fused: bool) -> torch.optim.Optimizer:
    kernel = True if fused else None  # None: torch's own default (foreach where it can)
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            model.parameters(),
            lr=config.learning_rate,
            momentum=config.momentum,
            nesterov=config.momentum > 0,
            weight_decay=config.weight_decay,
            fused=kernel,
        )
    if config.optimizer == "adam":
        return torch.optim.AdamW(
            model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay, fused=kernel
        )
    raise ValueError(f"unknown optimizer {config.optimizer!r} (choose sgd or adam)")


MIN_ONECYCLE_STEPS = 4  # fewer steps than this cannot warm up and cool down


def _make_scheduler(
    config: TrainingConfig, optimizer: torch.optim.Optimizer, steps_per_epoch: int
) -> torch.optim.lr_scheduler.LRScheduler:
    total = config.epochs * steps_per_epoch
    if config.schedule == "onecycle" and total >= MIN_ONECYCLE_STEPS:
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer,
            max_lr=config.learning_rate,
            total_steps=total,
            # A quarter of the run warms up; on a run of a few steps at least two, or torch's phase of zero steps
            # divides by zero (1,000 digits at batch 256 is 4 steps: 0.25 * 4 - 1 = 0).
            pct_start=max(0.25, 2 / total),
            cycle_momentum=config.optimizer == "sgd",
        )
    if config.schedule == "onecycle":  # too few steps for a cycle: the peak rate throughout
        return torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1.0, total_iters=0)
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total)
    if config.schedule == "constant":
        return torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1.0, total_iters=0)
    raise ValueError(f"unknown schedule {config.schedule!r} (choose onecycle, cosine or constant)")


@dataclass(frozen=True)
class Evaluation:
    loss: float
    accuracy: float
    per_class_accuracy: np.ndarray
    confusion: np.ndarray
    misclassified: tuple[Misclassified, ...]


@torch.inference_mode()  # no autograd bookkeeping at all (no_grad still versions every tensor)
def evaluate(
    model: nn.Module, test_set: DigitTensors, *, device: torch.device | str = "cpu", batch_size: int = 1000
) -> Evaluation:
    """Accuracy overall and per digit, the confusion matrix, and the most confidently wrong test digits."""
    was_training = model.training
    model.eval()
    device = torch.device(device)
    confusion = torch.zeros(10, 10, dtype=torch.int64)
    loss_sum = 0.0
    wrong: list[tuple[float, int, int, int]] = []  # (confidence, index, label, predicted)
    for start in range(0, len(test_set), batch_size):
        images = test_set.images[start : start + batch_size]
        labels = test_set.labels[start : start + batch_size]
        # The uint8 digits go to the device and become model input there (a quarter of the bytes to copy).
        x = to_model_batch(images.to(device)).contiguous(memory_format=torch.channels_last)
        logits = model(x).float().cpu()
        loss_sum += float(F.cross_entropy(logits, labels, reduction="sum"))
        probabilities = torch.softmax(logits, 1)
        confidence, predicted = probabilities.max(1)
        confusion += torch.bincount(labels * 10 + predicted, minlength=100).reshape(10, 10)
        for i in torch.nonzero(predicted != labels).flatten().tolist():
            wrong.append((float(confidence[i]), start + i, int(labels[i]), int(predicted[i])))
    model.train(was_training)
    count = max(len(test_set), 1)
    totals = confusion.sum(1).clamp(min=1)
    wrong.sort(reverse=True)
    shown = tuple(
        Misclassified(test_set.images[index].numpy().astype(np.float32) / 255.0, label, predicted, conf, index)
        for conf, index, label, predicted in wrong[:MISCLASSIFIED_SHOWN]
    )
    return Evaluation(
        loss=loss_sum / count,
        accuracy=float(confusion.diagonal().sum()) / count,
        per_class_accuracy=(confusion.diagonal().double() / totals).numpy(),
        confusion=confusion.numpy(),
        misclassified=shown,
    )


def _epoch_result(
    epoch: int,
    epochs: int,
    train_loss: float,
    train_accuracy: float,
    evaluation: Evaluation | None,
    started: float,
) -> EpochResult:
    if evaluation is None:
        return EpochResult(
            epoch,
            epochs,
            train_loss,
            train_accuracy,
            math.nan,
            math.nan,
            np.full(10, math.nan),
            np.zeros((10, 10), np.int64),
            (),
            time.perf_counter() - started,
        )
    return EpochResult(
        epoch,
        epochs,
        train_loss,
        train_accuracy,
        evaluation.loss,
        evaluation.accuracy,
        evaluation.per_class_accuracy,
        evaluation.confusion,
        evaluation.misclassified,
        time.perf_counter() - started,
    )


def _snapshot(model: nn.Module, epoch: int, step: int, steps_per_epoch: int = 0) -> WeightsSnapshot:
    norms = {name: float(p.grad.detach().norm()) if p.grad is not None else 0.0 for name, p in model.named_parameters()}
    return WeightsSnapshot(state_to_numpy(model.state_dict()), norms, epoch, step, steps_per_epoch)


def _finished(model: nn.Module, epochs: int, test_accuracy: float, cancelled: bool, started: float) -> Finished:
    return Finished(state_to_numpy(model.state_dict()), epochs, test_accuracy, cancelled, time.perf_counter() - started)
