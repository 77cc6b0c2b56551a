"""File ▸ Export network as ONNX…: the weights in use leave the app as a file Netron draws and onnxruntime runs.

The same file ``lenet-gui export --onnx`` writes (core's ``export_onnx``: standardized 1×1×32×32 input with a free
batch axis, the 10 logits out, the preprocessing described in the file's metadata). Tracing takes seconds, so it runs
on a worker; the window stays live and says when the file is there. The export is a snapshot of the weights at the
moment of the click: a training run going on meanwhile does not change what is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from lenet_gui.core.errors import EXPORT_INSTALL_HINT, ExportUnavailable, UserError
from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.view_models import ModelInfo
from lenet_gui.ui.workers import FunctionWorker, InferenceService, onnx_export_worker

SHUTDOWN_EXPORT_WAIT_S = 30.0  # an export being written when the window closes finishes first (a few seconds)


class OnnxExport(QObject):
    """Asks where, exports off the GUI thread, and reports through ``status``/``failed`` like ``FileActions``."""

    status = Signal(str, int)  # a status bar message, for how many milliseconds (0: until replaced)
    failed = Signal(str, str, str)  # title, one sentence, details
    exported = Signal(str)  # the path written

    def __init__(self, parent: QWidget, *, inference: InferenceService, settings: AppSettings) -> None:
        super().__init__(parent)
        self._parent = parent
        self._inference = inference
        self._settings = settings
        self._worker: FunctionWorker[str] | None = None
        self._info: ModelInfo | None = None
        inference.modelReady.connect(self._on_model_ready)

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.running

    def export_dialog(self) -> None:
        start = str(Path(self._settings.last_folder()) / "lenet.onnx")
        path, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Export the network as ONNX"),
            start,
            self.tr("ONNX models (*.onnx);;All files (*)"),
        )
        if path:
            self._settings.remember_folder(path)
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Start writing the weights in use to ``path`` (``.onnx`` added when it has no suffix); False, with a
        status message saying why, when that cannot start now."""
        if self.busy:
            self.status.emit(self.tr("An export is already being written; wait until it is done."), 5000)
            return False
        state = self._inference.committed_state()
        if state is None:
            self.status.emit(self.tr("The network is still loading; export it once it is ready."), 5000)
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".onnx")
        info = self._info
        accuracy = None if info is None else info.metadata.get("test_accuracy")
        worker = onnx_export_worker(
            str(target),
            state,
            source="" if info is None or info.random_weights else (info.source or "bundled weights"),
            test_accuracy=float(accuracy) if isinstance(accuracy, int | float) else None,
        )
        worker.returned.connect(self._on_exported)
        worker.errored.connect(lambda error: self._on_failed(target, error))
        self._worker = worker
        self.status.emit(self.tr("Exporting the network to {name}…").format(name=target.name), 0)
        worker.start()
        return True

    def shutdown(self, before_long_wait: Callable[[], object]) -> None:
        """Let an export being written finish (its file is replaced atomically either way), hiding the window
        first when that takes more than a moment: no thread outlives the window."""
        worker = self._worker
        if worker is not None and not worker.join(0.2):
            before_long_wait()
            worker.join(SHUTDOWN_EXPORT_WAIT_S)

    def _on_model_ready(self, info: ModelInfo) -> None:
        self._info = info

    def _on_exported(self, path: str) -> None:
        self.status.emit(
            self.tr("Exported the network to {path}: Netron draws it, onnxruntime runs it without PyTorch.").format(
                path=path
            ),
            15000,
        )
        self.exported.emit(path)

    def _on_failed(self, target: Path, error: BaseException) -> None:
        title = self.tr("Export failed")
        if isinstance(error, ExportUnavailable):
            message = self.tr(
                "Exporting as ONNX needs two optional packages, onnx and onnxscript, which are not installed. "
                "Install them with: {command}"
            ).format(command=EXPORT_INSTALL_HINT)
            details = error.message
        elif isinstance(error, UserError):
            message = self.tr("The network could not be exported to {name}.").format(name=target.name)
            details = error.full_text()
        else:
            message = self.tr(
                "The network could not be exported to {name}. An existing file there is unchanged."
            ).format(name=target.name)
            details = f"{type(error).__name__}: {error}"
        self.status.emit(message, 10000)
        self.failed.emit(title, message, details)
