"""Training ▸ Recipe… (issue 13): the whole recipe, a live preview of what the augmentation does (the very function
training uses), and the copyable command line that repeats the run in a terminal."""

from __future__ import annotations

import shlex

import numpy as np
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lenet_gui.cli import build_parser
from lenet_gui.core.augment_preview import distort, sample_digits
from lenet_gui.core.recipe_command import config_from_options, decided_by_command_line
from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.training_panel import TrainingPanel
from lenet_gui.ui.workers.recipe_preview import _training_images

PREVIEW_TIMEOUT_MS = 60_000  # the first preview loads MNIST's training digits on a busy 2-core machine


def type_into(spin, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the field's text and type over it, as a person does (Tab leaves the field, committing the value)."""
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, text)
    QTest.keyClick(spin, Qt.Key.Key_Tab)


def open_recipe(qtbot):  # type: ignore[no-untyped-def]
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.mouseClick(panel.recipe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.settings_box.recipe_dialog is not None and panel.settings_box.recipe_dialog.isVisible(),
        timeout=5000,
    )
    return panel, panel.settings_box.recipe_dialog


def test_knobs_change_the_preview_and_the_command_line_and_ok_keeps_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, dialog = open_recipe(qtbot)
    qtbot.waitUntil(lambda: hasattr(dialog, "last_preview"), timeout=PREVIEW_TIMEOUT_MS)
    digits = sample_digits(_training_images(), seed=0)
    np.testing.assert_allclose(dialog.last_preview, distort(digits, None, seed=0), atol=1e-6)  # augmentation off

    qtbot.mouseClick(dialog.augment, Qt.MouseButton.LeftButton, pos=dialog.augment.rect().bottomLeft() / 2)
    type_into(dialog.rotation, "30")
    type_into(dialog.scale_high, "1.3")
    qtbot.mouseClick(dialog.fixed_seed, Qt.MouseButton.LeftButton, pos=dialog.fixed_seed.rect().bottomLeft() / 2)
    type_into(dialog.seed, "42")
    dialog.schedule.setFocus()
    QTest.keyClick(dialog.schedule, Qt.Key.Key_Down)  # one cycle → cosine
    augmentation = dialog.augmentation()
    assert augmentation.rotation == 30.0 and augmentation.scale[1] == 1.3
    expected = distort(digits, augmentation, seed=0)
    qtbot.waitUntil(
        lambda: np.allclose(dialog.last_preview, expected, atol=1e-6), timeout=PREVIEW_TIMEOUT_MS
    )  # the training batch's own distortion, computed independently here
    assert "distorts them" in dialog.findChild(type(dialog.preview_note), "previewNote").text()

    line = dialog.command.toPlainText()
    assert "--rotation 30" in line and "--scale 0.85 1.3" in line and "--seed 42" in line
    assert "--schedule cosine" in line and "--augment" in line
    options = build_parser().parse_args(shlex.split(line)[1:])
    config = dialog.settings().config()
    assert config_from_options(options) == decided_by_command_line(config), "the line repeats the run"

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == line

    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.settings_box.recipe_dialog is None, timeout=5000)
    kept = panel.settings()
    assert kept.augment and kept.augmentation.rotation == 30.0 and kept.seed == 42 and kept.schedule == "cosine"
    assert panel.augment.isChecked(), "the panel's own checkbox follows the editor"
    run = kept.config()
    assert run.seed == 42 and run.augmentation.scale == (0.85, 1.3) and run.schedule == "cosine"


def test_cancel_changes_nothing_and_the_recipe_is_remembered(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    panel, dialog = open_recipe(qtbot)
    before = panel.settings()
    type_into(dialog.weight_decay, "0.01")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.settings_box.recipe_dialog is None, timeout=5000)
    assert panel.settings() == before

    store = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    changed = before.__class__(**{**before.__dict__, "weight_decay": 0.01, "seed": 7, "device": "cpu"})
    store.save_training(changed)
    assert store.training() == changed
    QApplication.processEvents()
