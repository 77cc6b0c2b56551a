"""A training configuration as the ``lenet-gui train`` command line that repeats it, and back.

The app's recipe editor shows this line (copyable) so a run made by clicking can be repeated in a terminal; the CLI
reads the same flags into a ``TrainingConfig`` with ``config_from_options``. Both directions live here, torch-free,
so that a test can check that every configuration the editor can make survives the trip through the command line.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import fields, replace
from typing import Any

from lenet_gui.core.config import TrainingConfig, recipe

PROGRAM = "lenet-gui"
# Flag → Augmentation field, for the knobs that are one number each (``--scale`` takes two).
AUGMENTATION_FLAGS: dict[str, str] = {
    "--rotation": "rotation",
    "--shift": "shift",
    "--shear": "shear",
    "--elastic": "elastic",
    "--stroke": "stroke",
}


def add_recipe_options(parser: argparse.ArgumentParser) -> None:
    """The flags beyond the basic ones that decide a run: regularization and the augmentation's knobs."""
    parser.add_argument("--weight-decay", type=float, help="L2 penalty on the weights (default 5e-4)")
    parser.add_argument(
        "--label-smoothing", type=float, help="share of the target spread over the other digits (default 0.1)"
    )
    parser.add_argument("--rotation", type=float, help="with --augment: largest rotation, in degrees")
    parser.add_argument(
        "--scale", type=float, nargs=2, metavar=("MIN", "MAX"), help="with --augment: range of the size factor"
    )
    parser.add_argument("--shift", type=float, help="with --augment: largest shift, in pixels")
    parser.add_argument("--shear", type=float, help="with --augment: largest slant (tangent of the shear angle)")
    parser.add_argument("--elastic", type=float, help="with --augment: size of smooth random warps, in pixels (0: off)")
    parser.add_argument("--stroke", type=float, help="with --augment: share of digits drawn thicker or thinner")


def config_from_options(options: argparse.Namespace) -> TrainingConfig:
    """The named recipe with every option given on the command line applied (``ValueError`` for a bad value)."""
    overrides: dict[str, Any] = {
        "epochs": options.epochs,
        "batch_size": options.batch_size,
        "learning_rate": options.lr,
        "optimizer": options.optimizer,
        "schedule": options.schedule,
        "augment": options.augment,
        "weight_decay": options.weight_decay,
        "label_smoothing": options.label_smoothing,
    }
    config = recipe(options.recipe, seed=options.seed, device=options.device, **overrides)
    knobs: dict[str, Any] = {name: getattr(options, name) for name in AUGMENTATION_FLAGS.values()}
    if options.scale is not None:
        knobs["scale"] = (float(options.scale[0]), float(options.scale[1]))
    knobs = {name: value for name, value in knobs.items() if value is not None}
    if knobs:
        config = replace(config, augmentation=replace(config.augmentation, **knobs))
    validate(config)
    return config


def validate(config: TrainingConfig) -> None:
    """Values a run cannot use, as one sentence each."""
    if config.epochs < 1 or config.batch_size < 1:
        raise ValueError("epochs and batch size must be at least 1")
    if config.learning_rate <= 0:
        raise ValueError("the learning rate must be greater than 0")
    if config.weight_decay < 0:
        raise ValueError("the weight decay cannot be negative")
    if not 0 <= config.label_smoothing < 1:
        raise ValueError("label smoothing must be at least 0 and below 1")
    low, high = config.augmentation.scale
    if not 0 < low <= high:
        raise ValueError("the scale range must be two positive numbers, the smaller first")


def _number(value: float) -> str:
    return f"{value:g}"


def train_arguments(config: TrainingConfig, *, recipe_name: str = "fast") -> list[str]:
    """The arguments after ``lenet-gui`` that train with ``config`` (starting from scratch, on MNIST).

    Every basic choice is written out, even when it is the recipe's default, so the line reads on its own; the
    augmentation's knobs only when augmentation is on and they differ from the recipe's."""
    arguments = [
        "train",
        "--recipe",
        recipe_name,
        "--epochs",
        str(config.epochs),
        "--batch-size",
        str(config.batch_size),
        "--lr",
        _number(config.learning_rate),
        "--optimizer",
        config.optimizer,
        "--schedule",
        config.schedule,
        "--weight-decay",
        _number(config.weight_decay),
        "--label-smoothing",
        _number(config.label_smoothing),
        "--augment" if config.augment else "--no-augment",
    ]
    if config.augment:
        base = recipe(recipe_name).augmentation
        for flag, name in AUGMENTATION_FLAGS.items():
            value = getattr(config.augmentation, name)
            if value != getattr(base, name):
                arguments += [flag, _number(value)]
        if config.augmentation.scale != base.scale:
            arguments += ["--scale", *(_number(bound) for bound in config.augmentation.scale)]
    if config.seed is not None:
        arguments += ["--seed", str(config.seed)]
    arguments += ["--device", config.device]
    return arguments


def command_line(config: TrainingConfig, *, recipe_name: str = "fast", out: str | None = None) -> str:
    """The whole line, quoted for a POSIX shell."""
    arguments = train_arguments(config, recipe_name=recipe_name)
    if out:
        arguments += ["--out", out]
    return shlex.join([PROGRAM, *arguments])


def decided_by_command_line(config: TrainingConfig) -> TrainingConfig:
    """``config`` with only what the command line carries (the rest at the fast recipe's values, the seed at the
    CLI's default when there is none): what the round trip must reproduce."""
    carried = {"epochs", "batch_size", "learning_rate", "optimizer", "schedule", "weight_decay", "label_smoothing"}
    carried |= {"augment", "augmentation", "seed", "device"}
    base = recipe("fast")
    decided = replace(base, **{f.name: getattr(config, f.name) for f in fields(TrainingConfig) if f.name in carried})
    if not config.augment:  # the knobs of an augmentation that is off are not written
        decided = replace(decided, augmentation=base.augmentation)
    if config.seed is None:  # the command line's default seed
        decided = replace(decided, seed=0)
    return decided
