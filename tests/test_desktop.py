"""Before Qt is imported, ``lenet-gui`` says why a window cannot open: no display, or missing xcb libraries."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from lenet_gui import cli
from lenet_gui.desktop import (
    NO_DISPLAY_MESSAGE,
    missing_libraries,
    missing_libraries_message,
    platform_problem,
    uses_xcb,
    xcb_plugin_path,
)

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f12)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f12)
"""


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb:foo"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}, True),
        ({}, False),
    ],
)
def test_uses_xcb(environ: dict[str, str], expected: bool) -> None:
    assert uses_xcb(environ) is expected


def _fake_ldd(stdout: str) -> Any:
    def run(args: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 0, stdout=stdout, stderr="")

    return run


def test_missing_libraries_lists_each_once_in_order() -> None:
    found = missing_libraries(Path("libqxcb.so"), run=_fake_ldd(LDD_OUTPUT))
    assert found == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_message_names_debian_and_fedora_packages() -> None:
    message = missing_libraries_message(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message
    assert "sudo dnf install xcb-util-keysyms xcb-util-wm" in message
    assert "xcb-cursor0" not in message  # Qt's own abort blames this one whatever is missing


def test_the_real_plugin_is_checked_with_ldd() -> None:
    """On this machine: what ldd says about the installed plugin, and that the check agrees with a real load."""
    plugin = xcb_plugin_path()
    assert plugin is not None and plugin.name == "libqxcb.so"
    missing = missing_libraries(plugin)
    problem = platform_problem({"DISPLAY": ":99"}, platform="linux")
    assert (problem is None) == (not missing)


def test_cli_exits_2_with_the_message_before_importing_qt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("lenet_gui.desktop.missing_libraries", lambda plugin: ["libxcb-icccm.so.4"])
    assert cli.main([]) == 2
    assert "sudo apt-get install libxcb-icccm4" in capsys.readouterr().err


def test_no_display_still_says_so() -> None:
    assert platform_problem({}, platform="linux") == NO_DISPLAY_MESSAGE
    assert platform_problem({}, platform="darwin") is None
