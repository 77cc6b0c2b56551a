"""Files shipped with the app (icons, screenshots), found the same way installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

from lenet_gui.core.folders import asset_path
from lenet_gui.desktop import APP_ID

__all__ = ["APP_ICON", "asset_path", "icon_path"]  # asset_path lives in core.folders, with the other paths

# In the freedesktop hicolor layout, so packaging/install.sh copies assets/icons/hicolor/ as it is.
APP_ICON = ("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")


def icon_path() -> Path:
    return asset_path(*APP_ICON)
