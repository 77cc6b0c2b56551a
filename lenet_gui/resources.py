"""Files shipped with the app (icons, screenshots), found the same way installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from lenet_gui.desktop import APP_ID

# In the freedesktop hicolor layout, so packaging/install.sh copies assets/icons/hicolor/ as it is.
APP_ICON = ("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")


def asset_path(*parts: str) -> Path:
    """``assets/<parts>`` inside the installed package, or in the source tree when running from a checkout."""
    packaged = resources.files("lenet_gui").joinpath("assets", *parts)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / "assets" / Path(*parts)


def icon_path() -> Path:
    return asset_path(*APP_ICON)
