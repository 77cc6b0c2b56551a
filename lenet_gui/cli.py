"""``lenet-gui``: the desktop app with no command; train, evaluate, predict, info and step from a terminal.

``step`` and later commands live in ``lenet_gui/commands/`` (one module each, see its docstring).

Heavy imports (torch, torchvision, Qt) happen inside the command that needs them, so ``--help`` and ``--version``
answer at once and the GUI can show its window before torch has loaded; the torch-free contracts (configs, recipes,
events, errors, weights-file metadata) and the standard library are imported at the top.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lenet_gui import __version__
from lenet_gui.commands import add_parsers as add_command_parsers
from lenet_gui.commands import command_module
from lenet_gui.core.config import RECIPES, FineTuneConfig, describe_config
from lenet_gui.core.errors import MissingDataError, UserError
from lenet_gui.core.events import (
    Diverged,
    EpochResult,
    FineTuneReport,
    FineTuneStatus,
    Finished,
    StepProgress,
    format_duration,
)
from lenet_gui.core.recipe_command import AUGMENTATION_FLAGS, add_recipe_options, config_from_options
from lenet_gui.core.weights_files import fine_tuning_metadata, training_metadata

if TYPE_CHECKING:
    from lenet_gui.core.checkpoint import Checkpoint
    from lenet_gui.core.data import DigitTensors

# The recipe behind assets/lenet_mnist.pt (see README): reproduce it with exactly these options.
BUNDLED_RECIPE = "lenet-gui train --recipe bundled --seed 1 --device cpu --out assets/lenet_mnist.pt"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lenet-gui",
        description="Draw a digit and watch the PyTorch tutorial's LeNet read it. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"lenet-gui {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (window offscreen, the ten sample digits, a few training steps), "
        "print one line and exit 0, or 1 with the reason",
    )
    parser.add_argument("--self-test-grab", metavar="PNG", help="with --self-test: save the grabbed window here")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = commands.add_parser("train", help="train LeNet on MNIST and save the weights")
    train.add_argument(
        "--recipe",
        choices=tuple(RECIPES),
        default="fast",
        help="fast: 3 epochs, no augmentation (~99%% in seconds); bundled: the long augmented recipe of the "
        "shipped weights. Options given explicitly override the recipe's.",
    )
    train.add_argument("--epochs", type=int, help="passes over the 60,000 training digits")
    train.add_argument("--batch-size", type=int, help="digits per step (default 128)")
    train.add_argument("--lr", type=float, help="peak learning rate (one-cycle schedule)")
    train.add_argument("--optimizer", choices=("sgd", "adam"), help="SGD with Nesterov momentum, or Adam(W)")
    train.add_argument("--schedule", choices=("onecycle", "cosine", "constant"), help="learning-rate schedule")
    train.add_argument(
        "--augment",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="random rotation, scale, shift, slant and pen width on every batch",
    )
    add_recipe_options(train)
    train.add_argument("--seed", type=int, default=0, help="random seed; the same seed repeats a run exactly")
    train.add_argument("--data-dir", help="folder with MNIST/raw/ (default: $LENET_GUI_DATA_DIR or user data dir)")
    train.add_argument(
        "--device",
        default="cpu",
        help="auto (the GPU when PyTorch sees one, else the CPU), cpu, cuda or cuda:N; default cpu. A GPU draws other "
        "random numbers than the CPU: the shipped weights came from `--recipe bundled --seed 1 --device cpu`",
    )
    train.add_argument(
        "--out",
        help="where to save the weights, written atomically (default lenet_weights.pt, with --personal "
        "lenet_fine_tuned.pt)",
    )
    train.add_argument("--from", dest="start_from", metavar="WEIGHTS", help="start from these weights")
    train.add_argument("--no-download", action="store_true", help="never try to download MNIST")
    train.add_argument(
        "--personal",
        metavar="DIR",
        help='fine-tune on your own examples instead (DIR/0/*.png … DIR/9/*.png, e.g. the app\'s "My digits" '
        "folder), mixed with MNIST, starting from --from or the bundled weights; without MNIST it trains on DIR "
        "alone and says so",
    )
    train.add_argument("--steps", type=int, help="with --personal: training steps (default 240)")

    evaluate = commands.add_parser("evaluate", help="accuracy of weights on the MNIST test set")
    evaluate.add_argument("--weights", help="weights file (default: the bundled weights)")
    evaluate.add_argument("--data-dir", help="folder with MNIST/raw/")
    evaluate.add_argument("--no-download", action="store_true", help="never try to download MNIST")
    evaluate.add_argument(
        "--silence",
        metavar="UNITS",
        help="outputs held at 0 after ReLU, e.g. conv1:3,conv2:7,fc1:15 (weights unchanged)",
    )
    evaluate.add_argument("--limit", type=int, metavar="N", help="only the first N test digits (default all 10,000)")

    predict = commands.add_parser("predict", help="classify image files")
    predict.add_argument("--weights", help="weights file (default: the bundled weights)")
    predict.add_argument("--json", action="store_true", help="one JSON object per line")
    predict.add_argument("images", nargs="+", metavar="IMAGE")

    commands.add_parser("info", help="the network: the tutorial's print(net) and the parameter table")
    add_command_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:  # before anything else: it makes its own offscreen window
        if args.command is not None:
            parser.error("--self-test takes no command")
        from lenet_gui.selftest import run_self_test

        return run_self_test(grab_path=args.self_test_grab)
    try:
        if args.command is None:
            from lenet_gui.desktop import platform_problem

            problem = platform_problem(os.environ)
            if problem:  # instead of Qt's abort, which blames the xcb plugin
                print(problem, file=sys.stderr)
                return 2
            from lenet_gui.ui.app import run_gui

            return run_gui([])
        handlers = {"train": _train, "evaluate": _evaluate, "predict": _predict, "info": _info}
        if args.command in handlers:
            return handlers[args.command](args)
        result: int = command_module(args.command).run(args)
        return result
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except UserError as error:
        print(f"lenet-gui: {error}", file=sys.stderr)
        if error.details:
            print(error.details, file=sys.stderr)
        return 2


def _load_weights(path: str | None) -> Checkpoint:
    """The weights file asked for, or the bundled one; a WeightsFileError (a UserError) says why not."""
    from lenet_gui.core.checkpoint import load_bundled, load_checkpoint

    return load_checkpoint(path) if path else load_bundled()


def _load_mnist(data_dir: str | None, *, train: bool, no_download: bool) -> DigitTensors:
    from lenet_gui.core.data import load_mnist, resolve_data_dir

    return load_mnist(resolve_data_dir(data_dir), train=train, download=not no_download)


def _train(args: argparse.Namespace) -> int:
    if args.personal:
        return _fine_tune(args)
    if args.steps is not None:
        raise UserError("--steps only applies with --personal")
    from lenet_gui.core.checkpoint import save_checkpoint
    from lenet_gui.core.devices import describe_device
    from lenet_gui.core.recipes import training_data
    from lenet_gui.core.training import TrainingControl, resolve_device, state_from_numpy, train

    try:
        config = config_from_options(args)
        resolve_device(config.device)  # a missing GPU is reported before minutes of loading data
    except (ValueError, RuntimeError) as error:
        raise UserError(str(error)) from None
    initial = _load_weights(args.start_from).state_dict if args.start_from else None
    train_set = _load_mnist(args.data_dir, train=True, no_download=args.no_download)
    test_set = _load_mnist(args.data_dir, train=False, no_download=args.no_download)
    train_set, outliers = training_data(train_set, args.recipe, seed=args.seed)
    print(
        f"training LeNet on {len(train_set):,} digits, testing on {len(test_set):,}: {describe_config(config)}, "
        f"seed {config.seed}, device {config.device} ({describe_device(config.device)})"
        + (f", {len(outliers):,} non-digits to be unsure about" if outliers is not None else "")
    )
    control = TrainingControl()
    last: Finished | None = None
    history: list[dict[str, float]] = []
    try:
        for event in train(config, train_set, test_set, initial_state=initial, control=control, outliers=outliers):
            if isinstance(event, StepProgress):
                _print_progress(event)
            elif isinstance(event, EpochResult):
                _print_epoch(event)
                history.append(
                    {"epoch": event.epoch, "test_accuracy": event.test_accuracy, "train_loss": event.train_loss}
                )
            elif isinstance(event, Diverged):
                print(f"\n{event.message}", file=sys.stderr)
                return 1
            elif isinstance(event, Finished):
                last = event
    except KeyboardInterrupt:
        print("\nstopped: nothing was saved", file=sys.stderr)
        return 130
    if last is None or last.cancelled:
        return 1
    out = save_checkpoint(
        args.out if args.out is not None else "lenet_weights.pt",
        state_from_numpy(last.state),
        **training_metadata(last, config, recipe=args.recipe, history=history),
    )
    print(f"saved {out} ({last.test_accuracy * 100:.2f}% on MNIST test, {last.seconds:.0f} s)")
    return 0


def _fine_tune(args: argparse.Namespace) -> int:
    """``train --personal DIR``: the GUI's "Fine-tune on my digits", with the same report printed."""
    from lenet_gui.core.checkpoint import save_checkpoint
    from lenet_gui.core.data import load_mnist, resolve_data_dir
    from lenet_gui.core.finetune import fine_tune
    from lenet_gui.core.personal import PersonalDataset
    from lenet_gui.core.training import resolve_device, state_from_numpy, state_to_numpy

    ignored = [
        flag
        for flag, value in (
            ("--recipe", args.recipe != "fast"),
            ("--epochs", args.epochs),
            ("--batch-size", args.batch_size),
            ("--optimizer", args.optimizer),
            ("--schedule", args.schedule),
            ("--augment", args.augment is not None),
            ("--weight-decay", args.weight_decay is not None),
            ("--label-smoothing", args.label_smoothing is not None),
            ("--scale", args.scale is not None),
            *((flag, getattr(args, name) is not None) for flag, name in AUGMENTATION_FLAGS.items()),
        )
        if value
    ]
    if ignored:
        raise UserError(f"{', '.join(ignored)} cannot be combined with --personal (it has --steps and --lr)")
    folder = Path(args.personal).expanduser()
    if not folder.is_dir():
        raise UserError(f"--personal {folder}: no such folder")
    try:
        config = FineTuneConfig(seed=args.seed, device=args.device)
        overrides = {"steps": args.steps, "learning_rate": args.lr}
        config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
        if config.steps < 1:
            raise ValueError("--steps must be at least 1")
        resolve_device(config.device)
    except (ValueError, RuntimeError) as error:
        raise UserError(str(error)) from None
    start = _load_weights(args.start_from)
    try:
        data_dir = resolve_data_dir(args.data_dir)
        mnist = (
            load_mnist(data_dir, train=True, download=not args.no_download),
            load_mnist(data_dir, train=False, download=not args.no_download),
        )
    except MissingDataError:
        mnist = None  # the report says MNIST could not be checked
    dataset = PersonalDataset(folder)
    print(
        f"fine-tuning {'the bundled weights' if not args.start_from else args.start_from} on {len(dataset)} "
        f"examples in {folder} ({' '.join(f'{d}:{c}' for d, c in enumerate(dataset.counts()) if c)}), "
        f"{'mixed with MNIST' if mnist else 'without MNIST'}: {config.steps} steps, lr {config.learning_rate:g}"
    )
    report: FineTuneReport | None = None
    last: Finished | None = None
    try:
        for event in fine_tune(dataset, initial_state=state_to_numpy(start.state_dict), mnist=mnist, config=config):
            if isinstance(event, StepProgress):
                _print_progress(event, label="run")
            elif isinstance(event, FineTuneStatus):
                _end_progress_line()
                print(event.text)
            elif isinstance(event, Diverged):
                print(f"\n{event.message}", file=sys.stderr)
                return 1
            elif isinstance(event, FineTuneReport):
                report = event
            elif isinstance(event, Finished):
                last = event
    except KeyboardInterrupt:
        print("\nstopped: nothing was saved", file=sys.stderr)
        return 130
    _end_progress_line()
    if report is None or last is None or last.cancelled:
        return 1
    for line in report.lines():
        print(line)
    for changed in report.changed[:20]:
        print(f"  {changed.example_id} ({changed.label}): predicted {changed.before} → {changed.after}")
    out = save_checkpoint(
        args.out if args.out is not None else "lenet_fine_tuned.pt",
        state_from_numpy(last.state),
        **fine_tuning_metadata(last, report, config, started_from=args.start_from or "bundled"),
    )
    print(f"saved {out}")
    return 0


