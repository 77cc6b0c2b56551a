"""One vocabulary for work off the GUI thread: a function, a generator of events, or a queue of jobs.

Learned from superqt's ``create_worker``/``GeneratorWorker`` and Anki's ``QueryOp``/``CollectionOp``:

* ``FunctionWorker(fn, *args)`` calls ``fn`` on a thread of its own; ``returned(result)`` or ``errored(exception)``,
  then ``finished()``.
* ``GeneratorWorker(make_events)`` iterates ``make_events(flags)`` on a thread of its own; every item comes out
  through ``yielded(item)``. ``pause``/``resume``/``stop`` only set flags (``RunFlags``), checked between two items
  and visible to the generator itself, because a Python thread cannot be interrupted (napari's ``quit()``).
* ``JobQueue`` runs jobs one at a time, in order, on one thread; each job's ``then``/``on_error`` callback runs on the
  GUI thread afterwards. A job given a ``key`` replaces the one with that key still waiting ("latest request wins").

Results, items and errors travel as Python objects (``Signal(object)``); the GUI thread never waits for any of them,
except ``join`` at shutdown, which is bounded. Never touch a widget inside the work: only in the callbacks or slots.
Every thread started here is registered until it ends, so the window's shutdown (and the tests) can check that none
outlives it (``running_threads``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def running_threads() -> list[threading.Thread]:
    """The app's background threads that have not ended yet."""
    with _threads_lock:
        return [thread for thread in _threads if thread.is_alive()]


BACKGROUND_NICENESS = 5  # how much nicer than the GUI thread the app's threads run (Linux, per thread)


def yield_to_gui_thread() -> None:
    """Run the calling thread (and the threads it starts later, such as torch's compute threads, which inherit it)
    at a lower CPU priority than the GUI thread. On two busy cores a training run's threads otherwise keep the GUI
    thread waiting for a CPU for hundreds of milliseconds (issue 16.7). Five steps give the GUI thread three times a
    worker's share of a CPU; ten starved the runs behind other programs on a shared machine (a fine-tuning test ran
    past its ten minutes). Linux keeps a nice value per thread; where the system does not (or refuses), nothing
    changes."""
    try:
        ident = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, ident, min(19, os.getpriority(os.PRIO_PROCESS, ident) + BACKGROUND_NICENESS))
    except (AttributeError, OSError):
        pass


def _start_thread(target: Callable[[], None], name: str, *, interactive: bool = False) -> threading.Thread:
    """A daemon thread, registered until it ends. Daemon only so that a read stuck in the kernel (a hung network
    mount) cannot keep the process alive; the window's shutdown still stops and joins every one of them.
    ``interactive``: the thread keeps the GUI thread's priority (see ``JobQueue``)."""

    def run() -> None:
        if not interactive:
            yield_to_gui_thread()
        try:
            target()
        finally:
            with _threads_lock:
                _threads.discard(threading.current_thread())

    thread = threading.Thread(target=run, name=name, daemon=True)
    with _threads_lock:
        _threads.add(thread)
    thread.start()
    return thread


class RunFlags:
    """Pause and stop, as flags another thread looks at. Setting a flag never waits.

    ``mirror(control)`` passes every change on to another object with ``pause``/``resume``/``cancel``/``set_drawing``
    (core's training control), starting with the flags as they are now, so a stop that came before the run began counts.
    """

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._go = threading.Event()
        self._go.set()
        self._lock = threading.Lock()
        self._mirrors: list[Any] = []
        self._drawing = False

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def stop_event(self) -> threading.Event:
        """Set once stopped: for work that waits (a download, a load) and can wait on this instead."""
        return self._stop

    @property
    def paused(self) -> bool:
        return not self._go.is_set()

    def pause(self) -> None:
        with self._lock:
            self._go.clear()
            for control in self._mirrors:
                control.pause()

    def resume(self) -> None:
        with self._lock:
            self._go.set()
            for control in self._mirrors:
                control.resume()

    def stop(self) -> None:
        with self._lock:
            self._stop.set()
            self._go.set()  # a paused run wakes up to notice
            for control in self._mirrors:
                control.cancel()

    def set_drawing(self, drawing: bool) -> None:
        """A person is drawing, or has stopped: passed on to the mirrored controls (core shares the cores)."""
        with self._lock:
            self._drawing = drawing
            for control in self._mirrors:
                control.set_drawing(drawing)

    def wait_while_paused(self) -> None:
        """In the worker thread: block while paused (a stop ends the wait)."""
        self._go.wait()

    def mirror(self, control: Any) -> Any:
        with self._lock:
            if self._stop.is_set():
                control.cancel()
            elif not self._go.is_set():
                control.pause()
            control.set_drawing(self._drawing)
            self._mirrors.append(control)
        return control


