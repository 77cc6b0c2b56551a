"""Take time_machine.png (issue 13): a short run on MNIST, scrubbed back to an early moment.

    DISPLAY=:91 LENET_GUI_DATA_DIR=/path/to/data python assets/screenshots/time_machine_screenshot.py [WxH ...]

Draws a 7 with real mouse events, trains the fast recipe (2 epochs) on the first 20,000 MNIST training digits
(``TIME_MACHINE_FULL=1``: all 60,000), waits for each digit's accuracy over the run, then drags the time machine back
to an early moment and saves the window at each size asked (1280x800 by default; the first size is saved as
time_machine.png, the others as /tmp/time_machine-WxH.png). It prints what the run's moments take in memory and
saves the run to /tmp/time_machine.lenetrun (``TIME_MACHINE_RUN=FILE``: open that run instead of training).
Settings and user data go to temporary folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]


from screenshot_session import isolated_app, settle, wait  # noqa: E402


def main() -> None:
    out = Path(__file__).resolve().parent
    sizes = [tuple(int(n) for n in arg.split("x")) for arg in sys.argv[1:]] or [(1280, 800)]
    app = isolated_app()
    korean = os.environ.get("TIME_MACHINE_KOREAN") == "1"  # a look at the Korean window (saved under /tmp only)
    if korean:
        from PySide6.QtCore import QSettings

        from lenet_gui.ui import i18n

        settings = QSettings()
        i18n.save_choice(settings, i18n.KOREAN)
        i18n.install_translations(app, settings)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QScrollArea
    from qt_helpers import SEVEN, draw, mnist_source

    from lenet_gui.ui import MainWindow

    full = os.environ.get("TIME_MACHINE_FULL") == "1"
    window = MainWindow(data_source=None if full else mnist_source(train=20_000))
    window.resize(*sizes[0])
    window.show()
    wait(lambda: window.inference.ready and window.training_panel is not None, 120)
    settle()
    draw(window.canvas, SEVEN)
    window.docks["training"].raise_()
    panel = window.training_panel
    machine, bar = window.time_machine, window.time_machine_bar
    reuse = os.environ.get("TIME_MACHINE_RUN", "")
    if reuse:  # a run saved before: open it instead of training again
        window.run_files.open(reuse)
        wait(lambda: machine.scrubbable, 120)
        history = machine.history
    else:
        panel.epochs.setValue(2)
        panel.train_button.click()
        wait(lambda: machine.scrubbable, 900)
        history = machine.history
        print(f"fast recipe on MNIST: {len(history)} moments, {history.nbytes / 1024 / 1024:.1f} MB")
        saved: list[str] = []
        window.run_files.saved.connect(saved.append)
        window.run_files.save("/tmp/time_machine.lenetrun", history, {})
        wait(lambda: saved, 60)
    wait(lambda: bar.strip.isVisible(), 300)
    settle(1.0)
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    early = max(1, len(history) // 8)
    for _ in range(early):
        QTest.keyClick(bar.slider, Qt.Key.Key_Right)
    settle(2.0)
    for index, (width, height) in enumerate(sizes):
        window.resize(width, height)
        settle(1.5)
        area = bar.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:  # the dock scrolls: show the charts and the time machine under them
            area.ensureWidgetVisible(bar, 0, 0)
            settle(0.5)
        if korean:
            target = Path(f"/tmp/time_machine-ko-{width}x{height}.png")
        else:
            target = out / "time_machine.png" if index == 0 else Path(f"/tmp/time_machine-{width}x{height}.png")
        window.grab().save(str(target))
        print("saved", target, flush=True)
    settle(float(os.environ.get("TIME_MACHINE_HOLD", "0")))  # time to look at the screen (import -window root)
    window.close()


if __name__ == "__main__":
    main()
