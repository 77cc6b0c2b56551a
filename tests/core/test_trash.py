"""Deleting examples into the trash and Undo, and relabelling several at once, without Qt."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lenet_gui.core import trash
from lenet_gui.core.personal import PersonalDataset


def _dataset(tmp_path: Path) -> tuple[PersonalDataset, list]:  # type: ignore[type-arg]
    dataset = PersonalDataset(tmp_path / "mine")
    picture = np.full((28, 28), 255, np.uint8)
    picture[5:23, 13:15] = 0
    examples = [dataset.add(picture, digit, [{"points": [[1, 2]]}] if digit % 2 else None) for digit in (1, 2, 7)]
    return dataset, examples


def test_delete_moves_to_trash_and_undo_puts_back_as_it_was(tmp_path: Path) -> None:
    dataset, examples = _dataset(tmp_path)
    before = dataset.examples()
    report = trash.move_to_trash(dataset, examples[:2])
    assert report.done == 2 and not report.failures and report.deleted is not None
    assert [e.label for e in dataset.examples()] == [7]
    assert dataset.training_arrays()[0].shape[0] == 1  # nothing in the trash is trained on
    undone = trash.restore(report.deleted)
    assert undone.done == 2 and not undone.failures
    assert dataset.examples() == before
    assert not report.deleted.folder.exists()


def test_only_the_last_delete_can_be_undone_and_gone_ones_are_no_failure(tmp_path: Path) -> None:
    dataset, examples = _dataset(tmp_path)
    first = trash.move_to_trash(dataset, [examples[0]])
    second = trash.move_to_trash(dataset, [examples[0], examples[1]])  # the first is gone already
    assert second.done == 1 and not second.failures
    assert first.deleted is not None and not first.deleted.folder.exists()
    trash.empty_trash(dataset)
    assert not trash.trash_folder(dataset).exists()


def test_relabel_several_reports_each(tmp_path: Path) -> None:
    dataset, examples = _dataset(tmp_path)
    trash.move_to_trash(dataset, [examples[2]])
    report = trash.relabel_examples(dataset, examples, 4)
    assert report.done == 2 and report.failures == (
        (examples[2].image_path.name, "no longer there (deleted meanwhile?)"),
    )
    assert dataset.counts()[4] == 2
    found, missing = trash.as_they_are(dataset, examples)
    assert [e.label for e in found] == [4, 4] and missing == [examples[2]]
