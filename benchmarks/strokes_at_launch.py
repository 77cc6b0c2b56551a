"""A 7 drawn the moment the window shows against the same 7 drawn later: do they come out the same? (issue 10.3)

    python benchmarks/strokes_at_launch.py --display :91          # an X server you started (Xvfb + a window manager)
    python benchmarks/strokes_at_launch.py                        # starts its own Xvfb (and openbox when installed)

Real mouse events: xdotool moves the X pointer with the button held, a point every few milliseconds, as a hand does,
so the events go through the X server and Qt's xcb plugin exactly as a person's would (QTest would bypass both).
The app is the real window (``run_gui``'s MainWindow, lazy panels) started in a child process that only adds two
things: it writes where the canvas's paper is on the screen once the window is exposed, and saves the canvas as a PNG
and clears it each time a stroke is finished (its release handled, so every point of it is in). The first stroke
starts as soon as the window is exposed, while the network (torch) is still loading; the second once it has loaded
and the panels are built. Prints how many of the 280×280 canvas pixels differ by more than a quarter of the grey
range between the two (0 when nothing was lost).
Needs Xvfb and xdotool (Debian: apt-get install xvfb xdotool).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

# A 7 in paper units (0..280): a bar to the right, then down to the left.
SEVEN = [(70.0, 55.0), (210.0, 55.0), (125.0, 245.0)]
POINT_EVERY_S = 0.008  # a mouse reports ~125 times a second
PAPER_STEP = 6.0  # paper units between two reported points


def seven_points() -> list[tuple[float, float]]:
    points = [SEVEN[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(SEVEN):
        steps = max(1, round(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / PAPER_STEP))
        points += [(x0 + (x1 - x0) * t / steps, y0 + (y1 - y0) * t / steps) for t in range(1, steps + 1)]
    return points


# --- child: the app, plus geometry and canvas dumps ------------------------------------------------------------


def child(folder: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, QPointF, QTimer

    from lenet_gui.ui import i18n
    from lenet_gui.ui.app import create_app
    from lenet_gui.ui.main_window import MainWindow

    app = create_app([])
    i18n.install_translations(app)
    window = MainWindow(lazy_panels=True)
    canvas = window.canvas
    state = {"dumps": 0, "exposed": False}

    def write_geometry() -> None:
        top_left = canvas.mapToGlobal(canvas.paper_to_widget(QPointF(0, 0)).toPoint())
        bottom_right = canvas.mapToGlobal(canvas.paper_to_widget(QPointF(280, 280)).toPoint())
        (folder / "geometry.json.tmp").write_text(
            json.dumps({"x0": top_left.x(), "y0": top_left.y(), "x1": bottom_right.x(), "y1": bottom_right.y()})
        )
        os.replace(folder / "geometry.json.tmp", folder / "geometry.json")

    class Exposed(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Expose and not state["exposed"]:
                state["exposed"] = True
                QTimer.singleShot(0, write_geometry)
            return False

    def on_prediction(_request_id: int, view: object) -> None:
        if view is not None:
            (folder / "last_digit").write_text(str(getattr(view, "digit", "")))

    def on_stroke(_index: int) -> None:
        # The release is the stroke's last event: once it is committed, every point of it has been handled.
        if len(canvas.content.strokes) == 1:
            state["dumps"] += 1
            canvas.to_qimage().save(str(folder / f"canvas-{state['dumps']}.png"))
            (folder / f"strokes-{state['dumps']}.json").write_text(json.dumps(canvas.strokes_data()))
            QTimer.singleShot(0, canvas.clear)

    def poll() -> None:
        status = {"ready": window.inference.ready, "panels": window.training_panel is not None}
        (folder / "status.json.tmp").write_text(json.dumps(status))
        os.replace(folder / "status.json.tmp", folder / "status.json")

    watcher = Exposed()
    window.installEventFilter(watcher)
    window.inference.predicted.connect(on_prediction)
    canvas.undo_stack.indexChanged.connect(on_stroke)
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    window.show()
    window.windowHandle().installEventFilter(watcher)
    window.raise_()
    window.activateWindow()
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    window.shutdown()


# --- parent: start the app, draw, compare ---------------------------------------------------------------------


def wait_for(path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {path.name}")
        time.sleep(0.005)


def draw(display: str, geometry: dict[str, int], points: list[tuple[float, float]]) -> None:
    """One stroke as real pointer motion: press, a move every POINT_EVERY_S, release (one xdotool process)."""

    def screen(x: float, y: float) -> list[str]:
        sx = geometry["x0"] + x * (geometry["x1"] - geometry["x0"]) / 280.0
        sy = geometry["y0"] + y * (geometry["y1"] - geometry["y0"]) / 280.0
        return ["mousemove", str(round(sx)), str(round(sy))]

    args = ["xdotool", *screen(*points[0]), "mousedown", "1"]
    for point in points[1:]:
        args += ["sleep", str(POINT_EVERY_S), *screen(*point)]
    args += ["mouseup", "1"]
    subprocess.run(args, check=True, env={**os.environ, "DISPLAY": display})


def canvas_png(folder: Path, index: int) -> Path:
    """The canvas as saved by the app once it has handled the stroke's release."""
    png = folder / f"canvas-{index}.png"
    wait_for(png, 60)
    time.sleep(0.1)
    return png


