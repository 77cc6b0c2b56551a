"""The one place where the UI imports modules late, on purpose, for start-up speed.

Importing torch takes seconds on two cores, pyqtgraph most of a second; the window is on screen before either. So
the worker modules call these functions from their threads instead of importing ``lenet_gui.core.model`` and friends
at the top, and the window builds its plotting panels through ``plotting_panels`` once it is shown. Nothing else in
``lenet_gui/ui`` imports torch-heavy core modules (``tests/ui/test_architecture.py`` checks) or imports late (ruff's
PLC0415). Torch-free core modules (errors, configs, events, run flags) are imported at the top like any other.
"""

from __future__ import annotations

from types import ModuleType


def checkpoint() -> ModuleType:
    from lenet_gui.core import checkpoint as module

    return module


def data() -> ModuleType:
    from lenet_gui.core import data as module

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


def plotting_panels() -> tuple[type, type, type, type]:
    """The panels drawn with pyqtgraph: TrainingPanel, FiltersPanel, ParametersPanel and PersonalPanel (My digits)."""
    from lenet_gui.ui.filters_panel import FiltersPanel
    from lenet_gui.ui.parameters_panel import ParametersPanel
    from lenet_gui.ui.personal_panel import PersonalPanel
    from lenet_gui.ui.training_panel import TrainingPanel

    return TrainingPanel, FiltersPanel, ParametersPanel, PersonalPanel


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


def threads() -> ModuleType:
    from lenet_gui.core import threads as module

    return module


def export() -> ModuleType:
    from lenet_gui.core import export as module

    return module


def augment_preview() -> ModuleType:
    from lenet_gui.core import augment_preview as module

    return module
