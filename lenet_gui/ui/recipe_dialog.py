"""Training ▸ Recipe…: the whole recipe behind the Train button, with what the augmentation does and the command line.

The training panel keeps the simple choices (epochs, batch, learning rate, optimizer, augmentation on/off); this
dialog adds the rest the CLI accepts, grouped: schedule and regularization, seed and device, the augmentation's
knobs. Sixteen training digits show, as the settings distort them, refreshed a moment after a knob moves (computed
on a worker with the very function training uses). The equivalent ``lenet-gui train …`` line is under it, copyable,
so a run made here can be repeated in a terminal.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.config import DEVICE_CHOICES, FAST, Augmentation
from lenet_gui.core.recipe_command import command_line
from lenet_gui.ui.dock_layout import fit_to_screen
from lenet_gui.ui.images import gray_to_qimage
from lenet_gui.ui.run_controls import describe
from lenet_gui.ui.view_models import TrainingSettings
from lenet_gui.ui.workers.recipe_preview import AugmentationPreview

PREVIEW_DELAY_MS = 150  # a knob being dragged recomputes the preview once it rests this long
PREVIEW_CELL = 56
DIALOG_SIZE = (860, 640)
DEFAULT_AUGMENTATION = FAST.augmentation


def _spin(parent: QWidget, low: float, high: float, step: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    return spin


class RecipeDialog(QDialog):
    """Edit a ``TrainingSettings``; ``settings()`` is the result (read it after ``accepted``)."""

    def __init__(
        self, settings: TrainingSettings, parent: QWidget | None = None, *, preview: AugmentationPreview | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recipeDialog")
        self.setWindowTitle(self.tr("Training recipe"))
        self._base = settings
        self._sample = 0
        self.preview = preview or AugmentationPreview(self)
        self.preview.ready.connect(self._show_preview)
        self.preview.failed.connect(lambda why: self.preview_note.setText(why))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._request_preview)

        body = QWidget(self)
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        left.addWidget(self._build_run_box(settings))
        left.addWidget(self._build_augmentation_box(settings))
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self._build_preview_box(), 1)
        scroll = QScrollArea(self)  # small screens scroll rather than clip
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        self.command = QPlainTextEdit(self)  # wrapped, so the whole line is in view
        self.command.setObjectName("recipeCommand")
        self.command.setReadOnly(True)
        self.command.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.command.setFixedHeight(self.command.fontMetrics().lineSpacing() * 3 + 12)
        describe(self.command, self.tr("Command line"), self.tr("The same run from a terminal"))
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        describe(self.copy_button, self.tr("Copy the command line"), self.tr("Copy the command line to the clipboard"))
        self.copy_button.clicked.connect(self.copy_command)
        self.seed_note = QLabel(self)
        self.seed_note.setWordWrap(True)
        command_row = QHBoxLayout()
        command_row.addWidget(self.command, 1)
        command_row.addWidget(self.copy_button)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText(self.tr("&Fast recipe"))
        restore.setToolTip(self.tr("Back to the fast recipe of the Train button"))
        restore.clicked.connect(lambda: self.set_settings(TrainingSettings()))

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(self.tr("The same run from a terminal:"), self))
        layout.addLayout(command_row)
        layout.addWidget(self.seed_note)
        layout.addWidget(self.buttons)
        # A small screen gets a dialog that fits (its body scrolls).
        self.resize(fit_to_screen(QSize(*DIALOG_SIZE), self.screen().availableGeometry().size()))
        self._connect_changes()
        self._changed()

    # --- construction -------------------------------------------------------------------------------------------

    def _build_run_box(self, settings: TrainingSettings) -> QGroupBox:
        box = QGroupBox(self.tr("Run"), self)
        form = QFormLayout(box)
        self.epochs = QSpinBox(box)
        self.epochs.setRange(1, 100)
        describe(self.epochs, self.tr("Epochs"), self.tr("How many passes over the 60,000 training digits"))
        self.batch_size = QSpinBox(box)
        self.batch_size.setRange(8, 4096)
        describe(self.batch_size, self.tr("Batch size"), self.tr("Digits per weight update"))
        self.learning_rate = _spin(box, 0.0001, 2.0, 0.01, 4)
        describe(self.learning_rate, self.tr("Learning rate"), self.tr("The peak learning rate"))
        self.optimizer = QComboBox(box)
        self.optimizer.addItem(self.tr("SGD + momentum"), "sgd")
        self.optimizer.addItem(self.tr("Adam"), "adam")
        describe(self.optimizer, self.tr("Optimizer"), self.tr("SGD with Nesterov momentum, or Adam (AdamW)"))
        self.schedule = QComboBox(box)
        for key, text in (
            ("onecycle", self.tr("One cycle (up, then down)")),
            ("cosine", self.tr("Cosine (down)")),
            ("constant", self.tr("Constant")),
        ):
            self.schedule.addItem(text, key)
        describe(self.schedule, self.tr("Schedule"), self.tr("How the learning rate changes during the run"))
        self.weight_decay = _spin(box, 0.0, 0.1, 0.0001, 5)
        describe(self.weight_decay, self.tr("Weight decay"), self.tr("Pulls every weight a little towards 0 each step"))
        self.label_smoothing = _spin(box, 0.0, 0.5, 0.05, 2)
        describe(
            self.label_smoothing,
            self.tr("Label smoothing"),
            self.tr("Part of each target spread over the other nine digits: against overconfidence"),
        )
        self.fixed_seed = QCheckBox(self.tr("Same seed every run:"), box)
        self.seed = QSpinBox(box)
        self.seed.setRange(0, 2_147_483_647)
        describe(self.seed, self.tr("Seed"), self.tr("The same seed repeats a run exactly (on the same device)"))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.fixed_seed)
        seed_row.addWidget(self.seed, 1)
        self.device = QComboBox(box)
        names = (self.tr("Automatic (the GPU if there is one)"), self.tr("CPU"), self.tr("GPU (CUDA)"))
        for key, text in zip(DEVICE_CHOICES, names, strict=True):
            self.device.addItem(text, key)
        describe(self.device, self.tr("Device"), self.tr("Where training runs"))
        form.addRow(self.tr("&Epochs"), self.epochs)
        form.addRow(self.tr("&Batch size"), self.batch_size)
        form.addRow(self.tr("&Learning rate"), self.learning_rate)
        form.addRow(self.tr("&Optimizer"), self.optimizer)
        form.addRow(self.tr("Sc&hedule"), self.schedule)
        form.addRow(self.tr("&Weight decay"), self.weight_decay)
        form.addRow(self.tr("Label s&moothing"), self.label_smoothing)
        form.addRow(self.tr("Seed"), seed_row)
        form.addRow(self.tr("De&vice"), self.device)
        self._set_run_values(settings)
        return box

    def _build_augmentation_box(self, settings: TrainingSettings) -> QGroupBox:
        box = QGroupBox(self.tr("Augmentation"), self)
        form = QFormLayout(box)
        self.augment = QCheckBox(self.tr("Distort the training digits"), box)
        describe(self.augment, self.tr("Augmentation"), self.tr("Random distortions on every batch"))
        self.rotation = _spin(box, 0.0, 45.0, 1.0, 1, "°")
        describe(self.rotation, self.tr("Rotation"), self.tr("The largest rotation either way"))
        self.scale_low = _spin(box, 0.5, 1.0, 0.05, 2, "×")
        self.scale_high = _spin(box, 1.0, 1.6, 0.05, 2, "×")
        describe(self.scale_low, self.tr("Smallest size"), self.tr("The smallest size factor"))
        describe(self.scale_high, self.tr("Largest size"), self.tr("The largest size factor"))
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.scale_low)
        scale_row.addWidget(QLabel("–", box))
        scale_row.addWidget(self.scale_high)
        self.shift = _spin(box, 0.0, 6.0, 0.5, 1, self.tr(" px"))
        describe(self.shift, self.tr("Shift"), self.tr("The largest shift in each direction, in pixels"))
        self.shear = _spin(box, 0.0, 0.6, 0.05, 2)
        describe(self.shear, self.tr("Slant"), self.tr("The largest slant (tangent of the shear angle)"))
        self.elastic = _spin(box, 0.0, 3.0, 0.1, 1, self.tr(" px"))
        describe(self.elastic, self.tr("Warp"), self.tr("Size of smooth random warps, in pixels (0: none)"))
        self.stroke = _spin(box, 0.0, 1.0, 0.05, 2)
        describe(self.stroke, self.tr("Pen width"), self.tr("The share of digits drawn thicker or thinner"))
        form.addRow("", self.augment)
        form.addRow(self.tr("&Rotation"), self.rotation)
        form.addRow(self.tr("Si&ze"), scale_row)
        form.addRow(self.tr("S&hift"), self.shift)
        form.addRow(self.tr("S&lant"), self.shear)
        form.addRow(self.tr("&Warp"), self.elastic)
        form.addRow(self.tr("&Pen width"), self.stroke)
        self._set_augmentation_values(settings)
        return box

    def _build_preview_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("What training sees"), self)
        layout = QVBoxLayout(box)
        grid = QGridLayout()
        grid.setSpacing(4)
        self.cells: list[QLabel] = []
        for index in range(16):
            cell = QLabel(box)
            cell.setFixedSize(PREVIEW_CELL, PREVIEW_CELL)
            cell.setScaledContents(True)
            cell.setStyleSheet("background: black;")
            grid.addWidget(cell, index // 4, index % 4)
            self.cells.append(cell)
        layout.addLayout(grid)
        self.preview_note = QLabel(self.tr("Computing…"), box)
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        layout.addWidget(self.preview_note)
        self.resample_button = QPushButton(self.tr("Other digits"), box)
        describe(self.resample_button, self.tr("Other digits"), self.tr("Show sixteen other training digits"))
        self.resample_button.clicked.connect(self.resample)
        layout.addWidget(self.resample_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return box

    def _connect_changes(self) -> None:
        for spin in (self.epochs, self.batch_size, self.seed):
            spin.valueChanged.connect(self._changed)
        for box in (self.optimizer, self.schedule, self.device):
            box.currentIndexChanged.connect(self._changed)
        self.fixed_seed.toggled.connect(self._changed)
        for double in (self.learning_rate, self.weight_decay, self.label_smoothing):
            double.valueChanged.connect(self._changed)
        for knob in self._knobs():
            knob.valueChanged.connect(self._knob_moved)
        self.augment.toggled.connect(self._knob_moved)

    def _knobs(self) -> tuple[QDoubleSpinBox, ...]:
        return (self.rotation, self.scale_low, self.scale_high, self.shift, self.shear, self.elastic, self.stroke)

    # --- values -------------------------------------------------------------------------------------------------

    def _set_run_values(self, settings: TrainingSettings) -> None:
        self.epochs.setValue(settings.epochs)
        self.batch_size.setValue(settings.batch_size)
        self.learning_rate.setValue(settings.learning_rate)
        self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(settings.optimizer)))
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(settings.schedule)))
        self.weight_decay.setValue(settings.weight_decay)
        self.label_smoothing.setValue(settings.label_smoothing)
        self.fixed_seed.setChecked(settings.seed is not None)
        self.seed.setValue(settings.seed or 0)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))

    def _set_augmentation_values(self, settings: TrainingSettings) -> None:
        aug = settings.augmentation
        self.augment.setChecked(settings.augment)
        self.rotation.setValue(aug.rotation)
        self.scale_low.setValue(aug.scale[0])
        self.scale_high.setValue(aug.scale[1])
        self.shift.setValue(aug.shift)
        self.shear.setValue(aug.shear)
        self.elastic.setValue(aug.elastic)
        self.stroke.setValue(aug.stroke)

    def set_settings(self, settings: TrainingSettings) -> None:
        self._set_run_values(settings)
        self._set_augmentation_values(settings)
        self._knob_moved()

    def augmentation(self) -> Augmentation:
        return Augmentation(
            rotation=self.rotation.value(),
            scale=(self.scale_low.value(), self.scale_high.value()),
            shift=self.shift.value(),
            shear=self.shear.value(),
            elastic=self.elastic.value(),
            stroke=self.stroke.value(),
        )

    def settings(self) -> TrainingSettings:
        return replace(
            self._base,
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            learning_rate=self.learning_rate.value(),
            optimizer=str(self.optimizer.currentData()),
            augment=self.augment.isChecked(),
            schedule=self.schedule.currentData(),
            weight_decay=self.weight_decay.value(),
            label_smoothing=self.label_smoothing.value(),
            augmentation=self.augmentation(),
            seed=self.seed.value() if self.fixed_seed.isChecked() else None,
            device=str(self.device.currentData()),
        )

    # --- reactions ----------------------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.seed.setEnabled(self.fixed_seed.isChecked())
        for knob in self._knobs():
            knob.setEnabled(self.augment.isChecked())
        # Every value the fields allow is one a run can use (their ranges see to it), so there is nothing to refuse.
        self.command.setPlainText(command_line(self.settings().config()))
        self.seed_note.setText(
            ""
            if self.fixed_seed.isChecked()
            else self.tr(
                "Without a fixed seed every run in the app starts from other random numbers; the command line uses "
                "seed 0. Fix a seed to get the same run in both."
            )
        )

    def _knob_moved(self) -> None:
        self._changed()
        self._timer.start()

    def resample(self) -> None:
        self._sample += 1
        self._request_preview()

    def _request_preview(self) -> None:
        self.preview.show(self.augmentation() if self.augment.isChecked() else None, self._sample)

    def _show_preview(self, pixels: np.ndarray, real: bool) -> None:
        for cell, digit in zip(self.cells, pixels, strict=False):
            cell.setPixmap(QPixmap.fromImage(gray_to_qimage(digit)))
        self.last_preview = pixels
        source = self.tr("MNIST training digits") if real else self.tr("digits drawn from strokes (MNIST is missing)")
        if self.augment.isChecked():
            self.preview_note.setText(
                self.tr("{source}, as one batch of this recipe distorts them.").format(source=source)
            )
        else:
            self.preview_note.setText(self.tr("{source}, undistorted: augmentation is off.").format(source=source))

    def copy_command(self) -> None:
        QGuiApplication.clipboard().setText(self.command.toPlainText())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._request_preview()

    def done(self, result: int) -> None:
        self._timer.stop()
        self.preview.close()
        super().done(result)
