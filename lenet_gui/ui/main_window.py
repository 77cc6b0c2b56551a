"""The main window: builds the panels and the workers and connects their signals. Wiring only.

Fast start: the canvas, the prediction panel, the menus and the status bar are plain Qt and appear at once. The
network loads in the inference worker's thread (torch imports there). With ``lazy_panels`` (what ``run_gui`` uses)
the plotting panels, which need pyqtgraph (most of a second to import), are built right after the window is shown,
pyqtgraph being imported off the GUI thread meanwhile.
"""

from __future__ import annotations

import os
import platform
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import (
    QByteArray,
    QIODevice,
    QObject,
    QSaveFile,
    QSettings,
    Qt,
    QThread,
    QTimer,
    Signal,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui import __version__
from lenet_gui.ui.canvas import PEN_WIDTH_RANGE, DrawingCanvas
from lenet_gui.ui.messages import ModelInfo, TrainingSettings
from lenet_gui.ui.prediction_panel import CorrectionBar, PredictionPanel
from lenet_gui.ui.weights_chooser import WeightsChooser
from lenet_gui.ui.workers import (
    FINE_TUNED,
    DataSource,
    FineTuneWorker,
    InferenceService,
    PersonalStore,
    TrainingWorker,
    user_weights_folder,
)

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"
WEIGHTS_FILTER = "PyTorch weights (*.pt *.pth);;All files (*)"
DEFAULT_SIZE = (1240, 760)  # fits a 1280×800 screen with room for window decorations
LAYOUT_VERSION = 2  # 2: the My digits dock
LAZY_PANELS_FALLBACK_MS = 8000  # build the plotting panels by then even if the network has not loaded
STATUS_WEIGHTS_WIDTH = 460  # pixels for "which weights are in use"; the rest of the status bar is for messages
CLOSE_VISIBLE_MS = 300  # closing during a run: the window stays this long at most while the run stops, then hides


class _Importer(QObject):
    """Imports the plotting stack in a background thread and says when it is done."""

    done = Signal()

    def start(self) -> None:
        threading.Thread(target=self._run, name="import-plots", daemon=True).start()

    def _run(self) -> None:
        import lenet_gui.ui.plots  # noqa: F401  (pyqtgraph)

        self.done.emit()


class MainWindow(QMainWindow):
    """``MainWindow()`` builds the full window with the last (or bundled) weights."""

    panelsBuilt = Signal()
    exampleSaved = Signal(object, int)  # core Example just saved, how many examples of its digit there are now

    def __init__(
        self,
        *,
        data_source: DataSource | None = None,
        lazy_panels: bool = False,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("LeNet GUI")
        self.setAccessibleName("LeNet GUI")
        self.setAcceptDrops(True)
        self._settings = settings or QSettings()
        self._data_source = data_source
        self._training: TrainingWorker | None = None
        self._fine_tuning: FineTuneWorker | None = None
        self._keeping_panel: Any = None  # the panel whose weights are being saved after Keep
        self._keeping_state: Any = None  # those weights, until saved (or not)
        self._add_when_predicted: Any = None  # the drawing "Add as example" waits to save until its answer is shown
        self._saving_drawing: Any = None  # the drawing being saved: pressed again meanwhile, it is not saved twice
        self._model: ModelInfo | None = None
        self._shut_down = False
        self._run_finished = False
        self._lazy = lazy_panels
        self._started = False
        self._importer: _Importer | None = None
        self.training_panel: Any = None
        self.filters_panel: Any = None
        self.parameters_panel: Any = None
        self.personal_panel: Any = None
        self.error_dialog: QMessageBox | None = None
        self.personal_store = PersonalStore(parent=self)
        self.personal_store.failed.connect(self.show_error)

        self._build_center()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._status_weights = QLabel("Loading the network…")
        self._status_weights.setObjectName("weightsStatus")
        self._status_weights.setAccessibleName("Weights in use")
        self._status_weights.setToolTip("Which weights the network is using")
        self.weights_chooser = WeightsChooser()
        self.weights_chooser.set_blocked("Available once the network has loaded")
        self.weights_chooser.chosen.connect(self._on_weights_chosen)
        self.weights_chooser.otherRequested.connect(self._on_load_weights)
        self.statusBar().addPermanentWidget(self._status_weights)
        self.statusBar().addPermanentWidget(self.weights_chooser)
        self.statusBar().showMessage("Loading the network in the background — you can start drawing.")
        self._restore_window()

        last = self._settings.value("weights/last", "", type=str)
        self.inference = InferenceService(weights_path=last if last and Path(last).is_file() else None)
        self._connect_inference()
        from lenet_gui.ui.tutorial_docks import add_tutorial_docks  # Network and Training step docks (issue 11)

        self.tutorial = add_tutorial_docks(
            self,
            inference=self.inference,
            canvas=self.canvas,
            data_source=self._data_source,
            status=self.statusBar().showMessage,
            tabify_with=self.docks["personal"],
        )
        if not lazy_panels:
            self.inference.start()
            self._build_panels()
        self.canvas.setFocus()

    # --- construction -------------------------------------------------------------------------------------------

    def _build_center(self) -> None:
        pen_width = self._settings.value("canvas/penWidth", 20.0, type=float)
        self.canvas = DrawingCanvas(pen_width=pen_width)
        self.prediction_panel = PredictionPanel()
        self.correction_bar = CorrectionBar()
        self.correction_bar.labelChosen.connect(self.save_example)
        self.correction_bar.addRequested.connect(self.add_as_example)
        self.canvas.digitPressed.connect(self.save_example)
        self.canvas.imageChanged.connect(self._update_correction_bar)
        self.prediction_panel.shown.connect(self._update_correction_bar)

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setObjectName("penWidth")
        self.pen_slider.setRange(int(PEN_WIDTH_RANGE[0]), int(PEN_WIDTH_RANGE[1]))
        self.pen_slider.setValue(round(self.canvas.pen_width()))
        self.pen_slider.setMinimumWidth(90)
        self.pen_slider.setAccessibleName("Pen width")
        self.pen_slider.setToolTip("Pen width ([ thinner, ] thicker)")
        self.pen_slider.valueChanged.connect(lambda value: self.canvas.set_pen_width(float(value)))
        self.canvas.penWidthChanged.connect(lambda width: self.pen_slider.setValue(round(width)))
        pen_label = QLabel("Pen")
        pen_label.setBuddy(self.pen_slider)
        pen_label.setToolTip(self.pen_slider.toolTip())
        pen_label.setAccessibleName("Pen width label")

        self.eraser_button = QToolButton()
        self.eraser_button.setObjectName("eraserButton")
        self.eraser_button.setText("Eraser")
        self.eraser_button.setCheckable(True)
        self.eraser_button.setAccessibleName("Eraser")
        self.eraser_button.setToolTip("Erase instead of drawing (E); the right mouse button always erases")
        self.eraser_button.toggled.connect(self.canvas.set_erasing)
        self.canvas.eraserChanged.connect(self.eraser_button.setChecked)

        self.undo_button = QToolButton()
        self.undo_button.setObjectName("undoButton")
        self.redo_button = QToolButton()
        self.redo_button.setObjectName("redoButton")
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName("Clear")
        self.clear_button.setToolTip("Clear the canvas (Esc or Delete)")
        self.clear_button.clicked.connect(self.canvas.clear)

        tools = QHBoxLayout()
        tools.addWidget(pen_label)
        tools.addWidget(self.pen_slider, 1)
        tools.addWidget(self.eraser_button)
        tools.addWidget(self.undo_button)
        tools.addWidget(self.redo_button)
        tools.addWidget(self.clear_button)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)
        center = QWidget()
        center.setObjectName("center")
        center.setMinimumWidth(540)
        right = QVBoxLayout()
        right.addWidget(self.prediction_panel, 1)
        right.addWidget(self.correction_bar)
        layout = QHBoxLayout(center)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.setCentralWidget(center)

    def _build_docks(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        for key, title, tip in (
            ("training", "Training", "Train the network and watch it learn"),
            ("filters", "Filters && feature maps", "The learned filters and what each layer computes"),
            ("parameters", "Parameters", "The network's parameter tensors"),
            ("personal", "My digits", "Your saved drawings, and fine-tuning the network on them"),
        ):
            dock = QDockWidget(title, self)  # "&&": a literal & in the tab that tabified docks get
            dock.setObjectName(f"{key}Dock")
            dock.setAccessibleName(title.replace("&&", "and"))
            dock.setToolTip(tip)
            dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
            waiting = QLabel("Loading…")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            waiting.setAccessibleName("Loading")
            dock.setWidget(waiting)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.docks[key] = dock
        self.tabifyDockWidget(self.docks["training"], self.docks["filters"])
        self.tabifyDockWidget(self.docks["filters"], self.docks["parameters"])
        self.tabifyDockWidget(self.docks["parameters"], self.docks["personal"])
        self.docks["training"].raise_()
        self.resizeDocks([self.docks["training"]], [600], Qt.Orientation.Horizontal)
        self._default_state = self.saveState(LAYOUT_VERSION)

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(tip or text.replace("&", "").replace("…", ""))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        Key = QKeySequence.StandardKey
        self.open_action = self._action("&Open image…", self._on_open_image, Key.Open, "Open an image of a digit")
        self.save_drawing_action = self._action("&Save drawing…", self._on_save_drawing, Key.Save, "Save as PNG")
        self.load_weights_action = self._action("&Load weights…", self._on_load_weights, "Ctrl+L", "Load weights")
        self.save_weights_action = self._action("Save &weights…", self._on_save_weights, "Ctrl+Shift+S", "Save weights")
        self.reset_weights_action = self._action(
            "&Reset to bundled weights", self._on_reset_weights, None, "Use the weights shipped with the app"
        )
        self.quit_action = self._action("&Quit", self.close, Key.Quit, "Quit LeNet GUI")
        self.quit_action.setShortcuts(_unique([QKeySequence(Key.Quit), QKeySequence("Ctrl+Q")]))
        self.undo_action = self.canvas.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(Key.Undo))
        self.redo_action = self.canvas.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(_unique([*QKeySequence.keyBindings(Key.Redo), QKeySequence("Ctrl+Y")]))
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
        self.clear_action = self._action(
            "&Clear", self.canvas.clear, [QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Delete)]
        )
        self.paste_action = self._action(
            "&Paste image", self._on_paste, Key.Paste, "Classify an image from the clipboard"
        )
        self.eraser_action = self._action("&Eraser", lambda: self.eraser_button.toggle(), "E", "Toggle the eraser")
        self.thinner_action = self._action(
            "&Thinner pen", lambda: self.canvas.set_pen_width(self.canvas.pen_width() - 2), "[", "Thinner pen"
        )
        self.thicker_action = self._action(
            "T&hicker pen", lambda: self.canvas.set_pen_width(self.canvas.pen_width() + 2), "]", "Thicker pen"
        )
        self.reset_layout_action = self._action("&Reset layout", self._on_reset_layout, None, "Put panels back")
        self.about_action = self._action("&About LeNet GUI", self._on_about, None, "Versions and credits")
        self.about_qt_action = self._action("About &Qt", QGuiApplication.instance().aboutQt, None, "About Qt")
        self.undo_button.setDefaultAction(self.undo_action)
        self.undo_button.setText("Undo")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.setToolTip("Undo the last stroke (Ctrl+Z)")
        self.redo_button.setDefaultAction(self.redo_action)
        self.redo_button.setText("Redo")
        self.redo_button.setAccessibleName("Redo")
        self.redo_button.setToolTip("Redo (Ctrl+Shift+Z)")
        self.canvas.undo_stack.canUndoChanged.connect(lambda _: self._retitle_tools())
        self.canvas.undo_stack.canRedoChanged.connect(lambda _: self._retitle_tools())

    def _retitle_tools(self) -> None:
        # QToolButton takes the action's changing text ("Undo Stroke"); keep the buttons short.
        self.undo_button.setText("Undo")
        self.redo_button.setText("Redo")

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions([self.open_action, self.save_drawing_action])
        file_menu.addSeparator()
        file_menu.addActions([self.load_weights_action, self.save_weights_action, self.reset_weights_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action, self.clear_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.paste_action, self.eraser_action, self.thinner_action, self.thicker_action])
        view_menu = menus.addMenu("&View")
        for dock in self.docks.values():
            toggle = dock.toggleViewAction()
            toggle.setToolTip(f"Show or hide the {dock.windowTitle()} panel")
            view_menu.addAction(toggle)
        view_menu.addSeparator()
        view_menu.addAction(self.reset_layout_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addActions([self.about_action, self.about_qt_action])

    def _build_panels(self) -> None:
        """The plotting panels, and their connections. Called from __init__, or after show() when lazy."""
        if self.training_panel is not None or self._shut_down:
            return
        from lenet_gui.ui.filters_panel import FiltersPanel
        from lenet_gui.ui.parameters_panel import ParametersPanel
        from lenet_gui.ui.personal_panel import PersonalPanel
        from lenet_gui.ui.training_panel import TrainingPanel

        self.training_panel = TrainingPanel(self._load_training_settings())
        self.filters_panel = FiltersPanel()
        self.parameters_panel = ParametersPanel()
        self.personal_panel = PersonalPanel(self.personal_store)
        for key, panel in (
            ("training", self.training_panel),
            ("filters", self.filters_panel),
            ("parameters", self.parameters_panel),
            ("personal", self.personal_panel),
        ):
            old = self.docks[key].widget()
            self.docks[key].setWidget(panel)
            old.deleteLater()

        self.inference.predicted.connect(self.filters_panel.show_prediction)
        self.inference.weightsChanged.connect(self.filters_panel.show_weights)
        self.inference.weightsChanged.connect(self.parameters_panel.show_weights)
        self.inference.modelReady.connect(self.parameters_panel.show_model)
        panel = self.training_panel
        panel.startRequested.connect(self._start_training)
        panel.pauseRequested.connect(self._pause_training)
        panel.stopRequested.connect(self.stop_training)
        panel.resetRequested.connect(self._on_reset_weights)
        panel.keepRequested.connect(lambda state, meta: self._keep(panel, state, meta))
        panel.discardRequested.connect(self.inference.discard_training)
        panel.set_model_ready(self._model is not None)
        personal = self.personal_panel
        personal.fineTuneRequested.connect(self._start_fine_tune)
        personal.pauseRequested.connect(self._pause_run)
        personal.stopRequested.connect(self._stop_runs)
        personal.keepRequested.connect(lambda state, meta: self._keep(personal, state, meta, kind=FINE_TUNED))
        personal.discardRequested.connect(self.inference.discard_training)
        personal.openRequested.connect(self._open_example)
        personal.set_model_ready(self._model is not None)
        self.inference.keepFailed.connect(self._on_keep_failed)
        personal.offerChanged.connect(lambda _: self._update_blocks())
        panel.offerChanged.connect(lambda _: self._update_blocks())
        self._update_blocks()
        if self.inference.ready:  # the network was quicker than the panels: have it say everything again
            self.inference.refresh()
        self.panelsBuilt.emit()

    def _connect_inference(self) -> None:
        service = self.inference
        self.canvas.imageChanged.connect(service.request)
        service.predicted.connect(self.prediction_panel.show_prediction)
        service.modelReady.connect(self._on_model_ready)
        service.imageOpened.connect(self._on_image_opened)
        service.weightsSaved.connect(self._on_weights_saved)
        service.failed.connect(self.show_error)
        service.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        service.weightsListed.connect(self.weights_chooser.set_files)
        service.loadFailed.connect(self._on_load_failed)

    # --- settings -----------------------------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, LAYOUT_VERSION)

    def _load_training_settings(self) -> TrainingSettings:
        s = self._settings
        default = TrainingSettings()
        return TrainingSettings(
            epochs=s.value("training/epochs", default.epochs, type=int),
            batch_size=s.value("training/batchSize", default.batch_size, type=int),
            learning_rate=s.value("training/learningRate", default.learning_rate, type=float),
            optimizer=s.value("training/optimizer", default.optimizer, type=str),
            augment=s.value("training/augment", default.augment, type=bool),
            continue_from_current=s.value("training/continue", default.continue_from_current, type=bool),
        )

    def save_settings(self) -> None:
        s = self._settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))
        s.setValue("canvas/penWidth", self.canvas.pen_width())
        if self.training_panel is not None:
            t = self.training_panel.settings()
            s.setValue("training/epochs", t.epochs)
            s.setValue("training/batchSize", t.batch_size)
            s.setValue("training/learningRate", t.learning_rate)
            s.setValue("training/optimizer", t.optimizer)
            s.setValue("training/augment", t.augment)
            s.setValue("training/continue", t.continue_from_current)
        s.sync()

    # --- inference results --------------------------------------------------------------------------------------

    def _show_weights_in_use(self, text: str) -> None:
        """The status bar's permanent right-hand label: which weights the predictions come from."""
        metrics = self._status_weights.fontMetrics()
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, STATUS_WEIGHTS_WIDTH)
        self._status_weights.setText(elided)
        self._status_weights.setToolTip(text)

    def _on_model_ready(self, info: ModelInfo) -> None:
        self._model = info
        self._show_weights_in_use("Untrained random weights" if info.random_weights else info.description)
        self.statusBar().showMessage(info.description if info.random_weights else "Ready: draw a digit", 10000)
        self.prediction_panel.set_ready(True)
        if self.training_panel is not None:
            self.training_panel.set_model_ready(True)
            self.personal_panel.set_model_ready(True)
        elif self._lazy:
            self._import_panels()
        if not info.random_weights:
            self._settings.setValue("weights/last", "" if info.bundled else info.source)
        self.weights_chooser.set_current(None if info.random_weights else ("" if info.bundled else info.source))
        self._update_blocks()
        self.inference.list_weights(user_weights_folder())

    def _on_image_opened(self, path: str, image: Any) -> None:
        self.canvas.set_image(image)
        self.statusBar().showMessage(f"Classifying {Path(path).name}" if path else "Classifying the pasted image", 5000)

    def _on_weights_saved(self, path: str) -> None:
        self._keeping_state = None
        self.statusBar().showMessage(f"Saved weights to {path}", 10000)

    def show_error(self, title: str, message: str) -> None:
        """A non-blocking warning dialog; the app keeps working behind it."""
        self.statusBar().showMessage(title, 10000)
        if self._shut_down:
            return
        dialog = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        dialog.setObjectName("errorDialog")
        dialog.setAccessibleName(title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "error_dialog", None))
        dialog.open()

    # --- file actions (dialog first, then a method that tests can call directly) --------------------------------

    def _last_folder(self) -> str:
        return self._settings.value("files/lastFolder", str(Path.home()), type=str)

    def _remember_folder(self, path: str) -> None:
        self._settings.setValue("files/lastFolder", str(Path(path).parent))

    def _on_open_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open an image of a digit", self._last_folder(), IMAGE_FILTER)
        if path:
            self._remember_folder(path)
            self.open_image_file(path)

    def open_image_file(self, path: str) -> None:
        self.inference.open_image(path)

    def _on_save_drawing(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the drawing", str(Path(self._last_folder()) / "digit.png"), "PNG image (*.png)"
        )
        if path:
            self._remember_folder(path)
            self.save_drawing_to(path)

    def save_drawing_to(self, path: str) -> bool:
        if not path.lower().endswith(".png"):
            path += ".png"
        # QSaveFile writes a temporary file and renames it into place: a failed save never leaves half a PNG.
        target = QSaveFile(path)
        ok = target.open(QIODevice.OpenModeFlag.WriteOnly) and self.canvas.to_qimage().save(target, "PNG")
        ok = target.commit() if ok else (target.cancelWriting() or False)
        if ok:
            self.statusBar().showMessage(f"Saved the drawing to {path}", 8000)
        else:
            self.show_error("The drawing could not be saved", f"Could not write {path}.")
        return ok

    def _on_load_weights(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load weights", self._last_folder(), WEIGHTS_FILTER)
        if path:
            self._remember_folder(path)
            self.load_weights_file(path)

    def load_weights_file(self, path: str) -> None:
        self.inference.load_weights(path)

    def _on_save_weights(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save weights", str(Path(self._last_folder()) / "lenet.pt"), WEIGHTS_FILTER
        )
        if path:
            self._remember_folder(path)
            self.inference.save_weights(path)

    def _on_reset_weights(self) -> None:
        self.inference.load_bundled()

    def _on_weights_chosen(self, path: str) -> None:
        """The weights switcher: "" is the bundled weights, else a file (remembered as weights/last once loaded)."""
        if path:
            self.load_weights_file(path)
        else:
            self.inference.load_bundled()

    def _on_load_failed(self) -> None:
        """The switcher shows the weights still in use again, and lists the folder again (the file may be gone)."""
        self.weights_chooser.show_current()
        self.inference.list_weights(user_weights_folder())

    def _on_paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasImage():
            self.classify_qimage(QImage(mime.imageData()))
        elif mime.hasUrls() and mime.urls()[0].isLocalFile():
            self.open_image_file(mime.urls()[0].toLocalFile())
        elif mime.hasText() and Path(mime.text().strip()).is_file():
            self.open_image_file(mime.text().strip())
        else:
            self.statusBar().showMessage("The clipboard holds no image.", 5000)

    def classify_qimage(self, image: QImage) -> None:
        """A pasted or dropped picture goes through the same file path as an opened one (core's load_image)."""
        if image.isNull():
            self.statusBar().showMessage("The clipboard image is empty.", 5000)
            return
        handle, name = tempfile.mkstemp(prefix="lenet-gui-paste-", suffix=".png")
        os.close(handle)
        if not image.save(name, "PNG"):
            os.unlink(name)
            self.show_error("The image could not be read", "The pasted image could not be converted.")
            return
        self.inference.open_image(name, delete_after=True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or (mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
        if files:
            self.open_image_file(files[0])
        elif mime.hasImage():
            self.classify_qimage(QImage(mime.imageData()))
        event.acceptProposedAction()

    # --- training -----------------------------------------------------------------------------------------------

    def _start_training(self, settings: TrainingSettings) -> None:
        if self._running_any() or self.personal_panel.pending_weights() is not None:
            return  # the Train button says why: fine-tuning is running, or its weights wait for Keep or Discard
        initial = None
        if settings.continue_from_current:
            # "Current" is what predictions use now: the last run's weights still waiting for Keep or Discard (the
            # panel says they are in use), else the committed ones.
            pending = self.training_panel.pending_weights()
            initial = pending if pending is not None else self._committed_state()
        worker = TrainingWorker(settings, initial_state=initial, data_source=self._data_source)
        panel = self.training_panel
        worker.epochDone.connect(panel.on_epoch)
        worker.dataMissing.connect(panel.on_data_missing)
        worker.dataMissing.connect(lambda _: self.statusBar().showMessage("MNIST is missing — see the panel", 10000))
        worker.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self._training = worker
        self._launch(
            worker,
            panel,
            what="Training",
            live="Training: the network is changing live"
            + ("" if settings.continue_from_current else " (from scratch)"),
        )

    def _launch(self, worker: Any, panel: Any, *, what: str, live: str) -> None:
        """What every run (training, fine-tuning) does: report to its panel, move the live prediction with its
        weights, say when it fails, lock the weight choices until it ends, and start."""
        worker.progress.connect(panel.on_progress)
        worker.snapshot.connect(self._on_snapshot)
        worker.diverged.connect(panel.on_diverged)
        worker.diverged.connect(lambda event: self.inference.show_training_state(event.state, {}, "diverged"))
        worker.runFinished.connect(self._on_run_finished)
        worker.failed.connect(panel.on_failed)
        worker.failed.connect(lambda message: self.show_error(f"{what} failed", message))
        worker.status.connect(panel.show_status)
        worker.finished.connect(self._on_run_thread_done)
        self._run_finished = False
        self._show_weights_in_use(live)
        panel.set_running(True)
        self._update_blocks()
        self.weights_chooser.set_current(None)  # live weights, in no file until kept
        self.docks["training" if worker is self._training else "personal"].raise_()
        worker.start()

    def _on_snapshot(self, event: Any) -> None:
        self.inference.show_training_state(event.state, event.gradient_norms, f"epoch {event.epoch}, step {event.step}")
        self.tutorial.on_snapshot(event)

    def _on_run_finished(self, event: Any) -> None:
        """A run's last weights: in use until the user keeps or discards them in the run's panel."""
        self._run_finished = True
        if self._fine_tuning is None:
            what, panel, where = "Training", self.training_panel, "Training"
        else:
            what, panel, where = "Fine-tuning", self.personal_panel, "My digits"
        self.inference.show_training_state(event.state, {}, "finished")
        panel.on_finished(event)
        self.statusBar().showMessage(f"{what} stopped" if event.cancelled else f"{what} finished", 10000)
        self._show_weights_in_use(f"New weights from {what.lower()}: keep or discard them in the {where} panel")

    def _pause_training(self, pause: bool) -> None:
        self._pause_run(pause)

    def _pause_run(self, pause: bool) -> None:
        worker = self._training or self._fine_tuning
        if worker is not None:
            (worker.pause if pause else worker.resume)()
            what = "Training" if worker is self._training else "Fine-tuning"
            self.statusBar().showMessage(f"{what} paused" if pause else f"{what} resumed", 5000)

    def stop_training(self) -> None:
        if self._training is not None:
            self._training.stop()
            self.statusBar().showMessage("Stopping training…", 5000)

    def _stop_runs(self) -> None:
        self.stop_training()
        if self._fine_tuning is not None:
            self._fine_tuning.stop()
            self.statusBar().showMessage("Stopping fine-tuning…", 5000)

    @property
    def training(self) -> bool:
        return self._training is not None

    @property
    def fine_tuning(self) -> bool:
        return self._fine_tuning is not None

    def _running_any(self) -> bool:
        return self._training is not None or self._fine_tuning is not None

    def _on_run_thread_done(self) -> None:
        """A run's thread ended: the other kind of run and the weight choices wait only for Keep or Discard now."""
        worker: QThread | None = self._training or self._fine_tuning
        panel = self.training_panel if worker is self._training else self.personal_panel
        self._training = self._fine_tuning = None
        if panel is not None:
            panel.set_running(False)
        if worker is not None:
            worker.deleteLater()
            if not self._run_finished and not self._shut_down:
                # Failed, MNIST missing, or stopped before it changed anything: no weights to keep, so predictions
                # go back to the committed ones.
                if worker.cancelled and panel is not None:
                    panel.on_stopped_early()
                self.inference.discard_training()
        self._update_blocks()

    def _update_blocks(self) -> None:
        """One run at a time, and a run's new weights are kept or discarded before anything else changes the
        weights: until then the other kind of run and the weight choices (switcher, Load, Reset) wait, and their
        tooltips say why. Nothing unkept is thrown away or built on by surprise."""
        training, tuning = self.training_panel, self.personal_panel
        trained = training is not None and training.pending_weights() is not None
        tuned = tuning is not None and tuning.pending_weights() is not None
        where = "Training" if trained else "My digits"
        weights = _first_reason(
            (self._running_any(), "A run is changing the weights: choose others when it has ended"),
            (trained or tuned, f"Keep or discard the new weights first (in the {where} panel)"),
        )
        for action in (self.load_weights_action, self.reset_weights_action):
            action.setEnabled(not weights)
        self.weights_chooser.set_blocked(weights or ("" if self._model else "Available once the network has loaded"))
        if training is None or tuning is None:
            return
        training.set_weights_locked(weights)
        training.set_blocked(
            _first_reason(
                (self._fine_tuning is not None, "Fine-tuning is running: train when it has finished"),
                (tuned, "Keep or discard the fine-tuned weights first (in the My digits panel)"),
            )
        )
        tuning.set_blocked(
            _first_reason(
                (self._training is not None, "Training is running: fine-tune when it has finished"),
                (trained, "Keep or discard the training run's new weights first (in the Training panel)"),
            )
        )

    def _keep(self, panel: Any, state: Any, metadata: dict[str, Any], *, kind: str = "trained") -> None:
        """Save a finished run's weights in the user's weights folder; a failure offers them again in ``panel``."""
        self._keeping_panel = panel
        self._keeping_state = state
        self.inference.keep_training(state, user_weights_folder(), metadata, kind=kind)

    def _committed_state(self) -> Any:
        """The weights in use outside a run: kept ones still being saved count as in use already."""
        return self._keeping_state if self._keeping_state is not None else self.inference.committed_state()

    def _on_keep_failed(self) -> None:
        self._keeping_state = None
        if self._keeping_panel is not None:
            self._keeping_panel.keep_failed()

    # --- personal examples and fine-tuning ------------------------------------------------------------------

    def _update_correction_bar(self, *_: object) -> None:
        view = self.prediction_panel.current
        self.correction_bar.set_state(
            has_drawing=not self.canvas.is_blank(), predicted=None if view is None else view.digit
        )
        waiting = self._add_when_predicted
        if waiting is not None and waiting is not self.canvas.content:
            self._add_when_predicted = None  # drawn on, cleared or replaced since the click: not what was asked for
        elif waiting is not None and self.prediction_panel.shown_request == self.inference.last_request_id:
            self._add_when_predicted = None
            if view is not None:
                self.save_example(view.digit)

    def add_as_example(self) -> None:
        """Save the drawing as the digit the network reads in it ("Add as example": it read it right). The answer
        for the very latest strokes may still be on its way: then it is saved as soon as it is on screen."""
        if self.canvas.is_blank():
            self.correction_bar.show_feedback("Draw a digit first.")
            return
        self._add_when_predicted = self.canvas.content
        self._update_correction_bar()

    def save_example(self, label: int) -> None:
        """Save the drawing as an example of ``label`` in the personal dataset (off the GUI thread). On success the
        canvas is cleared for the next one (undoable); on failure the drawing stays and a message says why."""
        if self.canvas.is_blank():
            self.correction_bar.show_feedback("Draw a digit first, then press its key to save it.")
            return
        content = self.canvas.content
        if content is self._saving_drawing:
            return  # a double click, or the key again before the save came back: one example is enough
        self._saving_drawing = content
        image = self.canvas.to_array()
        strokes = None if self.canvas.has_picture() else self.canvas.strokes_data()

        def done() -> None:
            if self._saving_drawing is content:
                self._saving_drawing = None

        def saved(example: Any, counts: list[int]) -> None:
            done()
            count = counts[label]
            text = f"Saved as a {label} — {count} example{'s' * (count != 1)} of {label}"
            self.correction_bar.show_feedback(text)
            self.statusBar().showMessage(text + " (Ctrl+Z brings the drawing back)", 6000)
            if self.canvas.content is content:  # not drawn on meanwhile
                self.canvas.clear()
            self.exampleSaved.emit(example, count)

        def failed(message: str) -> None:
            done()
            self.correction_bar.show_feedback(f"Not saved: {message}", error=True)

        self.personal_store.add(image, label, strokes, then=saved, on_error=failed)

    def _open_example(self, image: Any, strokes: Any) -> None:
        """An example back on the canvas: its strokes when it has them, else its picture."""
        if strokes:
            self.canvas.draw_strokes(strokes)
        else:
            self.canvas.set_image(image)
            self.inference.request(self.canvas.to_array())
        self.canvas.setFocus()

    def _start_fine_tune(self, config: Any = None) -> None:
        """Fine-tune from the committed weights. (A fine-tuning result not yet kept is not built on: running again
        replaces it, the panel closed its offer; a training run's must be kept or discarded first.)"""
        if self._running_any() or self.personal_panel is None or self.training_panel.pending_weights() is not None:
            return
        initial = self._committed_state()
        if initial is None:
            return
        worker = FineTuneWorker(
            initial_state=initial,
            personal_root=self.personal_store.root,
            config=config,
            data_source=self._data_source,
        )
        panel = self.personal_panel
        worker.mnistMissing.connect(panel.on_mnist_missing)
        worker.report.connect(panel.on_report)
        self._fine_tuning = worker
        self._launch(
            worker,
            panel,
            what="Fine-tuning",
            live="Fine-tuning on your digits: the network is changing live",
        )

    # --- window -------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._lazy and not self._started:
            # Only now start importing torch: on two cores its import would otherwise slow down showing the
            # window. The plotting panels follow once the network is ready (or after a while regardless), so that
            # importing pyqtgraph does not compete with torch either.
            self._started = True
            QTimer.singleShot(0, self.inference.start)
            QTimer.singleShot(LAZY_PANELS_FALLBACK_MS, self._import_panels)

    def _import_panels(self) -> None:
        if self.training_panel is None and self._importer is None and not self._shut_down:
            self._importer = _Importer()
            self._importer.done.connect(self._build_panels)
            self._importer.start()

    def _on_reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks.values():
            dock.show()
        self.docks["training"].raise_()

    def _on_about(self) -> None:
        torch_version = self._model.torch_version if self._model else "still loading"
        text = (
            f"<h3>LeNet GUI {__version__}</h3>"
            "<p>Draw a digit and watch the PyTorch tutorial's LeNet read it, learn, and show what is inside.</p>"
            f"<p>PyTorch {torch_version}<br>Qt {qVersion()} (PySide6 {pyside_version})<br>"
            f"Python {platform.python_version()}</p>"
            "<p>Trained on MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0).</p>"
        )
        box = QMessageBox(QMessageBox.Icon.Information, "About LeNet GUI", text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("aboutDialog")
        box.setAccessibleName("About LeNet GUI")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save settings, stop a run and the worker threads, and wait for them to end.

        A QThread destroyed while it runs aborts the whole program, so this waits for a run however long its current
        step takes to notice the stop (it checks between two steps, or at once while MNIST is still loading); the
        window goes away meanwhile, so closing still feels prompt."""
        if self._shut_down:
            return
        self._shut_down = True
        self.save_settings()
        runs = [worker for worker in (self._training, self._fine_tuning) if worker is not None]
        for worker in runs:
            worker.stop()
        self.personal_store.close()  # an example being saved is written in full; queued reads are dropped
        for worker in runs:
            if not worker.wait(CLOSE_VISIBLE_MS):
                self.hide()
                worker.wait()
        self.tutorial.shutdown()
        self.inference.stop()  # returns at once if it never started


def _first_reason(*reasons: tuple[bool, str]) -> str:
    """The text of the first reason that holds, or "" when none does."""
    return next((text for holds, text in reasons if holds), "")


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    """A shortcut listed twice on one action makes Qt call it ambiguous and ignore the key altogether."""
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if sequence not in unique:
            unique.append(sequence)
    return unique
