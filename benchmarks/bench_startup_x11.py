"""Launch → window shown on a real X server, for the frozen bundle or the source install (prints, no assertions).

    python benchmarks/bench_startup_x11.py                       # dist/lenet-gui/lenet-gui, 5 launches, under Xvfb
    python benchmarks/bench_startup_x11.py --runs 3 -- python -m lenet_gui   # the source install, for comparison

Starts its own Xvfb unless --display is given. The clock starts just before the process is spawned and stops when
the X server reports a viewable window titled "LeNet GUI" (polled with xdotool every few milliseconds); the app is
then terminated. Each launch gets fresh settings (a temporary XDG_CONFIG_HOME), so none restores a saved layout.
Needs Xvfb and xdotool (Debian: apt-get install xvfb xdotool x11-utils).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TITLE = "^LeNet GUI$"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on a random high display number, ready once it says so on -displayfd; another number on a clash."""
    for _ in range(20):
        number = random.randint(200, 999)
        read_end, write_end = os.pipe()
        server = subprocess.Popen(
            [
                "Xvfb",
                f":{number}",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1600x1000x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(write_end,),
        )
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            ready = pipe.readline().strip()  # written once the server accepts clients; nothing if it gave up
        if ready:
            return server, f":{number}"
        server.wait()
    raise SystemExit("Xvfb did not start")


def visible_window(display: str) -> str | None:
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", TITLE],
        capture_output=True,
        text=True,
        env={**os.environ, "DISPLAY": display},
    )
    ids = result.stdout.split()
    return ids[0] if ids else None


def launch_once(command: list[str], display: str, timeout_s: float) -> tuple[float, str]:
    with tempfile.TemporaryDirectory(prefix="lenet-gui-bench-") as config:
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=display, XDG_CONFIG_HOME=config)
        started = time.perf_counter()
        app = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while True:
                window = visible_window(display)
                elapsed = time.perf_counter() - started
                if window:
                    wm_class = subprocess.run(
                        ["xprop", "-id", window, "WM_CLASS"],
                        capture_output=True,
                        text=True,
                        env={**os.environ, "DISPLAY": display},
                    ).stdout.strip()
                    return elapsed, wm_class
                if app.poll() is not None:
                    errors = app.stderr.read().decode() if app.stderr else ""
                    raise SystemExit(f"the app exited ({app.returncode}) before showing a window:\n{errors}")
                if elapsed > timeout_s:
                    raise SystemExit(f"no window after {timeout_s:.0f} s")
                time.sleep(0.005)
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--display", help="use this X display instead of starting Xvfb")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("command", nargs="*", help="the app to launch (default: dist/lenet-gui/lenet-gui)")
    args = parser.parse_args()
    command = args.command or [str(ROOT / "dist" / "lenet-gui" / "lenet-gui")]
    for tool in ("xdotool", "xprop") + (() if args.display else ("Xvfb",)):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing (Debian: apt-get install xvfb xdotool x11-utils)")
    server, display = (None, args.display) if args.display else start_xvfb()
    try:
        times = []
        for run in range(1, args.runs + 1):
            seconds, wm_class = launch_once(command, display, args.timeout)
            times.append(seconds)
            print(f"run {run}: window shown after {seconds:.2f} s" + (f"  ({wm_class})" if run == 1 else ""))
        print(
            f"{' '.join(command)}: launch → window shown, {len(times)} runs: median {statistics.median(times):.2f} s, "
            f"min {min(times):.2f} s, max {max(times):.2f} s"
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
