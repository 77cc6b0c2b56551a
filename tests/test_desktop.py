"""Before Qt is imported, ``lenet-gui`` says why a window cannot open: no display, or missing xcb libraries."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from lenet_gui import cli
from lenet_gui.desktop import (
    NO_DISPLAY_MESSAGE,
    PLATFORM_PROBE_VARIABLE,
    missing_libraries,
    missing_libraries_message,
    platform_plugin_problem,
    platform_problem,
    probe_needed,
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


# --- the self-test's check that the real platform plugin loads (issue 10.1) -----------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, False),  # no display: lenet-gui itself says so, the self-test runs offscreen
        ({}, False),
    ],
)
def test_the_real_platform_is_probed_only_when_a_window_would_open(environ: dict[str, str], expected: bool) -> None:
    assert probe_needed(environ) is expected


def _fake_probe(returncode: int, stderr: str, calls: list[dict[str, str]]) -> Any:
    def run(args: list[str], *, env: dict[str, str], **_: Any) -> subprocess.CompletedProcess[str]:
        calls.append(env)
        return subprocess.CompletedProcess(args, returncode, stdout="", stderr=stderr)

    return run


def test_a_plugin_that_loads_is_no_problem() -> None:
    calls: list[dict[str, str]] = []
    assert platform_plugin_problem({"DISPLAY": ":0"}, run=_fake_probe(0, "", calls)) is None
    assert calls[0][PLATFORM_PROBE_VARIABLE] == "1" and calls[0]["DISPLAY"] == ":0"


def test_an_xcb_plugin_that_aborts_names_the_missing_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lenet_gui.desktop.missing_libraries", lambda plugin: ["libxcb-keysyms.so.1"])
    stderr = 'qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.\n'
    problem = platform_plugin_problem({"DISPLAY": ":0"}, run=_fake_probe(-6, stderr, []))
    assert problem is not None
    assert problem.startswith('the window cannot open on this display: Qt\'s "xcb" platform plugin did not load')
    assert "sudo apt-get install libxcb-keysyms1" in problem and "sudo dnf install xcb-util-keysyms" in problem


def test_a_display_that_does_not_answer_is_named() -> None:
    stderr = "qt.qpa.xcb: could not connect to display :57\nqt.qpa.plugin: From 6.5.0, xcb-cursor0 …\n"
    problem = platform_plugin_problem({"DISPLAY": ":57"}, run=_fake_probe(-6, stderr, []))
    assert problem is not None and problem.startswith("the window cannot open: the X display :57 does not answer")


def test_a_probe_that_hangs_is_a_problem_not_a_hang() -> None:
    def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    problem = platform_plugin_problem({"DISPLAY": ":0"}, run=run, timeout_s=5)
    assert problem is not None and "did not start within 5 s" in problem
