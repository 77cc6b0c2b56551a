"""A stroke drawn while the GUI thread is busy (torch loading at launch) keeps every point (issue 10.3).

Qt's X11 plugin merges the mouse moves that queue up while the GUI thread is busy; a 7 drawn meanwhile lost its
corner. ``create_app`` turns that off. The second test proves it end to end with real X events: an Xvfb, the real
canvas in a real window, xdotool moving the pointer while the GUI thread sleeps. Offscreen Qt (the other tests)
never merges events, so only a real X server can show the loss.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from lenet_gui.ui.app import create_app

ROOT = Path(__file__).resolve().parents[2]
MOVES = 40

CHILD = f"""
import json, subprocess, sys, time
from PySide6.QtCore import QPointF, QTimer
from lenet_gui.ui.app import create_app
from lenet_gui.ui.canvas import DrawingCanvas

app = create_app([])
canvas = DrawingCanvas()
canvas.setGeometry(0, 0, 400, 400)
canvas.show()

def draw():
    start = canvas.mapToGlobal(canvas.paper_to_widget(QPointF(40, 40)).toPoint())
    args = ["xdotool", "mousemove", str(start.x()), str(start.y()), "mousedown", "1"]
    for i in range(1, {MOVES} + 1):
        args += ["sleep", "0.005", "mousemove", str(start.x() + 5 * i), str(start.y() + 3 * i)]
    args += ["mouseup", "1"]
    subprocess.run(args, check=True)
    time.sleep(0.5)  # the GUI thread is busy (as while torch loads) and reads the stroke's events only afterwards

def finished(_index):
    print(json.dumps(len(canvas.content.strokes[-1].points)), flush=True)
    app.quit()

canvas.undo_stack.indexChanged.connect(finished)
QTimer.singleShot(500, draw)
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def test_create_app_turns_off_merging_of_mouse_moves(qapp) -> None:  # type: ignore[no-untyped-def]
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents, True)
    create_app()
    assert not QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs Xvfb and xdotool",
)
def test_a_stroke_drawn_while_the_gui_thread_is_busy_keeps_every_point(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.skip("Xvfb did not start")
        env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
        env.pop("WAYLAND_DISPLAY", None)
        result = subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path
        )
    finally:
        server.terminate()
        server.wait(10)
    assert result.returncode == 0, result.stderr
    # The press and every move: merged moves leave the press, one move and the release.
    assert json.loads(result.stdout.strip().splitlines()[-1]) == MOVES + 1, result.stdout
