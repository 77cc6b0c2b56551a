"""Choosing weights twice quickly: the later choice stays, whichever read ends last (review of issue 13's merge)."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from qt_helpers import PREDICTION_TIMEOUT_MS, bundled_weights_or_skip

from lenet_gui.core.checkpoint import save_checkpoint
from lenet_gui.core.model import Net
from lenet_gui.ui.workers import inference
from lenet_gui.ui.workers.inference import InferenceService


def test_a_slow_read_does_not_replace_weights_chosen_after_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    path = tmp_path / "other.pt"
    save_checkpoint(path, Net().state_dict())
    release = threading.Event()
    read = inference._read_weights

    def slow_read(where: str) -> Any:
        if where == str(path):
            release.wait(10)  # a large file on a slow disk
        return read(where)

    monkeypatch.setattr(inference, "_read_weights", slow_read)
    service = InferenceService()
    models: list[Any] = []
    failures: list[tuple[str, str, str]] = []
    service.modelReady.connect(models.append)
    service.failed.connect(lambda *args: failures.append(args))
    try:
        service.start()
        qtbot.waitUntil(lambda: service.ready and len(models) == 1, timeout=PREDICTION_TIMEOUT_MS)
        bundled = service.committed_state()
        service.load_weights(str(path))  # chosen first, still being read…
        service.load_bundled()  # … when the bundled weights are chosen again
        qtbot.waitUntil(lambda: len(models) == 2, timeout=PREDICTION_TIMEOUT_MS)
        release.set()
        qtbot.wait(300)  # the slow read ends and is dropped
        assert len(models) == 2 and models[-1].bundled and failures == []
        for name, value in service.committed_state().items():
            np.testing.assert_array_equal(value, bundled[name])
    finally:
        release.set()
        service.stop()
