"""Changes to several personal examples at once, reported example by example, and a trash so Undo can bring
deleted ones back.

Deleted examples wait in ``<personal folder>/.trash/<time>/<digit>/`` until Undo moves them back. It is not a digit
folder, so nothing lists, trains on or exports what is in it. Only the last delete can be undone: the next delete
empties what the one before left, and the app empties the trash when it starts and when it closes.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lenet_gui.core.errors import UserError
from lenet_gui.core.personal import Example, PersonalDataset

TRASH_FOLDER = ".trash"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deleted:
    """One delete's files in the trash, for Undo: per example, its (original path, path in the trash), PNG first."""

    folder: Path
    moves: tuple[tuple[tuple[Path, Path], ...], ...]


@dataclass(frozen=True)
class ChangeReport:
    """What a change to several examples did. Each example is tried even when another fails."""

    done: int
    failures: tuple[tuple[str, str], ...] = ()  # (file name, why)
    deleted: Deleted | None = None  # after a delete: what ``restore`` moves back


def trash_folder(dataset: PersonalDataset) -> Path:
    return dataset.root / TRASH_FOLDER


def as_they_are(dataset: PersonalDataset, examples: Iterable[Example]) -> tuple[list[Example], list[Example]]:
    """The examples as they are on disk now, found by id (a grid not yet refreshed after a relabel shows the old
    folder), and those that are gone."""
    now = {example.id: example for example in dataset.examples()}
    wanted = list(examples)
    return [now[example.id] for example in wanted if example.id in now], [e for e in wanted if e.id not in now]


def move_to_trash(dataset: PersonalDataset, examples: Iterable[Example]) -> ChangeReport:
    """Move examples into the trash, unreadable ones too; the report's ``deleted`` is what ``restore`` takes. Ones
    already gone are no failure. Once something was deleted, what earlier deletes left in the trash is emptied."""
    trash = trash_folder(dataset)
    folder = trash / f"{_dt.datetime.now():%Y%m%d-%H%M%S-%f}"
    moves: list[tuple[tuple[Path, Path], ...]] = []
    failures: list[tuple[str, str]] = []
    for example in as_they_are(dataset, examples)[0]:
        try:
            moves.append(_move_example(example, folder))
        except OSError as error:
            failures.append((example.image_path.name, error.strerror or str(error)))
    if not moves:
        return ChangeReport(0, tuple(failures))
    for older in trash.iterdir():
        if older != folder:
            shutil.rmtree(older, ignore_errors=True)
    return ChangeReport(len(moves), tuple(failures), Deleted(folder, tuple(moves)))


def restore(deleted: Deleted) -> ChangeReport:
    """Undo a delete: move the files back where they were (same names, same place in the grid)."""
    back = 0
    failures: list[tuple[str, str]] = []
    for moves in deleted.moves:
        try:
            for original, trashed in reversed(moves):  # the strokes first, the PNG last: whole or not at all
                original.parent.mkdir(parents=True, exist_ok=True)
                os.replace(trashed, original)
            back += 1
        except OSError as error:
            failures.append((moves[0][0].name, error.strerror or str(error)))
    if not failures:
        shutil.rmtree(deleted.folder, ignore_errors=True)
    return ChangeReport(back, tuple(failures))


def empty_trash(dataset: PersonalDataset) -> None:
    """Forget every delete (no Undo across restarts)."""
    shutil.rmtree(trash_folder(dataset), ignore_errors=True)


def relabel_examples(dataset: PersonalDataset, examples: Iterable[Example], label: int) -> ChangeReport:
    """Move examples to another digit, wherever they are now; one that fails or is gone does not stop the rest."""
    found, missing = as_they_are(dataset, examples)
    moved = 0
    failures = [(example.image_path.name, "no longer there (deleted meanwhile?)") for example in missing]
    for example in found:
        try:
            dataset.relabel(example, label)
            moved += 1
        except UserError as error:  # PersonalDataError says why; the others are still moved
            failures.append((example.image_path.name, str(error)))
    return ChangeReport(moved, tuple(failures))


def _move_example(example: Example, folder: Path) -> tuple[tuple[Path, Path], ...]:
    """Move an example's PNG, then its strokes, into ``folder/<digit>/``; raises OSError when the PNG cannot move."""
    target = folder / str(example.label)
    target.mkdir(parents=True, exist_ok=True)
    moved: list[tuple[Path, Path]] = []
    for source in (example.image_path, example.strokes_path):
        if source is None:
            continue
        try:
            os.replace(source, target / source.name)
        except OSError:
            if not moved:
                raise
            log.debug("the strokes of %s stay behind", source, exc_info=True)  # ignored without their PNG
            break
        moved.append((source, target / source.name))
    return tuple(moved)
