"""The first drawings are read while torch still loads (issue 10.4): the numpy network answers at once, and the
requests that need torch's network wait for it instead of failing."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from qt_helpers import PREDICTION_TIMEOUT_MS, bundled_weights_or_skip

from lenet_gui.core.strokes import synthetic_digits
from lenet_gui.ui.workers import lazy_imports
from lenet_gui.ui.workers.inference import InferenceService


def test_a_drawing_is_predicted_while_torch_is_still_loading(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    torch_loaded = threading.Event()
    real_import = lazy_imports.inference

    def slow_import() -> Any:  # torch "loading" until the test lets it finish
        torch_loaded.wait(60)
        return real_import()

    monkeypatch.setattr(lazy_imports, "inference", slow_import)
    service = InferenceService()
    predictions: list[tuple[int, Any]] = []
    models: list[Any] = []
    service.predicted.connect(lambda request_id, view: predictions.append((request_id, view)))
    service.modelReady.connect(models.append)
    images, labels = synthetic_digits(1, np.random.default_rng(5))
    try:
        service.start()
        service.load_bundled()  # needs torch's network: waits for it, does not fail
        request_id = service.request(255 - images[0])
        qtbot.waitUntil(lambda: any(r == request_id and v is not None for r, v in predictions), timeout=10_000)
        assert not service.ready and models == []  # answered before torch was there
        view = next(v for r, v in predictions if r == request_id)
        assert view.digit == labels[0]

        torch_loaded.set()
        qtbot.waitUntil(lambda: service.ready and len(models) >= 2, timeout=PREDICTION_TIMEOUT_MS)  # start + load
        assert models[-1].bundled
        again = service.request(255 - images[0])
        qtbot.waitUntil(lambda: any(r == again for r, _ in predictions), timeout=PREDICTION_TIMEOUT_MS)
        torch_view = next(v for r, v in predictions if r == again)
        np.testing.assert_allclose(torch_view.probabilities, view.probabilities, rtol=1e-5, atol=1e-6)
    finally:
        torch_loaded.set()
        service.stop()