def _print_progress(event: StepProgress, stream: TextIO = sys.stderr, label: str = "epoch") -> None:
    if not stream.isatty():
        return
    width = 30
    filled = int(width * event.step / event.steps_per_epoch)
    bar = "█" * filled + "·" * (width - filled)
    stream.write(
        f"\r{label} {event.epoch}/{event.epochs} {bar} loss {event.loss:.4f} acc {event.accuracy * 100:5.1f}% "
        f"{event.images_per_second:,.0f} img/s ETA {format_duration(event.eta_seconds)}  "
    )
    stream.flush()


def _end_progress_line() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 110 + "\r")


def _print_epoch(event: EpochResult) -> None:
    _end_progress_line()
    test = f"test {event.test_accuracy * 100:.2f}%" if math.isfinite(event.test_accuracy) else "no test set"
    print(
        f"epoch {event.epoch:>2}/{event.epochs}  loss {event.train_loss:.4f}  train {event.train_accuracy * 100:.2f}%  "
        f"{test}  {event.seconds:.1f} s",
        flush=True,
    )


def _evaluate(args: argparse.Namespace) -> int:
    from lenet_gui.core.ablation import parse_silence, silenced
    from lenet_gui.core.training import build_model, evaluate

    silence = parse_silence(args.silence) if args.silence else {}
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be at least 1")
    checkpoint = _load_weights(args.weights)
    test_set = _load_mnist(args.data_dir, train=False, no_download=args.no_download).head(args.limit)
    started = time.perf_counter()
    with silenced(build_model(checkpoint.state_dict, seed=None), silence) as model:
        result = evaluate(model, test_set)
    elapsed = time.perf_counter() - started
    correct = int(result.confusion.trace())
    print(f"weights: {args.weights or 'bundled'}" + (f", silenced {args.silence}" if silence else ""))
    print(
        f"MNIST test accuracy: {result.accuracy * 100:.2f}% ({correct:,}/{len(test_set):,}), "
        f"loss {result.loss:.4f}, {elapsed:.1f} s"
    )
    print("\nper class:")
    for digit, accuracy in enumerate(result.per_class_accuracy):
        total = int(result.confusion[digit].sum())
        print(f"  {digit}: {accuracy * 100:6.2f}%  ({int(result.confusion[digit, digit])}/{total})")
    print("\nconfusion matrix (rows: true digit, columns: predicted):")
    print("      " + "".join(f"{d:>6}" for d in range(10)))
    for digit in range(10):
        print(f"  {digit}:  " + "".join(f"{int(n):>6}" for n in result.confusion[digit]))
    return 0


