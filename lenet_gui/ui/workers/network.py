"""The network view's questions to the core, answered off the GUI thread: the arithmetic behind one conv value.

The view holds plain numpy (weights, activations, the picture the network saw); a click sends them here, a job on
one ``JobQueue`` thread computes ``core.arithmetic.conv_arithmetic`` and the record comes back on the GUI thread.
Clicks are "latest wins": a click made while an older one waits replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QObject, Signal

from lenet_gui.ui.workers import lazy_imports
from lenet_gui.ui.workers.background import JobQueue


def _explain(
    state: Mapping[str, np.ndarray], layer: str, inputs: np.ndarray, channel: int, row: int, col: int
) -> object:
    return lazy_imports.arithmetic().conv_arithmetic(state, layer, inputs, channel, row, col)


def _standardized(pixels: np.ndarray) -> np.ndarray:
    result: np.ndarray = lazy_imports.preprocess().standardize(np.asarray(pixels, np.float32))
    return result


class ArithmeticService(QObject):
    """Computes conv arithmetic in the background; ``ready(ConvArithmetic)`` or ``failed(sentence)``."""

    ready = Signal(object)  # core.arithmetic.ConvArithmetic
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = JobQueue("network-arithmetic", self)

    def explain(
        self,
        state: Mapping[str, np.ndarray],
        layer: str,
        *,
        pixels: np.ndarray | None = None,
        pool1: np.ndarray | None = None,
        channel: int,
        row: int,
        col: int,
    ) -> None:
        """conv1's input is the standardized picture (``pixels`` 0..1); conv2's is pool1's six maps."""

        def work() -> object:
            inputs = _standardized(pixels)[None] if layer == "conv1" and pixels is not None else pool1
            if inputs is None:
                raise ValueError(f"no input for {layer}")
            return _explain(state, layer, inputs, channel, row, col)

        self._queue.submit(work, then=self.ready.emit, on_error=lambda e: self.failed.emit(str(e)), key="explain")

    def close(self) -> None:
        """Take no more questions; returns at once (the one being answered takes microseconds)."""
        self._queue.close(keep=False)

    def join(self, timeout: float | None = None) -> bool:
        return self._queue.join(timeout)
