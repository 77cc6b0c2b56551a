"""What every run in a worker thread needs on screen, shared by training and fine-tuning.

``RunControls``: a start button, Pause/Resume and Stop buttons and a progress bar; they only emit what the user
asked for, and the start button says why it is disabled (network still loading, another run going on…).
``KeepBar``: after a run, "keep the new weights or discard them", holding the run's weights until the user decides
(and offering them again when saving failed), with the weights in use beside the new ones (``show_comparison``:
MNIST test accuracy, and the user's own digits when there are some), saying plainly when the new ones are worse or
were never tested.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from lenet_gui.ui.workers.evaluation import Comparison

WORSE_BY = 0.0005  # a drop of more than 0.05 points on MNIST (5 of 10,000 digits) counts as worse

if TYPE_CHECKING:
    import numpy as np


def epochs_text(count: int) -> str:
    """ "1 epoch", "3 epochs": with no English catalogue, a ``%n`` string has no singular, so "1 epoch" is a string
    of its own (Korean translates both alike)."""
    if count == 1:
        return QCoreApplication.translate("RunControls", "1 epoch")
    return QCoreApplication.translate("RunControls", "%n epochs", "", count)


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


def _worse(current: float | None, new: float | None) -> bool:
    return (
        current is not None
        and new is not None
        and math.isfinite(current)
        and math.isfinite(new)
        and (new < current - WORSE_BY)
    )


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
        self.comparison = QLabel("", self)
        self.comparison.setObjectName(_object_name(prefix, "keepComparison"))
        self.comparison.setWordWrap(True)
        self.comparison.setVisible(False)
        describe(
            self.comparison,
            self.tr("The weights in use beside the new ones"),
            self.tr("Accuracy of the weights in use and of the new weights, on the MNIST test digits and on yours"),
        )
        self.verdict = QLabel("", self)
        self.verdict.setObjectName(_object_name(prefix, "keepVerdict"))
        self.verdict.setWordWrap(True)
        self.verdict.setVisible(False)
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.label)
        words.addWidget(self.comparison)
        words.addWidget(self.verdict)
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
        bar.addLayout(words, 1)
        bar.addWidget(self.keep_button)
        bar.addWidget(self.discard_button)
        self.setVisible(False)

    def offer(self, state: dict[str, np.ndarray], metadata: dict[str, Any], text: str) -> None:
        self._state = state
        self._metadata = dict(metadata)
        self.label.setText(text)
        self.comparison.setVisible(False)
        self.verdict.setVisible(False)
        self.setVisible(True)
        self.offerChanged.emit(True)

    # --- the weights in use beside the new ones ----------------------------------------------------------------

    def show_comparison(self, comparison: Comparison) -> None:
        """A row per measure (MNIST test digits; your digits, if you saved some): in use → new, and one sentence when
        the new weights are worse, or were not tested by the run (and are being checked now)."""
        rows = [self._row(self.tr("MNIST test digits"), comparison.current_mnist, comparison.new_mnist, comparison)]
        if comparison.personal_count:
            rows.append(
                self._row(
                    self.tr("Your digits ({count})").format(count=comparison.personal_count),
                    comparison.current_personal,
                    comparison.new_personal,
                    comparison,
                )
            )
        self.comparison.setText("<br>".join(rows))
        self.comparison.setVisible(True)
        verdict, warn = self._verdict(comparison)
        self.verdict.setText(f"<b>⚠ {verdict}</b>" if warn else verdict)
        self.verdict.setAccessibleDescription(verdict)
        self.verdict.setVisible(bool(verdict))

    def _row(self, what: str, current: float | None, new: float | None, comparison: Comparison) -> str:
        def percent(value: float | None) -> str:
            if value is None:
                return self.tr("checking…") if comparison.checking else self.tr("unknown")
            if math.isnan(value):
                return self.tr("not measured")
            return f"{value * 100:.2f}%"

        row = self.tr("{what}: {current} in use → <b>{new}</b> new").format(
            what=what, current=percent(current), new=percent(new)
        )
        if current is not None and new is not None and math.isfinite(current) and math.isfinite(new):
            row += " " + self.tr("({delta} points)").format(delta=f"{(new - current) * 100:+.2f}")
        return row

    def _verdict(self, comparison: Comparison) -> tuple[str, bool]:
        """One plain sentence, and whether it warns."""
        current, new = comparison.current_mnist, comparison.new_mnist
        untested = not comparison.new_tested_by_run
        if new is None and comparison.checking:
            if untested:
                return self.tr("The run stopped before it tested the new weights: checking them now…"), True
            return "", False
        if new is not None and math.isnan(new):
            return self.tr("The new weights could not be tested: MNIST is not on this computer."), True
        worse_mnist = _worse(current, new)
        worse_personal = _worse(comparison.current_personal, comparison.new_personal)
        if worse_mnist and worse_personal:
            return self.tr("The new weights are worse than the ones in use, on MNIST and on your digits."), True
        if worse_mnist:
            return self.tr("The new weights are worse on MNIST than the ones in use."), True
        if worse_personal:
            return self.tr("The new weights read your digits worse than the ones in use."), True
        if untested:
            return self.tr("The run stopped before it tested the new weights; they were checked just now."), False
        return "", False

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
