"""File ▸ Export network as ONNX… (issue 13): the menu writes the weights in use, onnxruntime gives PyTorch's logits,
and without the ONNX packages a dialog names the command that installs them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from qt_helpers import PREDICTION_TIMEOUT_MS

from lenet_gui.core import export
from lenet_gui.core.model import Net

EXPORT_TIMEOUT_MS = 120_000  # torch.export + onnxscript on a busy 2-core machine


def test_file_export_writes_the_weights_in_use_as_onnx(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ort = pytest.importorskip("onnxruntime", reason="onnxruntime is in the test extra")
    pytest.importorskip("onnxscript", reason='the export extra: pip install "lenet-gui[export]"')
    asked: list[str] = []

    def choose(parent, title, start, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(tmp_path / "mine"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    state = window.inference.committed_state()
    assert state is not None
    window.activateWindow()
    window.canvas.setFocus()
    with qtbot.waitSignal(window.exporter.exported, timeout=EXPORT_TIMEOUT_MS) as done:
        QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # the menu's shortcut
        assert "Exporting the network to mine.onnx" in window.statusBar().currentMessage()
    written = Path(done.args[0])
    assert written == tmp_path / "mine.onnx" and asked and "*.onnx" in asked[0]
    assert "Exported the network to" in window.statusBar().currentMessage()

    net = Net().eval()
    net.load_state_dict({name: torch.from_numpy(np.asarray(value)) for name, value in state.items()})
    inputs = np.random.default_rng(0).normal(size=(5, 1, 32, 32)).astype(np.float32)
    with torch.no_grad():
        expected = net(torch.from_numpy(inputs)).numpy()
    session = ort.InferenceSession(str(written), providers=["CPUExecutionProvider"])
    (logits,) = session.run(None, {export.INPUT_NAME: inputs})
    np.testing.assert_allclose(logits, expected, atol=1e-4)
    assert "preprocessing" in session.get_modelmeta().custom_metadata_map


def test_without_the_onnx_packages_the_dialog_says_how_to_install_them(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(export, "REQUIRED_PACKAGES", ("onnx", "no_such_package_for_the_test"))
    target = tmp_path / "lenet.onnx"
    target.write_bytes(b"an older export")
    with qtbot.waitSignal(window.exporter.failed, timeout=PREDICTION_TIMEOUT_MS) as failed:
        assert window.exporter.export_to(str(target))
    title, message, details = failed.args
    assert title == "Export failed"
    assert 'pip install "lenet-gui[export]"' in message and "no_such_package_for_the_test" in details
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    assert "onnxscript" in window.error_dialog.text()
    window.error_dialog.close()
    assert target.read_bytes() == b"an older export", "a failed export leaves the file there untouched"
    qtbot.waitUntil(lambda: not window.exporter.busy, timeout=5000)
