"""The torch-free side of core, without Qt or torch: what the UI imports at the top, and the logic it calls."""

from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from lenet_gui.core import config, weights_files
from lenet_gui.core.atomic_files import remove_stale_temporary_files, write_atomic
from lenet_gui.core.control import TrainingControl
from lenet_gui.core.errors import (
    CheckpointError,
    ImageLoadError,
    MissingDataError,
    PersonalDataError,
    UserError,
    WeightsFileError,
)
from lenet_gui.core.events import FineTuneReport, Finished, format_duration
from lenet_gui.core.parameters import HISTOGRAM_BINS, LAYER_WEIGHTS, summarize_parameters

TORCH_FREE = (
    "config",
    "confidence",
    "events",
    "errors",
    "control",
    "folders",
    "parameters",
    "weights_files",
    "atomic_files",
    "personal",
    "trash",
)


def test_the_contract_modules_import_without_torch_or_qt() -> None:
    modules = ", ".join(f"lenet_gui.core.{name}" for name in TORCH_FREE)
    code = (
        f"import sys, {modules}; "
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('torch', 'PySide6', 'pyqtgraph'))}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_fast_recipe_is_said_once() -> None:
    assert config.FAST == config.TrainingConfig() == config.RECIPES["fast"]
    assert config.recipe("fast", epochs=None, seed=3) == config.TrainingConfig(seed=3)
    assert config.fast_recipe(epochs=5, optimizer="adam", seed=None).optimizer == "adam"
    assert "2 epochs, batch 256, sgd lr 0.3 (onecycle), augmentation off" in config.FAST_RECIPE_DESCRIPTION
    assert config.FineTuneConfig().augmentation == config.BUNDLED.augmentation == config.BUNDLED_AUGMENTATION
    with pytest.raises(ValueError, match="unknown recipe"):
        config.recipe("slow")


def test_errors_are_one_hierarchy_and_old_except_sites_still_catch() -> None:
    for kind, builtin in (
        (MissingDataError, RuntimeError),
        (WeightsFileError, ValueError),
        (ImageLoadError, ValueError),
    ):
        error = kind("One sentence.", "the library's words")
        assert isinstance(error, UserError) and isinstance(error, builtin)
        assert error.full_text() == "One sentence.\nthe library's words"
    assert CheckpointError is WeightsFileError
    assert issubclass(PersonalDataError, UserError)
    from lenet_gui.core import data, personal, preprocess  # noqa: PLC0415  # the old homes still export the names

    assert data.MissingDataError is MissingDataError and personal.PersonalDataError is PersonalDataError
    assert preprocess.ImageLoadError is ImageLoadError


def test_control_flags() -> None:
    control = TrainingControl()
    control.pause()
    assert control.paused
    control.cancel()
    assert control.cancelled and not control.paused  # a stop wakes a paused loop
    control.request_snapshot()
    assert control.take_snapshot_request() and not control.take_snapshot_request()


def test_durations_read_the_same_everywhere() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(61.6) == "1:02"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(math.nan) == format_duration(-1) == "–"


def test_weights_kinds_and_names() -> None:
    when = dt.datetime(2026, 11, 27, 5, 4, 3)
    assert weights_files.weights_file_name(weights_files.TRAINED, when) == "lenet-20261127-050403.pt"
    assert weights_files.fine_tuned_weights_name(when) == "fine-tuned-20261127-050403.pt"
    with pytest.raises(ValueError):
        weights_files.weights_file_name(weights_files.OTHER)
    assert weights_files.weights_kind("x/lenet-20261127-050403.pt") == weights_files.TRAINED
    assert weights_files.weights_kind("x/fine-tuned-20261127-050403.pt") == weights_files.FINE_TUNED
    assert weights_files.weights_kind("x/mine.pt") == weights_files.OTHER
    assert weights_files.weights_kind("x/mine.pt", {"kind": "fine-tuned"}) == weights_files.FINE_TUNED
    assert weights_files.weights_kind("x/lenet-1.pt", {"fine_tuned": True}) == weights_files.FINE_TUNED
    assert weights_files.weights_kind(weights_files.bundled_weights_path()) == weights_files.BUNDLED


def test_one_metadata_builder_for_the_cli_and_the_app() -> None:
    finished = Finished({}, 2, 0.9876, False, 12.34)
    trained = weights_files.training_metadata(finished, config.FAST, recipe="fast", continued=False)
    assert trained["kind"] == "trained" and trained["epochs"] == 2 and trained["test_accuracy"] == 0.9876
    assert trained["seconds"] == 12.3 and trained["continued"] is False and trained["recipe"] == "fast"
    assert trained["config"]["augmentation.scale"] == [0.85, 1.15]  # type: ignore[index]
    stopped = weights_files.training_metadata(Finished({}, 0, math.nan, True, 1.0), config.FAST)
    assert "test_accuracy" not in stopped

    report = FineTuneReport(0.99, 0.989, 0.5, 1.0, "3 folds", 20, (), (), 3.0)
    tuned = weights_files.fine_tuning_metadata(finished, report, config.FineTuneConfig(), started_from="bundled")
    assert tuned["kind"] == "fine-tuned" and tuned["fine_tuned"] is True and tuned["personal_examples"] == 20
    assert tuned["test_accuracy"] == 0.989 and tuned["personal_accuracy"] == 1.0
    assert weights_files.fine_tuning_metadata(finished, None)["kind"] == "fine-tuned"
    carried = weights_files.carried_metadata({"created": "2026", "versions": {}, "epochs": 3})
    assert carried == {"epochs": 3}


def test_parameter_statistics_and_histograms() -> None:
    rng = np.random.default_rng(0)
    shapes = {"conv1.weight": (6, 1, 5, 5), "conv1.bias": (6,), "conv2.weight": (16, 6, 5, 5), "fc3.weight": (10, 84)}
    state = {name: rng.normal(size=shape).astype(np.float32) for name, shape in shapes.items()}
    summary = summarize_parameters(state, {"conv1.bias": 0.5})
    assert summary.total == sum(int(np.prod(s)) for s in shapes.values())
    assert summary.conv1.shape == (6, 5, 5) and summary.conv2.shape == (16, 6, 5, 5)
    bias = next(row for row in summary.stats if row.name == "conv1.bias")
    assert bias.gradient_norm == 0.5 and bias.count == 6 and bias.mean == pytest.approx(state["conv1.bias"].mean())
    assert set(summary.histograms) == {"conv1.weight", "conv2.weight", "fc3.weight"} <= set(LAYER_WEIGHTS)
    histogram = summary.histograms["fc3.weight"]
    assert histogram.counts.sum() == 840 and len(histogram.edges) == HISTOGRAM_BINS + 1
    assert histogram.edges[0] == pytest.approx(-histogram.edges[-1])  # symmetric around zero


def test_atomic_write_replaces_whole_and_cleans_only_old_litter(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.bin", lambda handle: handle.write(b"new"))
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["a.bin"]
    old, young = tmp_path / ".a.bin.old.tmp", tmp_path / ".a.bin.young.tmp"
    for litter, age in ((old, 3600), (young, 1)):
        litter.write_bytes(b"half")
        os.utime(litter, (time.time() - age, time.time() - age))
    assert remove_stale_temporary_files(tmp_path) == [old]
    assert young.exists() and target.exists()
