"""The main window: builds the panels, the workers and the run coordinator, and connects them; About; shutdown.

Fast start: the canvas, the prediction panel, the menus and the status bar are plain Qt and appear at once. The
network loads in the inference worker's thread (torch imports there). With ``lazy_panels`` (what ``run_gui`` uses)
the plotting panels, which need pyqtgraph (most of a second to import), are built right after the window is shown,
pyqtgraph being imported off the GUI thread meanwhile.

What happens elsewhere: runs and pending weights in ``run_coordinator``, files in ``file_actions``, saving examples
in ``example_saver``, remembered settings in ``settings``, threads in ``workers``.
"""

from __future__ import annotations

import platform
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QChildEvent, QEvent, QSettings, QSize, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QTabBar

from lenet_gui import __version__
from lenet_gui.ui import i18n
from lenet_gui.ui.close_guard import CloseGuard
from lenet_gui.ui.dock_layout import fit_to_screen, set_dock_panel
from lenet_gui.ui.drawing_area import DrawingArea
from lenet_gui.ui.error_dialog import open_warning
from lenet_gui.ui.example_saver import ExampleSaver
from lenet_gui.ui.file_actions import FileActions
from lenet_gui.ui.onnx_export import OnnxExport
from lenet_gui.ui.run_coordinator import Blocks, RunCoordinator, attach_run_view
from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.side_by_side import SideBySide
from lenet_gui.ui.time_machine import TimeMachine
from lenet_gui.ui.view_models import ModelInfo, TrainingSettings
from lenet_gui.ui.weights_status import MessageStatusBar, WeightsStatus
from lenet_gui.ui.window_actions import LAYOUT_VERSION, build_actions, build_docks, build_menus
from lenet_gui.ui.workers import FunctionWorker, InferenceService, PersonalExamples, user_weights_folder
from lenet_gui.ui.workers.lazy_imports import plotting_panels, teaching_docks, time_machine_bar
from lenet_gui.ui.workers.run_files import RunFiles
from lenet_gui.ui.workers.runs import FINE_TUNING, TRAINING, DataSource, Run
from lenet_gui.ui.workers.weights_results import WeightsResults, mnist_test_digits

DEFAULT_SIZE = (1240, 760)  # fits a 1280×800 screen with room for window decorations


def first_size(available: QSize) -> QSize:
    """The window's size on first launch: the default, or what the screen has room for (a 900×600 screen gets a
    860×540 window, which the layout handles, rather than one running off the screen's edge)."""
    return fit_to_screen(QSize(*DEFAULT_SIZE), available)


LAZY_PANELS_FALLBACK_MS = 8000  # build the plotting panels by then even if the network has not loaded
SHUTDOWN_IMPORT_WAIT_S = 5.0  # pyqtgraph being imported when the window closes: wait for it at most this long


