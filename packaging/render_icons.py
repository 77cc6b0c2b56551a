"""Renders the app icon's PNG sizes from its SVG, into the freedesktop hicolor layout under assets/icons/hicolor/.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

Run it after changing the SVG and commit the PNGs: desktops that do not read SVG icons (and AppStream) use them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from lenet_gui.desktop import APP_ID

HICOLOR = Path(__file__).resolve().parents[1] / "assets" / "icons" / "hicolor"
SIZES = (48, 128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")
    print(f"{out.relative_to(HICOLOR.parent.parent.parent)}: {size}x{size}")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts for the SVG's text
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    for size in SIZES:
        render(svg, size, HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
