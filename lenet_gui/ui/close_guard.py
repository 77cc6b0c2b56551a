"""Closing the window with new weights nobody kept asks first, as an editor asks about unsaved work (issue 10.7).

New weights wait for Keep or Discard after a training run, a fine-tuning run, or steps taken in the Training step
view. Closing (the title bar's ×, File ▸ Quit, Ctrl+Q) then asks **Keep and quit**, **Discard and quit** or
**Cancel**. During a run the run is stopped first, the way its Stop button stops it (a flag it sees between two
steps; the GUI thread never waits for it), and its weights are offered the same way once it has ended.

Nothing blocks: the question is a window-modal dialog opened with ``open()``, and the close event is ignored until
the answer allows it; the window then closes itself. **Keep and quit** closes once the weights are saved; if saving
fails the window stays, with the weights still offered and the error said (nothing is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QMessageBox

from lenet_gui.ui.workers.runs import FINE_TUNING, TRAINING

STEPS = "steps"  # the Training step view's stepped weights


class CloseGuard(QObject):
    """Decides whether the window may close now; when not, asks (or stops the run first) and closes it later.

    ``window`` is the main window: its ``runs`` (RunCoordinator), ``inference``, ``training_panel``,
    ``personal_panel`` and ``tutorial`` are what holds weights waiting for Keep or Discard.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("closeGuard")
        self._window: Any = window
        self._released = False  # the answer allows closing: the next close goes through
        self._stopping = False  # a run was stopped for closing; the question comes when it has ended
        self._saving = False  # Keep and quit: waiting for the weights to be saved
        self.dialog: QMessageBox | None = None

    @staticmethod
    def of(window: QMainWindow) -> CloseGuard:
        """The window's guard, made on first use."""
        guard = window.findChild(CloseGuard, "closeGuard")
        return guard if guard is not None else CloseGuard(window)

    # --- what closeEvent asks ---------------------------------------------------------------------------------

    def allow_close(self) -> bool:
        """True: close now. False: ignore this close; the guard asks (or stops the run first) and closes later."""
        if self._released:
            return True
        if self.dialog is not None or self._stopping or self._saving:
            return False  # already asking, stopping or saving: one question at a time
        runs = self._window.runs
        if runs.running():
            self._stopping = True
            runs.runEnded.connect(self._after_run, Qt.ConnectionType.SingleShotConnection)
            self._window.statusBar().showMessage(self.tr("Stopping the run before quitting…"))
            runs.stop()
            return False
        kind = self.unkept()
        if kind is None:
            return True
        self._ask(kind)
        return False

    def unkept(self) -> str | None:
        """Whose new weights wait for Keep or Discard: TRAINING, FINE_TUNING, STEPS, or None."""
        state = self._window.runs.state
        if state.pending is not None:
            return str(state.pending)
        return STEPS if state.steps_unkept else None

    # --- the question -------------------------------------------------------------------------------------------

    def _after_run(self, *_: object) -> None:
        """The run stopped for closing has ended: close again (it asks if the run left weights to keep)."""
        self._stopping = False
        QTimer.singleShot(0, self._window, self._window.close)

    def _ask(self, kind: str) -> None:
        text = {
            TRAINING: self.tr("The new weights from training are not kept yet."),
            FINE_TUNING: self.tr("The fine-tuned weights are not kept yet."),
            STEPS: self.tr("The weights changed by your training steps are not kept yet."),
        }[kind]
        dialog = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Quit LeNet GUI"),
            text,
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        dialog.setObjectName("closeDialog")
        dialog.setAccessibleName(self.tr("Keep the new weights before quitting?"))
        dialog.setInformativeText(
            self.tr("Keep them (saved in your weights folder) or discard them before quitting? They are in use now.")
        )
        keep = dialog.addButton(self.tr("&Keep and quit"), QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("keepAndQuitButton")
        discard = dialog.addButton(self.tr("&Discard and quit"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardAndQuitButton")
        cancel = dialog.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setObjectName("cancelQuitButton")
        dialog.setDefaultButton(keep)
        dialog.setEscapeButton(cancel)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.buttonClicked.connect(lambda button: self._answered(kind, button, keep, discard))
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _answered(self, kind: str, button: QAbstractButton, keep: QAbstractButton, discard: QAbstractButton) -> None:
        if button is keep:
            self._keep(kind)
        elif button is discard:
            self._decide(kind, keep=False)
            self._close_now()
        # Cancel: the window stays, the weights stay offered in their panel.

    def _keep(self, kind: str) -> None:
        inference = self._window.inference
        self._saving = True
        inference.weightsSaved.connect(self._on_saved, Qt.ConnectionType.SingleShotConnection)
        inference.keepFailed.connect(self._on_keep_failed, Qt.ConnectionType.SingleShotConnection)
        self._decide(kind, keep=True)
        if self.unkept() == kind:  # the panel could not keep them now (a step still running): stay open
            self._saving = False
            inference.weightsSaved.disconnect(self._on_saved)
            inference.keepFailed.disconnect(self._on_keep_failed)
        else:
            self._window.statusBar().showMessage(self.tr("Saving the new weights before quitting…"))

    def _on_saved(self, _path: str) -> None:
        self._saving = False
        self._window.inference.keepFailed.disconnect(self._on_keep_failed)
        self._close_now()

    def _on_keep_failed(self) -> None:
        """Saving failed (full or read-only disk): the window stays, the weights are offered again, the error said."""
        self._saving = False
        self._window.inference.weightsSaved.disconnect(self._on_saved)

    def _decide(self, kind: str, *, keep: bool) -> None:
        """Keep or discard through the panel that offers the weights, exactly as its own buttons do."""
        window = self._window
        actions: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {}
        if window.training_panel is not None:
            bar = window.training_panel.finished_bar
            actions[TRAINING] = (bar.keep, bar.discard)
            tune = window.personal_panel.fine_tune.keep_bar
            actions[FINE_TUNING] = (tune.keep, tune.discard)
        if window.tutorial is not None:  # steps are only taken once its docks are there
            step_view = window.tutorial.step_view
            actions[STEPS] = (step_view.keep, step_view.discard)
        keep_it, discard_it = actions[kind]
        (keep_it if keep else discard_it)()

    def _close_now(self) -> None:
        self._released = True
        QTimer.singleShot(0, self._window, self._window.close)
