"""Desktop integration without building the bundle: install.sh with a stand-in bundle, the files' validity and ids.

The real bundle (packaging/build.sh) takes minutes and gigabytes; the stand-in's ``lenet-gui`` runs this
interpreter's ``python -m lenet_gui``, so the installed desktop entry's Exec line really starts the app's CLI.
"""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from lenet_gui import __version__
from lenet_gui.desktop import APP_ID
from lenet_gui.resources import icon_path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
HICOLOR = ROOT / "assets" / "icons" / "hicolor"
ICON_SIZES = (48, 128, 256)


def _installed_files(prefix: Path) -> list[Path]:
    share = prefix / "share"
    return [
        prefix / "bin" / "lenet-gui",
        prefix / "lib" / "lenet-gui" / "lenet-gui",
        share / "applications" / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES),
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    ]


def _fake_bundle(folder: Path) -> Path:
    """A folder shaped like dist/lenet-gui whose executable is this interpreter running the app's CLI."""
    folder.mkdir(parents=True)
    executable = folder / "lenet-gui"
    executable.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m lenet_gui "$@"\n')
    executable.chmod(0o755)
    (folder / "_internal").mkdir()
    (folder / "_internal" / "marker").write_text("stand-in bundle\n")
    return folder


def _install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(PACKAGING / "install.sh"), *args], capture_output=True, text=True, timeout=120)


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("prefix_name", ["prefix", "my apps"])
def test_install_puts_every_file_in_place_exec_runs_and_uninstall_removes_all(tmp_path: Path, prefix_name: str) -> None:
    bundle = _fake_bundle(tmp_path / "bundle")
    prefix = tmp_path / prefix_name
    for _ in range(2):  # installing over an existing install replaces it
        result = _install("--prefix", str(prefix), "--bundle", str(bundle))
        assert result.returncode == 0, result.stdout + result.stderr
    for path in _installed_files(prefix):
        assert path.exists(), f"{path} was not installed"
    assert (prefix / "lib" / "lenet-gui" / "_internal" / "marker").is_file()

    entry = _desktop_entry(prefix / "share" / "applications" / f"{APP_ID}.desktop")
    command = shlex.split(entry["Exec"])
    assert command == [str(prefix / "bin" / "lenet-gui")]
    assert entry["TryExec"] == command[0] and entry["Icon"] == APP_ID
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"lenet-gui {__version__}"

    result = _install("--prefix", str(prefix), "--uninstall")
    assert result.returncode == 0, result.stdout + result.stderr
    left = [path for path in _installed_files(prefix) if path.exists() or path.is_symlink()]
    assert not left, f"left behind: {left}"
    assert not (prefix / "lib" / "lenet-gui").exists()
    assert bundle.joinpath("lenet-gui").is_file()  # the source bundle is untouched


def test_install_explains_a_missing_bundle_and_a_missing_prefix(tmp_path: Path) -> None:
    result = _install("--prefix", str(tmp_path / "p"), "--bundle", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "build it first with packaging/build.sh" in result.stderr
    result = _install("--bundle", str(tmp_path))
    assert result.returncode == 1 and "--user or --prefix" in result.stderr


def test_scripts_have_help_and_pass_shellcheck() -> None:
    for script in ("build.sh", "install.sh"):
        result = subprocess.run(["bash", str(PACKAGING / script), "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "Usage:" in result.stdout
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    result = subprocess.run(
        ["shellcheck", str(PACKAGING / "build.sh"), str(PACKAGING / "install.sh"), str(ROOT / ".ci" / "run")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_one_application_id_everywhere() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Icon"] == APP_ID and entry["Exec"] == "lenet-gui"
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert icon_path() == HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    for size in ICON_SIZES:
        with Image.open(HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
    release = component.find("releases/release")
    assert release is not None and release.get("version") == __version__


def test_desktop_file_validates() -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (Debian: apt-get install desktop-file-utils)")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower() and "warning" not in result.stdout.lower(), result.stdout


def test_metainfo_validates() -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (Debian: apt-get install appstream)")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_metainfo_and_bundle_speak_korean() -> None:
    """Issue 15: software centres and menus show Korean to Korean users; the bundle carries the compiled catalogue."""
    entry = _desktop_entry(DESKTOP)
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry.get(f"{key}[ko]"), f"{key}[ko] missing from {DESKTOP.name}"
    assert any("\uac00" <= char <= "\ud7a3" for char in entry["Comment[ko]"])  # Hangul syllables
    component = ET.parse(METAINFO).getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("name", "summary"):
        assert [e for e in component.findall(tag) if e.get(lang) == "ko"], f"<{tag} xml:lang='ko'> missing"
    description = component.find("description")
    assert description is not None
    english = [e for e in description.iter() if e.tag in ("p", "li") and e.get(lang) is None]
    korean = [e for e in description.iter() if e.tag in ("p", "li") and e.get(lang) == "ko"]
    assert len(korean) == len(english), "every description paragraph and list item has its Korean one"
    spec = (PACKAGING / "lenet-gui.spec").read_text(encoding="utf-8")
    assert '"lenet_gui/ui/translations"' in spec and 'glob("*.qm")' in spec
