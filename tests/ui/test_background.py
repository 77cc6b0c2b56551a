"""The background-work vocabulary: results, items and errors come back as objects on the GUI thread."""

from __future__ import annotations

import threading
import time

from lenet_gui.ui.workers.background import FunctionWorker, GeneratorWorker, JobQueue, RunFlags, running_threads


def test_function_worker_returns_and_errors(qtbot) -> None:  # type: ignore[no-untyped-def]
    worker = FunctionWorker(lambda a, b: a + b, 2, 3)
    with qtbot.waitSignal(worker.returned) as returned, qtbot.waitSignal(worker.finished):
        worker.start()
    assert returned.args == [5]
    failing = FunctionWorker(lambda: 1 / 0)
    with qtbot.waitSignal(failing.errored) as errored:
        failing.start()
    assert isinstance(errored.args[0], ZeroDivisionError)
    assert worker.join(5) and failing.join(5)


def test_generator_worker_pauses_and_stops_between_items(qtbot) -> None:  # type: ignore[no-untyped-def]
    def count(flags: RunFlags):  # type: ignore[no-untyped-def]
        n = 0
        while True:
            n += 1
            yield n
            time.sleep(0.005)

    worker = GeneratorWorker(count)
    items: list[int] = []
    worker.yielded.connect(items.append)
    worker.start()
    qtbot.waitUntil(lambda: len(items) >= 3, timeout=5000)
    worker.pause()
    qtbot.wait(100)
    paused_at = len(items)
    qtbot.wait(200)
    assert len(items) <= paused_at + 1
    worker.resume()
    qtbot.waitUntil(lambda: len(items) > paused_at + 2, timeout=5000)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.stop()
    assert worker.join(5)


def test_a_generator_that_winds_down_yields_its_last_items(qtbot) -> None:  # type: ignore[no-untyped-def]
    def run(flags: RunFlags):  # type: ignore[no-untyped-def]
        while not flags.stopped:
            yield "step"
            time.sleep(0.005)
        yield "finished"
        return "done"

    worker = GeneratorWorker(run, winds_down=True)
    items: list[str] = []
    worker.yielded.connect(items.append)
    worker.start()
    qtbot.waitUntil(lambda: bool(items), timeout=5000)
    with qtbot.waitSignal(worker.returned, timeout=5000) as returned:
        worker.stop()
    assert items[-1] == "finished" and returned.args == ["done"]


def test_job_queue_runs_in_order_and_the_latest_keyed_job_wins(qtbot) -> None:  # type: ignore[no-untyped-def]
    queue = JobQueue("test")
    gate = threading.Event()
    done: list[str] = []
    queue.submit(lambda: gate.wait(5))  # holds the queue while the others are queued
    queue.submit(lambda: "a", then=done.append, key="predict")
    queue.submit(lambda: "z", then=done.append)
    for name in ("b", "c"):
        queue.submit(lambda name=name: name, then=done.append, key="predict")
    errors: list[BaseException] = []
    queue.submit(lambda: 1 / 0, on_error=errors.append)
    gate.set()
    qtbot.waitUntil(lambda: len(done) == 2 and bool(errors), timeout=5000)
    assert done == ["z", "c"], "a and b were dropped; c went to the end"
    assert isinstance(errors[0], ZeroDivisionError)
    queue.close()
    assert queue.join(5)
    assert not queue.submit(lambda: None), "a closed queue takes no more jobs"


def test_threads_are_registered_until_they_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    worker = FunctionWorker(release.wait, 5, name="held")
    worker.start()
    assert any(thread.name == "held" for thread in running_threads())
    release.set()
    assert worker.join(5)
    qtbot.waitUntil(lambda: not any(thread.name == "held" for thread in running_threads()), timeout=5000)
