"""The Training dock's results tabs: Per digit, Confusion and Mistakes, and the corner label saying whose they are.

They show how one set of weights does on the 10,000 test digits: a run's latest epoch, the weights in use (evaluated
in the background), or a moment the time machine scrubbed to. The training panel owns them and adds them to its
tab widget after Curves; what fills them comes from the panel, the window and the time machine bar.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QTabWidget, QVBoxLayout, QWidget

from lenet_gui.ui import plots
from lenet_gui.ui.images import gray_to_qimage
from lenet_gui.ui.result_charts import (
    CellLabels,
    EmptyHint,
    fit_gallery,
    mistake_caption,
    mistakes_legend,
    percent_ticks,
)
from lenet_gui.ui.run_controls import describe


class ResultsTabs(QObject):
    """Per digit, Confusion and Mistakes as tabs of ``charts``; ``results_shown`` says whether they hold results
    (of a run or of the weights in use) rather than a sentence about what will fill them."""

    confusionCellClicked = Signal(int, int)  # true digit, predicted digit: a cell of the confusion matrix clicked
    resultsWanted = Signal()  # one of these tabs is on screen: fill it if you can

    def __init__(self, charts: QTabWidget, palette: QPalette, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results_shown = False
        self._charts = charts
        self._build_per_class(palette)
        self._build_confusion(palette)
        pages = (self.per_class, self.confusion, self._build_mistakes())
        names = (self.tr("Per digit"), self.tr("Confusion"), self.tr("Mistakes"))
        tips = (
            self.tr("Test accuracy per digit"),
            self.tr("Which digits are confused with which"),
            self.tr("Misclassified test digits"),
        )
        for page, name, tip in zip(pages, names, tips, strict=True):
            charts.setTabToolTip(charts.addTab(page, name), tip)
        self.results_source = QLabel("", charts)
        self.results_source.setObjectName("resultsSource")
        self.results_source.setContentsMargins(0, 0, 6, 2)
        describe(self.results_source, self.tr("Whose results"), self.tr("Which weights the results tabs show"))
        charts.setCornerWidget(self.results_source, Qt.Corner.TopRightCorner)
        self._pages = pages
        charts.currentChanged.connect(self._on_tab)

    # --- construction ---------------------------------------------------------------------------------------

    def _build_per_class(self, palette: QPalette) -> None:
        self.per_class = pg.PlotWidget()
        self.per_class.setObjectName("perClass")
        self.per_class.setAccessibleName(self.tr("Per-class test accuracy"))
        self.per_class.setToolTip(self.tr("Test accuracy for each digit after the last epoch"))
        plots.theme(self.per_class, palette)
        plot = self.per_class.getPlotItem()
        plots.style_plot(plot, palette, title=self.tr("Test accuracy per digit (%)"), bottom=self.tr("digit"))
        plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        self.per_class_bars = pg.BarGraphItem(
            x=np.arange(10), height=np.zeros(10), width=0.7, brush=plots.accent(palette)
        )
        plot.addItem(self.per_class_bars)
        text = palette.color(QPalette.ColorRole.Text)
        self.per_class_text: list[pg.TextItem] = []
        for digit in range(10):
            label = pg.TextItem("", color=text, anchor=(0.5, 1.0))
            label.setPos(digit, 0)
            plot.addItem(label)
            self.per_class_text.append(label)
        plot.setYRange(0, 105)
        self.per_class_hint = EmptyHint(self.per_class, "perClassHint")
        plots.adopt_menus(self.per_class)

    def _build_confusion(self, palette: QPalette) -> None:
        self.confusion = pg.GraphicsLayoutWidget()
        self.confusion.setObjectName("confusion")
        self.confusion.setAccessibleName(self.tr("Confusion matrix"))
        self.confusion.setToolTip(self.tr("Rows: true digit, columns: predicted digit, after the last epoch"))
        plots.theme(self.confusion, palette)
        cplot = self.confusion.addPlot()
        plots.style_plot(cplot, palette, title=self.tr("Confusion matrix (rows: true, columns: predicted)"))
        cplot.invertY(True)
        cplot.setAspectLocked(True)
        cplot.setMouseEnabled(False, False)
        cplot.hideButtons()
        cplot.setMenuEnabled(False)
        ticks = [[(i + 0.5, str(i)) for i in range(10)]]
        cplot.getAxis("bottom").setTicks(ticks)
        cplot.getAxis("left").setTicks(ticks)
        self.confusion_image = pg.ImageItem()
        self.confusion_image.setColorMap(plots.colormap("CET-L17") if "CET-L17" in pg.colormap.listMaps() else None)
        cplot.addItem(self.confusion_image)
        self.confusion_text: list[pg.TextItem] = []
        for true in range(10):
            for predicted in range(10):
                label = pg.TextItem("", color=(0, 0, 0), anchor=(0.5, 0.5))
                label.setPos(predicted + 0.5, true + 0.5)
                cplot.addItem(label)
                self.confusion_text.append(label)
        cplot.getViewBox().setDefaultPadding(0.0)  # the matrix, not a margin around it
        self.confusion_labels = CellLabels(cplot.getViewBox(), self.confusion_text)
        self.confusion_hint = EmptyHint(self.confusion, "confusionHint")
        self._confusion_plot = cplot
        self.confusion.scene().sigMouseClicked.connect(self._on_confusion_clicked)
        plots.adopt_menus(self.confusion)

    def _build_mistakes(self) -> QWidget:
        self.gallery = QListWidget()
        self.gallery.setObjectName("mistakes")
        self.gallery.setAccessibleName(self.tr("Misclassified test digits"))
        self.gallery.setToolTip(self.tr("The test digits the network got wrong most confidently: true → said"))
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(56, 56))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setSpacing(4)
        self.gallery.setUniformItemSizes(True)
        page = QWidget()
        self.mistakes_legend = QLabel(mistakes_legend(), page)
        self.mistakes_legend.setObjectName("mistakesLegend")
        self.mistakes_legend.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.mistakes_legend)
        layout.addWidget(self.gallery, 1)
        self.mistakes_hint = EmptyHint(page, "mistakesHint")
        return page

    def _on_tab(self, index: int) -> None:
        if self._charts.widget(index) in self._pages:
            self.resultsWanted.emit()

    # --- what fills them ------------------------------------------------------------------------------------

    def show_epoch(self, event: Any) -> None:
        """A run's epoch just ended (core's ``EpochEnd``): its results, Confusion and Mistakes each in a later turn
        of the event loop, so the window keeps responding between the redraws."""
        self._results_from(self._epoch_source(event))
        confusion = np.asarray(event.confusion)
        self._show_per_class(np.asarray(event.per_class_accuracy, dtype=np.float64))
        QTimer.singleShot(0, self, lambda: self._show_confusion(confusion))
        QTimer.singleShot(0, self, lambda: self._show_mistakes(event.misclassified))

    def show_weights_results(self, result: Any) -> None:
        """The weights in use, evaluated on the test digits (``per_class_accuracy``, ``confusion``,
        ``misclassified`` and ``accuracy`` as core's evaluation has them), while no run is showing its own."""
        self._results_from(self.tr("Weights in use: {test}%").format(test=f"{result.accuracy * 100:.2f}"))
        self._show_per_class(np.asarray(result.per_class_accuracy, dtype=np.float64))
        self._show_confusion(np.asarray(result.confusion))
        self._show_mistakes(result.misclassified)

    def show_results_hint(self, text: str) -> None:
        """Nothing to show in Per digit, Confusion and Mistakes: say what will fill them instead."""
        self.results_shown = False
        self.results_source.setText("")
        for hint in (self.per_class_hint, self.confusion_hint, self.mistakes_hint):
            hint.say(text)

    def show_moment_results(self, per_class: np.ndarray, confusion: np.ndarray, source: str) -> None:
        """Per digit and Confusion as a moment of the run had them (its latest epoch end); its mistakes are not
        kept, so that tab says so (the time machine bar drives this)."""
        self._results_from(source)
        self._show_per_class(np.asarray(per_class, dtype=np.float64))
        self._show_confusion(np.asarray(confusion))
        self.gallery.clear()
        self.mistakes_hint.say(self.tr("The mistakes are shown for the last epoch only: go back to Now."))

    def show_last_epoch(self, event: Any) -> None:
        """Back to now after scrubbing a run still offered: its last epoch's results, mistakes included."""
        self._results_from(self._epoch_source(event))
        self._show_per_class(np.asarray(event.per_class_accuracy, dtype=np.float64))
        self._show_confusion(np.asarray(event.confusion))
        self._show_mistakes(event.misclassified)

    def clear(self) -> None:
        """No per-digit accuracy, confusion or mistakes (of weights that are not the ones in use)."""
        self.per_class_bars.setOpts(height=np.zeros(10))
        for label in (*self.per_class_text, *self.confusion_text):
            label.setText("")
        self.confusion_image.clear()
        self.gallery.clear()

    def _epoch_source(self, event: Any) -> str:
        return self.tr("Epoch {epoch} of this run: {test}%").format(
            epoch=event.epoch, test=f"{event.test_accuracy * 100:.2f}"
        )

    def _results_from(self, source: str) -> None:
        self.results_shown = True
        self.results_source.setText(source)

    def _show_per_class(self, accuracy: np.ndarray) -> None:
        self.per_class_hint.clear()
        heights = np.nan_to_num(accuracy * 100.0)
        self.per_class_bars.setOpts(height=heights)
        low = min(max(0.0, float(heights.min()) - 5.0) if heights.size else 0.0, 90.0)
        plot = self.per_class.getPlotItem()
        # Room above 100 for the labels over the bars, but ticks only up to 100 (no "101").
        plot.getAxis("left").setTicks([percent_ticks(low)])
        plot.setYRange(low, 100.0 + (100.0 - low) * 0.07, padding=0)
        for digit, label in enumerate(self.per_class_text):
            label.setText(f"{heights[digit]:.1f}")
            label.setPos(digit, heights[digit])

    def _on_confusion_clicked(self, event: Any) -> None:
        """A click on a cell says which (true, predicted) pair it is (the Poke view lists those test digits)."""
        position = event.scenePos()
        if not self._confusion_plot.sceneBoundingRect().contains(position):
            return
        point = self._confusion_plot.vb.mapSceneToView(position)
        predicted, true = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= true < 10 and 0 <= predicted < 10:
            self.confusionCellClicked.emit(true, predicted)

    def _show_confusion(self, confusion: np.ndarray) -> None:
        self.confusion_hint.clear()
        shown = np.log1p(confusion.astype(np.float32))
        self.confusion_image.setImage(shown, levels=(0.0, max(float(shown.max()), 1.0)))
        self.confusion_image.setRect(0, 0, 10, 10)
        self._label_confusion_rows(confusion, shown, 0)

    def _label_confusion_rows(self, confusion: np.ndarray, shown: np.ndarray, first: int) -> None:
        """Two rows of the hundred count labels per turn of the event loop: all at once held the GUI thread for
        the length of a visible stutter while training (issue 16.7)."""
        peak = max(float(shown.max()), 1.0)
        for true in range(first, min(first + 2, 10)):
            for predicted in range(10):
                label = self.confusion_text[true * 10 + predicted]
                count = int(confusion[true, predicted])
                label.setText(str(count) if count else "")
                label.setColor((255, 255, 255) if shown[true, predicted] > 0.55 * peak else (20, 20, 20))
        if first + 2 < 10:
            QTimer.singleShot(0, self, lambda: self._label_confusion_rows(confusion, shown, first + 2))
        else:
            self.confusion_labels.fit()  # the counts' widths changed: the font that fits may too

    def _show_mistakes(self, mistakes: Any) -> None:
        self.mistakes_hint.clear()
        self.gallery.clear()
        for mistake in mistakes:
            pixmap = QPixmap.fromImage(gray_to_qimage(mistake.pixels)).scaled(56, 56)
            item = QListWidgetItem(QIcon(pixmap), mistake_caption(mistake.label, mistake.predicted, mistake.confidence))
            item.setToolTip(
                self.tr("Test digit #{index}: a {label}, read as {predicted} with {percent}% confidence").format(
                    index=mistake.index,
                    label=mistake.label,
                    predicted=mistake.predicted,
                    percent=f"{mistake.confidence * 100:.0f}",
                )
            )
            self.gallery.addItem(item)
        fit_gallery(self.gallery, 56)