class MainWindow(QMainWindow):
    """``MainWindow()`` builds the full window with the last (or bundled) weights.

    ``data_source`` (training data) and ``fine_tune_config`` (core FineTuneConfig for fine-tuning asked for without
    one) let tests run small; ``settings`` a QSettings of their own.
    """

    panelsBuilt = Signal()
    exampleSaved = Signal(object, int)  # core Example just saved, how many examples of its digit there are now

    # Set in __init__ by window_actions (build_docks, build_actions, build_menus), declared here for the type checker.
    docks: dict[str, QDockWidget]
    _default_state: QByteArray  # the layout "Reset layout" puts back
    open_action: QAction
    save_drawing_action: QAction
    load_weights_action: QAction
    save_weights_action: QAction
    export_action: QAction
    reset_weights_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    clear_action: QAction
    paste_action: QAction
    eraser_action: QAction
    thinner_action: QAction
    thicker_action: QAction
    reset_layout_action: QAction
    compare_action: QAction
    about_action: QAction
    about_qt_action: QAction
    view_menu: QMenu  # absent until build_menus: _build_teaching_docks asks hasattr
    view_menu_docks_end: QAction
    language_menu: QMenu

    def __init__(
        self,
        *,
        data_source: DataSource | None = None,
        fine_tune_config: Any = None,
        lazy_panels: bool = False,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setStatusBar(MessageStatusBar())  # long messages elided, never under the weights (before any message)
        self.setWindowTitle(self.tr("LeNet GUI"))
        self.setAccessibleName(self.tr("LeNet GUI"))
        self.setAcceptDrops(True)
        self.app_settings = AppSettings(settings)
        self._settings = self.app_settings.store
        self._model: ModelInfo | None = None
        self._shut_down = False
        self._lazy = lazy_panels
        self._started = False
        self._importer: FunctionWorker[tuple[type, ...]] | None = None
        self.training_panel: Any = None
        self.filters_panel: Any = None
        self.parameters_panel: Any = None
        self.personal_panel: Any = None
        self.error_dialog: QMessageBox | None = None

        self.inference = InferenceService(weights_path=self.app_settings.last_weights())
        self.personal_store = PersonalExamples(parent=self)
        self.runs = RunCoordinator(
            self.inference,
            weights_folder=user_weights_folder,
            data_source=data_source,
            personal_root=self.personal_store.root,
            fine_tune_config=fine_tune_config,
            settings=self.app_settings,
            parent=self,
        )
        # The time machine records every run from here on; its bar joins the Training panel once that is built.
        self.run_files = RunFiles(self._test_digits, parent=self)
        self.time_machine = TimeMachine(self.inference, self.runs, measure=self.run_files.measure, parent=self)
        self.time_machine_bar: Any = None
        self.center = DrawingArea(pen_width=self.app_settings.pen_width())
        self.setCentralWidget(self.center)
        self.canvas = self.center.canvas
        self.prediction_panel = self.center.prediction_panel
        self.correction_bar = self.center.correction_bar
        self.pen_slider = self.center.pen_slider
        self.files = FileActions(self, canvas=self.canvas, inference=self.inference, settings=self.app_settings)
        self.exporter = OnnxExport(self, inference=self.inference, settings=self.app_settings)
        self.examples = ExampleSaver(
            self,
            canvas=self.canvas,
            prediction_panel=self.prediction_panel,
            correction_bar=self.correction_bar,
            inference=self.inference,
            store=self.personal_store,
        )
        build_docks(self)
        self.tutorial: Any = None  # the Network and Training step docks (issue 11)
        self.explain: Any = None  # issue 12: the explain overlay, the Explain and Poke docks
        self._docks_importer: FunctionWorker[tuple[Any, type]] | None = None
        if not lazy_panels:  # else once the window is on screen (_import_teaching_docks)
            self._build_teaching_docks(*teaching_docks())
        self.weights_results = WeightsResults(test_source=self._test_digits, parent=self)  # issue 10.12
        self.side_by_side = SideBySide(self)  # View ▸ Compare two networks… (issue 13)
        build_actions(self)
        build_menus(self)
        self.weights_status = WeightsStatus(
            self.statusBar(),
            inference=self.inference,
            runs=self.runs,
            settings=self.app_settings,
            other_file=self.files.load_weights_dialog,
            training_settings=lambda: None if self.training_panel is None else self.training_panel.settings(),
        )
        self._status_weights, self.weights_chooser = self.weights_status.label, self.weights_status.chooser
        self.statusBar().showMessage(self.tr("Loading the network in the background — you can start drawing."))
        hint = i18n.startup_hint()
        if hint:  # Korean chosen but no Hangul font: say which package to install
            self.statusBar().showMessage(hint)
        self._restore_window()
        self._connect()
        if not lazy_panels:
            self.inference.start()
            self._build_panels()
        self.canvas.setFocus()

    # --- construction -------------------------------------------------------------------------------------------

    def _connect(self) -> None:
        service, status = self.inference, self.statusBar().showMessage
        self.canvas.imageChanged.connect(service.request)
        self.canvas.drawingChanged.connect(self.runs.set_drawing)  # a run shares the cores while a stroke is drawn
        service.predicted.connect(self.prediction_panel.show_prediction)
        service.modelReady.connect(self._on_model_ready)
        service.imageOpened.connect(self._on_image_opened)
        service.weightsSaved.connect(lambda path: status(self.tr("Saved weights to {path}").format(path=path), 10000))
        service.failed.connect(self.show_error)
        service.status.connect(lambda text: status(text, 8000))
        self.personal_store.failed.connect(self.show_error)
        for helper in (self.files, self.examples, self.exporter):
            helper.status.connect(status)
        self.files.failed.connect(self.show_error)
        self.run_files.failed.connect(self.show_error)
        self.run_files.measured.connect(self.time_machine.on_measured)
        self.exporter.failed.connect(self.show_error)
        self.examples.exampleSaved.connect(self.exampleSaved)
        runs = self.runs
        runs.blocksChanged.connect(self._on_blocks_changed)
        runs.runStarted.connect(self._on_run_started)
        runs.runFailed.connect(
            lambda kind, message, details: self.show_error(
                self.tr("Training failed") if kind == TRAINING else self.tr("Fine-tuning failed"), message, details
            )
        )

    def _build_panels(self) -> None:
        """The plotting panels, and their connections. Called from __init__, or after show() when lazy."""
        if self.training_panel is not None or self._shut_down:
            return
        TrainingPanel, FiltersPanel, ParametersPanel, PersonalPanel = plotting_panels()
        self.training_panel = TrainingPanel(self.app_settings.training())
        self.training_panel.hold_redraws = lambda: self.canvas.drawing  # a stroke's predictions come first
        self.filters_panel = FiltersPanel()
        self.parameters_panel = ParametersPanel()
        self.personal_panel = PersonalPanel(self.personal_store)
        for key, panel in (
            ("training", self.training_panel),
            ("filters", self.filters_panel),
            ("parameters", self.parameters_panel),
            ("personal", self.personal_panel),
        ):
            set_dock_panel(self.docks[key], panel)  # in place of "Loading…", scrolling where the dock is smaller

        self.inference.predicted.connect(self.filters_panel.show_prediction)
        self.inference.weightsChanged.connect(self.filters_panel.show_weights)
        self.inference.weightsChanged.connect(self.parameters_panel.show_weights)
        self.inference.modelReady.connect(self.parameters_panel.show_model)
        training, personal = self.training_panel, self.personal_panel
        attach_run_view(self.runs, training, TRAINING)
        attach_run_view(self.runs, personal.fine_tune, FINE_TUNING)
        self.time_machine_bar = time_machine_bar()(
            self.time_machine, self.run_files, training, runs=self.runs, folder=user_weights_folder
        )
        training.add_below_charts(self.time_machine_bar)
        self.time_machine_bar.compareRequested.connect(self.side_by_side.compare_snapshot)
        for panel in (training, personal.fine_tune):  # a run's results go once other weights are in use
            self.inference.modelReady.connect(panel.on_weights_changed)
        training.startRequested.connect(self.runs.start_training)
        training.resetRequested.connect(self.inference.load_bundled)
        personal.fine_tune.fineTuneRequested.connect(self.runs.start_fine_tune)
        personal.examples.openRequested.connect(self._open_example)
        training.confusionCellClicked.connect(self._show_confusion_cell)
        self.weights_results.follow(self.inference, self.runs)
        training.resultsWanted.connect(self.weights_results.want)
        self.weights_results.evaluated.connect(training.results_tabs.show_weights_results)
        self.weights_results.hint.connect(training.results_tabs.show_results_hint)
        for panel in (training, personal.fine_tune):
            panel.set_model_ready(self._model is not None)
        self._on_blocks_changed(self.runs.blocks)
        if self.inference.ready:  # the network was quicker than the panels: have it say everything again
            self.inference.refresh()
        self.panelsBuilt.emit()

    def _build_teaching_docks(self, add_tutorial_docks: Any, explain_docks: type) -> None:
        """The Network, Training step, Explain and Poke docks, tabbed behind My digits. In a lazy window they come
        after it is shown (their modules and widgets took a fifth of the time to show it): each one then takes the
        place the saved layout gives it, the View menu gets the docks it lists, and the network says everything
        again for them."""
        if self.tutorial is not None or self._shut_down:
            return
        listed = set(self.docks.values())
        self.tutorial = add_tutorial_docks(
            self,
            inference=self.inference,
            canvas=self.canvas,
            runs=self.runs,
            tabify_with=self.docks["personal"],
            status=self.statusBar().showMessage,
        )
        self.docks.update(self.tutorial.docks)  # the View menu lists them and "Put panels back" shows them too
        self.explain = explain_docks(self)
        # The Training step view's steps are moments too; a moment is explained (Network view, Explain, Poke) with
        # its own weights.
        step_view = self.tutorial.step_view
        step_view.weightsStepped.connect(
            lambda state, _line: self.time_machine.on_stepped(state, step_view.steps_taken)
        )
        self.time_machine.shown.connect(lambda _shown: self._explain_weights(self.time_machine.state_shown()))
        if self.time_machine.index is not None:  # built while a moment is shown: explain that moment
            self._explain_weights(self.time_machine.state_shown())
        if not hasattr(self, "view_menu"):  # built in __init__, before the menus: they list the docks as usual
            return
        new = [dock for dock in self.docks.values() if dock not in listed]
        state = self.app_settings.window_state()
        if state is not None:  # where the saved layout has them (restoreDockWidget left them in the wrong area)
            self.restoreState(state, LAYOUT_VERSION)
        for dock in new:
            toggle = dock.toggleViewAction()
            toggle.setToolTip(self.tr("Show or hide the {panel} panel").format(panel=dock.windowTitle()))
            self.view_menu.insertAction(self.view_menu_docks_end, toggle)
        if self.inference.ready:
            self.inference.refresh()

    def _import_teaching_docks(self) -> None:
        if self.tutorial is None and self._docks_importer is None and not self._shut_down:
            self._docks_importer = FunctionWorker(teaching_docks, name="import-docks")
            self._docks_importer.returned.connect(lambda built: self._build_teaching_docks(*built))
            self._docks_importer.start()

    def _show_confusion_cell(self, true: int, said: int) -> None:
        if self.explain is not None:
            self.explain.show_confusion_cell(true, said)

    def _restore_window(self) -> None:
        geometry, state = self.app_settings.window_geometry(), self.app_settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(first_size(self.screen().availableGeometry().size()))
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def save_settings(self) -> None:
        self.app_settings.save_window(self.saveGeometry(), self.saveState(LAYOUT_VERSION))
        self.app_settings.save_pen_width(self.canvas.pen_width())
        if self.training_panel is not None:
            self.app_settings.save_training(self.training_panel.settings())
        self.app_settings.sync()

    # --- what the workers and the coordinator say -----------------------------------------------------------------

    def _on_model_ready(self, info: ModelInfo) -> None:
        self._model = info
        ready = info.description if info.random_weights else self.tr("Ready: draw a digit")
        hint = i18n.startup_hint()
        if hint:  # stays until another message replaces it
            self.statusBar().showMessage(hint)
        else:
            self.statusBar().showMessage(ready, 10000)
        self.prediction_panel.set_ready(True)
        if self.training_panel is not None:
            self.training_panel.set_model_ready(True)
            self.personal_panel.fine_tune.set_model_ready(True)
        elif self._lazy:
            self._import_panels()
        self._on_blocks_changed(self.runs.blocks)

    def _on_blocks_changed(self, blocks: Blocks) -> None:
        """Weight choices wait while a run goes on or its weights await Keep or Discard (the policy says why)."""
        for action in (self.load_weights_action, self.reset_weights_action):
            action.setEnabled(not blocks.weights)
        if self.training_panel is not None:
            self.training_panel.set_weights_locked(blocks.weights)

    def _on_run_started(self, kind: str, _run: Run) -> None:
        self.docks["training" if kind == TRAINING else "personal"].raise_()

    def _on_image_opened(self, path: str, picture: Any) -> None:
        self.canvas.set_picture(picture)  # file_actions says "Classifying…" until the answer is there

    def _open_example(self, image: Any, strokes: Any) -> None:
        """An example back on the canvas: its strokes when it has them, else its picture."""
        if strokes:
            self.canvas.draw_strokes(strokes)
        else:
            self.canvas.set_image(image)
            self.inference.request(self.canvas.to_array())
        self.canvas.setFocus()

    def _explain_weights(self, state: Any) -> None:
        if state is not None and self.tutorial is not None:
            self.tutorial.network_view.set_weights(state)
            self.explain.service.set_weights(state)

    def show_error(self, title: str, message: str, details: str = "") -> None:
        """A non-blocking warning dialog: one sentence, the technical text under "Details"; the app keeps working."""
        self.statusBar().showMessage(title, 10000)
        if self._shut_down:
            return
        dialog = open_warning(self, title, message, details)
        self.error_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "error_dialog", None))

    # --- what tests and the self-test call ----------------------------------------------------------------------

    def open_image_file(self, path: str) -> None:
        self.files.open_image_file(path)

    def save_drawing_to(self, path: str) -> bool:
        return self.files.save_drawing_to(path)

    def load_weights_file(self, path: str) -> None:
        self.files.load_weights_file(path)

    def classify_qimage(self, image: Any) -> None:
        self.files.classify_qimage(image)

    def save_example(self, label: int) -> None:
        self.examples.save_example(label)

    def add_as_example(self) -> None:
        self.examples.add_as_example()

    def _test_digits(self, stop: Any) -> Any:
        """The test digits the weights in use are checked on: the runs' data (tests swap it), else MNIST's."""
        source = self.runs.data_source
        return mnist_test_digits(stop) if source is None else source(False)[1]

    def _start_training(self, settings: TrainingSettings) -> None:
        self.runs.start_training(settings)

    def _start_fine_tune(self, config: Any = None) -> None:
        self.runs.start_fine_tune(config)

    def stop_training(self) -> None:
        self.runs.stop(TRAINING)

    def _stop_runs(self) -> None:
        self.runs.stop()

    @property
    def training(self) -> bool:
        """Whether a training run is going on."""
        return self.runs.running(TRAINING)

    @property
    def fine_tuning(self) -> bool:
        """Whether a fine-tuning run is going on."""
        return self.runs.running(FINE_TUNING)

    @property
    def _fine_tuning(self) -> Run | None:  # kept for tests written before the coordinator: use ``runs.run``
        return self.runs.run if self.fine_tuning else None

    @property
    def _data_source(self) -> DataSource | None:  # tests swap the training data of a window already built
        return self.runs.data_source

    @_data_source.setter
    def _data_source(self, source: DataSource | None) -> None:
        self.runs.data_source = source

    # --- window -------------------------------------------------------------------------------------------------

    def childEvent(self, event: QChildEvent) -> None:
        """The tab bars Qt makes for tabbed docks show whole titles and scroll: with eight docks in a 900-px window
        the default eliding left "T…", "P…", "M…"."""
        super().childEvent(event)
        child = event.child()
        if event.type() == QEvent.Type.ChildPolished and isinstance(child, QTabBar):
            child.setElideMode(Qt.TextElideMode.ElideNone)
            child.setUsesScrollButtons(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.drop(event.mimeData())
        event.acceptProposedAction()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._lazy and not self._started:
            # Only now start importing torch: on two cores its import would otherwise slow down showing the
            # window. The plotting panels follow once the network is ready (or after a while regardless), so that
            # importing pyqtgraph does not compete with torch either.
            self._started = True
            QTimer.singleShot(0, self.inference.start)
            QTimer.singleShot(0, self._import_teaching_docks)
            QTimer.singleShot(LAZY_PANELS_FALLBACK_MS, self._import_panels)

    def _import_panels(self) -> None:
        if self.training_panel is None and self._importer is None and not self._shut_down:
            self._importer = FunctionWorker(plotting_panels, name="import-plots")
            self._importer.returned.connect(lambda _: self._build_panels())
            self._importer.start()

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks.values():
            dock.show()
        self.docks["training"].raise_()

    def show_about(self) -> None:
        torch_version = self._model.torch_version if self._model else self.tr("still loading")
        text = (
            f"<h3>LeNet GUI {__version__}</h3>"
            + self.tr(
                "<p>Draw a digit and watch the PyTorch tutorial's LeNet read it, learn, and show what is inside.</p>"
            )
            + f"<p>PyTorch {torch_version}<br>Qt {qVersion()} (PySide6 {pyside_version})<br>"
            f"Python {platform.python_version()}</p>"
            + self.tr(
                "<p>Trained on MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0).</p>"
            )
        )
        title = self.tr("About LeNet GUI")
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("aboutDialog")
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.open()

    ask_before_closing = True  # new weights nobody kept: ask Keep and quit / Discard and quit / Cancel (issue 10.7)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close, unless new weights wait for Keep or Discard or a run is going on: then ``CloseGuard`` stops the
        run (without waiting for it here), asks, and closes the window itself once the answer allows it."""
        if self.ask_before_closing and not self._shut_down and not CloseGuard.of(self).allow_close():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save settings, stop the runs and every worker thread, and wait for them to end: no thread of the app
        outlives the window. A run checks its stop flag between two steps (one loading MNIST finishes the file it
        reads); the window hides if that takes more than a moment, so closing still feels prompt. A file being read
        is not waited for (it may hang on a slow mount)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.save_settings()
        self.personal_store.close()  # an example being saved is written in full; queued reads are dropped
        self.runs.shutdown(before_long_wait=self.hide)
        self.run_files.stop()
        if self.tutorial is not None:
            self.tutorial.shutdown()
            self.explain.stop()
        self.weights_results.stop()
        self.side_by_side.shutdown()
        self.inference.stop()
        self.exporter.shutdown(before_long_wait=self.hide)
        for importer in (self._importer, self._docks_importer):
            if importer is not None:
                importer.join(SHUTDOWN_IMPORT_WAIT_S)
