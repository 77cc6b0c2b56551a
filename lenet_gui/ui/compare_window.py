"""View ▸ Compare two networks…: any two sets of weights side by side on one drawing (issue 13, "Side by side").

Each side (A and B) is chosen from the weights in use, the bundled ones, the weights folder's trained and fine-tuned
files, any .pt file (checked like File ▸ Load weights), a fresh random network, or a time-machine snapshot handed
over with :meth:`SideBySide.compare_snapshot`. The window follows the main canvas as you draw: both probability sets
side by side, both networks' filters and feature maps (the Filters panel's own view, twice), their accuracy on the
MNIST test digits, and a gallery of the digits they read differently (your My digits examples first), each of which
opens on the canvas.

All the work is ``workers.comparison.ComparisonService``'s, off the GUI thread; closing the window stops it. The
window keeps nothing: no setting is written, and its weights are private copies that go with it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.compare_gallery import DisagreementGallery
from lenet_gui.ui.compare_sources import IN_USE, SourceChooser
from lenet_gui.ui.dock_layout import fit_to_screen
from lenet_gui.ui.error_dialog import open_warning
from lenet_gui.ui.prediction_panel import ProbabilityBars
from lenet_gui.ui.view_models import reading
from lenet_gui.ui.workers.comparison import (
    BUNDLED,
    FILE,
    RANDOM,
    STATE,
    ComparisonService,
    SideInfo,
    WeightsSource,
)
from lenet_gui.ui.workers.lazy_imports import plotting_panels
from lenet_gui.ui.workers.runs import data_folder_hint, user_weights_folder
from lenet_gui.ui.workers.weights_results import fingerprint

NumpyState = dict[str, np.ndarray]
WANTED_SIZE = QSize(1000, 700)
WIDE = 760  # narrower than this, the gallery goes under the bars


class _Side:
    """One column of the window: chooser, accuracy, answer and bars; its filters panel once that tab is shown."""

    def __init__(self, window: CompareWindow, index: int) -> None:
        name = "AB"[index]
        self.index = index
        self.title = QLabel(QCoreApplication.translate("CompareWindow", "Network {name}").format(name=name))
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.chooser = SourceChooser(name, window)
        self.accuracy = QLabel(QCoreApplication.translate("CompareWindow", "Reading the weights…"))
        self.accuracy.setObjectName(f"compareAccuracy{name}")
        self.accuracy.setWordWrap(True)
        self.answer = QLabel(QCoreApplication.translate("CompareWindow", "Draw a digit on the canvas."))
        self.answer.setObjectName(f"compareAnswer{name}")
        self.bars = ProbabilityBars()
        self.bars.setObjectName(f"compareBars{name}")
        self.bars.setAccessibleName(
            QCoreApplication.translate("CompareWindow", "Probabilities of network {name}").format(name=name)
        )
        self.bars.setMinimumSize(150, 140)
        self.filters: Any = None
        self.info: SideInfo | None = None
        self.prediction: Any = None
        self.in_use = ""  # the fingerprint of the weights in use this side was given


class CompareWindow(QDialog):
    """Two networks on the same drawing. ``in_use`` gives the weights in use (numpy) when that entry is chosen."""

    def __init__(
        self,
        *,
        canvas: Any,
        in_use: Callable[[], NumpyState | None],
        in_use_is_bundled: bool,
        test_source: Any,
        personal_root: str | None,
        start_folder: str = "",
        service_parent: QObject | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare two networks"))
        self.setAccessibleName(self.windowTitle())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._canvas = canvas
        self._in_use = in_use
        self._start_folder = start_folder
        self._snapshots = 0
        self._stopped = False
        self.error_dialog: QMessageBox | None = None
        # The service outlives the window by a moment when it closes (its threads end within a chunk): it belongs
        # to ``service_parent``, which waits for it at shutdown.
        self.service = ComparisonService(
            test_source=test_source, personal_root=personal_root, parent=service_parent or self
        )
        self.sides = [_Side(self, 0), _Side(self, 1)]

        header = QGridLayout()
        for column, side in enumerate(self.sides):
            header.addWidget(side.title, 0, 2 * column)
            header.addWidget(side.chooser, 0, 2 * column + 1)
            header.addWidget(side.accuracy, 1, 2 * column, 1, 2)
            header.setColumnStretch(2 * column + 1, 1)
        self.gallery = DisagreementGallery()
        answers = QWidget()
        answers_layout = QGridLayout(answers)
        answers_layout.setContentsMargins(0, 0, 0, 0)
        for column, side in enumerate(self.sides):
            answers_layout.addWidget(side.answer, 0, column)
            answers_layout.addWidget(side.bars, 1, column)
        answers_layout.setRowStretch(1, 1)
        first = self.answers_splitter = QSplitter(Qt.Orientation.Horizontal)
        first.setObjectName("compareAnswersSplitter")
        first.addWidget(answers)
        first.addWidget(self.gallery)
        first.setStretchFactor(1, 1)
        first.setChildrenCollapsible(False)
        first.setSizes([340, 560])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("compareTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(first, self.tr("Answers and disagreements"))
        self.tabs.setTabToolTip(
            0, self.tr("Both networks' answers to your drawing, and the digits they read differently")
        )
        self._filters_page = QSplitter(Qt.Orientation.Horizontal)
        self._filters_page.setObjectName("compareFilters")
        self.tabs.addTab(self._filters_page, self.tr("Filters and feature maps"))
        self.tabs.setTabToolTip(1, self.tr("What each network has learned, and what it makes of your drawing"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        self.service.sideReady.connect(self._on_side_ready)
        self.service.sideFailed.connect(self._on_side_failed)
        self.service.predicted.connect(self._on_predicted)
        self.service.progress.connect(self.gallery.scanning)
        self.service.compared.connect(self._on_compared)
        self.service.scanFailed.connect(self.gallery.failed)
        for side in self.sides:
            self.service.weightsListed.connect(side.chooser.set_files)
            side.chooser.chosen.connect(lambda key, side=side: self._choose(side, key))
            side.chooser.fileWanted.connect(lambda side=side: self._ask_file(side))
        self._follow = QTimer(self)  # a picture put on the canvas (undo, open, a gallery tile): read it once
        self._follow.setSingleShot(True)
        self._follow.setInterval(0)
        self._follow.timeout.connect(lambda: self.service.request(self._canvas.to_array()))
        canvas.imageChanged.connect(self.service.request)
        canvas.undo_stack.indexChanged.connect(self._follow.start)
        self.service.list_weights(user_weights_folder())
        self.resize(fit_to_screen(WANTED_SIZE, self.screen().availableGeometry().size()))
        self._choose(self.sides[0], IN_USE)
        self._choose(self.sides[1], RANDOM if in_use_is_bundled else BUNDLED)
        self.service.request(canvas.to_array())

    # --- choosing ---------------------------------------------------------------------------------------------

    def add_snapshot(self, state: NumpyState, label: str, *, side: int | None = 1) -> None:
        """Offer weights handed over as numpy (a time-machine snapshot, ``label`` naming it: "Step 1,200 of the
        last run") on both sides, and put them on ``side`` (0 = A, 1 = B; None: only offer them). The window keeps
        its own copy; the weights in use do not change."""
        self._snapshots += 1
        key = f"snapshot:{self._snapshots}"
        source = WeightsSource(STATE, label, state={k: np.array(v, np.float32) for k, v in state.items()})
        for chooser_side in self.sides:
            chooser_side.chooser.add_source(key, source, snapshot=True)
        if side is not None:
            self._choose(self.sides[side], key)

    def choose_file(self, side: int, path: str) -> None:
        """Compare the weights of ``path`` on ``side`` (what "Other file…" does once a file is picked)."""
        key = f"file:{path}"
        chooser = self.sides[side].chooser
        if key not in chooser.sources:
            source = WeightsSource(FILE, Path(path).name, path=path)
            for each in self.sides:
                each.chooser.add_source(key, source)
        self._choose(self.sides[side], key)

    def _ask_file(self, side: _Side) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Compare weights from a file"),
            self._start_folder,
            self.tr("PyTorch weights (*.pt *.pth);;All files (*)"),
        )
        if path:
            self.choose_file(side.index, str(path))

    def _choose(self, side: _Side, key: str) -> None:
        side.chooser.select(key)
        if key == IN_USE:
            state = self._in_use()
            if state is None:
                side.accuracy.setText(self.tr("The network is still loading; try again in a moment."))
                return
            source = WeightsSource(STATE, self.tr("Weights in use"), state=state)
            side.in_use = fingerprint(state)
        else:
            source = side.chooser.sources[key]
        side.accuracy.setText(self.tr("Reading the weights…"))
        self.gallery.waiting()
        self.service.set_source(side.index, source)

    def weights_in_use_changed(self) -> None:
        """The main window's weights changed (loaded, kept, discarded): a side showing them follows."""
        for side in self.sides:
            if side.chooser.key != IN_USE:
                continue
            state = self._in_use()  # the panels ask the weights to be said again: only new ones count
            if state is not None and fingerprint(state) != side.in_use:
                self._choose(side, IN_USE)

    # --- what the service says ------------------------------------------------------------------------------------

    def _on_side_ready(self, info: SideInfo) -> None:
        side = self.sides[info.side]
        side.info = info
        side.accuracy.setText(self.tr("Checking on the test digits…"))
        if side.filters is not None:
            side.filters.show_weights(info.weights)

    def _on_side_failed(self, index: int, title: str, sentence: str, details: str) -> None:
        side = self.sides[index]
        previous = side.info
        side.chooser.select(IN_USE if previous is None else self._key_of(side, previous.source))
        side.accuracy.setText(self.tr("These weights could not be read; the network keeps the ones before."))
        dialog = open_warning(self, title, sentence, details)
        self.error_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "error_dialog", None))

    @staticmethod
    def _key_of(side: _Side, source: WeightsSource) -> str:
        for key, known in side.chooser.sources.items():
            if known == source:
                return key
        return IN_USE

    def _on_predicted(self, first: Any, second: Any) -> None:
        for side, prediction in zip(self.sides, (first, second), strict=True):
            side.prediction = prediction
            if prediction is None:
                side.bars.set_probabilities(None)
                side.answer.setText(self.tr("Draw a digit on the canvas."))
            else:
                read = reading(prediction)
                side.bars.set_probabilities(prediction.probabilities, read.sure, highlight=read.looks_like_a_digit)
                side.answer.setText(
                    self.tr("Says {digit} ({percent}%)").format(
                        digit=prediction.digit, percent=f"{prediction.confidence * 100:.0f}"
                    )
                )
            if side.filters is not None:
                side.filters.show_prediction(0, prediction)

    def _on_compared(self, result: Any) -> None:
        comparison = result.comparison
        missing = ""
        if result.mnist_missing:
            missing = self.tr(
                "The MNIST test digits are not on disk, so the accuracies are unknown: put MNIST in {folder} (Train "
                "offers to download it)."
            ).format(folder=data_folder_hint())
        for side, right in zip(self.sides, (comparison.right_a, comparison.right_b), strict=True):
            if comparison.total:
                text = self.tr("{percent}% of {total} MNIST test digits right").format(
                    percent=f"{100 * right / comparison.total:.2f}", total=f"{comparison.total:,}"
                )
            else:
                text = self.tr("Accuracy unknown: no MNIST test digits")
            side.accuracy.setText(text)
        self.gallery.show_result(result, missing)

    # --- the filters tab, built when first shown (pyqtgraph) ------------------------------------------------------

    def _on_tab(self, index: int) -> None:
        if index != 1 or self.sides[0].filters is not None:
            return
        filters_panel = plotting_panels()[1]
        for side in self.sides:
            panel = filters_panel()
            panel.setObjectName(f"compareFiltersPanel{'AB'[side.index]}")
            column = QWidget()
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            column_layout.addWidget(QLabel(side.title.text()))
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setWidget(panel)
            column_layout.addWidget(scroller, 1)
            self._filters_page.addWidget(column)
            side.filters = panel
            if side.info is not None:
                panel.show_weights(side.info.weights)
            panel.show_prediction(0, side.prediction)
        first, second = (side.filters.tabs for side in self.sides)  # Filters or Feature maps: both at once
        first.currentChanged.connect(second.setCurrentIndex)
        second.currentChanged.connect(first.setCurrentIndex)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrow (beside the canvas on a small screen): the gallery goes under the bars instead of beside them."""
        super().resizeEvent(event)
        wanted = Qt.Orientation.Horizontal if self.width() >= WIDE else Qt.Orientation.Vertical
        if self.answers_splitter.orientation() != wanted:
            self.answers_splitter.setOrientation(wanted)
            half = self.answers_splitter.height() // 2 if wanted == Qt.Orientation.Vertical else 340
            self.answers_splitter.setSizes([half, 10_000])

    # --- closing --------------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def stop(self) -> None:
        """Stop following the canvas and end the background work (returns at once)."""
        if self._stopped:
            return
        self._stopped = True
        self._follow.stop()
        for signal, slot in (
            (self._canvas.imageChanged, self.service.request),
            (self._canvas.undo_stack.indexChanged, self._follow.start),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.service.stop()
