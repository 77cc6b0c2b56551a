"""The app's background threads yield the CPU to the GUI thread (issue 16.7): on two busy cores a training run's
threads kept the GUI thread waiting for a CPU for hundreds of milliseconds. Checked by the nice values Linux keeps
per thread, not by timing anything."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from lenet_gui.ui.workers.background import BACKGROUND_NICENESS, FunctionWorker, JobQueue
from lenet_gui.ui.workers.inference import InferenceService

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")


def nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def spawned_nice() -> tuple[int, int]:
    """This thread's nice value, and that of a thread it starts (torch's compute threads are started so)."""
    seen: list[int] = []
    child = threading.Thread(target=lambda: seen.append(nice_of_this_thread()))
    child.start()
    child.join()
    return nice_of_this_thread(), seen[0]


def test_workers_and_the_threads_they_start_are_nicer_than_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui = nice_of_this_thread()
    if gui >= 19:
        pytest.skip("the tests already run at the lowest priority")
    worker = FunctionWorker(spawned_nice)
    with qtbot.waitSignal(worker.returned) as returned:
        worker.start()
    worker.join(5)
    own, child = returned.args[0]
    assert own == min(19, gui + BACKGROUND_NICENESS)
    assert child == own
    assert nice_of_this_thread() == gui  # the GUI thread itself is left as it was


def test_job_queue_threads_are_nicer_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui = nice_of_this_thread()
    if gui >= 19:
        pytest.skip("the tests already run at the lowest priority")
    queue = JobQueue("priority-test")
    seen: list[int] = []
    queue.submit(nice_of_this_thread, then=seen.append)
    qtbot.waitUntil(lambda: seen != [])
    queue.close()
    assert queue.join(5)
    assert seen == [min(19, gui + BACKGROUND_NICENESS)]


def test_the_inference_queue_keeps_the_gui_threads_priority(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 10: a live prediction (a short job per mouse move) waited behind training's threads for a CPU; the
    inference thread runs at the GUI thread's priority, every other worker stays nicer."""
    gui = nice_of_this_thread()
    if gui >= 19:
        pytest.skip("the tests already run at the lowest priority")
    service = InferenceService()
    seen: dict[str, int] = {}
    service._queue.submit(nice_of_this_thread, then=lambda nice: seen.setdefault("inference", nice))
    service._files.submit(nice_of_this_thread, then=lambda nice: seen.setdefault("files", nice))
    qtbot.waitUntil(lambda: len(seen) == 2)
    service.stop()
    assert seen == {"inference": gui, "files": min(19, gui + BACKGROUND_NICENESS)}
