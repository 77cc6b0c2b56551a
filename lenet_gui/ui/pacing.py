"""Pacing for the views that follow the drawing without being the answer to it (issue 10, responsiveness).

While a stroke is drawn a prediction arrives every few milliseconds. The prediction panel shows each at once: that
is the answer the user waits for. The Network view's feature maps (about 20 ms of painting) and the Poke results
(a second forward pass, then maps to paint) do not need every one: repainting them on each move took the GUI thread
for longer than the moves were apart, and the prediction panel's answer waited behind them (p50 5 → 15 ms).
``Paced`` runs such an update once the drawing pauses, and a few times a second while it keeps changing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

QUIET_MS = 60  # the drawing paused: update now
MAX_WAIT_MS = 250  # it keeps changing: update at least this often (four times a second)


class Paced(QObject):
    """Calls ``action`` ``quiet_ms`` after the last ``request``, and no later than ``max_wait_ms`` after the first
    request still unanswered: many requests in a burst cost a few calls, and the last request is always answered."""

    def __init__(
        self,
        action: Callable[[], None],
        *,
        quiet_ms: int = QUIET_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self._quiet_ms = quiet_ms
        self._max_wait_ms = max_wait_ms
        self._first: float | None = None  # when the oldest unanswered request came
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    @property
    def pending(self) -> bool:
        return self._first is not None

    def request(self) -> None:
        now = time.monotonic()
        if self._first is None:
            self._first = now
        left_ms = self._max_wait_ms - 1000.0 * (now - self._first)
        self._timer.start(max(0, int(min(self._quiet_ms, left_ms))))

    def flush(self) -> None:
        """Answer a waiting request now (a view that was hidden is shown, for instance)."""
        if self._first is not None:
            self._timer.stop()
            self._fire()

    def cancel(self) -> None:
        self._timer.stop()
        self._first = None

    def _fire(self) -> None:
        self._first = None
        self._action()
