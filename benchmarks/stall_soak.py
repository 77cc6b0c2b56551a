"""The GUI thread's longest stall while training runs and someone uses the window (issue 16 point 7).

A heartbeat QTimer ticks every 10 ms on the GUI thread; the gaps between ticks are how long the GUI thread was busy.
Meanwhile training runs on synthetic digits, and a seeded "user" switches panels, raises My digits, clicks digit
filters and draws on the canvas. Prints the longest gap, the 99th percentile and, for the five longest gaps, how
long the GUI thread was on a CPU, waiting for one (the machine busy: Linux's schedstat) and blocked (the GIL, a lock),
the user actions in them, and what the GUI thread's Python stack said (sampled every 5 ms from another thread).
``--profile`` adds the GUI thread's CPU time per function (cProfile on thread time).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/stall_soak.py [--seconds 30] [--seed 1] [--profile]

What it found (issue 16.7): in gaps of 400-700 ms the GUI thread was on a CPU for 40-80 ms and waited for one for
the rest, while training's threads ran at its priority; panels behind other docks' tabs redrew every snapshot and
prediction (Qt keeps a tabbed-away dock isVisible()); the network view coloured ~45 maps per prediction with
np.interp; the parameter table re-measured its columns for each of its 80 texts.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import itertools
import os
import pstats
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="lenet-soak-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ui"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication
from qt_helpers import toy_source

from lenet_gui.ui.app import create_app
from lenet_gui.ui.main_window import MainWindow


def wait_until(app: QApplication, done, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def schedstat() -> tuple[int, int]:
    """This thread's nanoseconds on a CPU and waiting in the run queue (0, 0 where Linux does not say)."""
    try:
        with open("/proc/thread-self/schedstat") as file:
            on_cpu, queued, _ = file.read().split()
        return int(on_cpu), int(queued)
    except OSError:
        return 0, 0


def thread_niceness() -> list[tuple[str, int]]:
    """Every thread of this process and its nice value (Linux), to check that workers yield to the GUI thread."""
    out = []
    for task in sorted(Path("/proc/self/task").glob("*")):
        try:
            name = (task / "comm").read_text().strip()
            out.append((name, int((task / "stat").read_text().rsplit(")", 1)[1].split()[16])))
        except (OSError, IndexError, ValueError):
            pass
    return out


def add_examples(count: int) -> None:
    from lenet_gui.core.personal import PersonalDataset

    dataset = PersonalDataset()
    for index in range(count):
        image = np.full((280, 280), 255, np.uint8)
        image[60:220, 120 + index % 40 : 140 + index % 40] = 0
        dataset.add(image, index % 10)


