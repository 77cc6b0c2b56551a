"""The house rules: widgets touch no tensors, only the workers package reaches the core, and only lazily."""

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


# Core modules that import neither torch nor numpy-heavy code: any UI file may import them at the top.
TORCH_FREE_CORE = ("lenet_gui.core.errors", "lenet_gui.core.config", "lenet_gui.core.events", "lenet_gui.core.control")


def _reaches_core(module: str) -> bool:
    return module.startswith(("torch", "lenet_gui.core")) and not module.startswith(TORCH_FREE_CORE)


def test_only_workers_reach_core_and_torch() -> None:
    for path in UI.glob("*.py"):
        forbidden = {m for m in imported_modules(path, top_level_only=False) if _reaches_core(m)}
        assert not forbidden, f"{path.name} imports {forbidden}"
    workers = list((UI / "workers").glob("*.py"))
    assert workers
    for path in workers:
        top = {m for m in imported_modules(path, top_level_only=True) if _reaches_core(m)}
        assert not top, f"workers/{path.name} imports {top} at the top: the window would wait for torch"


def test_window_module_imports_without_torch_or_pyqtgraph() -> None:
    code = (
        "import sys; import lenet_gui.ui.app, lenet_gui.ui; "
        f"free = {TORCH_FREE_CORE!r}; "
        "bad = [m for m in sys.modules if m in ('torch', 'pyqtgraph') "
        "or (m.startswith('lenet_gui.core.') and not m.startswith(free))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=UI.parents[1])
