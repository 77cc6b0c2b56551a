"""Training without MNIST (issue 10.6): one plain sentence, a remembered "Choose MNIST folder…", a download that
fails in words and leaves nothing behind, and plots that keep their size. No test here touches the network: the
download's ``_fetch`` is a fake that fails as urllib does offline."""

from __future__ import annotations

import socket
import urllib.error
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from qt_helpers import PREDICTION_TIMEOUT_MS

from lenet_gui.core import data
from lenet_gui.core.folders import RAW_FILES
from lenet_gui.ui import MainWindow
from lenet_gui.ui.run_coordinator import RunCoordinator
from lenet_gui.ui.settings import MNIST_FOLDER, AppSettings
from lenet_gui.ui.workers.runs import mnist_data_dir, use_mnist_folder
from tests.helpers import toy_digits, write_idx

RUN_TIMEOUT_MS = 60_000


def offline_window(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A window whose data folder is empty, with the real data source; returns it and the folder."""
    empty = tmp_path / "empty-data"
    empty.mkdir()
    monkeypatch.setenv("LENET_GUI_DATA_DIR", str(empty))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.training_panel.train_button.isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    return win, empty


def press(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def toy_mnist(folder: Path) -> Path:
    raw = folder / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name, (count, seed) in zip(RAW_FILES, ((300, 1), (300, 1), (100, 2), (100, 2)), strict=True):
        images, labels = toy_digits(count, seed)
        write_idx(raw / name, images if "images" in name else labels)
    return raw


def test_train_without_mnist_says_one_sentence_and_nothing_was_discarded(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, empty = offline_window(qtbot, tmp_path, monkeypatch)
    panel = win.training_panel
    messages: list[str] = []
    win.statusBar().messageChanged.connect(messages.append)
    press(qtbot, win.findChild(QPushButton, "trainButton"))
    qtbot.waitUntil(lambda: panel.mnist_box.isVisible(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not win.training, timeout=10_000)
    qtbot.wait(200)  # a discard the coordinator queued would say so by now
    assert panel.mnist_box.sentence.text() == (
        "MNIST is not on this computer: choose the folder that has it, or download it."
    )
    assert "--data-dir" not in panel.mnist_box.sentence.text()
    assert not panel.mnist_box.details.isVisible(), "where the files go waits under Details"
    press(qtbot, panel.mnist_box.details_button)
    assert panel.mnist_box.details.isVisible() and str(empty) in panel.mnist_box.details.toPlainText()
    assert not any("Discarded" in message for message in messages), messages
    assert not any("changing live" in label.text() for label in win.statusBar().findChildren(QLabel))


def test_a_failed_download_is_one_sentence_keeps_the_plots_and_leaves_nothing(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    attempts: list[str] = []

    def offline(url: str, destination: Path, stop: object) -> None:
        attempts.append(url)
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(data, "_fetch", offline)
    win, empty = offline_window(qtbot, tmp_path, monkeypatch)
    panel = win.training_panel
    charts_before = panel.charts.height()
    press(qtbot, win.findChild(QPushButton, "trainButton"))
    qtbot.waitUntil(lambda: panel.mnist_box.isVisible(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not win.training, timeout=10_000)
    live_labels: list[str] = []
    win.runs.runStarted.connect(
        lambda kind, run: live_labels.append(win.weights_status.label.text())  # right after the run starts
    )
    statuses: list[str] = []
    win.runs.runStarted.connect(lambda kind, run: run.status.connect(statuses.append))
    press(qtbot, panel.download_button)
    qtbot.waitUntil(lambda: bool(attempts) and not win.training, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.mnist_box.isVisible(), timeout=10_000)
    sentence = panel.mnist_box.sentence.text()
    assert sentence == "MNIST could not be downloaded: this computer seems to have no internet connection."
    assert "urlopen" not in sentence and ")" not in sentence
    assert "Name or service not known" in panel.mnist_box.details.toPlainText()
    assert statuses[:1] == ["Downloading MNIST (about 12 MB)…"]
    assert live_labels and "changing live" not in live_labels[0]
    assert "changing live" not in win.weights_status.label.text()
    assert list(empty.iterdir()) == [], "the failed download removed the MNIST/raw folders it made"
    # The message area is bounded: with the details open, however long they are, the plots keep most of their height.
    panel.mnist_box.details.setPlainText("\n".join(f"attempt {i}: Name or service not known" for i in range(60)))
    press(qtbot, panel.mnist_box.details_button)
    qtbot.wait(50)
    assert panel.mnist_box.height() <= 8 * panel.fontMetrics().lineSpacing() + 40, panel.mnist_box.height()
    assert panel.charts.height() >= 0.6 * charts_before, (charts_before, panel.charts.height())


def test_choose_mnist_folder_checks_it_remembers_it_and_trains_from_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, _empty = offline_window(qtbot, tmp_path, monkeypatch)
    panel = win.training_panel
    box = panel.mnist_box
    press(qtbot, win.findChild(QPushButton, "trainButton"))
    qtbot.waitUntil(lambda: box.isVisible() and not win.training, timeout=RUN_TIMEOUT_MS)

    def choose(folder: Path) -> None:
        press(qtbot, box.choose_button)
        qtbot.waitUntil(lambda: box.dialog is not None and box.dialog.isVisible(), timeout=5000)
        box.dialog.selectFile(str(folder))
        box.dialog.accept()

    nothing = tmp_path / "holiday photos"
    nothing.mkdir()
    choose(nothing)
    assert box.isVisible() and box.sentence.text() == f"There is no MNIST in {nothing}."
    assert box.details.isVisible() and "MNIST/raw" in box.details.toPlainText()

    half = tmp_path / "half"
    raw = toy_mnist(half)
    (raw / "t10k-labels-idx1-ubyte").unlink()
    choose(raw)  # raw itself, with one file missing
    assert box.sentence.text() == f"MNIST in {raw} is incomplete: t10k-labels-idx1-ubyte missing."

    good = tmp_path / "datasets"
    toy_mnist(good)
    choose(good / "MNIST")  # the MNIST folder: its parent is the data folder
    assert not box.isVisible()
    assert panel.message.isVisible() and str(good) in panel.message.text()
    assert win.app_settings.store.value(MNIST_FOLDER) == str(good), "remembered for the next sessions"
    assert mnist_data_dir() == good
    use_mnist_folder(None)  # a later session: the coordinator takes the remembered folder from the settings
    later = RunCoordinator(win.inference, weights_folder=str, settings=AppSettings(win.app_settings.store))
    assert mnist_data_dir() == good
    later.deleteLater()
    press(qtbot, win.findChild(QPushButton, "trainButton"))
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible(), timeout=RUN_TIMEOUT_MS)
    assert not box.isVisible()
