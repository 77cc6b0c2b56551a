"""Issue 10.19 and issue 16.5 through the window: a bad weights file chosen with File ▸ Load weights, and a folder of
pictures with bad ones imported into My digits, each say one sentence a person understands; the technical text is
under "Details"; every skipped file is named once."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from qt_helpers import PREDICTION_TIMEOUT_MS

from lenet_gui.core.checkpoint import bundled_weights_path

# Words of libraries and Python that reached the dialogs' sentences before (10.19, 16.5).
INTERNALS = ("pop from empty list", "miniz", "Unsupported", "PytorchStreamReader", "WeightsUnpickler", "Please file")


class _RunsCode:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("true",))


def _bad_weights(folder: Path) -> dict[str, tuple[Path, str]]:
    """Real bad files, each with the words its sentence must say."""
    good = bundled_weights_path().read_bytes()
    files: dict[str, tuple[Path, str]] = {}

    def put(name: str, content: bytes, words: str) -> None:
        (folder / name).write_bytes(content)
        files[name] = (folder / name, words)

    picture = io.BytesIO()
    Image.new("L", (28, 28), 255).save(picture, format="PNG")
    put("digit.pt", picture.getvalue(), "not a PyTorch weights file: it is a PNG picture")
    put("noise.pt", b"\x13" + np.random.default_rng(0).bytes(4000), "not a PyTorch weights file")
    put("truncated.pt", good[: len(good) // 2], "damaged")
    with zipfile.ZipFile(io.BytesIO(good)) as archive:  # a weights zip whose pickle is cut in half
        contents = {name: archive.read(name) for name in archive.namelist()}
    pickled = next(name for name in contents if name.endswith("/data.pkl"))
    contents[pickled] = contents[pickled][: len(contents[pickled]) // 2]
    corrupt = io.BytesIO()
    with zipfile.ZipFile(corrupt, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    put("corrupt.pt", corrupt.getvalue(), "damaged")
    other = io.BytesIO()
    torch.save(torch.nn.Linear(784, 10).state_dict(), other)
    put("other_network.pt", other.getvalue(), "made for another network")
    code = io.BytesIO()
    torch.save({"state_dict": _RunsCode()}, code)
    put("code.pt", code.getvalue(), "carries code")
    return files


@pytest.fixture()
def choose_file(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """What the person picks in the file dialog."""
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (chosen[-1], ""))
    return chosen


def test_each_bad_weights_file_gets_one_sentence_and_its_details(window, qtbot, tmp_path, choose_file) -> None:  # type: ignore[no-untyped-def]
    for name, (path, words) in _bad_weights(tmp_path).items():
        choose_file.append(str(path))
        window.load_weights_action.trigger()  # File ▸ Load weights…, the file chosen in its dialog
        qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=PREDICTION_TIMEOUT_MS)
        dialog = window.error_dialog
        sentence = dialog.text()
        assert sentence.startswith(name) and words in sentence, (name, sentence)
        assert sentence.endswith(".") and "\n" not in sentence, f"one sentence: {sentence!r}"
        assert not [word for word in INTERNALS if word in sentence], sentence
        assert dialog.detailedText().strip(), f"{name}: the technical reason is under Details"
        assert "Weights only load failed" not in dialog.detailedText(), "torch's advice to load unsafely is not shown"
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.error_dialog is None, timeout=PREDICTION_TIMEOUT_MS)
    assert window.inference.ready and not (tmp_path / "HACKED").exists()


def _digit(label: int) -> Image.Image:
    picture = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(picture).line([(80, 60), (200, 140), (90, 230)][: 2 + label % 2], fill=20, width=18)
    return picture


def test_an_import_names_every_skipped_file_once(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two bad pictures: both named once (before: "skipped 2 (first: bad.png: bad.png: not an image…)")."""
    source = tmp_path / "digits"
    (source / "3").mkdir(parents=True)
    _digit(3).save(source / "3" / "good.png")
    (source / "3" / "bad.png").write_bytes(b"not a png")
    Image.new("L", (50, 50), 255).save(source / "3" / "blank.png")
    qtbot.waitUntil(lambda: window.personal_panel is not None, timeout=PREDICTION_TIMEOUT_MS)
    examples = window.personal_panel.examples
    window.docks["personal"].raise_()
    with qtbot.waitSignal(examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        examples.import_folder(str(source))
    text = examples.message.text()
    assert text == "Imported 1 example. 2 files skipped, not readable pictures of a digit: bad.png, blank.png."
    qtbot.waitUntil(lambda: window.personal_panel.findChild(QMessageBox, "importReport") is not None)
    report = window.personal_panel.findChild(QMessageBox, "importReport")
    assert report.text() == text
    details = report.detailedText().splitlines()
    assert [line.split(":")[0] for line in details] == ["bad.png", "blank.png"]
    assert all(line.count(".png") == 1 for line in details), f"each file named once: {details}"
    qtbot.mouseClick(report.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
