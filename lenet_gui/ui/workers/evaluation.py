"""How good two sets of weights are, side by side: the ones in use and a run's new ones (issue 10.8).

The Keep bar offers new weights with the current ones' MNIST test accuracy beside theirs, and on the user's own
examples when there are some. What is not known yet is measured here, on a ``FunctionWorker`` thread, never on the
GUI thread: the 10,000 MNIST test digits take about a second on two cores. What is known is not measured again: a
training run that ended an epoch measured its new weights itself, and the weights in use carry their accuracy in
their checkpoint's metadata (the bundled weights: 99.54%).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from lenet_gui.core.errors import MissingDataError
from lenet_gui.ui.workers import lazy_imports as core

NumpyState = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Comparison:
    """Accuracies (0..1) of the weights in use ("current") and the new ones. None: not known yet (being measured
    when ``checking``); NaN: cannot be measured (MNIST is not on this computer)."""

    current_mnist: float | None = None
    new_mnist: float | None = None
    current_personal: float | None = None
    new_personal: float | None = None
    personal_count: int = 0  # the user's examples measured on (0: none, no row)
    checking: bool = False
    new_tested_by_run: bool = True  # False: the run ended before it measured its weights (stopped mid-epoch)

    @property
    def missing(self) -> tuple[str, ...]:
        """What still has to be measured: "current_mnist", "new_mnist" (and both personal ones, always)."""
        return tuple(name for name in ("current_mnist", "new_mnist") if getattr(self, name) is None)


def known_accuracy(metadata: Mapping[str, Any]) -> float | None:
    """The MNIST test accuracy a weights file says it has (the bundled weights': 0.9954), or None."""
    value = metadata.get("test_accuracy")
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def measure(
    comparison: Comparison,
    current: NumpyState,
    new: NumpyState,
    *,
    data_source: Any,
    personal_root: str | None,
    personal: bool = True,
    stop: threading.Event | None = None,
) -> Comparison:
    """Fill in what ``comparison`` does not know (on a worker thread): MNIST test accuracy of either set of weights,
    and both on the user's examples when ``personal`` and there are some. ``stop`` (the window closing) ends it
    between two measurements, with what it has."""
    stopped = stop.is_set if stop is not None else (lambda: False)
    training, data = core.training(), core.data()
    models = {"current": current, "new": new}
    updates: dict[str, Any] = {"checking": False}
    if comparison.missing:
        try:
            test_set = data_source(False)[1]
        except MissingDataError:
            test_set = None
        for name in comparison.missing:
            if stopped():
                return replace(comparison, **updates)
            if test_set is None or len(test_set) == 0:
                updates[name] = math.nan
                continue
            model = training.build_model(training.state_from_numpy(models[name.split("_")[0]]), None)
            updates[name] = float(training.evaluate(model, test_set).accuracy)
    if personal and not stopped():  # personal_root None: the default folder
        images, labels, _ = core.personal().PersonalDataset(personal_root, clean_up=False).training_arrays()
        if len(labels):
            digits = data.DigitTensors(core.torch().from_numpy(images), core.torch().from_numpy(labels))
            for name, state in models.items():
                model = training.build_model(training.state_from_numpy(state), None)
                updates[f"{name}_personal"] = float(training.evaluate(model, digits).accuracy)
            updates["personal_count"] = len(labels)
    return replace(comparison, **updates)
