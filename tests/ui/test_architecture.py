"""The house rules that import-linter cannot see: the window's modules load without torch, pyqtgraph or the
torch-heavy core (``pyproject.toml`` declares the layering; ``lint-imports`` checks it in ``.ci/run``)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _torch_heavy_modules() -> list[str]:
    """What only ui.workers may import, as the import-linter contract names it."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["source_modules"] == ["lenet_gui.ui"]]
    return [*contract["forbidden_modules"], "pyqtgraph"]


def test_window_module_imports_without_torch_or_pyqtgraph() -> None:
    """Importing the window (and every worker module, at their top) must not wait for torch: the window is on
    screen before torch has loaded, and the plotting panels are built once pyqtgraph has loaded off the GUI thread."""
    heavy = _torch_heavy_modules()
    code = (
        "import sys; import lenet_gui.ui.app, lenet_gui.ui, lenet_gui.ui.workers; "
        f"heavy = {heavy!r}; "
        "bad = [m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in heavy)]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
