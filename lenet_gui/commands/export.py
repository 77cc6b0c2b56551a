"""``lenet-gui export --onnx OUT.onnx [--weights W.pt]``: the network as an ONNX file for Netron and onnxruntime.

Torch-free at import, so ``lenet-gui --help`` stays instant; ``run`` imports the exporter.
"""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the network as ONNX (open it in Netron, run it with onnxruntime); needs lenet-gui[export]",
        description="Write LeNet as one ONNX file: input (batch, 1, 32, 32) standardized like MNIST, output the 10 "
        "logits; the normalization and preprocessing are described in the file's metadata.",
    )
    parser.add_argument("--onnx", required=True, metavar="OUT.onnx", help="the file to write (atomically)")
    parser.add_argument("--weights", help="weights file (default: the bundled weights)")


def run(args: argparse.Namespace) -> int:
    from lenet_gui.core.errors import UserError
    from lenet_gui.core.export import export_onnx, require_onnx

    require_onnx()  # before loading anything: the missing extra is the first thing to fix
    from lenet_gui.core.checkpoint import CheckpointError, load_bundled, load_checkpoint

    try:
        checkpoint = load_checkpoint(args.weights) if args.weights else load_bundled()
    except CheckpointError as error:
        raise UserError(str(error)) from None
    out = export_onnx(
        args.onnx,
        checkpoint.state_dict,
        source=args.weights or "bundled",
        test_accuracy=checkpoint.test_accuracy,
    )
    size_kb = out.stat().st_size / 1024
    weights = f"weights {args.weights}" if args.weights else "the bundled weights"
    print(
        f"wrote {out} ({size_kb:,.0f} KB, {weights}): input (batch, 1, 32, 32) standardized, output the 10 "
        "logits; the preprocessing is described in its metadata"
    )
    return 0
