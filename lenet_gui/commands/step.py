"""``lenet-gui step IMAGE --label N``: one plain SGD step on one image, printed phase by phase like the tutorial.

With ``--json`` the same step is one JSON object (the input, the loss and its ``grad_fn`` chain, ``conv1.bias.grad``
before and after, gradient norms, probabilities before and after, the largest change per tensor), for tests and
slides; ``--out`` keeps the stepped weights. Torch is imported inside ``run`` only, so ``--help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import TYPE_CHECKING, Any

from lenet_gui.core.errors import UserError

if TYPE_CHECKING:
    from lenet_gui.core.stepper import StepBatch, StepRecord

# The stepper's defaults, repeated here because importing it would load torch (a test keeps them equal).
DEFAULT_LEARNING_RATE = 0.01
LOSS_NAMES = ("mse", "cross-entropy")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "step",
        help="one plain SGD training step on one image, shown phase by phase as the tutorial walks it",
        description="Take one training step (zero_grad, forward, loss, backward, weight = weight - learning_rate * "
        "gradient) on IMAGE labelled N, starting from the bundled weights or --weights, and print what each "
        "phase did.",
    )
    parser.add_argument("image", metavar="IMAGE", help="a picture of a digit (any size, either polarity)")
    parser.add_argument("--label", type=int, required=True, choices=range(10), metavar="N", help="the digit 0-9")
    parser.add_argument(
        "--lr", type=float, default=DEFAULT_LEARNING_RATE, help=f"learning rate (default {DEFAULT_LEARNING_RATE})"
    )
    parser.add_argument(
        "--loss",
        choices=LOSS_NAMES,
        default=LOSS_NAMES[0],
        help="mse: the tutorial's MSELoss against a one-hot target (default); cross-entropy: what the app trains with",
    )
    parser.add_argument("--weights", help="weights file to start from (default: the bundled weights)")
    parser.add_argument("--out", metavar="W2.pt", help="save the weights after the step here (written atomically)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the phases")


def run(args: argparse.Namespace) -> int:
    from lenet_gui.core.checkpoint import CheckpointError, load_bundled, load_checkpoint
    from lenet_gui.core.inference import configure_for_latency
    from lenet_gui.core.preprocess import ImageLoadError, load_image
    from lenet_gui.core.stepper import BlankImageError, Stepper, batch_for_image

    if not (math.isfinite(args.lr) and args.lr >= 0):
        raise UserError(f"--lr must be a finite number of at least 0, not {args.lr}")
    configure_for_latency()  # one image: a second thread only adds waiting
    try:
        checkpoint = load_checkpoint(args.weights) if args.weights else load_bundled()
    except CheckpointError as error:
        raise UserError(str(error)) from None
    try:
        batch = batch_for_image(load_image(args.image), args.label)
    except ImageLoadError as error:
        raise UserError(f"cannot read the image {error}") from None
    except BlankImageError:
        raise UserError(f"{args.image} is blank: there is no digit in it to take a training step on") from None
    stepper = Stepper(checkpoint.state_dict)
    record = stepper.step(batch, learning_rate=args.lr, loss_name=args.loss)
    if args.json:
        print(json.dumps(step_json(batch, record)))
    else:
        print("\n".join(_phase_lines(args, record)))
    if args.out:
        _save(args, stepper.state_dict(), record)
    return 0


def step_json(batch: StepBatch, record: StepRecord) -> dict[str, Any]:
    """The issue's object: exactly these keys, plain floats (float32 values written in full)."""
    return {
        "input": batch.drawing.tolist(),
        "loss_name": record.loss.name,
        "loss": record.loss.value,
        "grad_fn": list(record.loss.grad_fn),
        "conv1_bias_grad_before": record.zero_grad.conv1_bias_grad.tolist(),
        "conv1_bias_grad_after": record.backward.conv1_bias_grad.tolist(),
        "gradient_norms": dict(record.backward.gradient_norms),
        "probabilities_before": record.update.probabilities_before.tolist(),
        "probabilities_after": record.update.probabilities_after.tolist(),
        "max_abs_change": dict(record.update.max_abs_change),
    }


def _phase_lines(args: argparse.Namespace, record: StepRecord) -> list[str]:
    import textwrap

    import numpy as np

    def vector(values: Any) -> str:
        return np.array2string(
            np.asarray(values), precision=4, floatmode="fixed", separator=", ", max_line_width=110, prefix="   "
        )

    def chain(names: tuple[str, ...]) -> str:
        return textwrap.fill(" -> ".join(names), width=110, initial_indent="   ", subsequent_indent="   ")

    names = record.backward.gradient_norms
    width = max(len(name) for name in names)
    before, after = record.update.probabilities_before, record.update.probabilities_after
    criterion = "nn.MSELoss() against the one-hot target" if args.loss == "mse" else "nn.CrossEntropyLoss()"
    zero = record.zero_grad
    lines = [
        f"one step on {args.image} labelled {args.label}: weights {args.weights or 'bundled'}, "
        f"loss {args.loss}, learning rate {args.lr:g}, no momentum, no weight decay",
        "",
        "1. zero_grad    net.zero_grad()",
        "   conv1.bias.grad before backward",
        f"   {'None (no gradient yet), read as zeros: ' if zero.absent else ''}{vector(zero.conv1_bias_grad)}",
        "",
        "2. forward      output = net(input)    input: 1×1×32×32, standardized",
        f"   {vector(record.forward.outputs)}",
        f"   predicts {int(np.argmax(before))} ({before.max() * 100:.1f}%)",
        "",
        "3. loss         loss = criterion(output, target)",
        f"   {criterion}: {record.loss.value:.6f}",
        "   loss.grad_fn, then .next_functions[0][0] each time:",
        chain(record.loss.grad_fn),
        "   and down the network to the input:",
        chain(record.loss.grad_fn_path),
        "",
        "4. backward     loss.backward()",
        "   conv1.bias.grad after backward",
        f"   {vector(record.backward.conv1_bias_grad)}",
        "   L2 norm of each gradient:",
        *(f"   {name:<{width}}  {norm:.6f}" for name, norm in names.items()),
        "",
        "5. update       weight = weight - learning_rate * gradient",
        "   largest change per tensor (= learning_rate × largest |gradient|):",
        *(f"   {name:<{width}}  {change:.6f}" for name, change in record.update.max_abs_change.items()),
        "   probabilities for this image, before -> after the step:",
        *(
            f"   {digit}  {before[digit] * 100:6.2f}% -> {after[digit] * 100:6.2f}%"
            + ("   <- label" if digit == args.label else "")
            for digit in range(len(before))
        ),
    ]
    return lines


def _save(args: argparse.Namespace, state: dict[str, Any], record: StepRecord) -> None:
    import torch

    from lenet_gui.core.checkpoint import save_checkpoint

    try:
        out = save_checkpoint(
            args.out,
            {name: torch.from_numpy(value) for name, value in state.items()},
            kind="training-step",
            started_from=args.weights or "bundled",
            step={
                "image": str(args.image),
                "label": args.label,
                "learning_rate": args.lr,
                "loss_name": args.loss,
                "loss": record.loss.value,
                "optimizer": "plain SGD (no momentum, no weight decay)",
            },
        )
    except OSError as error:
        raise UserError(f"cannot save {args.out}: {error.strerror or error}") from None
    if not args.json:
        print(f"\nsaved {out}")
