"""The Poke view: "what if…" on your own drawing (issue 12).

On top, always: your drawing's probabilities and conv1/conv2 feature maps through the poked network (the outlines
are the intact network's). Below, tabs: silence units and see the test accuracy without them, rank the 22 conv
filters; paint a conv1 kernel (``kernel_editor``); "make it a …" (``make_it_view``); what each unit looks for
(``look_for_view``); the test digits behind a confusion-matrix cell (``confusion_gallery``).

Silencing sets a unit's output to 0 after its ReLU and leaves the weights alone. Everything is computed by
``ExplainService`` off the GUI thread; the accuracy and the ranking are background evaluations with progress, the
newest replacing one still running.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.confusion_gallery import ConfusionGallery
from lenet_gui.ui.kernel_editor import KernelEditor
from lenet_gui.ui.look_for_view import LookForView
from lenet_gui.ui.make_it_view import MakeItView
from lenet_gui.ui.on_screen import OnScreenWatch, on_screen
from lenet_gui.ui.poke_widgets import MapStrip, ProbabilityBars, RankChart, describe

UNITS = {"conv1": 6, "conv2": 16, "fc1": 120, "fc2": 84}


class PokeView(QWidget):
    """Silence, edit, nudge and inspect the network on the current drawing."""

    putOnCanvas = Signal(object)  # float (H, W) 0..1 dark on light: a picture for the canvas

    def __init__(self, service: Any, runs: Any, inference: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pokeView")
        self._service = service
        self._silence: dict[str, set[int]] = {layer: set() for layer in UNITS}
        self._accuracy_worker: Any = None
        self._ranking_worker: Any = None
        self.last_result: Any = None
        self._unpainted = False  # last_result arrived while the view was off screen
        OnScreenWatch(self, self._paint_if_unpainted)
        self.intact_accuracy: float | None = None
        self.last_accuracy: float | None = None

        self.bars = ProbabilityBars()
        self.conv1_maps = MapStrip(40)
        self.conv2_maps = MapStrip(26)
        self.verdict = QLabel(self.tr("Draw a digit to poke the network with it."))
        self.verdict.setObjectName("pokeVerdict")
        self.verdict.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_silence_tab(), self.tr("Silence"))
        self.kernel_editor = KernelEditor(service, runs, inference)
        self.tabs.addTab(self.kernel_editor, self.tr("Edit a kernel"))
        self.make_it = MakeItView(service)
        self.make_it.putOnCanvas.connect(self.putOnCanvas)
        self.tabs.addTab(self.make_it, self.tr("Make it a…"))
        self.look_for = LookForView(service)
        self.tabs.addTab(self.look_for, self.tr("Looks for"))
        self.confusion = ConfusionGallery(service)
        self.confusion.putOnCanvas.connect(self.putOnCanvas)
        self.tabs.addTab(self.confusion, self.tr("Confusions"))

        top = QVBoxLayout()
        top.addWidget(self.verdict)
        top.addWidget(self.bars)
        top.addWidget(QLabel(self.tr("conv1 maps (6)")))
        top.addWidget(self.conv1_maps)
        top.addWidget(QLabel(self.tr("conv2 maps (16)")))
        top.addWidget(self.conv2_maps)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        service.poked.connect(self._on_poked)
        service.weightsChanged.connect(self._on_weights_changed)

    # --- silence tab --------------------------------------------------------------------------------------------

    def _build_silence_tab(self) -> QWidget:
        page = QWidget()
        self.unit_buttons: dict[tuple[str, int], QToolButton] = {}
        grid = QGridLayout()
        for layer, count, first_row in (("conv1", 6, 0), ("conv2", 16, 1)):
            grid.addWidget(QLabel(layer), first_row, 0)
            for index in range(count):
                row, column = first_row + index // 8, index % 8
                button = QToolButton()
                button.setObjectName(f"silence_{layer}_{index}")
                button.setText(str(index))
                button.setCheckable(True)
                button.setAccessibleName(self.tr("Silence {layer} filter {index}").format(layer=layer, index=index))
                button.setToolTip(
                    self.tr("Silence {layer} filter {index} (its output becomes 0)").format(layer=layer, index=index)
                )
                button.toggled.connect(lambda on, layer=layer, index=index: self._set_unit(layer, index, on))
                grid.addWidget(button, row, column + 1)
                self.unit_buttons[(layer, index)] = button
        grid.setColumnStretch(9, 1)  # the buttons stay together at the left
        self.fc_layer = QComboBox()
        self.fc_layer.addItems(["fc1", "fc2"])
        self.fc_unit = QSpinBox()
        self.fc_layer.currentTextChanged.connect(lambda layer: self.fc_unit.setMaximum(UNITS[layer] - 1))
        self.fc_unit.setMaximum(UNITS["fc1"] - 1)
        self.fc_button = QPushButton(self.tr("Silence or restore this unit"))
        self.fc_button.clicked.connect(self._toggle_fc)
        fc_row = QHBoxLayout()
        for widget in (QLabel(self.tr("Unit")), self.fc_layer, self.fc_unit, self.fc_button):
            fc_row.addWidget(widget)
        fc_row.addStretch(1)
        describe(self.fc_layer, self.tr("Fully connected layer"), self.tr("The layer of the unit to silence"))
        describe(self.fc_unit, self.tr("Unit number"), self.tr("The unit of that layer to silence"))
        describe(self.fc_button, self.tr("Silence or restore the unit"), self.tr("Silence this unit, or give it back"))
        self.restore_button = QPushButton(self.tr("Restore all"))
        self.restore_button.setObjectName("restoreAll")
        self.restore_button.clicked.connect(self.restore_all)
        describe(self.restore_button, self.tr("Restore all"), self.tr("Give every silenced unit its output back"))
        self.silenced_label = QLabel(self.tr("Nothing silenced: click a filter."))
        self.silenced_label.setWordWrap(True)
        self.accuracy_label = QLabel()
        self.accuracy_label.setObjectName("silenceAccuracy")
        self.accuracy_label.setWordWrap(True)
        self.accuracy_progress = QProgressBar()
        self.accuracy_progress.hide()
        self.rank_button = QPushButton(self.tr("Rank all 22 conv filters by importance"))
        self.rank_button.setObjectName("rankFilters")
        self.rank_button.clicked.connect(self.rank)
        describe(self.rank_button, self.tr("Rank filters"), self.tr("Silence each conv filter alone; measure the loss"))
        self.rank_progress = QProgressBar()
        self.rank_progress.hide()
        self.rank_chart = RankChart()
        self.rank_label = QLabel(self.tr("How much test accuracy each filter alone is worth (2,000 test digits)."))
        self.rank_label.setWordWrap(True)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(grid)
        layout.addLayout(fc_row)
        silenced_row = QHBoxLayout()
        silenced_row.addWidget(self.silenced_label, 1)
        silenced_row.addWidget(self.restore_button)
        layout.addLayout(silenced_row)
        layout.addWidget(self.accuracy_label)
        layout.addWidget(self.accuracy_progress)
        layout.addWidget(self.rank_button)
        layout.addWidget(self.rank_progress)
        layout.addWidget(self.rank_label)
        layout.addWidget(self.rank_chart)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return page

    def silence(self) -> dict[str, tuple[int, ...]]:
        return {layer: tuple(sorted(units)) for layer, units in self._silence.items() if units}

    def restore_all(self) -> None:
        for button in self.unit_buttons.values():
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
        self._silence = {layer: set() for layer in UNITS}
        self._changed()

    def _toggle_fc(self) -> None:
        layer, index = self.fc_layer.currentText(), self.fc_unit.value()
        self._set_unit(layer, index, index not in self._silence[layer])

    def _set_unit(self, layer: str, index: int, on: bool) -> None:
        (self._silence[layer].add if on else self._silence[layer].discard)(index)
        self._changed()

    def _changed(self) -> None:
        silence = self.silence()
        self._service.set_silence(silence)
        if silence:
            names = ", ".join(f"{layer}:{unit}" for layer, units in silence.items() for unit in units)
            self.silenced_label.setText(self.tr("Silenced: {units}.").format(units=names))
        else:
            self.silenced_label.setText(self.tr("Nothing silenced: click a filter."))
        self.measure_accuracy()

    def measure_accuracy(self) -> None:
        """Test accuracy with the silenced units (and the painted kernel), in the background; newest wins."""
        if self._accuracy_worker is not None:
            self._accuracy_worker.stop()
        if self._service.state is None:
            return
        silence = self.silence()
        worker = self._service.accuracy(silence)
        self._accuracy_worker = worker
        self.accuracy_progress.setValue(0)
        self.accuracy_progress.show()
        self.accuracy_label.setText(self.tr("Measuring the test accuracy on 2,000 digits…"))
        worker.yielded.connect(lambda p: self.accuracy_progress.setValue(round(100 * p.done / p.total)))
        worker.returned.connect(lambda values: self._on_accuracy(worker, silence, values))
        worker.errored.connect(lambda error: self._on_accuracy_failed(worker, error))
        worker.start()

    def _on_accuracy(self, worker: Any, silence: dict[str, tuple[int, ...]], values: Any) -> None:
        if worker is not self._accuracy_worker or values is None:
            return
        self.accuracy_progress.hide()
        value, self.intact_accuracy = values
        self.last_accuracy = value
        if not silence and self._service.edit is None:
            self.accuracy_label.setText(self.tr("Test accuracy: {a:.1f}% on 2,000 digits.").format(a=value * 100))
            return
        intact = (
            "" if self.intact_accuracy is None else self.tr(" (intact: {a:.1f}%)").format(a=self.intact_accuracy * 100)
        )
        self.accuracy_label.setText(
            self.tr("Test accuracy without them: {a:.1f}%{intact} on 2,000 digits.").format(
                a=value * 100, intact=intact
            )
        )

    def _on_accuracy_failed(self, worker: Any, error: BaseException) -> None:
        if worker is self._accuracy_worker:
            self.accuracy_progress.hide()
            self.accuracy_label.setText(self.tr("The test accuracy could not be measured: {why}").format(why=error))

    def rank(self) -> None:
        if self._ranking_worker is not None:
            self._ranking_worker.stop()
        if self._service.state is None:
            return
        worker = self._service.rank_filters()
        self._ranking_worker = worker
        self.rank_button.setEnabled(False)
        self.rank_progress.setValue(0)
        self.rank_progress.show()
        worker.yielded.connect(lambda p: self.rank_progress.setValue(round(100 * p.done / p.total)))
        worker.returned.connect(lambda ranking: self._on_ranked(worker, ranking))
        worker.finished.connect(lambda: self.rank_button.setEnabled(True))
        worker.errored.connect(
            lambda error: self.rank_label.setText(self.tr("Could not rank: {why}").format(why=error))
        )
        worker.start()

    def _on_ranked(self, worker: Any, ranking: Any) -> None:
        if worker is not self._ranking_worker or ranking is None:
            return
        self.rank_progress.hide()
        self.ranking = ranking
        self.rank_chart.set_bars([(f"{f.layer}:{f.index}", f.drop) for f in ranking])
        best = ranking[0]
        self.rank_label.setText(
            self.tr("Silencing {name} alone costs the most: {drop:.1f} points of test accuracy.").format(
                name=f"{best.layer}:{best.index}", drop=best.drop * 100
            )
        )

    # --- results ------------------------------------------------------------------------------------------------

    def _on_poked(self, result: Any) -> None:
        """Every drawing is poked, the view hidden or not; it paints only while on screen (issue 16.7: two dozen
        map pictures per mouse move, behind another tab, took GUI time from the window in view)."""
        self.last_result = result
        self._unpainted = True
        if on_screen(self):
            self._paint_result()

    def _paint_if_unpainted(self) -> None:
        if self._unpainted:
            self._paint_result()

    def _paint_result(self) -> None:
        self._unpainted = False
        result = self.last_result
        if result is None:
            self.bars.set_probabilities(None)
            self.verdict.setText(self.tr("Draw a digit to poke the network with it."))
            return
        changed = bool(result.silence) or result.edited
        self.bars.set_probabilities(result.probabilities, result.intact if changed else None)
        self.conv1_maps.set_maps(result.conv1, result.silence.get("conv1", ()))
        self.conv2_maps.set_maps(result.conv2, result.silence.get("conv2", ()))
        digit, was = int(result.probabilities.argmax()), int(result.intact.argmax())
        percent = float(result.probabilities.max()) * 100
        if not changed:
            text = self.tr("The network says {d} ({p:.0f}%).").format(d=digit, p=percent)
        elif digit == was:
            text = self.tr("Still {d} ({p:.0f}%); the outlines show the intact network.").format(d=digit, p=percent)
        else:
            text = self.tr("Now it says {d} ({p:.0f}%) instead of {w}.").format(d=digit, p=percent, w=was)
        self.verdict.setText(text)

    def _on_weights_changed(self) -> None:
        self.intact_accuracy = None

    def stop(self) -> None:
        for worker in (self._accuracy_worker, self._ranking_worker):
            if worker is not None:
                worker.stop()
        self.look_for.stop()
        self.confusion.stop()
