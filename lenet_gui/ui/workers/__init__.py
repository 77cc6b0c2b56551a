"""The only place where threads and the core meet the UI.

``background``: the one vocabulary for work off the GUI thread (a function, a generator of events, a queue of jobs).
``personal_store``: the user's personal examples, read and written off the GUI thread.
The inference service and the training and fine-tuning runs are re-exported here for the window.
"""

from lenet_gui.ui.workers._old import (
    BUNDLED,
    FINE_TUNED,
    OTHER,
    TRAINED,
    DataSource,
    FineTuneWorker,
    InferenceService,
    TrainingWorker,
    data_folder_hint,
    mnist_source,
    user_weights_folder,
    weights_view,
)
from lenet_gui.ui.workers.background import FunctionWorker, GeneratorWorker, JobQueue, RunFlags, running_threads
from lenet_gui.ui.workers.personal_store import TRASH_FOLDER, ChangeReport, Deleted, PersonalStore

__all__ = [
    "BUNDLED",
    "FINE_TUNED",
    "OTHER",
    "TRAINED",
    "TRASH_FOLDER",
    "ChangeReport",
    "DataSource",
    "Deleted",
    "FineTuneWorker",
    "FunctionWorker",
    "GeneratorWorker",
    "InferenceService",
    "JobQueue",
    "PersonalStore",
    "RunFlags",
    "TrainingWorker",
    "data_folder_hint",
    "mnist_source",
    "running_threads",
    "user_weights_folder",
    "weights_view",
]
