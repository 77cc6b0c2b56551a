#!/usr/bin/env python3
"""Keep the Korean translation in step with the code: lupdate → lenet_gui_ko.ts, lrelease → lenet_gui_ko.qm.

    python scripts/update_translations.py            # collect every tr() string of lenet_gui/ui, compile the .qm
    python scripts/update_translations.py --check    # also exit 1, listing each string without a finished Korean
    python scripts/update_translations.py --fill lenet_gui/ui/translations/draft_ko.json   # fill from a mapping

``pyside6-lupdate`` reads every ``.py`` under ``lenet_gui/ui/`` (recursively) and merges what it finds into the
``.ts``: translations already made are kept, strings no longer in the code are dropped (``-no-obsolete``), and no
source locations are written (``-locations none``), so that five branches editing the widgets do not conflict in the
``.ts`` over line numbers; the context (the class name) says where a string lives. ``pyside6-lrelease`` then
compiles the ``.ts`` into the ``.qm`` the app loads. Both tools ship with PySide6-Essentials.

``--fill`` copies translations from a JSON object {English source text: Korean} into every message whose source text
matches exactly and that has no finished translation yet, and marks it finished; ``%n`` messages get the one Korean
plural form. A translator still reads the result in context (Qt Linguist, or the running app with LANG=ko_KR.UTF-8).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "lenet_gui" / "ui"
TRANSLATIONS_DIR = UI_DIR / "translations"
LANGUAGES = ("ko",)


def ts_path(language: str) -> Path:
    """The translation source checked into the repository."""
    return TRANSLATIONS_DIR / f"lenet_gui_{language}.ts"


def qm_path(language: str) -> Path:
    """The compiled catalogue the app loads (also checked in, so a wheel built without Qt's tools still has it)."""
    return TRANSLATIONS_DIR / f"lenet_gui_{language}.qm"


def qt_tool(name: str) -> str:
    """``pyside6-<name>`` on PATH, else the binary inside the PySide6 package (where the wheel puts it)."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6  # noqa: PLC0415 (only where pyside6-<name> is not on PATH)

    binary = Path(PySide6.__file__).parent / name
    if binary.is_file():
        return str(binary)
    raise SystemExit(f"neither pyside6-{name} nor {binary} found: install PySide6-Essentials")


def ui_sources(ui_dir: Path = UI_DIR) -> list[Path]:
    """Every Python file of the UI, sorted (the order lupdate sees them in, hence the .ts, stays stable)."""
    return sorted(path for path in ui_dir.rglob("*.py") if "__pycache__" not in path.parts)


def run_lupdate(ts: Path, sources: list[Path], language: str) -> None:
    """Merge the translatable strings of ``sources`` into ``ts`` (created when missing)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    command = [qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none"]
    command += ["-source-language", "en", "-target-language", language, *map(str, sources), "-ts", str(ts)]
    subprocess.run(command, check=True)


def run_lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` (unfinished translations are left out, so those strings show in English)."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


@dataclass(frozen=True)
class Message:
    """One string of a .ts: its context (usually the class), source text, and whether a finished translation exists."""

    context: str
    source: str
    finished: bool
    plural: bool
    translation: str  # the (first) plural form for %n messages


def _translation_done(translation: ET.Element | None) -> bool:
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return False
    forms = translation.findall("numerusform")
    texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
    return all(text.strip() for text in texts)


def _translation_text(translation: ET.Element | None) -> str:
    if translation is None:
        return ""
    forms = translation.findall("numerusform")
    return (forms[0].text or "") if forms else (translation.text or "")


def read_messages(ts: Path) -> list[Message]:
    """Every message of a .ts file, in file order."""
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    finished=_translation_done(message.find("translation")),
                    plural=message.get("numerus") == "yes",
                    translation=_translation_text(message.find("translation")),
                )
            )
    return messages


def unfinished(ts: Path) -> list[Message]:
    """The messages without a finished, non-empty translation."""
    return [message for message in read_messages(ts) if not message.finished]


def fill_from_mapping(ts: Path, mapping: dict[str, str]) -> int:
    """Translate the unfinished messages of ``ts`` whose source text is a key of ``mapping``; returns how many.

    The file is rewritten with ElementTree, keeping lupdate's DOCTYPE line; lupdate normalises the layout the next
    time it runs.
    """
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        if source not in mapping or _translation_done(translation):
            continue
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            ET.SubElement(translation, "numerusform").text = mapping[source]  # Korean has one plural form
        else:
            translation.text = mapping[source]
        filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a string has no finished translation")
    parser.add_argument("--fill", type=Path, metavar="JSON", help="fill unfinished strings from {English: Korean}")
    parser.add_argument("--no-update", action="store_true", help="skip lupdate (only compile, fill or check)")
    args = parser.parse_args(argv)

    status = 0
    for language in LANGUAGES:
        ts, qm = ts_path(language), qm_path(language)
        if not args.no_update:
            run_lupdate(ts, ui_sources(), language)
        if args.fill is not None:
            mapping = json.loads(args.fill.read_text(encoding="utf-8"))
            print(f"{ts.relative_to(ROOT)}: filled {fill_from_mapping(ts, mapping)} strings from {args.fill}")
            if not args.no_update:
                run_lupdate(ts, ui_sources(), language)  # back to lupdate's own layout
        run_lrelease(ts, qm)
        messages = read_messages(ts)
        missing = [message for message in messages if not message.finished]
        print(f"{ts.relative_to(ROOT)}: {len(messages) - len(missing)} of {len(messages)} strings translated")
        if args.check and missing:
            status = 1
            for message in missing:
                print(f"  untranslated [{message.context}] {message.source!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
