"""What the desktop needs to know about the app (its id), and whether there is a desktop to show a window on.

Plain Python, no Qt: ``lenet-gui`` checks for a display before importing Qt, so that a machine without one gets a
sentence that says what to do instead of Qt's "could not load the Qt platform plugin "xcb"" abort, which blames a
plugin that is in fact installed.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# The reverse-DNS application id (freedesktop): the .desktop file's and the AppStream metainfo's name, the icon's
# name, Qt's desktop file name (Wayland app_id) and the X11 window class the desktop file announces.
APP_ID = "io.github.lenet_gui.LeNetGUI"

NO_DISPLAY_MESSAGE = (
    "lenet-gui: no display to open the window on: neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set.\n"
    "Start it from a desktop session (or over ssh -X), or run it headless with QT_QPA_PLATFORM=offscreen "
    "(nothing is shown then; `lenet-gui --self-test` does that by itself).\n"
    "The command-line tools need no display: lenet-gui --help."
)


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, or None. Only Linux and the BSDs (X11/Wayland) can lack a display."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return NO_DISPLAY_MESSAGE


# The libraries Qt's xcb platform plugin links that desktops often lack, with the packages that provide them:
# (Debian/Ubuntu, Fedora). Qt's own abort names only xcb-cursor0, whichever of them is missing.
XCB_PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will pick its X11 (xcb) plugin: asked for, or an X display without a Wayland session."""
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(":")[0] == "xcb"
    wayland = bool(environ.get("WAYLAND_DISPLAY")) and environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def xcb_plugin_path() -> Path | None:
    """Qt's xcb platform plugin as installed with PySide6 (found without importing Qt), or None."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path, run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run) -> list[str]:
    """The shared libraries ``plugin`` needs that the dynamic loader cannot find (``ldd``'s "not found"), each
    once, in ldd's order; [] when all are there or ldd is not available to ask."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        result = run([ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    missing: list[str] = []
    for line in result.stdout.splitlines():
        name, _, where = line.strip().partition(" => ")
        if where.strip() == "not found" and name not in missing:
            missing.append(name)
    return missing


def missing_libraries_message(missing: list[str]) -> str:
    """One message naming the packages to install (Debian/Ubuntu and Fedora names) and the commands."""
    debian = sorted({XCB_PACKAGES.get(name, (name, name))[0] for name in missing})
    fedora = sorted({XCB_PACKAGES.get(name, (name, name))[1] for name in missing})
    return (
        "lenet-gui: the window cannot open: Qt's X11 support needs system libraries that are not installed "
        f"({', '.join(missing)}).\n"
        f"Install them, then start lenet-gui again:\n"
        f"  Debian/Ubuntu: sudo apt-get install {' '.join(debian)}\n"
        f"  Fedora:        sudo dnf install {' '.join(fedora)}\n"
        "The command-line tools need none of them: lenet-gui --help."
    )


def platform_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, or None: no display at all, or Qt's xcb plugin missing libraries (which
    would otherwise end in Qt's abort naming the wrong package)."""
    problem = display_problem(environ, platform)
    if problem or not platform.startswith("linux") or not uses_xcb(environ):
        return problem
    plugin = xcb_plugin_path()
    missing = missing_libraries(plugin) if plugin is not None else []
    return missing_libraries_message(missing) if missing else None


# --- does the real platform plugin load? (``lenet-gui --self-test`` draws offscreen, so it asks separately) -------

PLATFORM_PROBE_VARIABLE = "LENET_GUI_PLATFORM_PROBE"  # set: ``--self-test`` only opens Qt on the real platform
PLATFORM_PROBE_TIMEOUT_S = 30.0
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "vkkhrdisplay")


def probe_needed(environ: Mapping[str, str]) -> bool:
    """Whether a real window would be asked for here: a display is set and Qt is not told to draw headless."""
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return False
    return environ.get("QT_QPA_PLATFORM", "").split(":")[0] not in HEADLESS_PLATFORMS


def probe_command() -> list[str]:
    """This program again, as a platform probe (``PLATFORM_PROBE_VARIABLE`` set): the frozen bundle or Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--self-test"]
    return [sys.executable, "-m", "lenet_gui", "--self-test"]


def platform_plugin_problem(
    environ: Mapping[str, str],
    run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run,
    timeout_s: float = PLATFORM_PROBE_TIMEOUT_S,
) -> str | None:
    """Why the real window could not open, found by starting Qt on the real platform in a child process (Qt aborts
    the process when its platform plugin cannot load), or None when it started. The xcb libraries that are
    missing, if any, are named with their packages, as ``platform_problem`` names them."""
    wanted = environ.get("QT_QPA_PLATFORM", "").split(":")[0] or ("xcb" if uses_xcb(environ) else "wayland")
    try:
        result = run(
            probe_command(),
            env={**environ, PLATFORM_PROBE_VARIABLE: "1"},
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return (
            f'the window cannot open: Qt\'s "{wanted}" platform did not start within {timeout_s:.0f} s '
            "(is the display answering?)."
        )
    except OSError as error:
        return f"the window cannot open: the platform check could not be started ({error})."
    if result.returncode == 0:
        return None
    lines = [line for line in (result.stderr or "").splitlines() if line.strip()]
    details = "\n  ".join(lines) or f"exit status {result.returncode}"
    if any("could not connect to display" in line for line in lines):
        display = environ.get("DISPLAY", "")
        return (
            f"the window cannot open: the X display {display} does not answer (is the desktop session running, "
            f"and is DISPLAY right?).\nDetails (Qt):\n  {details}"
        )
    sentence = (
        f'the window cannot open on this display: Qt\'s "{wanted}" platform plugin did not load, although the '
        "offscreen checks would pass."
    )
    hint = platform_problem(environ) if uses_xcb(environ) else None
    if hint:
        return f"{sentence}\n{hint}"
    return f"{sentence}\nDetails (Qt):\n  {details}"