class _Worker(QObject):
    """What both workers share: one thread, started once; ``errored`` then ``finished`` when the work raises."""

    errored = Signal(object)  # the exception, as raised
    finished = Signal()  # always last

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = _start_thread(self._run, self.objectName())

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join(self, timeout: float | None = None) -> bool:
        """At shutdown only: wait up to ``timeout`` seconds for the thread to end; True when it has (or never ran)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def _run(self) -> None:
        try:
            self._work()
        except Exception as error:
            log.debug("%s failed", self.objectName(), exc_info=True)
            self.errored.emit(error)
        finally:
            self.finished.emit()

    def _work(self) -> None:
        raise NotImplementedError


class FunctionWorker(_Worker, Generic[T]):
    """``fn(*args, **kwargs)`` off the GUI thread: ``returned(result)`` or ``errored(exception)``, then
    ``finished()``."""

    returned = Signal(object)

    def __init__(self, fn: Callable[..., T], *args: Any, name: str = "work", **kwargs: Any) -> None:
        super().__init__(name)
        self._call: Callable[[], T] = lambda: fn(*args, **kwargs)

    def _work(self) -> None:
        self.returned.emit(self._call())


class GeneratorWorker(_Worker, Generic[T]):
    """``make_events(flags)`` iterated off the GUI thread: ``yielded(item)`` for each item, then ``returned(value)``
    with the generator's return value (or ``errored``), then ``finished()``.

    Between two items the worker waits while paused. After ``stop`` it closes the generator, unless
    ``winds_down``: then the generator itself looks at the flags and ends on its own, still yielding its last
    items (core's training yields a cancelled ``Finished`` carrying the weights so far).
    """

    yielded = Signal(object)
    returned = Signal(object)

    def __init__(
        self, make_events: Callable[[RunFlags], Iterator[T]], *, name: str = "run", winds_down: bool = False
    ) -> None:
        super().__init__(name)
        self.flags = RunFlags()
        self._make_events = make_events
        self._winds_down = winds_down

    def pause(self) -> None:
        self.flags.pause()

    def resume(self) -> None:
        self.flags.resume()

    def stop(self) -> None:
        """Ask the work to end between two items; returns at once."""
        self.flags.stop()

    @property
    def stopped(self) -> bool:
        return self.flags.stopped

    def _work(self) -> None:
        events = self._make_events(self.flags)
        while True:
            self.flags.wait_while_paused()
            if self.flags.stopped and not self._winds_down:
                close = getattr(events, "close", None)
                if close is not None:
                    close()
                self.returned.emit(None)
                return
            try:
                item = next(events)
            except StopIteration as end:
                self.returned.emit(end.value)
                return
            self.yielded.emit(item)


@dataclass
class _Job:
    work: Callable[[], Any]
    then: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    key: Hashable | None
    droppable: bool


class JobQueue(QObject):
    """Jobs run one at a time, in the order they were given, on one thread (started with the first job).

    ``then(result)`` or ``on_error(exception)`` runs on the GUI thread once the job is done (Anki's QueryOp:
    never touch a widget inside ``work``). ``key``: a job with the same key still waiting is dropped, and this one
    goes to the end of the queue (latest request wins). ``droppable``: the job only reads for the screen and is
    dropped when the queue closes.

    ``interactive``: the thread runs at the GUI thread's priority instead of yielding to it. Only for a queue whose
    every job is a short part of answering the user (the live prediction, ~0.3 ms of CPU per mouse move): waiting
    behind a training run's threads for a CPU was most of a prediction's delay while training ran (issue 10).
    """

    _done = Signal(object, object, object)  # job, ok, result or exception: delivered on the GUI thread

    def __init__(self, name: str, parent: QObject | None = None, *, interactive: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._interactive = interactive
        self._cond = threading.Condition()
        self._jobs: list[_Job] = []
        self._closing = False
        self._busy = False
        self._thread: threading.Thread | None = None
        self._done.connect(self._deliver)

    def submit(
        self,
        work: Callable[[], Any],
        *,
        then: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: Hashable | None = None,
        droppable: bool = False,
    ) -> bool:
        """Queue ``work()``; False (and nothing queued) once the queue is closing. Safe from any thread."""
        with self._cond:
            if self._closing:
                return False
            if key is not None:
                self._jobs = [job for job in self._jobs if job.key != key]
            self._jobs.append(_Job(work, then, on_error, key, droppable))
            self._cond.notify_all()
            if self._thread is None:
                self._thread = _start_thread(self._serve, self.objectName(), interactive=self._interactive)
        return True

    def drop(self, key: Hashable) -> None:
        """Forget the job with this key if it is still waiting."""
        with self._cond:
            self._jobs = [job for job in self._jobs if job.key != key]

    @property
    def closing(self) -> bool:
        return self._closing

    def idle(self) -> bool:
        with self._cond:
            return not self._jobs and not self._busy

    def close(self, *, keep: bool = True) -> None:
        """Take no more jobs; drop the droppable ones waiting (all waiting ones unless ``keep``); returns at once."""
        with self._cond:
            self._closing = True
            self._jobs = [job for job in self._jobs if keep and not job.droppable]
            self._cond.notify_all()

    def join(self, timeout: float | None = None) -> bool:
        """At shutdown, after ``close``: wait up to ``timeout`` s for the jobs left; True when the thread ended."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _serve(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._closing:
                    self._cond.wait()
                if not self._jobs:
                    return
                job = self._jobs.pop(0)
                self._busy = True
            try:
                outcome: tuple[bool, Any] = (True, job.work())
            except Exception as error:
                if job.on_error is None:  # nobody to tell: at least the log says
                    log.warning("a job of %s failed", self.objectName(), exc_info=True)
                outcome = (False, error)
            finally:
                with self._cond:
                    self._busy = False
            if job.then is not None or job.on_error is not None:
                self._done.emit(job, *outcome)

    def _deliver(self, job: _Job, ok: bool, value: Any) -> None:
        if ok and job.then is not None:
            job.then(value)
        elif not ok and job.on_error is not None:
            job.on_error(value)