def _predict(args: argparse.Namespace) -> int:
    from lenet_gui.core.inference import Predictor, configure_for_latency
    from lenet_gui.core.preprocess import ImageLoadError, load_image

    configure_for_latency()
    predictor = Predictor(_load_weights(args.weights).state_dict)
    failed = 0
    for name in args.images:
        try:
            prediction = predictor.predict_image(load_image(name))
        except ImageLoadError as error:
            failed += 1
            if args.json:
                print(json.dumps({"file": name, "error": str(error)}), flush=True)
            else:
                print(f"{name}: error: {error}", file=sys.stderr)
            continue
        if args.json:
            record = {
                "file": name,
                "digit": None if prediction is None else prediction.digit,
                "probabilities": [0.0] * 10
                if prediction is None
                else [round(float(p), 6) for p in prediction.probabilities],
                "confidence": 0.0 if prediction is None else round(prediction.confidence, 6),
            }
            if prediction is not None:
                record["sure"] = prediction.sure
            print(json.dumps(record), flush=True)
        elif prediction is None:
            print(f"{name}: blank (nothing drawn)")
        else:
            verdict = "" if prediction.sure else "  (not sure)"
            print(f"{name}: {prediction.digit}  {prediction.confidence * 100:.1f}%{verdict}")
    return 1 if failed else 0


def _info(args: argparse.Namespace) -> int:
    from lenet_gui.core.checkpoint import WeightsFileError, bundled_weights_path, describe, load_bundled
    from lenet_gui.core.model import Net, format_summary

    print(format_summary(Net()))
    try:
        print(f"\nbundled weights: {bundled_weights_path()} ({describe(load_bundled())})")
    except WeightsFileError as error:
        print(f"\nbundled weights: unavailable ({error})")
    return 0
