"""``lenet-gui explain IMAGE``: which parts of a drawing made LeNet decide, or (``--make D``) how to change its mind.

The same definitions as the app's overlay (``core/explain.py``); ``--json`` prints every number unrounded so that
an independent computation from the same input and weights can be compared with it.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

METHODS = ("saliency", "integrated-gradients", "occlusion", "grad-cam")  # core.explain.METHODS, without torch


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="which pixels made the network decide (saliency, integrated gradients, occlusion, Grad-CAM), "
        "or --make D: a small change to the drawing that makes it say D",
    )
    parser.add_argument("image", metavar="IMAGE", help="a picture of one digit, as for predict")
    parser.add_argument("--method", choices=METHODS, default="saliency", help="attribution method (default saliency)")
    parser.add_argument("--target", type=int, metavar="T", help="explain this digit (default: the predicted one)")
    parser.add_argument("--contrast", type=int, metavar="C", help="explain 'T rather than C': logit_T − logit_C")
    parser.add_argument("--steps", type=int, default=32, metavar="S", help="integrated gradients' steps (default 32)")
    parser.add_argument("--make", type=int, metavar="D", help="change the drawing near its ink until it reads D")
    parser.add_argument("--weights", help="weights file (default: the bundled weights)")
    parser.add_argument("--out", metavar="PNG", help="write the map over the input as a PNG (8× size, atomically)")
    parser.add_argument("--json", action="store_true", help="one JSON object with every number")


def run(args: argparse.Namespace) -> int:
    from lenet_gui.core.checkpoint import CheckpointError, load_bundled, load_checkpoint
    from lenet_gui.core.errors import UserError
    from lenet_gui.core.explain import explain, explainable_model
    from lenet_gui.core.inference import configure_for_latency
    from lenet_gui.core.make_it import make_it
    from lenet_gui.core.preprocess import ImageLoadError, load_image, to_model_input

    if args.make is not None and (args.method != "saliency" or args.target is not None or args.contrast is not None):
        raise UserError("--make cannot be combined with --method, --target or --contrast")
    if args.make is not None and args.out:
        raise UserError("--out writes an explanation's overlay; with --make use --json for the changed input")
    try:
        model_input = to_model_input(load_image(args.image))
        checkpoint = load_checkpoint(args.weights) if args.weights else load_bundled()
    except (ImageLoadError, CheckpointError) as error:
        raise UserError(str(error)) from None
    if model_input is None:
        raise UserError(f"{args.image}: the picture is blank, there is nothing to explain")
    configure_for_latency()
    model = explainable_model(checkpoint.state_dict)
    if args.make is not None:
        changed = make_it(model, model_input, args.make)
        if args.json:
            _print_json(
                {
                    "digit": changed.digit,
                    "reached": changed.reached,
                    "input": changed.model_input,
                    "probabilities": changed.probabilities,
                    "l2_change": changed.l2_change,
                }
            )
        else:
            verdict = "reached" if changed.reached else "gave up before reaching 90% (its best is shown)"
            print(
                f"{args.image}: made it a {changed.digit} with {changed.probabilities[changed.digit] * 100:.1f}%, "
                f"L2 change {changed.l2_change:.2f} in {changed.steps} steps: {verdict}"
            )
        return 0 if changed.reached else 1
    explanation = explain(model, model_input, args.method, target=args.target, contrast=args.contrast, steps=args.steps)
    if args.out:
        _save_overlay(Path(args.out), explanation, model_input)
    if args.json:
        _print_json(
            {
                "method": explanation.method,
                "target": explanation.target,
                "contrast": explanation.contrast,
                "input": model_input,
                "map": explanation.map,
                "probabilities": explanation.probabilities,
            }
        )
    else:
        against = f" rather than {explanation.contrast}" if explanation.contrast is not None else ""
        values = explanation.map
        print(
            f"{args.image}: {explanation.method} for {explanation.target}{against} "
            f"(network: {int(explanation.probabilities.argmax())} "
            f"{float(explanation.probabilities.max()) * 100:.1f}%), {values.shape[0]}×{values.shape[1]} map "
            f"from {float(values.min()):.4g} to {float(values.max()):.4g}"
            + (f", overlay written to {args.out}" if args.out else "")
        )
    return 0


def _print_json(record: dict[str, Any]) -> None:
    """numpy arrays as nested lists of full-precision floats (no rounding: the numbers are meant to be checked)."""
    print(json.dumps({k: v.tolist() if hasattr(v, "tolist") else v for k, v in record.items()}), flush=True)


def _save_overlay(path: Path, explanation: Any, model_input: Any) -> None:
    """Through a temporary file in the same folder and a rename, so a reader never sees half a PNG."""
    from PIL import Image

    from lenet_gui.core.errors import UserError
    from lenet_gui.core.explain import overlay_rgb

    image = Image.fromarray(overlay_rgb(explanation, model_input), mode="RGB")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                image.save(stream, format="PNG")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise UserError(f"could not write {path}: {error.strerror or error}", details=str(error)) from None
