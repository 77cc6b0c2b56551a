"""Every setting the app remembers between sessions, in one table, read and written in one place.

``AppSettings`` wraps a ``QSettings`` (the app's, or one a test passes); each remembered value has one key here, so
a key written under one name cannot be read under another.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from lenet_gui.core.config import Augmentation
from lenet_gui.ui.view_models import TrainingSettings

WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
PEN_WIDTH = "canvas/penWidth"
LAST_WEIGHTS = "weights/last"
LAST_FOLDER = "files/lastFolder"
MNIST_FOLDER = "data/mnistFolder"  # a data folder holding MNIST/raw, chosen in the training panel
DEFAULT_PEN_WIDTH = 20.0

# The training panel's choices: TrainingSettings field → (key, type). ``download`` is asked for each time.
TRAINING_KEYS: dict[str, tuple[str, type]] = {
    "epochs": ("training/epochs", int),
    "batch_size": ("training/batchSize", int),
    "learning_rate": ("training/learningRate", float),
    "optimizer": ("training/optimizer", str),
    "augment": ("training/augment", bool),
    "continue_from_current": ("training/continue", bool),
    "schedule": ("training/schedule", str),
    "weight_decay": ("training/weightDecay", float),
    "label_smoothing": ("training/labelSmoothing", float),
    "device": ("training/device", str),
}
TRAINING_SEED = "training/seed"  # -1: a new random seed every run
TRAINING_AUGMENTATION = "training/augmentation"  # the augmentation's knobs, as JSON


class AppSettings:
    """Typed access to the remembered settings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.store = settings or QSettings()

    def _value(self, key: str, default: Any, kind: type) -> Any:
        return self.store.value(key, default, type=kind)

    # --- window ---------------------------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return _bytes(self.store.value(WINDOW_GEOMETRY))

    def window_state(self) -> QByteArray | None:
        return _bytes(self.store.value(WINDOW_STATE))

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue(WINDOW_GEOMETRY, geometry)
        self.store.setValue(WINDOW_STATE, state)

    # --- canvas and files -----------------------------------------------------------------------------------

    def pen_width(self) -> float:
        return float(self._value(PEN_WIDTH, DEFAULT_PEN_WIDTH, float))

    def save_pen_width(self, width: float) -> None:
        self.store.setValue(PEN_WIDTH, width)

    def last_weights(self) -> str | None:
        """The weights file last used, if it is still there (None: the bundled weights)."""
        last = self._value(LAST_WEIGHTS, "", str)
        return last if last and Path(last).is_file() else None

    def remember_weights(self, path: str) -> None:
        """ "" for the bundled weights."""
        self.store.setValue(LAST_WEIGHTS, path)

    def last_folder(self) -> str:
        return str(self._value(LAST_FOLDER, str(Path.home()), str))

    def remember_folder(self, path: str) -> None:
        """The folder of a file just opened or saved: the next file dialog starts there."""
        self.store.setValue(LAST_FOLDER, str(Path(path).parent))

    def mnist_folder(self) -> str | None:
        """The MNIST data folder chosen in the training panel, if it is still there."""
        folder = self._value(MNIST_FOLDER, "", str)
        return folder if folder and Path(folder).is_dir() else None

    def remember_mnist_folder(self, folder: str) -> None:
        self.store.setValue(MNIST_FOLDER, folder)
        self.store.sync()

    # --- training -------------------------------------------------------------------------------------------

    def training(self) -> TrainingSettings:
        default = TrainingSettings()
        values = {name: self._value(key, getattr(default, name), kind) for name, (key, kind) in TRAINING_KEYS.items()}
        seed = int(self._value(TRAINING_SEED, -1, int))
        values["seed"] = None if seed < 0 else seed
        values["augmentation"] = _augmentation(self._value(TRAINING_AUGMENTATION, "", str), default.augmentation)
        if values["schedule"] not in SCHEDULES:
            values["schedule"] = default.schedule
        return TrainingSettings(**values)

    def save_training(self, settings: TrainingSettings) -> None:
        for field in fields(settings):
            if field.name in TRAINING_KEYS:
                self.store.setValue(TRAINING_KEYS[field.name][0], getattr(settings, field.name))
        self.store.setValue(TRAINING_SEED, -1 if settings.seed is None else settings.seed)
        self.store.setValue(TRAINING_AUGMENTATION, json.dumps(asdict(settings.augmentation)))

    def sync(self) -> None:
        self.store.sync()


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


SCHEDULES = ("onecycle", "cosine", "constant")


def _augmentation(text: str, default: Augmentation) -> Augmentation:
    """The remembered knobs, or the default when there are none or they do not read (an older or edited file)."""
    try:
        values = json.loads(text) if text else {}
        values["scale"] = tuple(values.get("scale", default.scale))
        return Augmentation(**{**asdict(default), **values})
    except (TypeError, ValueError):
        return default