def compare(first: Path, second: Path) -> tuple[int, float]:
    import numpy as np
    from PIL import Image

    a = np.asarray(Image.open(first).convert("L"), dtype=np.int16)
    b = np.asarray(Image.open(second).convert("L"), dtype=np.int16)
    difference = np.abs(a - b)
    return int((difference > 64).sum()), float(difference.mean())


def measure(display: str, keep: Path | None) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="strokes-at-launch-"))
    env = {
        **os.environ,
        "DISPLAY": display,
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_STATE_HOME": str(folder / "state"),
    }
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    launched = time.monotonic()
    app = subprocess.Popen([sys.executable, __file__, "--child", str(folder)], env=env)
    try:
        wait_for(folder / "geometry.json", 60)
        exposed = time.monotonic() - launched
        geometry = json.loads((folder / "geometry.json").read_text())
        points = seven_points()
        draw(display, geometry, points)
        drawn_at = time.monotonic() - launched
        early = canvas_png(folder, 1)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            status = json.loads((folder / "status.json").read_text() or "{}")
            if status.get("ready") and status.get("panels"):
                break
            time.sleep(0.1)
        time.sleep(1.0)
        draw(display, geometry, points)
        late = canvas_png(folder, 2)
        time.sleep(0.3)
        late_digit = (folder / "last_digit").read_text()
        changed, mean = compare(early, late)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for png in (early, late):
                (keep / png.name).write_bytes(png.read_bytes())
                strokes = png.with_name(png.name.replace("canvas", "strokes")).with_suffix(".json")
                (keep / strokes.name).write_bytes(strokes.read_bytes())
        return {
            "exposed_s": exposed,
            "early_stroke_done_s": drawn_at,
            "pixels_differing": changed,
            "mean_abs_difference": mean,
            "late_digit": late_digit,
        }
    finally:
        app.terminate()
        app.wait(10)


def start_display() -> tuple[list[subprocess.Popen[bytes]], str]:
    from bench_startup_x11 import start_xvfb

    server, display = start_xvfb()
    managers = []
    if subprocess.run(["which", "openbox"], capture_output=True).returncode == 0:
        managers.append(subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display}))
        time.sleep(1.0)
    return [*managers, server], display


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", help="an X display to use (default: start an Xvfb)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="copy the canvases of each run (canvas-1/2.png) into this folder")
    args = parser.parse_args()
    processes, display = ([], args.display) if args.display else start_display()
    try:
        for run in range(args.runs):
            keep = args.keep / f"run{run + 1}" if args.keep else None
            result = measure(display, keep)
            print(
                f"run {run + 1}: window exposed {result['exposed_s']:.2f} s, early 7 drawn by "
                f"{result['early_stroke_done_s']:.2f} s, late 7 read as {result['late_digit']}: "
                f"{result['pixels_differing']} of 78400 pixels differ "
                f"(mean |difference| {result['mean_abs_difference']:.2f} grey levels)",
                flush=True,
            )
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)


if __name__ == "__main__":
    main()