class Sampler:
    """Samples the GUI thread's Python stack every 5 ms, to say what it was doing during the long gaps."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            frame = sys._current_frames().get(self._main)
            stack = []
            while frame is not None and len(stack) < 40:
                code = frame.f_code
                stack.append(f"{Path(code.co_filename).name}:{code.co_name}")
                frame = frame.f_back
            self.samples.append((time.perf_counter(), tuple(stack)))

    def during(self, start: float, end: float) -> list[str]:
        """The project's (or pyqtgraph's) innermost functions most often on the stack between start and end."""
        counts: collections.Counter[str] = collections.Counter()
        for when, stack in self.samples:
            if start <= when <= end:
                mine = [f for f in stack if not f.startswith(("stall_soak", "threading", "<"))]
                counts.update(mine[:6])
        return [f"{name} ×{n}" for name, n in counts.most_common(8)]

    def timeline(self, start: float, end: float) -> list[str]:
        """What the GUI thread did during a gap, in order: the outermost app/pyqtgraph frame below the event loop
        and the innermost one, each run of equal samples once with its count and when it began (ms into the gap)."""
        out: list[str] = []
        last, count, began = "", 0, 0.0
        for when, stack in self.samples:
            if not start <= when <= end:
                continue
            mine = [f for f in stack if not f.startswith(("stall_soak", "threading", "<"))]
            key = f"{mine[-1]} … {mine[0]}" if len(mine) > 1 else (mine[0] if mine else "(event loop)")
            if key != last:
                if count:
                    out.append(f"+{began:.0f} {last} ×{count}")
                last, count, began = key, 0, 1000 * (when - start)
            count += 1
        if count:
            out.append(f"+{began:.0f} {last} ×{count}")
        return out


def soak(seconds: float, seed: int, profile: bool = False) -> dict[str, float]:
    app = create_app([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    add_examples(60)
    window = MainWindow(data_source=toy_source(20_000, 1000))
    window.show()
    wait_until(app, lambda: window.inference.ready and window.training_panel.train_button.isEnabled(), 120)
    rng = random.Random(seed)
    canvas = window.canvas

    def at(x: float, y: float) -> QPoint:
        point = canvas.paper_to_widget(QPointF(x, y))
        return QPoint(round(point.x()), round(point.y()))

    acts: list[tuple[float, float, str]] = []  # (start, end, what) of each user action

    def act() -> None:
        began = time.perf_counter()
        what = do()
        acts.append((began, time.perf_counter(), what))

    def do() -> str:
        choice = rng.random()
        if choice < 0.3:
            key = rng.choice(list(window.docks))
            window.docks[key].raise_()
            return f"raise {key}"
        elif choice < 0.5:
            window.docks["personal"].raise_()
            buttons = [b for b in window.personal_panel.findChildren(QAbstractButton) if b.text()[:1].isdigit()]
            if buttons:
                rng.choice(buttons).click()
            return "filter"
        else:
            x, y = rng.uniform(60, 220), rng.uniform(40, 120)
            QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(x, y))
            for step in range(1, 8):
                QTest.mouseMove(canvas, at(x + 5 * step, y + 15 * step))
            QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(x + 35, y + 105))
            if rng.random() < 0.3:
                canvas.clear()
            return "draw"

    user = QTimer()
    user.setInterval(150)
    user.timeout.connect(act)
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    # The GUI thread's time on a CPU and waiting for one (Linux schedstat, ns) at each beat: the rest of a gap it was
    # blocked (on the GIL, a lock, or idle in the event loop).
    sched: list[tuple[int, int]] = []

    def beat() -> None:
        beats.append(time.perf_counter())
        sched.append(schedstat())

    heartbeat.timeout.connect(beat)
    window.training_panel.epochs.setValue(20)
    window.training_panel.train_button.click()
    wait_until(app, lambda: window.training_panel.progress_events >= 1, 180)
    sampler = Sampler()
    sampler.start()
    heartbeat.start()
    user.start()
    # The GUI thread's own CPU time per function (thread_time: waiting for a CPU or the GIL is not counted).
    profiler = cProfile.Profile(time.thread_time) if profile else None
    if profiler is not None:
        profiler.enable()
    started = time.perf_counter()
    wait_until(app, lambda: time.perf_counter() - started > seconds or not window.training, seconds + 60)
    user.stop()
    heartbeat.stop()
    if profiler is not None:
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumtime").print_stats(40)
    print("threads (name, nice):", thread_niceness())
    window.stop_training()
    wait_until(app, lambda: not window.training, 60)
    sampler.stop()
    window.shutdown()
    pairs = sorted(range(len(beats) - 1), key=lambda i: beats[i + 1] - beats[i])[-5:]
    for i in pairs:
        start, end = beats[i], beats[i + 1]
        on_cpu, queued = ((sched[i + 1][k] - sched[i][k]) / 1e6 for k in (0, 1))
        users = [f"{what} {1000 * (b - a):.0f} ms" for a, b, what in acts if a < end and b > start]
        print(
            f"gap {1000 * (end - start):.0f} ms: GUI thread on a CPU {on_cpu:.0f} ms, waiting for one {queued:.0f} ms, "
            f"blocked {1000 * (end - start) - on_cpu - queued:.0f} ms; user: {users}"
        )
        print("   top:", sampler.during(start, end))
        for line in sampler.timeline(start, end)[:25]:
            print("     ", line)
    gaps = sorted(b - a for a, b in itertools.pairwise(beats))
    return {
        "stall_ms_max": round(1000 * gaps[-1], 1),
        "stall_ms_p99": round(1000 * gaps[int(0.99 * len(gaps))], 1),
        "stall_ms_p50": round(1000 * gaps[len(gaps) // 2], 1),
        "beats": len(beats),
        "progress_events": window.training_panel.progress_events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print the GUI thread's CPU time per function")
    args = parser.parse_args()
    print(soak(args.seconds, args.seed, args.profile))


if __name__ == "__main__":
    main()
