"""Qt widgets, zero tensors: only ``workers`` touches the core, and only inside its threads.

``from lenet_gui.ui import MainWindow`` works (with a QApplication running); ``create_app`` and ``run_gui`` are in
``lenet_gui.ui.app``.
"""

from lenet_gui.ui.main_window import MainWindow

__all__ = ["MainWindow"]
