"""``lenet-gui --self-test`` from the source install, and the message a machine without a display gets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from lenet_gui.desktop import display_problem
from lenet_gui.resources import asset_path
from lenet_gui.selftest import DigitResult, digits_verdict, load_samples, training_verdict

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _env_without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    env.update(extra)
    return env


def test_self_test_passes_headless_prints_one_line_and_touches_no_user_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    grab = tmp_path / "grab.png"
    env = _env_without_display(HOME=str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "LENET_GUI_DATA_DIR"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "lenet_gui", "--self-test", "--self-test-grab", str(grab)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("self-test ok: lenet-gui "), lines[0]
    assert "10/10 sample digits right" in lines[0] and "20 training steps" in lines[0]
    with Image.open(grab) as image:
        low, high = image.convert("L").getextrema()
        assert image.width >= 600 and high - low > 100  # a real window, not a blank rectangle
    # Settings, kept weights and MNIST all went to a temporary folder, not the user's.
    assert not (home / ".config").exists() and not (home / ".local").exists()


def test_without_a_display_the_gui_says_what_to_do_instead_of_aborting() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("only X11/Wayland systems can lack a display")
    result = subprocess.run(
        [sys.executable, "-m", "lenet_gui"], capture_output=True, text=True, timeout=60, env=_env_without_display()
    )
    assert result.returncode == 2
    assert "no display" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert "xcb" not in result.stderr  # Qt was never asked to load its platform plugin
    assert result.stdout == ""


def test_self_test_fails_when_the_real_platform_plugin_cannot_load() -> None:
    """Drawing offscreen passed while the real window could not open (issue 10.1): with a display set and a platform
    plugin that does not load, the self-test fails at once and says why."""
    env = _env_without_display(DISPLAY=":0", QT_QPA_PLATFORM="no-such-platform")
    result = subprocess.run(
        [sys.executable, "-m", "lenet_gui", "--self-test"], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 1, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("self-test FAILED: the window cannot open on this display"), result.stdout
    assert 'Qt\'s "no-such-platform" platform plugin did not load' in first
    assert 'Could not find the Qt platform plugin "no-such-platform"' in result.stdout  # Qt's own words, as details
    assert "sample digits" not in result.stdout  # it stopped before the offscreen checks


def test_display_problem_only_without_any_display_variable() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None


def test_self_test_takes_no_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lenet_gui", "--self-test", "info"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "--self-test takes no command" in result.stderr


def test_sample_drawings_are_ten_digits_on_the_canvas_paper() -> None:
    data = json.loads(asset_path("samples", "digits.json").read_text())
    assert data["paper_size"] == 280
    samples = load_samples()
    assert sorted(samples) == list(range(10))
    for strokes in samples.values():
        assert strokes and all(set(s) == {"width", "erase", "points"} and not s["erase"] for s in strokes)
        points = [p for s in strokes for p in s["points"]]
        assert all(0 <= x <= 280 and 0 <= y <= 280 for x, y in points)


def test_verdicts_say_what_went_wrong() -> None:
    right = [DigitResult(d, d, 0.99) for d in range(10)]
    assert digits_verdict(right) is None
    wrong = [*right[:4], DigitResult(4, 9, 0.62), DigitResult(5, None, 0.0), *right[6:]]
    assert digits_verdict(wrong) == "8/10 sample digits right: 4 read as 9 (62%), 5 read as blank"
    assert training_verdict([2.3, 1.9, 1.2]) is None
    assert "did not learn" in (training_verdict([2.3, 2.29, 2.28]) or "")
    assert "not finite" in (training_verdict([2.3, float("nan")]) or "")
