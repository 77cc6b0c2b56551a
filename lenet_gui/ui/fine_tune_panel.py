"""Teach it your handwriting: start, pause and stop fine-tuning, follow it, read its report, keep or discard.

The view only shows a run and says what the user asked for (``fineTuneRequested``, ``pauseRequested``, Keep,
Discard…); the run coordinator (``run_coordinator.attach_run_view``) owns the run and the weights waiting for Keep or
Discard, and calls ``on_progress``, ``on_report``, ``on_finished``… as it does for the training panel. It lives in
the My digits dock under the example browser (``examples_panel.py``), which tells it
how many examples there are (``set_example_count``): with none, there is nothing to fine-tune on.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.events import format_duration
from lenet_gui.core.weights_files import fine_tuning_metadata
from lenet_gui.ui.core_words import say
from lenet_gui.ui.images import gray_to_qimage
from lenet_gui.ui.run_controls import KeepBar, RunControls, describe
from lenet_gui.ui.view_models import ResultsOwner

CHANGED_THUMB = 44  # side of the "changed prediction" thumbnails in the report


class FineTunePanel(QGroupBox):
    """The "Teach it your handwriting" box: one fine-tuning run at a time, its report and the Keep/Discard choice."""

    fineTuneRequested = Signal(object)  # core FineTuneConfig, or None for the window's recipe
    pauseRequested = Signal(bool)
    stopRequested = Signal()
    keepRequested = Signal(object, dict)  # fine-tuned numpy state, checkpoint metadata
    discardRequested = Signal()
    fineTuneFinished = Signal(object)  # core FineTuneReport (None when stopped early), once Keep/Discard is offered
    runningChanged = Signal(bool)  # a fine-tuning run began (True) or ended (False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Teach it your handwriting"))
        self.setObjectName("fineTuneBox")
        self._running = False
        self._other_run = ""  # why fine-tuning cannot start (training is running…), or ""
        self._example_count: int | None = None  # None until the examples have been listed
        self._report: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Fine-tuning trains the network on your examples mixed with MNIST, starting from the weights in use, "
                "so it learns your style without forgetting the rest."
            ),
            self,
        )
        intro.setWordWrap(True)
        describe(intro, self.tr("About fine-tuning"), self.tr("What fine-tuning does"))
        self._build_controls(layout)
        layout.insertWidget(0, intro)
        self.report_box = self._build_report()
        layout.addWidget(self.report_box)
        self.keep_bar = KeepBar(self, prefix="fineTune", what="fine-tuning")
        self.keep_bar.keepRequested.connect(self.keepRequested)
        self._results = ResultsOwner()  # the report goes once other weights are in use
        self.keep_bar.keepRequested.connect(lambda *_: self._results.keeping())
        self.keep_bar.discardRequested.connect(self._on_discard)
        self.keep_button = self.keep_bar.keep_button
        self.discard_button = self.keep_bar.discard_button
        layout.addWidget(self.keep_bar)
        self._update_blocked()

    # --- construction ---------------------------------------------------------------------------------------

    def _build_controls(self, layout: QVBoxLayout) -> None:
        self.run_controls = RunControls(
            self,
            noun="fine-tuning",
            prefix="fineTune",
            progress_name="fineTuneProgress",
            start=(
                self.tr("&Fine-tune on my digits"),
                "fineTuneButton",
                self.tr("Train the network on your examples and MNIST"),
            ),
        )
        self.run_controls.pauseRequested.connect(self.pauseRequested)
        self.run_controls.pauseRequested.connect(self._on_paused)
        self.run_controls.stopRequested.connect(self.stopRequested)
        self.fine_tune_button = self.run_controls.start_button
        self.fine_tune_button.clicked.connect(lambda: self.start_fine_tune())
        self.pause_button = self.run_controls.pause_button
        self.stop_button = self.run_controls.stop_button
        self.progress = self.run_controls.progress
        self.steps = QLabel("", self)
        self.steps.setObjectName("fineTuneSteps")
        describe(
            self.steps,
            self.tr("Fine-tuning steps and time left"),
            self.tr("Steps of the whole job (training, then the checking runs) and the time left for all of it"),
        )
        self._last_progress: Any = None
        self.status = QLabel("", self)
        self.status.setObjectName("fineTuneStatus")
        self.status.setWordWrap(True)
        describe(self.status, self.tr("Fine-tuning status"), self.tr("What fine-tuning is doing"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.fine_tune_button, 2)
        buttons.addWidget(self.pause_button, 1)
        buttons.addWidget(self.stop_button, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.steps)
        layout.addWidget(self.status)

    def _build_report(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("fineTuneReport")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mnist_result = QLabel("", box)
        self.mnist_result.setObjectName("mnistBeforeAfter")
        self.mnist_result.setWordWrap(True)
        describe(
            self.mnist_result,
            self.tr("MNIST accuracy before and after"),
            self.tr("Accuracy on the 10,000 MNIST test digits"),
        )
        self.personal_result = QLabel("", box)
        self.personal_result.setObjectName("personalBeforeAfter")
        self.personal_result.setWordWrap(True)
        describe(
            self.personal_result,
            self.tr("Your digits before and after"),
            self.tr("Accuracy on your examples, measured on drawings the network did not train on"),
        )
        self.notes = QLabel("", box)
        self.notes.setObjectName("fineTuneNotes")
        self.notes.setWordWrap(True)
        describe(self.notes, self.tr("Notes"), self.tr("Remarks about this fine-tuning run"))
        self.changed = QListWidget(box)
        self.changed.setObjectName("changedExamples")
        describe(
            self.changed,
            self.tr("Examples whose prediction changed"),
            self.tr(
                "Your examples the network reads differently now: digit: before → after (✓ now right, ✗ now wrong)"
            ),
        )
        self.changed.setViewMode(QListView.ViewMode.IconMode)
        self.changed.setFlow(QListView.Flow.LeftToRight)
        self.changed.setWrapping(False)
        self.changed.setMovement(QListView.Movement.Static)
        self.changed.setIconSize(QSize(CHANGED_THUMB, CHANGED_THUMB))
        # Room for the caption under each thumbnail in this font (Korean fonts are taller) and for the scroll bar
        # below: with a fixed 42 px the "✓ 7→1" captions were cut.
        cell_height = CHANGED_THUMB + self.changed.fontMetrics().height() + 10
        self.changed.setGridSize(QSize(CHANGED_THUMB + 24, cell_height))
        scroll_bar = self.changed.horizontalScrollBar().sizeHint().height()
        self.changed.setFixedHeight(cell_height + scroll_bar + 2 * self.changed.frameWidth() + 4)
        self.changed.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.changed_caption = QLabel(self.tr("Changed"), box)
        self.unchanged = QLabel(self.tr("none of your examples is read differently"), box)
        describe(self.unchanged, self.tr("No changed predictions"), self.tr("Every example is read as it was before"))
        changed_field = QWidget(box)
        field = QVBoxLayout(changed_field)
        field.setContentsMargins(0, 0, 0, 0)
        field.addWidget(self.changed)
        field.addWidget(self.unchanged)
        form.addRow(self.tr("MNIST test accuracy"), self.mnist_result)
        form.addRow(self.tr("Your digits"), self.personal_result)
        form.addRow(self.notes)
        form.addRow(self.changed_caption, changed_field)
        box.setVisible(False)
        return box

    # --- what blocks a start --------------------------------------------------------------------------------

    def set_example_count(self, count: int) -> None:
        """The example browser listed ``count`` examples: with none, the button says to save some first."""
        self._example_count = count
        self._update_blocked()

    def set_blocked(self, reason: str) -> None:
        """Training is using the network, or its new weights wait for Keep or Discard: no fine-tuning until then, as
        the button's tooltip says. "" lifts the block."""
        self._other_run = reason
        self._update_blocked()

    def _update_blocked(self) -> None:
        if self._other_run:
            reason = self._other_run
        elif self._example_count == 0:
            reason = self.tr("Save a few examples first: draw a digit and press its key")
        else:
            reason = ""
        self.run_controls.set_blocked(reason)

    def set_model_ready(self, ready: bool) -> None:
        self.run_controls.set_model_ready(ready)

    # --- the run ---------------------------------------------------------------------------------------------

    def start_fine_tune(self, config: Any = None) -> None:
        """Ask for a fine-tuning run (``config``: core FineTuneConfig, None for the window's recipe)."""
        if not self.run_controls.can_start:
            return
        self.report_box.setVisible(False)
        self.keep_bar.clear()
        self.run_controls.show_fraction(0.0, self.tr("Starting"))
        self.steps.setText("")
        self._last_progress = None
        self.status.setText(self.tr("Loading MNIST…"))
        self._report = None
        self.fineTuneRequested.emit(config)

    @property
    def running(self) -> bool:
        return self._running

    def set_running(self, running: bool) -> None:
        self._running = running
        self.run_controls.set_running(running)
        self.runningChanged.emit(running)

    def keep_failed(self) -> None:
        self._results.keeping(False)
        self.keep_bar.keep_failed()

    def on_weights_changed(self, info: Any) -> None:
        """Weights were announced (``ModelInfo``): the report goes unless it describes these weights (kept)."""
        if self._results.weights_in_use(info.source):
            self.report_box.setVisible(False)

    def on_progress(self, event: Any) -> None:
        """A step of the whole job (core FineTuneProgress): which phase, which step of all, the time left for all."""
        if not event.checking:
            text = self.tr("Training on your examples")
        elif event.folds:
            text = self.tr("Checking: fold {0} of {1}").format(event.check, event.folds)
        else:
            text = self.tr("Checking on drawings left out")
        self.run_controls.show_fraction(event.fraction, text)
        self._last_progress = event
        self._show_steps()

    def _show_steps(self) -> None:
        """Step k of n and the time left; while paused only the step (a time left means nothing while nothing moves)."""
        event = self._last_progress
        if event is None:
            self.steps.setText("")
            return
        done, total = f"{event.steps_done:,}", f"{event.total_steps:,}"
        if self.run_controls.paused:
            self.steps.setText(self.tr("Paused at step {0} of {1}").format(done, total))
        else:
            left = format_duration(event.eta_seconds)
            self.steps.setText(self.tr("Step {0} of {1} · about {2} left").format(done, total, left))

    def _on_paused(self, _paused: bool) -> None:
        self._show_steps()

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def on_mnist_missing(self) -> None:
        self.status.setText(
            self.tr("MNIST is not on this computer: fine-tuning on your examples with generated practice digits.")
        )

    def on_stopped_early(self) -> None:
        self.run_controls.show_stopped_early()
        self.steps.setText("")
        self.status.setText(self.tr("Stopped before fine-tuning began: the weights did not change."))

    def on_diverged(self, event: Any) -> None:
        self.status.setText(event.message)

    def on_failed(self, message: str) -> None:
        first = message.splitlines()[0] if message else ""
        self.status.setText(self.tr("Fine-tuning failed: {0}").format(first))
        self.steps.setText("")
        self.progress.setFormat(self.tr("Failed"))

    # --- the report and the offer ----------------------------------------------------------------------------

    def on_report(self, report: Any) -> None:
        """Before → after: MNIST, your digits, the examples read differently now."""
        self._report = report
        self._results.made_by_run()
        if report.mnist_before is not None and report.mnist_after is not None:
            delta = (report.mnist_after - report.mnist_before) * 100
            self.mnist_result.setText(
                self.tr("{0:.2f}% → <b>{1:.2f}%</b> ({2:+.2f} points)").format(
                    report.mnist_before * 100, report.mnist_after * 100, delta
                )
            )
        else:
            self.mnist_result.setText(self.tr("could not be checked (MNIST is not on this computer)"))
        if math.isnan(report.personal_after):
            method = say(report.personal_method, *report.method_words)
            if report.personal_method == "not measured":
                self.personal_result.setText(self.tr("not measured"))
            else:
                self.personal_result.setText(self.tr("not measured ({0})").format(method))
        else:
            self.personal_result.setText(
                self.tr("{0:.0f}% → <b>{1:.0f}%</b> <span style='color:{2}'>({3})</span>").format(
                    report.personal_before * 100,
                    report.personal_after * 100,
                    self._muted(),
                    say(report.personal_method, *report.method_words),
                )
            )
        words = report.note_words if len(report.note_words) == len(report.notes) else [("", {})] * len(report.notes)
        self.notes.setText("\n".join(say(text, *key) for text, key in zip(report.notes, words, strict=True)))
        self.notes.setVisible(bool(report.notes))
        self._show_changed(report.changed)
        self.report_box.setVisible(True)

    def _show_changed(self, changed: tuple[Any, ...]) -> None:
        self.changed.clear()
        fixed = sum(c.after == c.label for c in changed)
        self.changed_caption.setText(self.tr("Changed ({0})").format(len(changed)) if changed else self.tr("Changed"))
        self.changed.setVisible(bool(changed))
        self.unchanged.setVisible(not changed)
        if not changed:
            return
        self.changed_caption.setToolTip(self.tr("{0} of {1} are now read right").format(fixed, len(changed)))
        for change in changed:
            pixmap = QPixmap.fromImage(gray_to_qimage(change.pixels)).scaled(CHANGED_THUMB, CHANGED_THUMB)
            now_right = change.after == change.label
            mark = "✓" if now_right else ("✗" if change.before == change.label else "·")
            item = QListWidgetItem(QIcon(pixmap), f"{mark} {change.before}→{change.after}")
            tip = self.tr("A {0}: read as {1} before, {2} now").format(change.label, change.before, change.after)
            item.setToolTip(tip + (self.tr(" (now right)") if now_right else ""))
            self.changed.addItem(item)

    def on_finished(self, event: Any) -> None:
        """Offer to keep or discard the fine-tuned weights (they are in use meanwhile)."""
        report = self._report
        metadata: dict[str, Any] = dict(fine_tuning_metadata(event, report))  # the CLI's builder, one for both
        self._last_progress = None
        self.steps.setText("")
        duration = format_duration(event.seconds)
        if event.cancelled:
            self.report_box.setVisible(False)
            text = self.tr(
                "Stopped after {0}, before the report. Keep the partly fine-tuned weights? They are in use now; "
                "Discard goes back to the previous ones."
            ).format(duration)
            self.progress.setFormat(self.tr("Stopped — %p%"))
        else:
            if report is not None:
                done = self.tr("Fine-tuned on {0} examples in {1}.").format(report.personal_count, duration)
            else:
                done = self.tr("Fine-tuned in {0}.").format(duration)
            text = (
                done
                + " "
                + self.tr("Keep the new weights? They are in use now; Discard goes back to the previous ones.")
            )
            self.progress.setValue(1000)
            self.progress.setFormat(self.tr("Finished — %p%"))
            self.status.setText("")
        # The weights themselves wait in the run coordinator, which keeps or discards them; the bar only asks.
        self.keep_bar.offer({}, metadata, text)
        self.fineTuneFinished.emit(None if event.cancelled else report)

    def _on_discard(self) -> None:
        self.report_box.setVisible(False)
        self.discardRequested.emit()

    def _muted(self) -> str:
        return self.palette().color(QPalette.ColorRole.PlaceholderText).name()
