"""What every run in a worker thread needs on screen, shared by training and fine-tuning.

``RunControls``: a start button, Pause/Resume and Stop buttons and a progress bar; they only emit what the user
asked for, and the start button says why it is disabled (network still loading, another run going on…).
``KeepBar``: after a run, "keep the new weights or discard them", holding the run's weights until the user decides
(and offering them again when saving failed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

if TYPE_CHECKING:
    import numpy as np


def describe(widget: QWidget, name: str, tip: str) -> None:
    """Every control says what it is (screen readers) and what it does (tooltip)."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)


def push_button(parent: QWidget, text: str, name: str, accessible: str, tip: str, slot: Any = None) -> QPushButton:
    """A push button with its objectName, accessible name and tooltip (and what it does, if given)."""
    widget = QPushButton(text, parent)
    widget.setObjectName(name)
    describe(widget, accessible, tip)
    if slot is not None:
        widget.clicked.connect(slot)
    return widget


def _object_name(prefix: str, name: str) -> str:
    """``pauseButton``, or ``fineTunePauseButton`` with the prefix ``fineTune``."""
    return f"{prefix}{name[0].upper()}{name[1:]}" if prefix else name


class RunControls(QObject):
    """Start, Pause/Resume, Stop and a progress bar for one kind of run; the caller lays the widgets out and
    connects ``start_button.clicked``."""

    pauseRequested = Signal(bool)  # True: pause, False: resume
    stopRequested = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        noun: str,
        prefix: str = "",
        progress_name: str,
        start: tuple[str, str, str],  # text, objectName, tooltip
    ) -> None:
        super().__init__(parent)
        self._paused = False
        self._running = False
        self._model_ready = False
        self._blocked = ""
        text, name, self._start_tip = start
        if noun == "fine-tuning":  # whole sentences for each noun, so a translation can word them its own way
            start_name, pause_name = self.tr("Start fine-tuning"), self.tr("Pause or resume fine-tuning")
            pause_tip, stop_name = (
                self.tr("Pause fine-tuning between two steps, or resume it"),
                self.tr("Stop fine-tuning"),
            )
            progress_text = self.tr("Fine-tuning progress")
        else:
            start_name, pause_name = self.tr("Start training"), self.tr("Pause or resume training")
            pause_tip, stop_name = self.tr("Pause training between two steps, or resume it"), self.tr("Stop training")
            progress_text = self.tr("Training progress")
        self.start_button = push_button(parent, text, name, start_name, self._start_tip)
        self.pause_button = push_button(
            parent,
            self.tr("&Pause"),
            _object_name(prefix, "pauseButton"),
            pause_name,
            pause_tip,
            self._on_pause,
        )
        self.stop_button = push_button(
            parent,
            self.tr("&Stop"),
            _object_name(prefix, "stopButton"),
            stop_name,
            self.tr("End the run after the current step"),
            self.stopRequested,
        )
        self.progress = QProgressBar(parent)
        self.progress.setObjectName(progress_name)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Not started"))
        describe(self.progress, progress_text, self.tr("How far the whole run is"))
        self.set_running(False)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def can_start(self) -> bool:
        return not self._running and self._model_ready and not self._blocked

    def set_model_ready(self, ready: bool) -> None:
        self._model_ready = ready
        self._update()

    def set_blocked(self, reason: str) -> None:
        """Why no run can start now (another run is using the network…), said in the start button's tooltip;
        "" lifts the block."""
        self._blocked = reason
        self._update()

    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self._paused = False
        self._update()

    def _update(self) -> None:
        self.start_button.setEnabled(self.can_start)
        if self._blocked:
            tip = self._blocked
        elif self._model_ready:
            tip = self._start_tip
        else:
            tip = self.tr("Available once the network has loaded")
        self.start_button.setToolTip(tip)
        self.pause_button.setEnabled(self._running)
        self.pause_button.setText(self.tr("&Resume") if self._paused else self.tr("&Pause"))
        self.stop_button.setEnabled(self._running)

    def show_fraction(self, fraction: float, text: str) -> None:
        """Progress 0..1 with a caption; the caption waits while paused (the bar says "Paused")."""
        self.progress.setValue(round(fraction * 1000))
        if not self._paused:
            self.progress.setFormat(f"{text} — %p%" if text else "%p%")

    def show_stopped_early(self) -> None:
        """The run was stopped before it changed the weights (while MNIST was loading, say)."""
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Stopped before it began"))

    def _on_pause(self) -> None:
        self._paused = not self._paused
        self.pauseRequested.emit(self._paused)
        self.progress.setFormat(self.tr("Paused — %p%") if self._paused else "%p%")
        self._update()


