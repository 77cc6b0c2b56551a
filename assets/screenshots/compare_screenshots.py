"""Take the Compare window's screenshot (issue 13, "Side by side") from the real app.

    python assets/screenshots/compare_screenshots.py [--size 1280x800] [--korean] [--tab 0|1] [--steps N] [--out F]

Draws a 7 on the canvas and opens View ▸ Compare two networks…: the bundled weights in use on A, a fresh random
network on B (or, with ``--steps N``, a network after N training steps, handed over the way the time machine hands
over a snapshot). Waits until both networks have answered and the disagreement gallery is full, and saves the
dialog. The accuracies need MNIST in the data folder (``LENET_GUI_DATA_DIR``); without it the window says what is
missing. Settings and user data go to temporary folders. Run it under a real X server (Xvfb) to see the window as a
person does, or with ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from PySide6.QtCore import QSettings  # noqa: E402
from screenshot_session import isolated_app, settle, wait  # noqa: E402

from lenet_gui.ui import i18n  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x800", help="the main window's size")
    parser.add_argument("--korean", action="store_true")
    parser.add_argument("--tab", type=int, default=0, help="0: answers and disagreements, 1: filters and maps")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "compare.png")
    parser.add_argument("--keep-open", type=float, default=0.0, help="seconds to stay open after the grab")
    parser.add_argument(
        "--steps",
        type=int,
        default=0,
        help="B: a network after this many training steps on MNIST, handed over as a snapshot (0: random)",
    )
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    app = isolated_app()
    if args.korean:
        settings = QSettings()
        i18n.save_choice(settings, i18n.KOREAN)
        i18n.install_translations(app, settings)

    from qt_helpers import draw

    from lenet_gui.core.strokes import digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow

    window = MainWindow()
    window.resize(width - 40, height - 60)
    window.show()
    wait(lambda: window.inference.ready and window.training_panel is not None)
    settle()
    seven = place_strokes(digit_strokes(7, "crossbar"), (60, 40, 220, 240))
    draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in seven])
    settle(0.5)
    window.compare_action.trigger()
    dialog = window.side_by_side.dialog
    assert dialog is not None
    if args.steps:
        label = f"After {args.steps} training steps" if not args.korean else f"학습 스텝 {args.steps}번 뒤"
        window.side_by_side.compare_snapshot(briefly_trained(args.steps), label)
    b = dialog.sides[1]
    wait(
        lambda: (
            b.info is not None
            and (not args.steps or b.info.source.kind == "state")
            and not dialog.service.scanning
            and (dialog.gallery.gallery.count() > 0 or "unknown" in dialog.sides[0].accuracy.text())
        ),
        180,
    )
    dialog.tabs.setCurrentIndex(args.tab)
    settle(1.5)
    dialog.grab().save(str(args.out))
    print(f"saved {args.out} ({dialog.width()}×{dialog.height()})")
    settle(args.keep_open)
    window.close()
    app.processEvents()


def briefly_trained(steps: int) -> dict:  # type: ignore[type-arg]
    """A LeNet after ``steps`` SGD steps of 64 MNIST training digits: it has learned some digits, not all."""
    import torch
    import torch.nn.functional as F

    from lenet_gui.core.data import load_mnist, resolve_data_dir, to_model_batch
    from lenet_gui.core.model import Net

    digits = load_mnist(resolve_data_dir(), train=True, download=False)
    torch.manual_seed(1)
    model = Net()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for step in range(steps):
        images = digits.images[step * 64 : (step + 1) * 64]
        labels = digits.labels[step * 64 : (step + 1) * 64]
        optimizer.zero_grad()
        F.cross_entropy(model(to_model_batch(images)), labels).backward()
        optimizer.step()
    return {name: value.detach().numpy().copy() for name, value in model.state_dict().items()}


if __name__ == "__main__":
    main()
