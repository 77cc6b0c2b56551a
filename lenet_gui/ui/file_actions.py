"""Pictures and weights in and out of the app: File ▸ Open/Save, Load/Save weights, paste and drop.

Each action has a dialog first and then a method that tests (and the window's drop) call directly. Files are read
by the inference service on its files thread, never here: the GUI thread only names them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QIODevice, QMimeData, QObject, QSaveFile, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from lenet_gui.core.confidence import Kind, read_probabilities
from lenet_gui.ui.canvas import DrawingCanvas
from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.view_models import PredictionView
from lenet_gui.ui.workers.inference import InferenceService


class FileActions(QObject):
    """Open, save, paste and drop for the window; problems go to ``failed(title, message, details)``."""

    status = Signal(str, int)  # a status bar message, for how many milliseconds
    failed = Signal(str, str, str)

    def _image_filter(self) -> str:
        return self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)")

    def _weights_filter(self) -> str:
        return self.tr("PyTorch weights (*.pt *.pth);;All files (*)")

    def __init__(
        self,
        parent: QWidget,
        *,
        canvas: DrawingCanvas,
        inference: InferenceService,
        settings: AppSettings,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._canvas = canvas
        self._inference = inference
        self._settings = settings
        # The picture being read: its request id and its name ("" when pasted); "Classifying…" until its answer.
        self._classifying: tuple[int, str] | None = None
        inference.imageOpened.connect(self._on_opened)
        inference.predicted.connect(self._on_predicted)

    def _ask(self, save: bool, title: str, start: str, filters: str) -> str:
        dialog = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = dialog(self._parent, title, start, filters)
        if path:
            self._settings.remember_folder(path)
        return str(path)

    # --- pictures ---------------------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        path = self._ask(False, self.tr("Open an image of a digit"), self._settings.last_folder(), self._image_filter())
        if path:
            self.open_image_file(path)

    def open_image_file(self, path: str) -> None:
        self._classifying = (self._inference.open_image(path), Path(path).name)

    def save_drawing_dialog(self) -> None:
        start = str(Path(self._settings.last_folder()) / "digit.png")
        path = self._ask(True, self.tr("Save the drawing"), start, self.tr("PNG image (*.png)"))
        if path:
            self.save_drawing_to(path)

    def save_drawing_to(self, path: str) -> bool:
        if not path.lower().endswith(".png"):
            path += ".png"
        # QSaveFile writes a temporary file and renames it into place: a failed save never leaves half a PNG.
        target = QSaveFile(path)
        ok = target.open(QIODevice.OpenModeFlag.WriteOnly) and self._canvas.to_qimage().save(
            target,
            "PNG",  # type: ignore[call-overload]  # the stub wants bytes; PySide6 accepts only str (bytes: ValueError)
        )
        if ok:
            ok = target.commit()
        else:
            target.cancelWriting()
        if ok:
            self.status.emit(self.tr("Saved the drawing to {path}").format(path=path), 8000)
        else:
            self.failed.emit(
                self.tr("The drawing could not be saved"),
                self.tr("Could not write {name}.").format(name=Path(path).name),
                target.errorString(),
            )
        return ok

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasImage():
            self.classify_qimage(QImage(mime.imageData()))
        elif mime.hasUrls() and mime.urls()[0].isLocalFile():
            self.open_image_file(mime.urls()[0].toLocalFile())
        elif mime.hasText() and mime.text().strip() and Path(mime.text().strip()).is_file():
            self.open_image_file(mime.text().strip())
        else:
            self.status.emit(self.tr("The clipboard holds no image."), 5000)

    def classify_qimage(self, image: QImage) -> None:
        """A pasted or dropped picture goes through the same file path as an opened one (core's load_image)."""
        if image.isNull():
            self.status.emit(self.tr("The clipboard image is empty."), 5000)
            return
        handle, name = tempfile.mkstemp(prefix="lenet-gui-paste-", suffix=".png")
        os.close(handle)
        if not image.save(name, "PNG"):  # type: ignore[call-overload]  # stub wants bytes; PySide6 takes str
            os.unlink(name)
            self.failed.emit(
                self.tr("The image could not be read"), self.tr("The pasted image could not be converted."), ""
            )
            return
        self._classifying = (self._inference.open_image(name, delete_after=True), "")

    def _on_opened(self, _path: str, _picture: object) -> None:
        """The picture is on the canvas: say so until the network's answer for it replaces the message."""
        if self._classifying is not None:
            name = self._classifying[1]
            text = (
                self.tr("Classifying {name}…").format(name=name) if name else self.tr("Classifying the pasted image…")
            )
            self.status.emit(text, 0)

    def _on_predicted(self, request_id: int, view: PredictionView | None) -> None:
        """The answer for the picture replaces "Classifying…"; drawn over before its answer, the message just goes."""
        if self._classifying is None or request_id < self._classifying[0]:
            return
        waited, name = self._classifying
        self._classifying = None
        if request_id > waited:
            self.status.emit("", 1)
            return
        name = name or self.tr("The pasted image")
        if view is None:
            text = self.tr("{name}: no digit in the picture.").format(name=name)
        else:
            reading = read_probabilities(view.probabilities)
            if reading.kind is Kind.CONFIDENT:
                text = self.tr("{name}: read as {digit} ({percent}% sure).").format(
                    name=name, digit=reading.digit, percent=f"{reading.probability * 100:.0f}"
                )
            elif reading.looks_like_a_digit:
                text = self.tr("{name}: the network is not sure which digit it is.").format(name=name)
            else:
                text = self.tr("{name}: it doesn't look like a digit.").format(name=name)
        self.status.emit(text, 10000)

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        """Whether a drag carries something to open."""
        return mime.hasImage() or (mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()))

    def drop(self, mime: QMimeData) -> None:
        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
        if files:
            self.open_image_file(files[0])
        elif mime.hasImage():
            self.classify_qimage(QImage(mime.imageData()))

    # --- weights ----------------------------------------------------------------------------------------------

    def load_weights_dialog(self) -> None:
        path = self._ask(False, self.tr("Load weights"), self._settings.last_folder(), self._weights_filter())
        if path:
            self.load_weights_file(path)

    def load_weights_file(self, path: str) -> None:
        self._inference.load_weights(path)

    def save_weights_dialog(self) -> None:
        start = str(Path(self._settings.last_folder()) / "lenet.pt")
        path = self._ask(True, self.tr("Save weights"), start, self._weights_filter())
        if path:
            self._inference.save_weights(path)