class KeepBar(QFrame):
    """After a run: its result in words, and Keep or Discard for the weights it made (which are in use meanwhile)."""

    keepRequested = Signal(object, dict)  # the run's numpy state, metadata for the checkpoint
    discardRequested = Signal()
    offerChanged = Signal(bool)  # True: weights are waiting for Keep or Discard; False: decided (or replaced)

    def __init__(self, parent: QWidget, *, prefix: str = "", what: str = "the run") -> None:
        """``what`` ended: "the run" (training) or "fine-tuning"; it picks the sentences of the label and buttons."""
        super().__init__(parent)
        self.setObjectName(_object_name(prefix, "finishedBar"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._state: dict[str, np.ndarray] | None = None
        self._metadata: dict[str, Any] = {}
        self._keeping: dict[str, np.ndarray] | None = None  # weights being saved after "Keep"
        bar = QHBoxLayout(self)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        fine_tuning = what == "fine-tuning"
        if fine_tuning:
            describe(self.label, self.tr("Result of fine-tuning"), self.tr("The result of fine-tuning"))
            back = self.tr("Go back to the weights from before fine-tuning")
        else:
            describe(self.label, self.tr("Result of the run"), self.tr("The result of the run"))
            back = self.tr("Go back to the weights from before the run")
        self.keep_button = push_button(
            self,
            self.tr("&Keep new weights"),
            _object_name(prefix, "keepButton"),
            self.tr("Keep new weights"),
            self.tr("Use the new weights and save them in your data folder"),
            self._on_keep,
        )
        self.discard_button = push_button(
            self,
            self.tr("&Discard"),
            _object_name(prefix, "discardButton"),
            self.tr("Discard new weights"),
            back,
            self._on_discard,
        )
        bar.addWidget(self.label, 1)
        bar.addWidget(self.keep_button)
        bar.addWidget(self.discard_button)
        self.setVisible(False)

    def offer(self, state: dict[str, np.ndarray], metadata: dict[str, Any], text: str) -> None:
        self._state = state
        self._metadata = dict(metadata)
        self.label.setText(text)
        self.setVisible(True)
        self.offerChanged.emit(True)

    def pending(self) -> dict[str, np.ndarray] | None:
        """The weights waiting for Keep or Discard, if any."""
        return self._state

    def clear(self) -> None:
        had_offer = self._state is not None
        self._state = None
        self.setVisible(False)
        if had_offer:
            self.offerChanged.emit(False)

    def keep_failed(self) -> None:
        """Saving the kept weights failed (full or read-only disk): offer keep or discard again."""
        if self._keeping is not None:
            self._state, self._keeping = self._keeping, None
            self.setVisible(True)
            self.offerChanged.emit(True)

    def keep(self) -> None:
        """What the Keep button does (closing the window asks the same)."""
        self._on_keep()

    def discard(self) -> None:
        """What the Discard button does."""
        self._on_discard()

    def _on_keep(self) -> None:
        if self._state is not None:
            self._keeping = self._state
            self.keepRequested.emit(self._state, dict(self._metadata))
        self.clear()

    def _on_discard(self) -> None:
        self.clear()
        self.discardRequested.emit()
