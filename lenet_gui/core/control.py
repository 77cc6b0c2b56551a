"""The switches a running loop looks at between steps: pause, resume, stop, and "send me the weights now".

A Python thread cannot be interrupted in the middle of a step (and should not be: the weights would be half
updated), so whoever runs a training or fine-tuning generator in a thread keeps one of these and flips its flags
from any other thread; the loop checks them between two steps. Torch-free, so the GUI can hold one from the start.
"""

from __future__ import annotations

import threading


class TrainingControl:
    """Thread-safe switches the training loop looks at between steps."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._snapshot = threading.Event()
        self._drawing = threading.Event()

    def set_drawing(self, drawing: bool) -> None:
        """A person is drawing (or has stopped): meanwhile the loop computes on one thread, which leaves a core to
        the window's live predictions of the drawing (stroke → prediction while training, issue 10)."""
        if drawing:
            self._drawing.set()
        else:
            self._drawing.clear()

    @property
    def drawing(self) -> bool:
        return self._drawing.is_set()

    def cancel(self) -> None:
        self._cancel.set()
        self._running.set()  # wake a paused loop so it can notice

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def request_snapshot(self) -> None:
        self._snapshot.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> None:
        """Block the loop's thread while paused (until resumed or cancelled)."""
        while not self._running.wait(0.05):
            pass

    def take_snapshot_request(self) -> bool:
        """True once after each ``request_snapshot``."""
        if self._snapshot.is_set():
            self._snapshot.clear()
            return True
        return False


class LoadingStopped(Exception):  # not an error: whoever asked for the stop expects it
    """A load was asked to stop (its ``stop()`` said yes) before it finished; nothing half-read is kept."""


# The name the run's owner thinks in: it controls a run, training or fine-tuning.
RunControl = TrainingControl
