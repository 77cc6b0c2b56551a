"""The network as an ONNX file, so the weights can leave the app: Netron draws it, onnxruntime (or a browser, or a
phone) runs it without PyTorch or this package.

The file holds ``Net.forward`` exactly: a standardized ``(batch, 1, 32, 32)`` float input (the batch size is free)
and the 10 logits out. What turns a drawing into that input is *not* in the graph: the MNIST-style normalization in
``preprocess`` (crop to the ink, 20-px box, centre of mass, stroke weight) is a few hundred lines of image work that
ONNX cannot express well, and people exporting a model usually have their own pipeline. So the file says in its
``metadata_props`` what the input must be (the normalization constants, and the preprocessing in words), which
Netron shows under the model's properties and onnxruntime returns from ``get_modelmeta().custom_metadata_map``.

The ONNX packages are an optional extra: importing this module needs only torch; ``export_onnx`` says which extra
to install (``ExportUnavailable``, a ``UserError``) when they are missing.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from lenet_gui import __version__
from lenet_gui.core.errors import EXPORT_INSTALL_HINT, ExportUnavailable
from lenet_gui.core.model import ARCHITECTURE, INPUT_SIZE, NUM_CLASSES, Net
from lenet_gui.core.preprocess import BOX_SIZE, FIELD_SIZE, MNIST_MEAN, MNIST_STD, PAD

if TYPE_CHECKING:
    import onnx

# What ``pip install "lenet-gui[export]"`` brings: onnx writes and checks the file, and torch's exporter (the
# torch.export-based one, the default since PyTorch 2.9) translates the graph with onnxscript.
REQUIRED_PACKAGES = ("onnx", "onnxscript")
INPUT_NAME = "input"
OUTPUT_NAME = "logits"
BATCH_AXIS = "batch"

PREPROCESSING = (
    f"Input: float32 (batch, 1, {INPUT_SIZE}, {INPUT_SIZE}), one grayscale digit per item, white ink on black. "
    f"Made like MNIST: crop the picture to its ink, scale the longer side to {BOX_SIZE} px keeping the aspect "
    f"ratio, place it in a {FIELD_SIZE}x{FIELD_SIZE} field with its centre of mass in the middle, pad by {PAD} on "
    f"every side to {INPUT_SIZE}x{INPUT_SIZE}, scale pixels to 0..1, then standardize: "
    f"(x - {MNIST_MEAN}) / {MNIST_STD}. An MNIST test image (28x28 uint8) becomes an input by x / 255, zero "
    f"padding of {PAD}, and the same standardization. "
    f"Output: float32 (batch, {NUM_CLASSES}) logits for the digits 0-9; softmax turns them into probabilities. "
    "lenet_gui.core.preprocess.to_model_input does all of it for any picture."
)


def require_onnx() -> None:
    """Fail early, with the command that fixes it, when the ``export`` extra is missing."""
    missing: list[str] = []
    for name in REQUIRED_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        several = len(missing) > 1
        raise ExportUnavailable(
            f"ONNX export needs the optional package{'s' if several else ''} {' and '.join(missing)}; "
            f"install {'them' if several else 'it'} with: {EXPORT_INSTALL_HINT}"
        )


def onnx_metadata(source: str = "", test_accuracy: float | None = None) -> dict[str, str]:
    """The ``metadata_props`` written into the file: enough to feed it correctly without this package."""
    metadata = {
        "preprocessing": PREPROCESSING,
        "normalization_mean": repr(MNIST_MEAN),
        "normalization_std": repr(MNIST_STD),
        "input_layout": f"{INPUT_NAME}: float32 ({BATCH_AXIS}, 1, {INPUT_SIZE}, {INPUT_SIZE}), standardized",
        "output_layout": f"{OUTPUT_NAME}: float32 ({BATCH_AXIS}, {NUM_CLASSES}), logits before softmax",
        "labels": ",".join(str(digit) for digit in range(NUM_CLASSES)),
        "architecture": ARCHITECTURE,
        "exported_by": f"lenet-gui {__version__}, torch {torch.__version__}",
    }
    if source:
        metadata["weights"] = source
    if test_accuracy is not None:
        metadata["mnist_test_accuracy"] = f"{test_accuracy:.4f}"
    return metadata


def export_onnx(
    path: str | os.PathLike[str],
    state_dict: Mapping[str, torch.Tensor | np.ndarray],
    *,
    source: str = "",
    test_accuracy: float | None = None,
) -> Path:
    """Write LeNet with these weights as one self-contained ONNX file, atomically; returns the path written.

    ``state_dict`` holds tensors or numpy arrays (a weights snapshot as the app keeps them). ``source`` (where the
    weights came from) and ``test_accuracy`` go into the metadata when given. Takes a few seconds (torch.export
    traces the model, onnxscript translates and optimizes it), so a GUI calls it off the GUI thread. A failure at
    any point leaves an existing file at ``path`` untouched.
    """
    require_onnx()
    import onnx  # noqa: PLC0415 -- optional (the export extra): require_onnx has just said it is there

    _no_progress_monitor_thread()
    path = Path(path)
    model = Net().eval()
    model.load_state_dict({k: torch.as_tensor(v).detach().to("cpu", torch.float32) for k, v in state_dict.items()})
    proto = _trace(model)
    for key, value in onnx_metadata(source, test_accuracy).items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    proto.doc_string = PREPROCESSING
    onnx.checker.check_model(proto, full_check=True)
    _write_atomically(path, proto.SerializeToString())
    return path


def _no_progress_monitor_thread() -> None:
    """The exporter draws tqdm progress bars, and tqdm then starts a monitor thread that lives until the process
    ends; the app joins every thread it starts before it exits, so the monitor is switched off (the bars stay)."""
    try:
        tqdm = importlib.import_module("tqdm")
    except ImportError:
        return
    tqdm.tqdm.monitor_interval = 0


def _trace(model: Net) -> onnx.ModelProto:
    """``torch.onnx.export`` through torch.export (the maintained exporter; the TorchScript one is deprecated).

    The example batch has 2 digits, not 1: torch.export treats a size of 1 as a constant that may be specialized,
    and the batch axis must stay free.
    """
    example = torch.zeros(2, 1, INPUT_SIZE, INPUT_SIZE)
    with torch.no_grad():
        program = torch.onnx.export(
            model,
            (example,),
            dynamo=True,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
            dynamic_shapes=({0: torch.export.Dim(BATCH_AXIS)},),
            external_data=False,  # 247 KB of weights belong inside the one file
            optimize=True,
            verbose=False,
        )
    if program is None:  # only the TorchScript exporter returns nothing
        raise RuntimeError("torch.onnx.export returned no program")
    proto: onnx.ModelProto = program.model_proto
    return proto


def _write_atomically(path: Path, payload: bytes) -> None:
    """A temp file in the same folder, flushed to disk, then renamed over the target (as checkpoints are saved)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp's 0600 would make a shared file unreadable to others
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
