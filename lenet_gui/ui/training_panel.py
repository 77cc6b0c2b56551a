"""Click to train: the run's settings and controls, and everything it reports while it runs.

The panel never trains. It emits what the user asked for (``startRequested`` with a ``TrainingSettings``,
pause/stop/keep/discard) and shows the training events the worker forwards (attributes of core's progress
dataclasses: plain floats and numpy arrays).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.events import format_duration
from lenet_gui.core.weights_files import training_metadata
from lenet_gui.ui import plots
from lenet_gui.ui.mnist_missing import MnistMissingBox
from lenet_gui.ui.reflow import ReflowBox
from lenet_gui.ui.result_charts import TrainAccuracyTrend
from lenet_gui.ui.results_tabs import ResultsTabs
from lenet_gui.ui.run_controls import KeepBar, RunControls, describe, epochs_text
from lenet_gui.ui.settings_box import TrainingSettingsBox
from lenet_gui.ui.steady_label import Steady, SteadyLabel
from lenet_gui.ui.view_models import ResultsOwner, TrainingSettings

CURVE_REDRAW_MS = 250


class TrainingPanel(QWidget):
    startRequested = Signal(object)  # TrainingSettings
    pauseRequested = Signal(bool)  # True: pause, False: resume
    stopRequested = Signal()
    resetRequested = Signal()  # back to the bundled weights
    keepRequested = Signal(object, dict)  # final numpy state, metadata for the checkpoint
    discardRequested = Signal()
    offerChanged = Signal(bool)  # a finished run's weights are waiting for Keep or Discard (True), or not
    mnistFolderChosen = Signal(str)  # the user chose a data folder that has MNIST (checked): use and remember it
    confusionCellClicked = Signal(int, int)  # true digit, predicted digit: a cell of the confusion matrix clicked
    resultsWanted = Signal()  # a results tab (Per digit, Confusion, Mistakes) is on screen: fill it if you can

    def _reset_tip(self) -> str:
        return self.tr("Go back to the weights shipped with the app")

    def __init__(self, settings: TrainingSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.setAccessibleName(self.tr("Training"))
        settings = settings or TrainingSettings()
        self._running = False
        self._device = ""  # where the run computes, in words ("Training on the CPU (2 threads)"), under its status
        self._last_settings = settings
        self._weights_locked = ""  # why the weights cannot be changed now (Reset), or ""
        self._loss_x: list[float] = []
        self._loss_y: list[float] = []
        self._train_acc_y: list[float] = []
        self._train_trend = TrainAccuracyTrend()  # the train accuracy line: carries across epochs (issue 10.15)
        self._epochs_shown = 0  # the curves' x axis spans this many epochs
        self._test_x: list[float] = []
        self._test_y: list[float] = []
        self.progress_events = 0
        self.epoch_events = 0
        self._last_progress: Any = None  # core StepProgress, the run's latest
        # Curves are redrawn at most four times a second: each redraw repaints two plots and their axes, which at
        # the ten progress events a second training sends kept the GUI thread busy enough to stutter.
        self._curve_timer = QTimer(self)
        self._curve_timer.setSingleShot(True)
        self._curve_timer.setInterval(CURVE_REDRAW_MS)
        self._curve_timer.timeout.connect(self._redraw_curves)
        # While this says so (the window: a stroke is being drawn) the curves wait: a redraw takes the GUI thread
        # ~10 ms on two busy cores, and each mouse move of a stroke waiting behind it showed its prediction late
        # (issue 10: stroke → prediction while training). They catch up within CURVE_REDRAW_MS of the release.
        self.hold_redraws: Callable[[], bool] = lambda: False
        # The progress bar waits with them: QProgressBar.setValue repaints at once, and with it everything else
        # waiting to be painted in the window (profiled: the GUI thread's largest cost during training strokes).
        self._fraction_waiting = False

        self._build_settings(settings)
        self._build_controls()
        self._build_charts()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # Settings beside Run, or above it in a narrow dock (a 900-px window): nothing cut, the dock scrolls.
        top = ReflowBox([self.settings_box, self.controls_box], stretch_last=False, stretches=(3, 2))
        top.setObjectName("trainingTop")
        layout.addWidget(top)
        layout.addWidget(self.message)
        layout.addWidget(self.mnist_box)
        layout.addWidget(self.finished_bar)
        layout.addWidget(self.charts, 1)
        self.results_tabs.show_results_hint(
            self.tr("Train, and after each epoch this shows how the network does on the 10,000 test digits.")
        )
        self._update_buttons()

    # --- construction ---------------------------------------------------------------------------------------

    def _build_settings(self, settings: TrainingSettings) -> None:
        self.settings_box = TrainingSettingsBox(settings, self)
        box = self.settings_box  # its fields, by the names the window, the tests and the screenshots use
        self.epochs, self.batch_size, self.learning_rate = box.epochs, box.batch_size, box.learning_rate
        self.optimizer, self.augment, self.start_from = box.optimizer, box.augment, box.start_from
        self.recipe_button = box.recipe_button

    def _build_controls(self) -> None:
        box = QGroupBox(self.tr("Run"), self)
        grid = QGridLayout(box)
        self.run_controls = RunControls(
            box,
            noun="training",
            progress_name="trainingProgress",
            start=(self.tr("&Train"), "trainButton", self.tr("Train the network on MNIST with these settings")),
        )
        self.train_button = self.run_controls.start_button
        self.train_button.clicked.connect(self._on_start)
        self.run_controls.pauseRequested.connect(self.pauseRequested)
        self.run_controls.pauseRequested.connect(lambda _paused: self._show_rate())
        self.run_controls.stopRequested.connect(self.stopRequested)
        self.pause_button = self.run_controls.pause_button
        self.stop_button = self.run_controls.stop_button
        self.progress = self.run_controls.progress
        self.reset_button = QPushButton(self.tr("&Reset to bundled"), box)
        self.reset_button.setObjectName("resetButton")
        describe(self.reset_button, self.tr("Reset to bundled weights"), self._reset_tip())
        self.reset_button.clicked.connect(self.resetRequested)
        self.rate = SteadyLabel(self._rate_samples, "", box)  # new text on every progress event: no relayout
        self.rate.setObjectName("trainingRate")
        describe(self.rate, self.tr("Speed and time left"), self.tr("Images per second and estimated time remaining"))
        self.epoch_label = SteadyLabel(lambda: [], "", box)  # word-wrapped, and no empty line before the first epoch
        describe(
            self.epoch_label,
            self.tr("Last test accuracy"),
            self.tr("Accuracy on the 10,000 MNIST test digits after each epoch"),
        )
        grid.addWidget(self.train_button, 0, 0)
        grid.addWidget(self.pause_button, 0, 1)
        grid.addWidget(self.stop_button, 0, 2)
        grid.addWidget(self.progress, 1, 0, 1, 3)
        grid.addWidget(Steady(self.rate, parent=box), 2, 0, 1, 3)
        grid.addWidget(self.epoch_label, 3, 0, 1, 3)
        grid.addWidget(self.reset_button, 4, 0, 1, 3)

        self.message = QLabel("", self)
        self.message.setObjectName("trainingMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.setVisible(False)
        describe(self.message, self.tr("Training message"), self.tr("What went wrong or what to do next"))
        self.message.setMaximumHeight(self.message.fontMetrics().lineSpacing() * 4 + 12)  # the plots keep their size
        self.mnist_box = MnistMissingBox(self)  # no MNIST: one sentence, Choose folder…, Download, Details
        self.mnist_box.downloadRequested.connect(self._on_download)
        self.mnist_box.folderChosen.connect(self._on_mnist_folder)
        self.download_button = self.mnist_box.download_button

        self.finished_bar = KeepBar(self, what="the run")
        self.finished_bar.keepRequested.connect(self.keepRequested)
        self._results = ResultsOwner()  # per digit, confusion and mistakes go when other weights are in use
        self.finished_bar.keepRequested.connect(lambda *_: self._results.keeping())
        self.finished_bar.discardRequested.connect(self.discardRequested)
        self.finished_bar.offerChanged.connect(self.offerChanged)
        self.finished_label = self.finished_bar.label
        self.keep_button = self.finished_bar.keep_button
        self.discard_button = self.finished_bar.discard_button
        self.controls_box = box

    def _build_charts(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        self.charts = QTabWidget(self)
        self.charts.setObjectName("trainingCharts")
        self.charts.setAccessibleName(self.tr("Training charts"))
        self.charts.setDocumentMode(True)
        self.charts.setMinimumHeight(240)  # in a short dock the panel scrolls rather than flatten the plots

        self.curves = pg.GraphicsLayoutWidget()
        self.curves.setObjectName("curves")
        self.curves.setAccessibleName(self.tr("Loss and accuracy curves"))
        self.curves.setToolTip(
            self.tr(
                "Training loss; training accuracy as a moving average of the last few thousand training digits "
                "(it carries on across epochs); test accuracy at the end of each epoch"
            )
        )
        plots.theme(self.curves, palette)
        self.loss_plot = self.curves.addPlot(row=0, col=0)
        plots.style_plot(self.loss_plot, palette, title=self.tr("Loss"), bottom=self.tr("epoch"))
        self.loss_plot.showGrid(x=True, y=True, alpha=0.25)
        # Thin lines without antialiasing: with 600 points the two plots repaint in 11 ms instead of 20 ms, and they
        # repaint several times a second on the GUI thread while training.
        self.loss_curve = self.loss_plot.plot(
            pen=pg.mkPen(plots.accent(palette), width=1), name=self.tr("train loss"), antialias=False
        )
        self.acc_plot = self.curves.addPlot(row=0, col=1)
        plots.style_plot(self.acc_plot, palette, title=self.tr("Accuracy %"), bottom=self.tr("epoch"))
        self.acc_plot.showGrid(x=True, y=True, alpha=0.25)
        legend = self.acc_plot.addLegend(offset=(-10, -10), labelTextColor=text)
        legend.setBrush(pg.mkBrush(palette.color(QPalette.ColorRole.Base)))
        self.train_acc_curve = self.acc_plot.plot(
            pen=pg.mkPen(plots.accent(palette), width=1),
            name=self.tr("train (moving average)"),
            antialias=False,
        )
        self.test_acc_curve = self.acc_plot.plot(
            pen=pg.mkPen((220, 120, 30), width=2),
            symbol="o",
            symbolBrush=(220, 120, 30),
            symbolSize=8,
            name=self.tr("test (end of each epoch)"),
        )
        for plot in (self.loss_plot, self.acc_plot):
            plot.disableAutoRange()  # _fit_curves moves the views only when the data leaves them
        self.charts.addTab(self.curves, self.tr("Curves"))

        plots.adopt_menus(self.curves)
        self.charts.setTabToolTip(0, self.tr("Loss and accuracy while training"))
        self.results_tabs = ResultsTabs(self.charts, palette, self)  # Per digit, Confusion, Mistakes
        self.results_tabs.confusionCellClicked.connect(self.confusionCellClicked)
        self.results_tabs.resultsWanted.connect(self.resultsWanted)

    # --- state ----------------------------------------------------------------------------------------------

    def settings(self) -> TrainingSettings:
        return self.settings_box.settings()

    @property
    def running(self) -> bool:
        return self._running

    def set_model_ready(self, ready: bool) -> None:
        self.run_controls.set_model_ready(ready)
        self._update_buttons()

    def set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.rate.samples_changed()
        self.run_controls.set_running(running)
        self._update_buttons()
        if not running:  # neither "Training on the CPU" nor a speed or time left once it is over
            self._set_device("")
            self._show_rate()

    def set_blocked(self, reason: str) -> None:
        """Another run (fine-tuning) is using the network, or its new weights wait for Keep or Discard: no
        training until then, as the Train button's tooltip says. "" lifts the block."""
        self.run_controls.set_blocked(reason)
        self._update_buttons()

    def set_weights_locked(self, reason: str) -> None:
        """No Reset to bundled weights while a run is going on or its weights wait for a decision; "" allows it."""
        self._weights_locked = reason
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._running
        can_start = self.run_controls.can_start
        self.reset_button.setEnabled(can_start and not self._weights_locked)
        self.reset_button.setToolTip(self._weights_locked or self._reset_tip())
        self.settings_box.set_editable(idle)
        self.mnist_box.set_enabled(can_start)

    def _on_start(self, download: bool = False) -> None:
        settings = self.settings()
        if download:
            settings = TrainingSettings(**{**settings.__dict__, "download": True})
        self._last_settings = settings
        self._reset_run_views()
        self.startRequested.emit(settings)

    def _on_download(self) -> None:
        self._on_start(download=True)

    def pending_weights(self) -> dict[str, np.ndarray] | None:
        """The weights the Keep bar offers (the run coordinator holds them; this is what the panel shows)."""
        return self.finished_bar.pending()

    def keep_failed(self) -> None:
        self._results.keeping(False)
        self.finished_bar.keep_failed()

    def on_weights_changed(self, info: Any) -> None:
        """Weights were announced (``ModelInfo``): a run's results go unless they describe these weights."""
        if self._results.weights_in_use(info.source):
            self._clear_results()

    def _clear_results(self) -> None:
        """No per-digit accuracy, confusion or mistakes of weights that are not the ones in use."""
        self.results_tabs.clear()
        self.epoch_label.setText("")

    def _reset_run_views(self) -> None:
        self.message.setVisible(False)
        self.mnist_box.setVisible(False)
        self.finished_bar.clear()
        self._curve_timer.stop()
        self._last_progress = None
        self._set_device("")
        self._loss_x.clear()
        self._loss_y.clear()
        self._train_acc_y.clear()
        self._train_trend.reset()
        self._epochs_shown = 0
        self._test_x.clear()
        self._test_y.clear()
        self.loss_curve.setData([], [])
        self.train_acc_curve.setData([], [])
        self.test_acc_curve.setData([], [])
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Starting…"))
        self.rate.setText(self.tr("Loading MNIST…"))
        self._clear_results()
        self.results_tabs.show_results_hint(
            self.tr("This run's results on the test digits appear here after its first epoch.")
        )

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("error", error)
        self.message.setAccessibleDescription(text)

    # --- training events ------------------------------------------------------------------------------------

    def show_status(self, text: str) -> None:
        self.rate.setText(text)

    def show_device(self, text: str) -> None:
        """Where this run computes: the second line of the status while it trains (the CPU and its threads, or
        the GPU by name), so a person sees which one the Device choice picked."""
        self._set_device(text)
        self.rate.setText(f"{self.rate.text()}\n{text}" if self.rate.text() else text)

    def _set_device(self, text: str) -> None:
        if text != self._device:
            self._device = text
            self.rate.samples_changed()  # the rate line keeps room for one line more, or less

    def _stopped_summary(self, epochs_completed: int, took: str) -> str:
        """Where a stopped run was: "Stopped 20% into epoch 1 of 3, after 12 s." (the epoch it was in)."""
        last = self._last_progress
        if last is None:
            return self.tr("Stopped after {duration}.").format(duration=took)
        epoch = min(epochs_completed + 1, last.epochs)
        percent = round(100 * last.step / max(last.steps_per_epoch, 1)) if last.epoch == epoch else 100
        return self.tr("Stopped {percent}% into epoch {epoch} of {epochs}, after {duration}.").format(
            percent=percent, epoch=epoch, epochs=last.epochs, duration=took
        )

    def on_progress(self, event: Any) -> None:
        self.progress_events += 1
        self._last_progress = event
        if self.hold_redraws():  # the bar waits with the curves (QProgressBar.setValue paints the window at once)
            self._fraction_waiting = True
            if not self._curve_timer.isActive():
                self._curve_timer.start()
        else:
            self._show_fraction()
        self._show_rate()
        x = event.epoch - 1 + event.step / event.steps_per_epoch
        if event.epochs != self._epochs_shown:  # the whole run on the x axis, in epochs, from the first step
            self._epochs_shown = event.epochs
            for plot in (self.loss_plot, self.acc_plot):
                plot.setXRange(0, event.epochs, padding=0.02)
        trend = self._train_trend.add(event.epoch, event.step, event.steps_per_epoch, event.accuracy)
        if math.isfinite(event.loss):
            self._loss_x.append(x)
            self._loss_y.append(event.loss)
            self._train_acc_y.append(trend * 100.0)
            if not self._curve_timer.isActive():
                self._curve_timer.start()

    def _show_rate(self) -> None:
        """The step, speed, time left, loss and learning rate; paused or over, no speed or time left (nothing
        moves)."""
        event = self._last_progress
        if event is None:
            return
        if not self._running:
            text = self.tr("Ended at step {step}/{steps} · loss {loss} · lr {rate}")
        elif self.run_controls.paused:
            text = self.tr("Paused at step {step}/{steps} · loss {loss} · lr {rate}")
        else:
            text = self.tr("step {step}/{steps} · {speed} images/s · ETA {eta} · loss {loss} · lr {rate}")
        status = text.format(
            step=event.step,
            steps=event.steps_per_epoch,
            speed=f"{event.images_per_second:,.0f}",
            eta=format_duration(event.eta_seconds),
            loss=f"{event.loss:.3f}",
            rate=f"{event.learning_rate:.3g}",
        )
        status = keep_parts_whole(status)
        self.rate.setText(f"{status}\n{self._device}" if self._device else status)

    def _rate_samples(self) -> list[str]:
        """The longest status texts, for the room the rate line keeps while a run goes (steady_label); none
        between runs, when the line changes seldom and empty room would look like something missing."""
        if not self._running:
            return []
        running = self.tr("step {step}/{steps} · {speed} images/s · ETA {eta} · loss {loss} · lr {rate}").format(
            step=9999, steps=9999, speed="99,999", eta="59:59", loss="0.000", rate="0.0001"
        )
        return [f"{running}\n{self._device}" if self._device else running]

    def _show_fraction(self) -> None:
        self._fraction_waiting = False
        event = self._last_progress
        if event is not None:
            self.run_controls.show_fraction(
                event.fraction, self.tr("Epoch {epoch}/{epochs}").format(epoch=event.epoch, epochs=event.epochs)
            )

    def _redraw_curves(self) -> None:
        if self.hold_redraws():
            self._curve_timer.start()
            return
        if self._fraction_waiting:
            self._show_fraction()
        xs = np.asarray(self._loss_x)
        self.loss_curve.setData(xs, np.asarray(self._loss_y))
        self.train_acc_curve.setData(xs, np.asarray(self._train_acc_y))
        self._fit_curves()

    def _fit_curves(self) -> None:
        """Keep the curves in view between round bounds, moving a view only when its data leaves them
        (plots.steady_range). Auto-range moved both views on every redraw, and each move repainted the four axes'
        text: 20-60 ms of the GUI thread four times a second while training, measured (issue 10). Fitted to the
        data itself, the accuracy view still moved at most redraws of the first epoch, as accuracy climbed."""
        epochs = (0.0, float(max(self._epochs_shown, 1)))
        losses = [loss for loss in self._loss_y if math.isfinite(loss)]
        if losses:  # from 0 to a round number above the highest loss: it moves when the loss climbs past it
            plots.steady_range(self.loss_plot, epochs, (min(0.0, min(losses)), _round_up(max(losses))))
        accuracies = [*self._train_acc_y, *self._test_y]
        if accuracies:  # from the tens below the lowest accuracy to 100%: it moves when accuracy falls past them
            plots.steady_range(self.acc_plot, epochs, (10.0 * math.floor(min(accuracies) / 10.0), 100.0))

    def on_epoch(self, event: Any) -> None:
        self.epoch_events += 1
        self._curve_timer.stop()
        self._redraw_curves()
        if not math.isfinite(event.test_accuracy):
            self.epoch_label.setText(
                self.tr("Epoch {epoch}: train accuracy {train}%").format(
                    epoch=event.epoch, train=f"{event.train_accuracy * 100:.2f}"
                )
            )
            return
        self._test_x.append(float(event.epoch))
        self._test_y.append(event.test_accuracy * 100.0)
        self.test_acc_curve.setData(np.asarray(self._test_x), np.asarray(self._test_y))
        self._fit_curves()
        self.epoch_label.setText(
            self.tr("Epoch {epoch}: test accuracy {test}% (train {train}%, {seconds} s)").format(
                epoch=event.epoch,
                test=f"{event.test_accuracy * 100:.2f}",
                train=f"{event.train_accuracy * 100:.2f}",
                seconds=f"{event.seconds:.1f}",
            )
        )
        self._results.made_by_run()
        self.results_tabs.show_epoch(event)

    # --- the time machine (``time_machine_bar`` drives these) ---------------------------------------------------

    def add_below_charts(self, widget: QWidget) -> None:
        """The time machine's bar, under the charts it scrubs."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.charts) + 1, widget)

    def show_run_curves(self, curve: np.ndarray, tests: np.ndarray, epochs: int) -> None:
        """An opened run's curves: ``curve`` rows (epoch position, loss, training accuracy 0..1), ``tests`` rows
        (epoch, test accuracy 0..1)."""
        self._curve_timer.stop()
        self._loss_x = [float(x) for x in curve[:, 0]]
        self._loss_y = [float(y) for y in curve[:, 1]]
        # The file has each report's accuracy so far in its epoch: drawn through the same moving average as live.
        trend, fine = TrainAccuracyTrend(), 1_000_000  # positions as steps of a very fine epoch
        self._train_acc_y = []
        for position, accuracy in zip(curve[:, 0], curve[:, 2], strict=True):
            epoch = max(1, math.ceil(position))
            step = max(1, round((position - (epoch - 1)) * fine))
            self._train_acc_y.append(trend.add(epoch, step, fine, float(accuracy)) * 100.0)
        self._test_x = [float(x) for x in tests[:, 0]]
        self._test_y = [float(y) * 100.0 for y in tests[:, 1]]
        self._redraw_curves()
        self.test_acc_curve.setData(np.asarray(self._test_x), np.asarray(self._test_y))
        self._epochs_shown = max(epochs, 1)
        for plot in (self.loss_plot, self.acc_plot):
            plot.setXRange(0, self._epochs_shown, padding=0.02)
        self._fit_curves()

    def offer_moment(self, state: dict[str, np.ndarray], metadata: dict[str, Any], moment: str) -> None:
        """A moment of the run chosen in the time machine ("Use these weights"): offered as a run's weights are."""
        question = self.tr("Keep the new weights? They are in use now; Discard goes back to the previous ones.")
        text = self.tr("The weights from {moment} of the run.").format(moment=moment)
        self.finished_bar.offer(state, metadata, f"{text} {question}")

    def on_diverged(self, event: Any) -> None:
        self.show_message(event.message, error=True)

    def on_failed(self, message: str) -> None:
        self.show_message(self.tr("Training failed: {message}").format(message=message), error=True)
        self.progress.setFormat(self.tr("Failed"))

    def on_stopped_early(self) -> None:
        self.run_controls.show_stopped_early()
        self.rate.setText(self.tr("Stopped before training began: the weights did not change."))

    def on_data_missing(self, missing: Any) -> None:
        """No MNIST (workers.runs.MissingData): one sentence and the ways out, the rest under Details."""
        self.mnist_box.show_missing(missing)
        self.progress.setFormat(self.tr("No training data"))
        self.rate.setText("")

    def _on_mnist_folder(self, folder: str) -> None:
        self.mnistFolderChosen.emit(folder)
        self.show_message(self.tr("MNIST found in {folder}: press Train to start.").format(folder=folder))

    def on_finished(self, event: Any) -> None:
        """Offer to keep or discard the new weights."""
        if self._fraction_waiting:  # the run's last position first: the captions below replace its own
            self._show_fraction()
        if self._curve_timer.isActive():
            self._curve_timer.stop()
            self._redraw_curves()
        settings = self._last_settings
        metadata = training_metadata(event, settings.config(), continued=settings.continue_from_current)
        took = format_duration(event.seconds)
        if event.cancelled:
            summary = self._stopped_summary(event.epochs_completed, took)
            self.progress.setFormat(self.tr("Stopped — %p%"))
        else:
            summary = self.tr("Finished {epochs} in {duration}.").format(
                epochs=epochs_text(event.epochs_completed), duration=took
            )
            self.progress.setFormat(self.tr("Finished — %p%"))
        # The accuracies, the weights in use beside the new ones, come under it (the run coordinator measures).
        question = self.tr("Keep the new weights? They are in use now; Discard goes back to the previous ones.")
        self.finished_bar.offer(event.state, metadata, f"{summary} {question}")
        if not event.cancelled:
            self.progress.setValue(1000)


def _round_up(value: float) -> float:
    """The next of 1, 2, 2.5, 5 times a power of ten at or above ``value`` (positive)."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 2.0, 2.5, 5.0, 10.0) if step * power >= value)


def keep_parts_whole(status: str) -> str:
    """A status line breaks between its "·" parts, never inside one ("lr" on one line and "0.0643" on the next,
    seen at 900 px in English and Korean): spaces inside a part become non-breaking."""
    return " · ".join(part.replace(" ", "\u00a0") for part in status.split(" · "))
