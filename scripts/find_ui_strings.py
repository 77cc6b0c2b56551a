#!/usr/bin/env python3
"""List string literals in lenet_gui/ui that look user-visible but do not go through tr(): what is left to wrap.

    python scripts/find_ui_strings.py                 # file:line  'text'  (and [draft] when draft_ko.json has it)
    python scripts/find_ui_strings.py --json out.json # {text: [file:line, …]} for scripts

A heuristic, not a verdict: it skips docstrings, f-string pieces, object names, settings keys, signal and attribute
names, identifiers and strings already inside ``tr()`` / ``QCoreApplication.translate()``; what it still lists (log
messages, format codes, style sheets) a person judges. f-strings that build user-visible sentences are not listed at
all: they have to become ``self.tr("… {name} …").format(name=…)`` so a translator can move the words around.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "lenet_gui" / "ui"
DRAFT = UI_DIR / "translations" / "draft_ko.json"

TRANSLATING = {"tr", "translate", "_tr", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
NOT_TEXT = {
    "setObjectName",
    "getattr",
    "setattr",
    "hasattr",
    "value",
    "setValue",
    "Signal",
    "Slot",
    "isinstance",
    "join",
    "startswith",
    "endswith",
    "split",
    "replace",
    "get",
    "contains",
    "setProperty",
    "property",
    "fromTheme",
    "findChild",
    "findChildren",
    "setStyleSheet",
    "QKeySequence",
    "strftime",
    "getLogger",
    "debug",
    "info",
    "warning",
    "error",
    "exception",
    "critical",
    "format",
    "encode",
    "decode",
    "open",
    "Path",
    "setenv",
    "environ",
}


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def candidates(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string literal in ``path`` that may be user-visible and is not translated."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # docstrings
        if isinstance(node, ast.JoinedStr):
            skip.update(id(value) for value in node.values)
        if isinstance(node, ast.Call) and (_call_name(node) in TRANSLATING or _call_name(node) in NOT_TEXT):
            skip.update(id(arg) for arg in ast.walk(node) if isinstance(arg, ast.Constant))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip.update(id(arg) for arg in ast.walk(node) if isinstance(arg, ast.Constant))
        if isinstance(node, ast.Subscript):
            skip.update(id(arg) for arg in ast.walk(node.slice) if isinstance(arg, ast.Constant))
        if isinstance(node, ast.Compare):
            skip.update(id(arg) for arg in ast.walk(node) if isinstance(arg, ast.Constant))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        text = node.value
        if sum(char.isalpha() for char in text) < 2:
            continue
        if " " not in text and not text[:1].isupper():  # identifiers, keys, file suffixes
            continue
        if text.isupper() or (" " not in text and "_" in text):  # CONSTANTS, snake_case names
            continue
        found.append((node.lineno, text))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write {text: [file:line, …]} here instead of listing")
    args = parser.parse_args(argv)
    draft = json.loads(DRAFT.read_text(encoding="utf-8")) if DRAFT.is_file() else {}
    where: dict[str, list[str]] = {}
    for path in sorted(UI_DIR.rglob("*.py")):
        for line, text in candidates(path):
            where.setdefault(text, []).append(f"{path.relative_to(ROOT)}:{line}")
    if args.json:
        args.json.write_text(json.dumps(where, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        for text, places in where.items():
            print(f"{places[0]}  {text!r}{'  [draft]' if text in draft else ''}")
    print(f"{len(where)} strings, {sum(text in draft for text in where)} with a draft translation", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
