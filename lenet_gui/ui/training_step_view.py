"""The Training step view: one plain SGD step on your drawing, taken apart phase by phase, as the tutorial walks it.

Next runs one phase (zero_grad → forward → loss → backward → update) in the background and shows the code that ran
beside what it did; Whole step and 10 steps run whole steps, and the chart follows the chosen digit's probability;
Undo goes back. The new weights are the app's only for a look (``weightsStepped``: predictions follow them) until
Keep or Discard (``keepRequested``, ``discardRequested``), exactly like a training run's.

The view holds plain values only; the stepper lives in ``workers.stepping.StepService`` on its own thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui import step_pages as pages
from lenet_gui.ui.step_widgets import CodePanel, HeatmapRows, ProbabilityChart
from lenet_gui.ui.workers.stepping import DataSource, PhaseResult, StepChoices, StepResult, StepService, UndoResult

PHASES = ("zero_grad", "forward", "loss", "backward", "update")
DEFAULT_LEARNING_RATE = 0.01  # the tutorial's (core.stepper.DEFAULT_LEARNING_RATE; the UI does not import core)
MANY_STEPS = 10
WIDE = 1000  # from this width on, controls, code and results sit side by side
SIDE_BY_SIDE = 600  # below it (a 900-px window's dock), controls, code and results are stacked in one column
STACKED_PART_HEIGHT = 320  # the least height code and results get when stacked (the dock scrolls)


class TrainingStepView(QWidget):
    """objectName ``trainingStepView``. Feed it the canvas picture, predictions and the committed weights."""

    weightsStepped = Signal(object, str)  # the stepped weights (numpy state) to predict with for now, a status line
    keepRequested = Signal(object, object)  # weights, metadata
    discardRequested = Signal()

    def __init__(self, data_source: DataSource | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingStepView")
        self.service = StepService(data_source, self)
        self.service.reset.connect(lambda _: self._update_buttons())
        self.service.phaseDone.connect(self._on_phase)
        self.service.stepDone.connect(self._on_step)
        self.service.undone.connect(self._on_undone)
        self.service.failed.connect(self._on_failed)
        self.service.idle.connect(self._on_idle)
        self.service.loadingTorch.connect(
            lambda: self.status.setText(self.tr("Loading PyTorch for the first step (a few seconds, once)…"))
        )

        self._image: np.ndarray | None = None
        self._predicted: int | None = None
        self._label_chosen = False
        self._committed: dict[str, np.ndarray] | None = None
        self._state: dict[str, np.ndarray] | None = None  # the stepped weights, while any steps are taken
        self.steps_taken = 0
        self.next_phase = 0  # index into PHASES of what Next runs
        self.history: list[np.ndarray] = []  # the drawing's probabilities: before the first step, after each
        self._many_left = 0
        self._notice = ""  # what the last Keep, Discard or Undo did, said before the state of things
        self._outside_block = ""  # why the app does not let steps change the weights now (a run), or ""

        self._build()
        self._update_label_note()
        self._update_loss_note()
        self._update_buttons()
        self._show_intro()

    # --- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.label_choice = QComboBox()
        self.label_choice.setObjectName("stepLabel")
        self.label_choice.addItems([str(d) for d in range(10)])
        self.label_choice.activated.connect(self._on_label_chosen)
        self.label_note = QLabel()
        self.label_note.setObjectName("stepLabelNote")
        self.label_note.setWordWrap(True)
        self.mnist_check = QCheckBox(self.tr("With 63 MNIST training digits"))
        self.mnist_check.setObjectName("stepWithMnist")
        self.mnist_check.setToolTip(self.tr("A batch of 64 as in training: your drawing and 63 digits from MNIST"))
        self.mnist_check.toggled.connect(self._on_choice_changed)
        self.mnist_note = QLabel()
        self.mnist_note.setObjectName("stepMnistNote")
        self.mnist_note.setWordWrap(True)
        self.rate = QDoubleSpinBox()
        self.rate.setObjectName("stepLearningRate")
        self.rate.setDecimals(4)
        self.rate.setRange(0.0, 1.0)
        self.rate.setSingleStep(0.005)
        self.rate.setValue(DEFAULT_LEARNING_RATE)
        self.rate.valueChanged.connect(self._on_choice_changed)
        self.loss_choice = QComboBox()
        self.loss_choice.setObjectName("stepLoss")
        self.loss_choice.addItem(self.tr("Cross-entropy (the app's)"), "cross-entropy")
        self.loss_choice.addItem(self.tr("Mean squared error (the tutorial's)"), "mse")
        self.loss_choice.currentIndexChanged.connect(self._on_choice_changed)
        for combo in (self.label_choice, self.loss_choice):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        self.loss_note = QLabel()
        self.loss_note.setObjectName("stepLossNote")
        self.loss_note.setWordWrap(True)

        self.next_button = QPushButton()
        self.next_button.setObjectName("stepNext")
        self.next_button.clicked.connect(self.run_next_phase)
        self.step_button = QPushButton(self.tr("Whole step"))
        self.step_button.setObjectName("stepWhole")
        self.step_button.clicked.connect(lambda: self.take_steps(1))
        self.many_button = QPushButton(self.tr("{0} steps").format(MANY_STEPS))
        self.many_button.setObjectName("stepMany")
        self.many_button.clicked.connect(self._on_many_clicked)
        self.undo_button = QPushButton(self.tr("Undo step"))
        self.undo_button.setObjectName("stepUndo")
        self.undo_button.clicked.connect(lambda: self.undo(1))
        self.undo_all_button = QPushButton(self.tr("Undo all"))
        self.undo_all_button.setObjectName("stepUndoAll")
        self.undo_all_button.clicked.connect(lambda: self.undo(self.steps_taken))
        self.keep_button = QPushButton(self.tr("Keep"))
        self.keep_button.setObjectName("stepKeep")
        self.keep_button.setToolTip(self.tr("Make the stepped weights the app's weights and save them"))
        self.keep_button.clicked.connect(self.keep)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("stepDiscard")
        self.discard_button.setToolTip(self.tr("Go back to the weights from before the first step"))
        self.discard_button.clicked.connect(self.discard)
        self._describe_controls()
        self.status: QLabel = QLabel()  # annotated: the loadingTorch lambda above refers to it first
        self.status.setObjectName("stepStatus")
        self.status.setWordWrap(True)
        self.chart = ProbabilityChart()
        self.chart.empty_text = self.tr("Take steps to see your label's probability change.")

        form = QFormLayout()
        form.addRow(self.tr("Label"), self.label_choice)
        form.addRow(self.label_note)
        form.addRow(self.mnist_check)
        form.addRow(self.mnist_note)
        form.addRow(self.tr("Learning rate"), self.rate)
        form.addRow(self.tr("Loss"), self.loss_choice)
        form.addRow(self.loss_note)
        buttons = QGridLayout()
        buttons.addWidget(self.next_button, 0, 0, 1, 2)
        buttons.addWidget(self.step_button, 1, 0)
        buttons.addWidget(self.many_button, 1, 1)
        buttons.addWidget(self.undo_button, 2, 0)
        buttons.addWidget(self.undo_all_button, 2, 1)
        buttons.addWidget(self.keep_button, 3, 0)
        buttons.addWidget(self.discard_button, 3, 1)
        controls = QWidget()
        left = QVBoxLayout(controls)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.status)
        left.addStretch(1)
        controls_scroll = QScrollArea()
        controls_scroll.setWidgetResizable(True)
        controls_scroll.setWidget(controls)
        controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controls_scroll.setMinimumWidth(270)
        for note in (self.label_note, self.mnist_note, self.loss_note, self.status):
            note.setMinimumWidth(100)  # wrap inside the column rather than widen it

        self.phase_strip = QLabel()
        self.phase_strip.setObjectName("stepPhases")
        self.phase_strip.setTextFormat(Qt.TextFormat.RichText)
        self.phase_strip.setWordWrap(True)  # the five phases wrap in a narrow dock instead of widening it
        self.code = CodePanel()
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.phase_strip)
        column.addWidget(self.code, 3)
        column.addWidget(self.chart, 2)

        self.result = QTextBrowser()
        self.result.setObjectName("stepResult")
        self.heatmaps = HeatmapRows()
        heat_scroll = QScrollArea()
        heat_scroll.setWidgetResizable(True)
        heat_scroll.setWidget(self.heatmaps)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.result)
        right.addWidget(heat_scroll)
        right.setSizes([300, 200])

        self._controls, self._middle, self._right = controls_scroll, middle, right
        self._top = QSplitter(Qt.Orientation.Horizontal, self)  # parented: hidden while wide, never a window
        self._outer = QSplitter(Qt.Orientation.Horizontal)
        self._wide: bool | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._outer)
        self._arrange(wide=True)

    def _describe_controls(self) -> None:
        """Every control says what it does (tooltip) and has a name for screen readers."""
        for widget, name, tip in (
            (self.label_choice, self.tr("Label"), self.tr("The digit each step teaches the network to read")),
            (self.mnist_check, self.tr("With 63 MNIST training digits"), self.mnist_check.toolTip()),
            (self.rate, self.tr("Learning rate"), self.tr("How far each weight moves against its gradient")),
            (self.loss_choice, self.tr("Loss"), self.tr("What the step lowers: cross-entropy or mean squared error")),
            (self.next_button, self.tr("Next phase"), self.tr("Run the next phase of the step and show its code")),
            (self.step_button, self.tr("Whole step"), self.tr("Run all five phases of one step")),
            (self.many_button, self.tr("Ten steps"), self.tr("Ten whole steps on the same batch (Stop ends them)")),
            (self.undo_button, self.tr("Undo step"), self.tr("Go back one step")),
            (self.undo_all_button, self.tr("Undo all"), self.tr("Go back to the weights before the first step")),
            (self.keep_button, self.tr("Keep"), self.keep_button.toolTip()),
            (self.discard_button, self.tr("Discard"), self.discard_button.toolTip()),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)

    def _arrange(self, *, wide: bool) -> None:
        """Three columns side by side when wide; narrow (a side dock), the results go below controls and code."""
        if wide == self._wide:
            return
        self._wide = wide
        if wide:
            self._outer.setOrientation(Qt.Orientation.Horizontal)
            for index, widget in enumerate((self._controls, self._middle, self._right)):
                self._outer.insertWidget(index, widget)
            self._top.hide()
            self._outer.setSizes([320, 400, 560])
        else:
            self._top.insertWidget(0, self._controls)
            self._top.insertWidget(1, self._middle)
            self._outer.setOrientation(Qt.Orientation.Vertical)
            self._outer.insertWidget(0, self._top)
            self._outer.insertWidget(1, self._right)
            self._top.show()
            self._top.setSizes([300, 300])
            self._outer.setSizes([420, 380])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(wide=self.width() >= WIDE)
        stacked = self.width() < SIDE_BY_SIDE
        if stacked != (self._top.orientation() == Qt.Orientation.Vertical):
            self._top.setOrientation(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
            # Stacked, each part keeps a readable height and the dock scrolls, rather than three cramped scrollers.
            inner = self._controls.widget()
            controls = inner.sizeHint().height() if stacked and inner is not None else 0
            self._controls.setMinimumHeight(controls)
            self._middle.setMinimumHeight(STACKED_PART_HEIGHT if stacked else 0)
            self._right.setMinimumHeight(STACKED_PART_HEIGHT if stacked else 0)

    def minimumSizeHint(self) -> QSize:
        """The stacked arrangement's width: the view rearranges itself for any narrower width it is given (in a
        dock that scrolls, a larger minimum would keep it wide and scrolling sideways)."""
        parts = (self._controls, self._middle, self._right)
        width = max(part.minimumSizeHint().width() for part in parts)
        height = super().minimumSizeHint().height()
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right() + 8, height)

    # --- what the app feeds in ------------------------------------------------------------------------------------

    def set_weights(self, state: Mapping[str, np.ndarray] | None) -> None:
        """The app's committed weights; steps start from them (at once, unless unkept steps are waiting)."""
        if state is None:
            return
        self._committed = {k: np.asarray(v) for k, v in state.items()}
        if self.steps_taken == 0:
            self._restart()
        self._update_buttons()

    def set_image(self, image: np.ndarray | None) -> None:
        """The canvas picture (any size; the stepper preprocesses it as the app does everywhere)."""
        had_image = self._image is not None
        self._image = None if image is None else np.asarray(image)
        # Each mouse move brings a new picture: the view changes only when the walk was under way (it starts again
        # at zero_grad) or the drawing appears or goes (the buttons follow). Refreshing the notes and buttons on
        # every move cost the GUI thread a fifth of its time per move while drawing (issue 10).
        if self.next_phase != 0 or had_image != (self._image is not None):
            self._on_choice_changed()

    def show_prediction(self, request_id: int, view: Any) -> None:
        """Predictions give the default label: the digit the network reads, until the user picks one or steps."""
        predicted = self._predicted = None if view is None else int(view.digit)
        follows = not self._label_chosen and self.steps_taken == 0
        if follows and predicted is not None and self.label_choice.currentIndex() != predicted:
            self.label_choice.setCurrentIndex(predicted)
            self._on_choice_changed()
        self._update_label_note()

    def set_label(self, digit: int) -> None:
        """As if the user picked ``digit`` in the list."""
        self.label_choice.setCurrentIndex(digit)
        self._on_label_chosen(digit)

    # --- choices ------------------------------------------------------------------------------------------------

    @property
    def label(self) -> int:
        return self.label_choice.currentIndex()

    @property
    def loss_name(self) -> str:
        return str(self.loss_choice.currentData())

    def choices(self) -> StepChoices | None:
        if self._image is None:
            return None
        return StepChoices(self._image, self.label, self.rate.value(), self.loss_name, self.mnist_check.isChecked())

    def _on_label_chosen(self, index: int) -> None:
        self._label_chosen = True
        self._update_label_note()
        self._on_choice_changed()

    def _on_choice_changed(self, *_: object) -> None:
        """New choices start the walk again at zero_grad (the worker sees the change in the next request)."""
        self.next_phase = 0
        self._update_loss_note()
        self._update_buttons()

    def _update_label_note(self) -> None:
        if self._label_chosen:
            text = self.tr("You chose {0}: each step nudges the weights towards reading your drawing as {0}.")
            self.label_note.setText(text.format(self.label))
        elif self._predicted is not None:
            text = self.tr("{0}, the digit the network reads in your drawing. Choose another to teach it that.")
            self.label_note.setText(text.format(self._predicted))
        else:
            self.label_note.setText(self.tr("The digit the network reads in your drawing, once you draw one."))

    def _update_loss_note(self) -> None:
        if self.loss_name == "mse":
            self.loss_note.setText(
                self.tr(
                    "MSE pulls all ten raw outputs towards 0 and 1, while these weights were trained with "
                    "cross-entropy and give outputs far from that, so the first MSE steps can even lower your "
                    "label's probability."
                )
            )
        else:
            self.loss_note.setText(self.tr("Cross-entropy raises your label's probability directly."))

    # --- actions ----------------------------------------------------------------------------------------------

    def set_blocked(self, reason: str) -> None:
        """A run is changing the weights, or its weights await Keep or Discard: no steps until then (say why)."""
        self._outside_block = reason
        self._update_buttons()

    def _blocked(self) -> str:
        """Why nothing can run now, or ""."""
        if self._outside_block:
            return self._outside_block
        if self._committed is None:
            return self.tr("The network is still loading.")
        if self._image is None:
            return self.tr("Draw a digit first: a step learns from your drawing.")
        return ""

    def run_next_phase(self) -> None:
        choices = self.choices()
        if choices is None or self._blocked():
            return
        self.service.next_phase(choices)
        self._update_buttons()

    def take_steps(self, count: int) -> None:
        choices = self.choices()
        if choices is None or self._blocked():
            return
        self._many_left = count
        self.service.whole_steps(choices, count)
        self._update_buttons()

    def _on_many_clicked(self) -> None:
        if self.service.busy:  # the button reads Stop while steps run
            self.service.cancel_waiting()
            return
        self.take_steps(MANY_STEPS)

    def undo(self, count: int) -> None:
        if count > 0 and not self.service.busy:
            self.service.undo(count)
            self._update_buttons()

    def keep(self) -> None:
        if self._state is None or self.steps_taken == 0 or self.service.busy:
            return
        state = self._state
        metadata = {
            "kind": "training-steps",
            "steps": self.steps_taken,
            "learning_rate": self.rate.value(),
            "loss": self.loss_name,
            "label": self.label,
        }
        self._committed = state
        self.keepRequested.emit(state, metadata)
        self._restart()
        self._notice = self.tr("Kept: the {0} steps' weights are now the app's.").format(metadata["steps"])
        self._update_buttons()

    def discard(self) -> None:
        if self.steps_taken == 0 or self.service.busy:
            return
        self.discardRequested.emit()
        self._restart()
        self._notice = self.tr("Discarded: the app's weights are as they were before the first step.")
        self._update_buttons()

    def _restart(self) -> None:
        self.steps_taken = 0
        self._state = None
        self.history = []
        self.next_phase = 0
        self._label_chosen = False
        self.chart.set_history([], self.label)
        if self._committed is not None:
            self.service.start_from(self._committed)
        self._update_label_note()
        self._update_buttons()

    # --- results ----------------------------------------------------------------------------------------------

    def _on_phase(self, result: PhaseResult) -> None:
        index = PHASES.index(result.name)
        self.next_phase = (index + 1) % len(PHASES)
        self._show_code(result.name, result.code)
        self.phase_strip.setText(pages.phase_strip(PHASES, index, index + 1))
        self._note_batch(result.batch_size, result.mnist_note)
        phase = result.phase
        rows: pages.Rows = []
        if result.name == "zero_grad":
            html = pages.zero_grad_html(phase)
        elif result.name == "forward":
            html = pages.forward_html(phase, self.label, self._batch_text(result.batch_size))
        elif result.name == "loss":
            html = pages.loss_html(phase, self.label, result.batch_size)
        elif result.name == "backward":
            html, rows = pages.backward_html(phase), pages.backward_rows(phase)
        else:
            html, rows = pages.update_html(phase, self.label), pages.update_rows(phase)
            self._stepped(phase, result.steps_taken, result.state)
        self.result.setHtml(html)
        self.heatmaps.set_rows(rows)
        self._update_buttons()

    def _on_step(self, result: StepResult) -> None:
        record = result.record
        self.next_phase = 0
        self._note_batch(result.batch_size, result.mnist_note)
        self._show_code("update", None)
        self.phase_strip.setText(pages.phase_strip(PHASES, len(PHASES) - 1, len(PHASES)))
        self.result.setHtml(
            "<p>"
            + self.tr("Step {0}: loss {1} before it.").format(result.steps_taken, f"{record.loss.value:.5f}")
            + "</p>"
            + pages.update_html(record.update, record.label)
        )
        self.heatmaps.set_rows(pages.update_rows(record.update))
        self._stepped(record.update, result.steps_taken, result.state)

    def _stepped(self, update: Any, steps_taken: int, state: Any) -> None:
        if not self.history:
            self.history.append(np.asarray(update.probabilities_before))
        self.history.append(np.asarray(update.probabilities_after))
        self.steps_taken = steps_taken
        self._state = state
        self._notice = ""
        self.chart.set_history(self.history, self.label)
        self.weightsStepped.emit(state, self.tr("{0} training steps taken, not kept yet").format(steps_taken))
        self._update_buttons()

    def _on_undone(self, result: UndoResult) -> None:
        del self.history[max(1, len(self.history) - result.undone) :]
        if result.steps_taken == 0:
            self.history = []
        self.steps_taken = result.steps_taken
        self._state = result.state
        self.next_phase = 0
        self.chart.set_history(self.history, self.label)
        self.weightsStepped.emit(
            result.state, self.tr("{0} training steps taken, not kept yet").format(self.steps_taken)
        )
        self._notice = self.tr("Undid {0} steps.").format(result.undone)
        self._update_buttons()

    def _on_failed(self, message: str) -> None:
        self._notice = message
        self.next_phase = 0
        self._update_buttons()

    def _on_idle(self) -> None:
        self._update_buttons()

    def _note_batch(self, batch_size: int, mnist_note: str) -> None:
        if self.mnist_check.isChecked() and mnist_note:
            self.mnist_note.setText(
                self.tr("MNIST is not there ({0}): the step uses your drawing alone.").format(mnist_note)
            )
        else:
            self.mnist_note.setText(self._batch_text(batch_size))

    def _batch_text(self, batch_size: int) -> str:
        if batch_size > 1:
            return self.tr("The batch: your drawing and {0} MNIST digits.").format(batch_size - 1)
        return self.tr("The batch: your drawing alone.")

    def _show_code(self, name: str, code: Any) -> None:
        if code is None:
            self.code.clear(self.tr("A whole step runs all five phases; Next shows each one's code."))
            return
        caption = self.tr("{name}: the app's code that just ran ({file}, line {line})").format(
            name=name, file=code.path.replace("\\", "/").split("/lenet_gui/")[-1], line=code.first_line
        )
        self.code.show_code(code.source, code.path, code.first_line, code.key_lines, caption)

    def _show_intro(self) -> None:
        self.phase_strip.setText(pages.phase_strip(PHASES, -1, 0))
        self.code.clear(self.tr("Next runs the step's first phase, zero_grad, and shows its code here."))
        self.result.setHtml(
            "<p>"
            + self.tr(
                "One training step, as the tutorial takes it: clear the old gradients, run the network forward, "
                "measure the loss, let autograd compute every gradient, and move each weight a little against its "
                "gradient. Next shows the phases one at a time; Whole step and 10 steps run them all."
            )
            + "</p>"
        )

    def _update_buttons(self) -> None:
        busy = self.service.busy
        reason = self._blocked()
        ready = not reason and not busy
        self.next_button.setText(self.tr("Next: {0}").format(PHASES[self.next_phase]))
        self.next_button.setEnabled(ready)
        self.step_button.setEnabled(ready)
        self.many_button.setEnabled(ready or busy)
        self.many_button.setText(self.tr("Stop") if busy else self.tr("{0} steps").format(MANY_STEPS))
        has_steps = self.steps_taken > 0 and not busy
        for button in (self.undo_button, self.undo_all_button, self.keep_button, self.discard_button):
            button.setEnabled(has_steps)
        self.next_button.setToolTip(reason or self.tr("Run the next phase of the step and show its code"))
        self.step_button.setToolTip(reason or self.tr("Run all five phases of one step"))
        if reason:
            text = reason
        elif self.steps_taken:
            text = self.tr("{0} steps taken. Predictions use the new weights until you keep or discard them.").format(
                self.steps_taken
            )
        else:
            text = self.tr("No steps taken yet: the weights are the app's.")
        self.status.setText(f"{self._notice} {text}".strip())

    def shut_down(self) -> None:
        self.service.close()
