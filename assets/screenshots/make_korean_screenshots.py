"""Take the Korean screenshots (issue 15) from the real window, offscreen, at the smallest size of the issue (900×600).

    QT_QPA_PLATFORM=offscreen python assets/screenshots/make_korean_screenshots.py [--size 900x600] [--out DIR]

Needs a font with Hangul (Debian `fonts-noto-cjk`). Start-up is made to choose Korean (the ``ui/language`` setting in
a temporary settings file), so the window is built in Korean as a user's would be. It draws a crossed 7, starts a
short training run on synthetic digits (the tests' toy data, so no MNIST is needed) and grabs the window mid-run
(ko-main.png); then the Network dock (ko-network.png); then saves a few drawings with their digit keys and grabs
My digits (ko-my-digits.png). Settings and user data go to temporary folders.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from screenshot_session import isolated_app, settle, wait  # noqa: E402

from lenet_gui.ui import i18n  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="900x600")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    app = isolated_app()
    settings = QSettings()
    i18n.save_choice(settings, i18n.KOREAN)
    setup = i18n.install_translations(app, settings)
    if setup.language != i18n.KOREAN:
        sys.exit(setup.hint or "Korean could not be installed")

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton
    from qt_helpers import draw, toy_source

    from lenet_gui.core.strokes import digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow

    window = MainWindow(data_source=toy_source(6000, 1000))
    window.resize(width, height)
    window.show()
    wait(lambda: window.inference.ready and window.training_panel is not None)
    settle()
    seven = place_strokes(digit_strokes(7, "crossbar"), (60, 40, 220, 240))
    draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in seven])
    settle(1.0)

    window.docks["training"].raise_()
    panel = window.training_panel
    panel.epochs.setValue(3)
    panel.train_button.click()
    wait(lambda: panel.epoch_events >= 1, 120)
    settle(0.3)
    window.grab().save(str(out / "ko-main.png"))
    panel.run_controls.stop_button.click()
    wait(lambda: panel.finished_bar.isVisible(), 60)
    panel.finished_bar.discard_button.click()
    settle(0.5)

    window.tutorial.docks["network"].raise_()
    settle(1.0)
    window.grab().save(str(out / "ko-network.png"))

    window.findChild(QAbstractButton, "clearButton").click()  # the 7 would otherwise be saved under the 1
    settle(0.3)
    for digit in (1, 7, 4):
        strokes = place_strokes(digit_strokes(digit), (60, 40, 220, 240))
        draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in strokes])
        window.canvas.setFocus()
        QTest.keyClick(window.canvas, getattr(Qt.Key, f"Key_{digit}"))
        settle(0.5)
    window.docks["personal"].raise_()
    settle(1.0)
    window.grab().save(str(out / "ko-my-digits.png"))
    window.close()
    window.shutdown()
    i18n.uninstall_translations(app)
    print(f"Korean screenshots written to {out}")


if __name__ == "__main__":
    main()
