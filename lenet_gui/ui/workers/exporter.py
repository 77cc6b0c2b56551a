"""File ▸ Export…: the weights in use, written as ONNX off the GUI thread (torch.export takes seconds on 2 cores)."""

from __future__ import annotations

from lenet_gui.core.events import NumpyState
from lenet_gui.ui.workers.background import FunctionWorker
from lenet_gui.ui.workers.lazy_imports import export


def _export(path: str, state: NumpyState, source: str, test_accuracy: float | None) -> str:
    return str(export().export_onnx(path, state, source=source, test_accuracy=test_accuracy))


def onnx_export_worker(
    path: str, state: NumpyState, *, source: str = "", test_accuracy: float | None = None
) -> FunctionWorker[str]:
    """A worker (not started) whose ``returned`` carries the path written; ``errored`` carries core's error, an
    ``ExportUnavailable`` (a ``UserError`` naming the extra to install) when the ONNX packages are missing."""
    return FunctionWorker(_export, path, state, source, test_accuracy, name="onnx-export")
