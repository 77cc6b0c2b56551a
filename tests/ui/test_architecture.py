"""The house rules: widgets touch no tensors, only workers.py reaches the core, and only lazily."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "lenet_gui" / "ui"


def imported_modules(path: Path, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_workers_reach_core_and_torch() -> None:
    for path in UI.glob("*.py"):
        modules = imported_modules(path, top_level_only=False)
        forbidden = {m for m in modules if m.startswith(("torch", "lenet_gui.core"))}
        if path.name == "workers.py":
            top = imported_modules(path, top_level_only=True)
            assert not {m for m in top if m.startswith(("torch", "lenet_gui.core"))}, "workers import core lazily"
        else:
            assert not forbidden, f"{path.name} imports {forbidden}"


def test_window_module_imports_without_torch_or_pyqtgraph() -> None:
    code = (
        "import sys; import lenet_gui.ui.app, lenet_gui.ui; "
        "bad = [m for m in ('torch', 'pyqtgraph', 'lenet_gui.core') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=UI.parents[1])
