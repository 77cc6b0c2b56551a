"""PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call and to True on every
Signal.emit(), until the interpreter aborted after a few thousand. pyproject pins PySide6-Essentials below 6.12;
this guards the pin (and any future upgrade) by making the calls and watching the refcounts.
"""

import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QtCore = pytest.importorskip("PySide6.QtCore")

CALLS = 20_000


class _Emitter(QtCore.QObject):
    fired = QtCore.Signal(int)


def test_void_calls_and_emits_keep_the_refcounts_of_none_and_true(qapp) -> None:  # type: ignore[no-untyped-def]
    timer = QtCore.QTimer()
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)

    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(CALLS):
        timer.setInterval(i % 1000)  # a void C++ method: returns None to Python
        emitter.fired.emit(i)  # returns True/None to Python
    none_after, true_after = sys.getrefcount(None), sys.getrefcount(True)

    assert len(received) == CALLS
    # Immortal objects (Python ≥ 3.12) report a huge constant; on 3.11 a leak shows up as a drop of ~CALLS.
    assert none_after >= none_before - 100, f"None lost {none_before - none_after} references"
    assert true_after >= true_before - 100, f"True lost {true_before - true_after} references"
    del timer, emitter
