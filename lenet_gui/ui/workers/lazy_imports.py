"""The one place where the UI imports modules late, on purpose, for start-up speed.

Importing torch takes seconds on two cores, pyqtgraph most of a second; the window is on screen before either. So
the worker modules call these functions from their threads instead of importing ``lenet_gui.core.model`` and friends
at the top, and the window builds its plotting panels through ``plotting_panels`` once it is shown. Nothing else in
``lenet_gui/ui`` imports torch-heavy core modules (``tests/ui/test_architecture.py`` checks) or imports late (ruff's
PLC0415). Torch-free core modules (errors, configs, events, run flags) are imported at the top like any other.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

# torch's own shared libraries, in dependency order (each one's dependencies, e.g. CUDA's, come with it).
TORCH_LIBRARIES = ("libc10.so", "libtorch_cpu.so", "libtorch.so", "libtorch_python.so")


def checkpoint() -> ModuleType:
    from lenet_gui.core import checkpoint as module

    return module


def data() -> ModuleType:
    from lenet_gui.core import data as module

    return module


def devices() -> ModuleType:
    from lenet_gui.core import devices as module

    return module


def finetune() -> ModuleType:
    from lenet_gui.core import finetune as module

    return module


def inference() -> ModuleType:
    from lenet_gui.core import inference as module

    return module


def model() -> ModuleType:
    from lenet_gui.core import model as module

    return module


def personal() -> ModuleType:
    from lenet_gui.core import personal as module

    return module


def preprocess() -> ModuleType:
    from lenet_gui.core import preprocess as module

    return module


def training() -> ModuleType:
    from lenet_gui.core import training as module

    return module


def torch() -> ModuleType:
    import torch as module

    return module


def torch_imported() -> bool:
    """Whether torch is in this process already: the first job that needs it says it loads (a few seconds, once)."""
    return "torch" in sys.modules


def preload_torch_libraries() -> float:
    """Load torch's shared libraries without holding the interpreter lock; returns the seconds it took.

    Importing torch spends most of its time in the dynamic loader (mapping ~1 GB of libraries, running their static
    initialisers), and Python holds its lock (the GIL) throughout, so the GUI thread could not run for up to a second
    at a time while torch loaded in the background: the ink of a stroke drawn then appeared late. A ctypes call to
    libc's dlopen releases the lock, so the loading happens beside the GUI thread; the ``import torch`` that follows
    finds the libraries loaded. Nothing happens where they are not found (another platform, a frozen bundle that
    lays them out differently): the import then loads them as before.
    """
    if "torch" in sys.modules or not sys.platform.startswith("linux"):
        return 0.0
    started = time.perf_counter()
    spec = importlib.util.find_spec("torch")
    folders = list(spec.submodule_search_locations or []) if spec else []
    try:
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return 0.0
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    for folder in folders:
        for name in TORCH_LIBRARIES:
            path = Path(folder) / "lib" / name
            if path.is_file() and not dlopen(os.fsencode(path), os.RTLD_NOW | os.RTLD_LOCAL):
                log.info("could not preload %s; the import will load it", path)
                return time.perf_counter() - started
    return time.perf_counter() - started


def plotting_panels() -> tuple[type, type, type, type]:
    """The panels drawn with pyqtgraph: TrainingPanel, FiltersPanel, ParametersPanel and PersonalPanel (My digits)."""
    from lenet_gui.ui.filters_panel import FiltersPanel
    from lenet_gui.ui.parameters_panel import ParametersPanel
    from lenet_gui.ui.personal_panel import PersonalPanel
    from lenet_gui.ui.training_panel import TrainingPanel

    return TrainingPanel, FiltersPanel, ParametersPanel, PersonalPanel


def time_machine_bar() -> type:
    """The time machine's bar (pyqtgraph, like the plotting panels: imported once those are)."""
    from lenet_gui.ui.time_machine_bar import TimeMachineBar

    return TimeMachineBar


def teaching_docks() -> tuple[Any, type]:
    """``add_tutorial_docks`` (Network, Training step) and ``ExplainDocks`` (Explain, Poke): tabbed behind My digits
    when the window opens, so the window is shown first and their modules are imported after (issue 10)."""
    from lenet_gui.ui.explain_docks import ExplainDocks
    from lenet_gui.ui.tutorial_docks import add_tutorial_docks

    return add_tutorial_docks, ExplainDocks


def arithmetic() -> ModuleType:
    from lenet_gui.core import arithmetic as module

    return module


def explain() -> ModuleType:
    from lenet_gui.core import explain as module

    return module


def stepper() -> ModuleType:
    from lenet_gui.core import stepper as module

    return module


def ablation() -> ModuleType:
    from lenet_gui.core import ablation as module

    return module


def run_files() -> ModuleType:
    from lenet_gui.core import run_files as module

    return module


def threads() -> ModuleType:
    from lenet_gui.core import threads as module

    return module


def export() -> ModuleType:
    from lenet_gui.core import export as module

    return module


def augment_preview() -> ModuleType:
    from lenet_gui.core import augment_preview as module

    return module


def comparison() -> ModuleType:
    from lenet_gui.core import comparison as module

    return module
