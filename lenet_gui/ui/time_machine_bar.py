"""The time machine's face, under the training charts: a slider over the run's moments, Play, Now, "Use these
weights", Save run… and Open run…, a cursor on the curves, and a strip of each digit's accuracy at every moment (a
row turning bright is the moment the network learned that digit).

The bar only asks ``TimeMachine`` to show a moment and redraws what is cheap (a cursor, a label); the prediction and
the weights panels follow through the inference service's thread. The Per digit and Confusion tabs show the moment's
latest epoch end, redrawn only when that epoch changes.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.run_history import MAX_MOMENTS, EpochMark, RunHistory
from lenet_gui.ui import plots
from lenet_gui.ui.run_controls import describe
from lenet_gui.ui.time_machine import CAP_MB, ShownMoment, TimeMachine, memory_text, moment_text
from lenet_gui.ui.workers.run_files import RunFiles

PLAY_INTERVAL_MS = 120  # one moment per tick: a 200-moment run plays in about 25 s
RUN_FILE_SUFFIX = ".lenetrun"
STRIP_HEIGHT = 112  # ten rows a digit label high each


class TimeMachineBar(QWidget):
    """Scrub, play and keep moments of the last run (``TimeMachine``); save and open runs (``RunFiles``)."""

    compareRequested = Signal(object, str)  # the moment shown's numpy state, its label for the Compare window

    def __init__(
        self,
        machine: TimeMachine,
        files: RunFiles,
        panel: Any,
        *,
        runs: Any,
        folder: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timeMachine")
        self.setAccessibleName(self.tr("Time machine"))
        self._machine = machine
        self._files = files
        self._panel = panel
        self._runs = runs
        self._folder = folder  # () → where runs are saved by default
        self._syncing = False
        self._shown_mark: EpochMark | None = None
        self._mark_shown = False

        self.strip = pg.PlotWidget()
        self.strip.setObjectName("perDigitStrip")
        self.strip.setAccessibleName(self.tr("Accuracy per digit over the run"))
        self.strip.setToolTip(
            self.tr(
                "Each digit's accuracy on 1,000 test digits at every moment of the run (bright: right). A row that "
                "turns bright shows when the network learned that digit. Click to go there."
            )
        )
        self.strip.setFixedHeight(STRIP_HEIGHT)
        palette = self.palette()
        plots.theme(self.strip, palette)
        plot = self.strip.getPlotItem()
        plot.hideAxis("bottom")
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.invertY(True)
        left = plot.getAxis("left")
        left.setTicks([[(d + 0.5, str(d)) for d in range(10)]])
        left.setWidth(22)
        font = QFont(self.font())
        font.setPixelSize(9)
        left.setStyle(tickFont=font, tickLength=0)
        plot.getViewBox().setDefaultPadding(0.0)
        self.strip_image = pg.ImageItem()
        self.strip_image.setColorMap(plots.colormap(plots.SEQUENTIAL))
        plot.addItem(self.strip_image)
        self.strip_cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((255, 80, 80), width=2))
        plot.addItem(self.strip_cursor)
        self.strip.scene().sigMouseClicked.connect(self._on_strip_clicked)
        plots.adopt_menus(self.strip)
        self.strip.setVisible(False)

        self.play_button = QPushButton(self.tr("Play"), self)
        self.play_button.setObjectName("timePlay")
        describe(self.play_button, self.tr("Play the run"), self.tr("Play the run from the moment shown, or the start"))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("timeSlider")
        describe(
            self.slider,
            self.tr("Moment of the run"),
            self.tr("Drag to see the network as it was at that moment of the run; the far right is now"),
        )
        self.slider.setPageStep(10)
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setObjectName("timeNow")
        describe(self.now_button, self.tr("Back to now"), self.tr("Show the weights in use again"))
        self.label = QLabel(self)
        self.label.setObjectName("timeLabel")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.use_button = QPushButton(self.tr("Use these weights"), self)
        self.use_button.setObjectName("useMomentButton")
        describe(
            self.use_button,
            self.tr("Use these weights"),
            self.tr("Use the weights of the moment shown; then keep or discard them as after a run"),
        )
        self.compare_button = QPushButton(self.tr("Compare…"), self)
        self.compare_button.setObjectName("compareMomentButton")
        describe(
            self.compare_button,
            self.tr("Compare with the weights in use"),
            self.tr(
                "Open the moment shown beside the weights in use: both answers, filters and maps, and the digits"
                " they read differently"
            ),
        )
        self.save_button = QPushButton(self.tr("Save run…"), self)
        self.save_button.setObjectName("saveRunButton")
        describe(self.save_button, self.tr("Save run"), self.tr("Save the run with all its moments in one file"))
        self.open_button = QPushButton(self.tr("Open run…"), self)
        self.open_button.setObjectName("openRunButton")
        describe(self.open_button, self.tr("Open run"), self.tr("Open a saved run to play it back"))

        scrub = QHBoxLayout()
        scrub.setContentsMargins(0, 0, 0, 0)
        scrub.addWidget(self.play_button)
        scrub.addWidget(self.slider, 1)
        scrub.addWidget(self.now_button)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.label, 1)
        actions.addWidget(self.use_button)
        actions.addWidget(self.compare_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.strip)
        layout.addLayout(scrub)
        layout.addLayout(actions)

        self._cursors = []
        for chart in (panel.loss_plot, panel.acc_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((220, 40, 40), width=2))
            line.setVisible(False)
            chart.addItem(line)
            self._cursors.append(line)

        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self.play_button.clicked.connect(self._toggle_play)
        self.slider.valueChanged.connect(self._on_slider)
        self.now_button.clicked.connect(self._go_now)
        self.use_button.clicked.connect(self._use)
        self.compare_button.clicked.connect(self._compare)
        self.save_button.clicked.connect(self.save_dialog)
        self.open_button.clicked.connect(self.open_dialog)
        machine.historyChanged.connect(self._on_history)
        machine.shown.connect(self._on_shown)
        machine.perDigitChanged.connect(self._on_per_digit)
        files.opened.connect(self._on_opened)
        files.saved.connect(
            lambda path: self.label.setText(self.tr("Saved the run to {path}").format(path=Path(path).name))
        )
        runs.blocksChanged.connect(lambda _blocks: self._update_buttons())
        self._on_history()

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    # --- what the user does ---------------------------------------------------------------------------------

    def _on_slider(self, value: int) -> None:
        if self._syncing:
            return
        history = self._machine.history
        if history is None:
            return
        if value >= len(history):
            self._machine.go_now()
        else:
            self._machine.go_to(value)

    def _go_now(self) -> None:
        self._timer.stop()
        self._machine.go_now()

    def _toggle_play(self) -> None:
        history = self._machine.history
        if self.playing:
            self._timer.stop()
        elif history is not None and self._machine.scrubbable:
            index = self._machine.index
            if index is None or index >= len(history) - 1:
                self._machine.go_to(0)
            self._timer.start()
        self._update_buttons()

    def _tick(self) -> None:
        history, index = self._machine.history, self._machine.index
        if history is None or not self._machine.scrubbable or index is None or index >= len(history) - 1:
            self._timer.stop()
            self._update_buttons()
            return
        self._machine.go_to(index + 1)

    def _use(self) -> None:
        self._timer.stop()
        result = self._machine.use_moment()
        if isinstance(result, str):
            self.label.setText(result)
            return
        moment, metadata, text = result
        self._panel.offer_moment(moment.state, metadata, text)

    def _compare(self) -> None:
        """Hand the moment shown to the Compare window (``compareRequested``), which puts it beside the weights in
        use; scrubbing goes on independently of it."""
        history, index = self._machine.history, self._machine.index
        if history is None or index is None:
            return
        self._timer.stop()
        self._update_buttons()
        moment = history.moments[index]
        label = self.tr("Moment: {moment}").format(moment=moment_text(moment, history.kind))
        self.compareRequested.emit(moment.state, label)

    def _on_strip_clicked(self, event: Any) -> None:
        history = self._machine.history
        plot = self.strip.getPlotItem()
        if history is None or not plot.sceneBoundingRect().contains(event.scenePos()):
            return
        x = plot.vb.mapSceneToView(event.scenePos()).x()
        self.slider.setValue(max(0, min(int(x), len(history) - 1)))

    def save_dialog(self) -> None:
        history = self._machine.history
        if history is None or not self._machine.scrubbable:
            return
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        start = str(Path(self._folder()) / f"run-{stamp}{RUN_FILE_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the run"), start, self._filter())
        if path:
            if not path.endswith(RUN_FILE_SUFFIX):
                path += RUN_FILE_SUFFIX
            self._files.save(path, history, {"kind": history.kind})

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a saved run"), str(self._folder()), self._filter())
        if path:
            self._files.open(path)

    def _filter(self) -> str:
        return self.tr("LeNet GUI runs (*{suffix})").format(suffix=RUN_FILE_SUFFIX)

    # --- what the time machine says -------------------------------------------------------------------------

    def _on_opened(self, path: str, history: RunHistory) -> None:
        if self._machine.recording:
            return
        self._timer.stop()
        curve = np.array([[p.position, p.loss, p.accuracy] for p in history.curve], dtype=np.float64).reshape(-1, 3)
        tests = np.array(
            [[mark.epoch, mark.test_accuracy] for _, mark in history.marks() if np.isfinite(mark.test_accuracy)],
            dtype=np.float64,
        ).reshape(-1, 2)
        self._panel.show_run_curves(curve, tests, history.epochs)
        self._machine.adopt(path, history)

    def _on_history(self) -> None:
        history = self._machine.history
        self._syncing = True
        if history is None:
            self.slider.setRange(0, 0)
        else:
            self.slider.setRange(0, len(history))
            if self._machine.index is None:
                self.slider.setValue(len(history))
        self._syncing = False
        if self._machine.recording:
            self._timer.stop()
        self._show_where()
        self._update_buttons()

    def _on_shown(self, shown: ShownMoment) -> None:
        history = self._machine.history
        self._syncing = True
        if history is not None:
            self.slider.setValue(len(history) if shown.index is None else shown.index)
        self._syncing = False
        if shown.moment is None:
            self._timer.stop()
            for line in self._cursors:
                line.setVisible(False)
            self.strip_cursor.setVisible(False)
            self._results_now()
        else:
            training = history is not None and history.kind == "training"
            for line in self._cursors:
                line.setValue(shown.moment.position)
                line.setVisible(training)
            self.strip_cursor.setValue((shown.index or 0) + 0.5)
            self.strip_cursor.setVisible(True)
            self._results_at(shown.mark)
        self._show_where()
        self._update_buttons()

    def _results_at(self, mark: EpochMark | None) -> None:
        """Per digit and Confusion of the moment's latest epoch end (only redrawn when that changes)."""
        if self._mark_shown and mark is self._shown_mark:
            return
        self._shown_mark, self._mark_shown = mark, True
        if mark is None:
            self._panel.results_tabs.show_results_hint(
                self.tr("No epoch had ended yet at this moment: scrub further to see the test results.")
            )
        elif np.isfinite(mark.test_accuracy):
            self._panel.results_tabs.show_moment_results(
                mark.per_class_accuracy,
                mark.confusion,
                self.tr("Time machine, epoch {epoch}: {test}%").format(
                    epoch=mark.epoch, test=f"{mark.test_accuracy * 100:.2f}"
                ),
            )

    def _results_now(self) -> None:
        if not self._mark_shown:
            return
        self._mark_shown, self._shown_mark = False, None
        last = self._machine.last_epoch
        if last is not None and np.isfinite(last.test_accuracy):
            self._panel.results_tabs.show_last_epoch(last)
        else:
            self._panel.results_tabs.show_results_hint(
                self.tr("Scrub the run to see its test results at each epoch end.")
            )

    def _on_per_digit(self, per_digit: np.ndarray | None) -> None:
        if per_digit is None or not len(per_digit):
            self.strip.setVisible(False)
            return
        # One row per digit, one column per moment (plots.py sets row-major images).
        shown = np.nan_to_num(np.asarray(per_digit, dtype=np.float32), nan=0.0).T
        self.strip_image.setImage(shown, levels=(0.0, 1.0))
        self.strip_image.setRect(0, 0, shown.shape[1], 10)
        self.strip.getPlotItem().setXRange(0, shown.shape[1], padding=0)
        self.strip.getPlotItem().setYRange(0, 10, padding=0)
        self.strip.setVisible(True)

    def _show_where(self) -> None:
        machine, history = self._machine, self._machine.history
        if history is None:
            text = self.tr(
                "Time machine: train, then drag this slider to see the network at any moment of the run "
                "(up to {count} moments, about {mb} MB)."
            ).format(count=MAX_MOMENTS, mb=f"{CAP_MB:.0f}")
        elif machine.recording:
            text = self.tr("Recording the run: {memory}").format(memory=memory_text(history))
        elif machine.index is None:
            text = self.tr("Now: the weights in use · {memory}").format(memory=memory_text(history))
            if machine.opened_from:
                text = f"{Path(machine.opened_from).name}: {text}"
        else:
            moment = history.moments[machine.index]
            mark = history.mark_at(machine.index)
            if mark is not None and moment.mark is mark and np.isfinite(mark.test_accuracy):
                extra = self.tr("end of epoch {epoch}: {test}% on the test digits").format(
                    epoch=mark.epoch, test=f"{mark.test_accuracy * 100:.2f}"
                )
            else:
                extra = self.tr("moment {index} of {count}").format(index=machine.index + 1, count=len(history))
            text = f"{moment_text(moment, history.kind)} · {extra}"
        if history is not None and history.kind == "fine-tuning":
            text = self.tr("Fine-tuning: {text}").format(text=text)
        elif history is not None and history.kind == "steps":
            text = self.tr("Training steps: {text}").format(text=text)
        self.label.setText(text)
        if machine.opened_from and history is not None and not machine.recording:
            text = f"{machine.opened_from}\n{text}"
        self.label.setToolTip(text)

    def _update_buttons(self) -> None:
        scrubbable = self._machine.scrubbable
        self.slider.setEnabled(scrubbable)
        self.play_button.setEnabled(scrubbable)
        self.play_button.setText(self.tr("Pause") if self.playing else self.tr("Play"))
        self.now_button.setEnabled(scrubbable and self._machine.index is not None)
        self.save_button.setEnabled(scrubbable)
        self.open_button.setEnabled(not self._machine.recording)
        blocks = self._runs.blocks
        why = "" if self._runs.run is None else blocks.weights
        why = why or blocks.training
        self.use_button.setEnabled(scrubbable and self._machine.index is not None and not why)
        self.compare_button.setEnabled(scrubbable and self._machine.index is not None)
        self.use_button.setToolTip(why or self.tr("Use the weights of the moment shown; then keep or discard them"))
