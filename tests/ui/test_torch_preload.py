"""torch's libraries are loaded without the interpreter lock before ``import torch`` (issue 10.3): the GUI thread
kept stopping for up to a second while torch loaded in the background. Checked in a fresh process, where torch is
not imported yet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
from lenet_gui.ui.workers import lazy_imports
lazy_imports.preload_torch_libraries()
maps = open("/proc/self/maps").read()
loaded = [name for name in lazy_imports.TORCH_LIBRARIES if "/" + name in maps]
imported_before = "torch" in sys.modules
torch = lazy_imports.torch()
print(json.dumps({"loaded": loaded, "imported_before": imported_before, "works": int(torch.ones(2).sum())}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is for Linux's loader")
def test_torch_libraries_are_loaded_before_torch_is_imported_and_torch_still_works() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {
        "loaded": ["libc10.so", "libtorch_cpu.so", "libtorch.so", "libtorch_python.so"],
        "imported_before": False,
        "works": 2,
    }
