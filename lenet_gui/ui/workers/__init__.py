"""The only place where threads and the core meet the UI.

``background``: the one vocabulary for work off the GUI thread (a function, a generator of events, a queue of jobs).
``inference``: live prediction and everything that changes the weights in use. ``runs``: training and fine-tuning.
``personal_store``: the user's personal examples. ``files``: reading a file the user named without hanging.
``exporter``: the weights in use written as ONNX.
``lazy_imports``: the one place that imports torch-heavy core modules (and the plotting panels) late, on purpose.
"""

from lenet_gui.ui.workers.background import FunctionWorker, GeneratorWorker, JobQueue, RunFlags, running_threads
from lenet_gui.ui.workers.exporter import onnx_export_worker
from lenet_gui.ui.workers.inference import (
    BUNDLED,
    FINE_TUNED,
    OTHER,
    TRAINED,
    InferenceService,
    weights_view,
)
from lenet_gui.ui.workers.personal_store import PersonalExamples
from lenet_gui.ui.workers.runs import (
    FINE_TUNING,
    TRAINING,
    DataSource,
    Run,
    data_folder_hint,
    fine_tune_run,
    mnist_source,
    training_run,
    user_weights_folder,
)

__all__ = [
    "BUNDLED",
    "FINE_TUNED",
    "FINE_TUNING",
    "OTHER",
    "TRAINED",
    "TRAINING",
    "DataSource",
    "FunctionWorker",
    "GeneratorWorker",
    "InferenceService",
    "JobQueue",
    "PersonalExamples",
    "Run",
    "RunFlags",
    "data_folder_hint",
    "fine_tune_run",
    "mnist_source",
    "onnx_export_worker",
    "running_threads",
    "training_run",
    "user_weights_folder",
    "weights_view",
]
