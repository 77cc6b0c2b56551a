"""The Explain panel: which method, for which digit, against which digit, and how strongly to show it (issue 12).

"Why did it say 7?": the map goes over the canvas (``ExplainOverlay``). When the network hedges between two digits
the panel offers the contrast that answers it, "why 4 rather than 9" (the difference of the two logits), because
that is what "not sure" needs. The numbers come from ``ExplainService`` off the GUI thread; this widget only sends
settings and paints numpy arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.confidence import Kind, read_probabilities
from lenet_gui.ui.explain_overlay import AGAINST_COLOUR, DEFAULT_OPACITY, FOR_COLOUR, ExplainOverlay
from lenet_gui.ui.poke_widgets import describe

METHODS = ("saliency", "integrated-gradients", "occlusion", "grad-cam")


def hedged_pair(probabilities: np.ndarray) -> tuple[int, int] | None:
    """(top, runner-up) when two digits really compete (core.confidence's "two-way"), else None: a sure reading
    needs no contrast, and on a scribble "why 0 rather than 9" would explain a coin toss."""
    reading = read_probabilities(probabilities)
    return (reading.digit, reading.runner_up) if reading.kind is Kind.TWO_WAY else None


class ExplainPanel(QWidget):
    """Controls for the explanation overlay, a legend, and the "why A rather than B" offer."""

    def __init__(self, service: Any, overlay: ExplainOverlay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainPanel")
        self._service = service
        self._overlay = overlay
        self._pair: tuple[int, int] | None = None
        self.last_result: Any = None

        self.toggle = QCheckBox(self.tr("Show why on the canvas"))
        self.toggle.setObjectName("explainToggle")
        self.toggle.setToolTip(self.tr("Colour the drawing by how much each part made the network decide"))
        self.method = QComboBox()
        self.method.setObjectName("explainMethod")
        for key, text in zip(
            METHODS,
            (self.tr("Saliency"), self.tr("Integrated gradients"), self.tr("Occlusion"), self.tr("Grad-CAM")),
            strict=True,
        ):
            self.method.addItem(text, key)
        self.target = QComboBox()
        self.target.setObjectName("explainTarget")
        self.target.addItem(self.tr("The predicted digit"), None)
        self.contrast = QComboBox()
        self.contrast.setObjectName("explainContrast")
        self.contrast.addItem(self.tr("No other digit"), None)
        for digit in range(10):
            self.target.addItem(str(digit), digit)
            self.contrast.addItem(str(digit), digit)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setObjectName("explainOpacity")
        self.opacity.setRange(0, 100)
        self.opacity.setValue(round(DEFAULT_OPACITY * 100))
        self.opacity.setAccessibleName(self.tr("Overlay opacity"))
        self.suggestion = QPushButton()
        self.suggestion.setObjectName("explainSuggestion")
        self.suggestion.hide()
        self.legend = QLabel(
            self.tr(
                '<span style="color:rgb{red}">■</span> red: speaks for the digit &nbsp; '
                '<span style="color:rgb{blue}">■</span> blue: speaks against it'
            ).format(red=FOR_COLOUR, blue=AGAINST_COLOUR)
        )
        self.legend.setObjectName("explainLegend")
        self.summary = QLabel(self.tr("Draw a digit, then tick the box to see why the network says what it says."))
        self.summary.setObjectName("explainSummary")
        self.summary.setWordWrap(True)

        describe(self.toggle, self.tr("Show why on the canvas"), self.toggle.toolTip())
        describe(self.method, self.tr("Explanation method"), self.tr("How the map is computed (see the README)"))
        describe(
            self.target, self.tr("Digit to explain"), self.tr("Explain the predicted digit, or any digit you pick")
        )
        describe(self.contrast, self.tr("Rather than digit"), self.tr("Show what separates the digit from this one"))
        describe(self.opacity, self.tr("Overlay opacity"), self.tr("How strongly the map covers the drawing"))
        describe(self.suggestion, self.tr("Explain the hesitation"), self.tr("Show what separates the two candidates"))
        form = QFormLayout()
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Why"), self.target)
        form.addRow(self.tr("Rather than"), self.contrast)
        form.addRow(self.tr("Opacity"), self.opacity)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toggle)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.legend)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.summary)
        layout.addStretch(1)

        self.toggle.toggled.connect(self._on_settings)
        self.method.currentIndexChanged.connect(self._on_settings)
        self.target.currentIndexChanged.connect(self._on_settings)
        self.contrast.currentIndexChanged.connect(self._on_settings)
        self.opacity.valueChanged.connect(lambda value: overlay.set_opacity(value / 100.0))
        self.suggestion.clicked.connect(self._on_suggestion)
        service.explained.connect(self._on_explained)
        service.poked.connect(self._on_poked)

    def contrast_pair(self) -> tuple[int, int] | None:
        """The (top, runner-up) the panel offers to separate, when the network is not sure."""
        return self._pair

    def _on_settings(self) -> None:
        on = self.toggle.isChecked()
        self._overlay.setVisible(on)
        target, contrast = self.target.currentData(), self.contrast.currentData()
        if contrast is not None and contrast == target:
            self.summary.setText(self.tr("Choose another digit to compare with: a digit against itself says nothing."))
            return
        self._service.set_explaining(on, self.method.currentData(), target, contrast)

    def _on_suggestion(self) -> None:
        if self._pair is None:
            return
        top, second = self._pair
        for combo, digit in ((self.target, top), (self.contrast, second)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(digit))
            combo.blockSignals(False)
        self.toggle.setChecked(True)
        self._on_settings()

    def _on_poked(self, result: Any) -> None:
        """Every drawing's probabilities pass through here too: offer the contrast when the network hedges."""
        if result is None or result.silence or result.edited:
            self._pair = None if result is None else self._pair
            self.suggestion.setVisible(self._pair is not None)
            return
        self._pair = hedged_pair(result.probabilities)
        if self._pair is not None:
            top, second = self._pair
            self.suggestion.setText(
                self.tr("Not sure between {a} and {b}: show what makes it {a} rather than {b}").format(a=top, b=second)
            )
        self.suggestion.setVisible(self._pair is not None)

    def _on_explained(self, result: Any) -> None:
        self.last_result = result
        if result is None:
            self._overlay.set_map(None, None)
            self.summary.setText(self.tr("Nothing drawn, nothing to explain."))
            return
        if not self.toggle.isChecked():
            return
        self._overlay.set_map(result.pixel_map, result.placement)
        explanation = result.explanation
        if explanation.contrast is None:
            text = self.tr("Why {t}: red makes it {t}, blue speaks against {t}.")
        else:
            text = self.tr("Why {t} rather than {c}: red makes it {t}, blue makes it {c}.")
        text = text.format(t=explanation.target, c=explanation.contrast)
        timing = self.tr(" {method}, {ms:.0f} ms.").format(method=self.method.currentText(), ms=result.seconds * 1000)
        self.summary.setText(text + timing)
