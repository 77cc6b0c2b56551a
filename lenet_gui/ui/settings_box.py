"""The Training dock's Settings box: epochs, batch size, learning rate, optimizer, augmentation, where to start from,
and the Recipe… editor for the rest of the recipe.

It only collects choices: ``settings()`` is the ``TrainingSettings`` the training panel asks the run coordinator to
train with. The panel owns it, beside its Run box, and locks its fields while a run is going on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lenet_gui.core.config import FAST, FAST_ADAM_LEARNING_RATE
from lenet_gui.ui.recipe_dialog import RecipeDialog
from lenet_gui.ui.run_controls import describe
from lenet_gui.ui.view_models import TrainingSettings

BATCH_SIZES = (32, 64, 128, 256, 512)
OPTIMIZERS = (("sgd", "SGD + momentum"), ("adam", "Adam"))
DEFAULT_RATES = {"sgd": FAST.learning_rate, "adam": FAST_ADAM_LEARNING_RATE}


class TrainingSettingsBox(QGroupBox):
    """The run's settings as fields, and the recipe editor's choices for what the fields do not show."""

    def _optimizer_label(self, key: str) -> str:
        return {"sgd": self.tr("SGD + momentum"), "adam": self.tr("Adam")}[key]

    def __init__(self, settings: TrainingSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Settings"), parent)
        form = QFormLayout(self)
        self.epochs = QSpinBox(self)
        self.epochs.setRange(1, 100)
        self.epochs.setValue(settings.epochs)
        describe(self.epochs, self.tr("Epochs"), self.tr("How many passes over the 60,000 training digits"))
        self.batch_size = QComboBox(self)
        for size in BATCH_SIZES:
            self.batch_size.addItem(str(size), size)
        self.batch_size.setCurrentIndex(max(0, self.batch_size.findData(settings.batch_size)))
        describe(self.batch_size, self.tr("Batch size"), self.tr("Digits per weight update"))
        self.learning_rate = QDoubleSpinBox(self)
        self.learning_rate.setDecimals(4)
        self.learning_rate.setRange(0.0001, 2.0)
        self.learning_rate.setSingleStep(0.01)
        self.learning_rate.setValue(settings.learning_rate)
        describe(self.learning_rate, self.tr("Learning rate"), self.tr("Peak learning rate of the one-cycle schedule"))
        self.optimizer = QComboBox(self)
        for key, _label in OPTIMIZERS:
            self.optimizer.addItem(self._optimizer_label(key), key)
        self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(settings.optimizer)))
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        describe(self.optimizer, self.tr("Optimizer"), self.tr("SGD with Nesterov momentum, or Adam (AdamW)"))
        self.augment = QCheckBox(self.tr("Augment (distort digits)"), self)
        self.augment.setChecked(settings.augment)
        describe(
            self.augment,
            self.tr("Augmentation"),
            self.tr("Random distortions that make MNIST look more like drawn digits"),
        )
        self.start_from = QComboBox(self)
        self.start_from.addItem(self.tr("Current weights"), True)
        self.start_from.addItem(self.tr("Scratch (random weights)"), False)
        self.start_from.setCurrentIndex(0 if settings.continue_from_current else 1)
        describe(
            self.start_from,
            self.tr("Start from"),
            self.tr("Continue from the weights in use, or start from random weights"),
        )
        form.addRow(self.tr("&Epochs"), self.epochs)
        form.addRow(self.tr("&Batch size"), self.batch_size)
        form.addRow(self.tr("&Learning rate"), self.learning_rate)
        form.addRow(self.tr("&Optimizer"), self.optimizer)
        self._recipe = settings  # what only the recipe editor changes (schedule, regularization, knobs, seed, device)
        self.recipe_button = QPushButton(self.tr("Recipe…"), self)
        self.recipe_button.setObjectName("recipeButton")
        describe(
            self.recipe_button,
            self.tr("Recipe"),
            self.tr("The whole recipe, a preview of the augmentation, and the same run as a command line"),
        )
        self.recipe_button.clicked.connect(self.open_recipe)
        self.recipe_dialog: RecipeDialog | None = None
        augment_row = QHBoxLayout()
        augment_row.addWidget(self.augment, 1)
        augment_row.addWidget(self.recipe_button)
        form.addRow("", augment_row)
        form.addRow(self.tr("Start &from"), self.start_from)

    def settings(self) -> TrainingSettings:
        return TrainingSettings(
            epochs=self.epochs.value(),
            batch_size=int(self.batch_size.currentData()),
            learning_rate=self.learning_rate.value(),
            optimizer=str(self.optimizer.currentData()),
            augment=self.augment.isChecked(),
            continue_from_current=bool(self.start_from.currentData()),
            schedule=self._recipe.schedule,
            weight_decay=self._recipe.weight_decay,
            label_smoothing=self._recipe.label_smoothing,
            augmentation=self._recipe.augmentation,
            seed=self._recipe.seed,
            device=self._recipe.device,
        )

    def set_editable(self, editable: bool) -> None:
        """The fields are locked while a run is going on (Recipe… still shows the recipe)."""
        for widget in (self.epochs, self.batch_size, self.learning_rate, self.optimizer, self.augment, self.start_from):
            widget.setEnabled(editable)

    def open_recipe(self) -> None:
        """The recipe editor, window-modal but not blocking; OK puts its choices into the fields."""
        dialog = RecipeDialog(self.settings(), self.parentWidget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._apply_recipe(dialog.settings()))
        dialog.destroyed.connect(lambda *_: setattr(self, "recipe_dialog", None))
        self.recipe_dialog = dialog
        dialog.open()

    def _apply_recipe(self, settings: TrainingSettings) -> None:
        self._recipe = settings
        self.epochs.setValue(settings.epochs)
        index = self.batch_size.findData(settings.batch_size)
        if index < 0:  # a size the list does not offer, typed in the editor
            self.batch_size.addItem(str(settings.batch_size), settings.batch_size)
            index = self.batch_size.count() - 1
        self.batch_size.setCurrentIndex(index)
        self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(settings.optimizer)))
        self.learning_rate.setValue(settings.learning_rate)  # after the optimizer, which suggests its own rate
        self.augment.setChecked(settings.augment)

    def _on_optimizer_changed(self) -> None:
        key = str(self.optimizer.currentData())
        if self.learning_rate.value() in DEFAULT_RATES.values():
            self.learning_rate.setValue(DEFAULT_RATES[key])
