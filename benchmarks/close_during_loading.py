"""Close the window at a random moment while MNIST loads, in a fresh process each time, and check the process
exits cleanly (issue 16 point 1: a loader thread left behind used to abort the interpreter at exit, exit -6).

    LENET_GUI_DATA_DIR=/work/shared/data PYTHONPATH=. python benchmarks/close_during_loading.py [--runs 50]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import os, sys, time
from PySide6.QtCore import QTimer
from lenet_gui.ui.app import create_app
from lenet_gui.ui.main_window import MainWindow
app = create_app([])
window = MainWindow()
window.ask_before_closing = False  # closing mid-run asks about the new weights (issue 10.7); here it just closes
window.show()
def train():
    if window.training_panel is None or not window.training_panel.train_button.isEnabled():
        QTimer.singleShot(50, train)
        return
    window.training_panel.train_button.click()
    QTimer.singleShot(int(sys.argv[1]), window.close)
    QTimer.singleShot(int(sys.argv[1]) + 50, app.quit)
QTimer.singleShot(0, train)
app.exec()
window.shutdown()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="lenet-close-config-")  # never the user's own settings
    bad = 0
    for run in range(args.runs):
        delay = rng.randint(0, 1500)
        env["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="lenet-close-")
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(delay)], env=env, capture_output=True, text=True, timeout=300
        )
        aborted = done.returncode != 0 or "terminate called" in done.stderr or "Fatal Python error" in done.stderr
        bad += aborted
        print(f"run {run + 1:2d}: close after {delay:4d} ms → exit {done.returncode}{'  ABORT' if aborted else ''}")
        if aborted:
            print(done.stderr[-2000:])
    print(f"{args.runs - bad} of {args.runs} clean exits")


if __name__ == "__main__":
    main()
