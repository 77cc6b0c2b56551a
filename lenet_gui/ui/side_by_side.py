"""The main window's way into View ▸ Compare two networks… (issue 13): at most one Compare window, opened beside
the canvas, wired to the canvas and to My digits, and stopped with the app; and the entry point the time machine
uses to compare a snapshot (``SideBySide.compare_snapshot``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QDialog, QWidget

from lenet_gui.ui.compare_window import CompareWindow
from lenet_gui.ui.workers.comparison import ComparisonService

NumpyState = dict[str, np.ndarray]
SHUTDOWN_WAIT_S = 3.0
BESIDE_MIN_WIDTH = 500  # pixels right of the canvas for the window to open there
BESIDE_GAP = 12  # between the canvas and the window's frame


def _place_beside(dialog: QDialog, canvas: QWidget) -> None:
    """Beside the canvas when the screen has room, so that you can draw and watch both networks at once (on a
    900×600 screen a narrower window, with the gallery under the bars); where even that does not fit, the window
    opens where Qt puts it, and can be moved."""
    screen = dialog.screen().availableGeometry()
    left = canvas.mapToGlobal(QPoint(canvas.width(), 0)).x() + BESIDE_GAP
    room = screen.right() - left
    if room >= BESIDE_MIN_WIDTH:
        dialog.resize(min(dialog.width(), room), dialog.height())  # (the frame's few pixels: see BESIDE_GAP)
        dialog.move(left, screen.top() + max(0, (screen.height() - dialog.frameGeometry().height()) // 2))


class SideBySide(QObject):
    """The main window's way into the Compare window: at most one, opened from the View menu."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: CompareWindow | None = None
        self._closing: list[ComparisonService] = []  # services of closed windows, until their threads end
        window.inference.weightsChanged.connect(
            lambda view: None if view.live or self.dialog is None else self.dialog.weights_in_use_changed()
        )

    def open(self) -> CompareWindow:
        """Show the Compare window (made on first use), in front."""
        if self.dialog is None:
            window = self._window
            model = getattr(window, "_model", None)
            dialog = CompareWindow(
                canvas=window.canvas,
                in_use=window.runs.committed_state,  # kept weights still being saved count as in use
                in_use_is_bundled=bool(model is not None and model.bundled),
                test_source=window._test_digits,
                personal_root=window.personal_store.root,
                start_folder=window.app_settings.last_folder(),
                service_parent=self,
                parent=window,
            )
            dialog.gallery.openDigit.connect(self._open_digit)
            dialog.gallery.openExample.connect(
                lambda example: window.personal_store.read(example, then=window._open_example)
            )
            dialog.finished.connect(lambda _result: self._forget(dialog))
            self.dialog = dialog
            _place_beside(dialog, window.canvas)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def compare_snapshot(self, state: NumpyState, label: str) -> CompareWindow:
        """Entry point for the time machine: open the Compare window with the weights in use on A and ``state``
        (numpy, by ``state_dict`` name; checked as LeNet's) on B, named ``label`` ("Step 1,200 of the last run")."""
        dialog = self.open()
        dialog.add_snapshot(state, label, side=1)
        return dialog

    def _open_digit(self, picture: np.ndarray) -> None:
        self._window._open_example(picture, None)

    def _forget(self, dialog: CompareWindow) -> None:
        """The window closed: its work stops; the service goes once its threads have ended (or at shutdown)."""
        dialog.stop()
        service = dialog.service
        self._closing = [s for s in self._closing if not s.finished_work()]
        self._closing.append(service)
        if self.dialog is dialog:
            self.dialog = None

    def shutdown(self) -> None:
        """At the app's shutdown: stop the window's work and wait for it (bounded)."""
        if self.dialog is not None:
            self.dialog.stop()
            self._closing.append(self.dialog.service)
            self.dialog = None
        for service in self._closing:
            service.join(SHUTDOWN_WAIT_S)
        self._closing.clear()
