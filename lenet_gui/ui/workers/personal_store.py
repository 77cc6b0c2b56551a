"""The user's personal examples, read and written off the GUI thread (moved here as it was; being rebuilt on the
background-work vocabulary of ``background.py``)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future

    import numpy as np

log = logging.getLogger(__name__)


def _error_text(error: BaseException) -> str:
    text = str(error).strip()
    return text or type(error).__name__


# --- the personal dataset ---------------------------------------------------------------------------------------

# Deleted examples wait in this folder inside the personal folder until Undo brings them back. It is not a digit
# folder, so core never lists, trains on or exports what is in it. Emptied by the next delete and at every start.
TRASH_FOLDER = ".trash"


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
    deleted: Deleted | None = None  # after a delete: what Undo moves back


class PersonalStore(QObject):
    """The user's personal examples (``core.personal``), read and written on a thread of its own.

    Jobs run one at a time, in the order they were asked for, so "save, then list" always lists what was saved.
    Each result comes back on the GUI thread to the ``then`` callback given with the call (Anki's QueryOp
    pattern: never touch a widget inside the job); an error becomes ``failed(title, message)`` and, where given,
    ``on_error(message)``. After every job that may have changed files, even one that failed half-way, ``changed``
    carries the ten new counts, so every view can refresh.
    """

    changed = Signal(object)  # list[int]: examples per digit, after anything was added, deleted, moved or imported
    failed = Signal(str, str)  # title, message (core's PersonalDataError says what went wrong in user terms)
    _done = Signal(object, object)  # (title, then, on_error), (ok, result, counts): delivered on the GUI thread
    _progress = Signal(object, int, int)  # an import's progress callback, files done, files in all

    def __init__(self, root: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._dataset: Any = None  # core's PersonalDataset, made in the store's thread
        self._executor: Any = None
        self._queued: list[Future[None]] = []  # jobs that only read for the screen: dropped when the window closes
        self._closing = threading.Event()
        self._done.connect(self._deliver)
        self._progress.connect(lambda progress, done, total: progress(done, total))

    @property
    def root(self) -> str | None:
        """The folder given at construction (None: the default, ``my-digits`` in the user data folder)."""
        return self._root

    # --- called from the GUI thread -------------------------------------------------------------------------

    def add(
        self,
        image: np.ndarray,
        label: int,
        strokes: list[dict[str, Any]] | None,
        *,
        then: Callable[[Any, list[int]], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Save a drawing as an example of ``label``; ``then(example, counts)``."""

        def work(dataset: Any) -> tuple[Any, list[int]]:
            example = dataset.add(image, label, strokes)
            return example, dataset.counts()

        self._submit("The example could not be saved", work, _unpack(then), on_error, changes=True)

    def examples(self, then: Callable[[list[Any], dict[str, Any]], None]) -> None:
        """``then(examples, versions)``: every example, oldest first (core Example objects: label, image_path,
        strokes_path, id), and each picture's version by id (its modification time and size), so that a picture
        changed on disk is not shown from an old thumbnail."""

        def work(dataset: Any) -> tuple[list[Any], dict[str, Any]]:
            examples = dataset.examples()
            versions = {}
            for example in examples:
                with contextlib.suppress(OSError):  # removed meanwhile: the thumbnail will say it is unreadable
                    stat = example.image_path.stat()
                    versions[example.id] = (stat.st_mtime_ns, stat.st_size)
            return examples, versions

        self._submit("The examples could not be listed", work, _unpack(then), screen_only=True)

    def thumbnails(self, examples: list[Any], size: int, then: Callable[[list[tuple[Any, Any]]], None]) -> None:
        """``then([(example, uint8 (size, size) dark on light or None if unreadable), ...])``."""

        def work(dataset: Any) -> list[tuple[Any, Any]]:
            pictures = []
            for example in examples:
                if self._closing.is_set():
                    break
                try:
                    pictures.append((example, dataset.thumbnail(example, size)))
                except Exception:  # a file removed or damaged meanwhile: shown as unreadable, not an error dialog
                    pictures.append((example, None))
            return pictures

        self._submit("The examples could not be shown", work, then, screen_only=True)

    def read(self, example: Any, then: Callable[[Any, Any], None]) -> None:
        """``then(uint8 image as saved, strokes or None)``: to put an example back on the canvas."""

        def work(dataset: Any) -> tuple[Any, Any]:
            found, _ = _as_they_are(dataset, [example])
            if not found:
                raise LookupError(f"{example.image_path.name} is no longer there (deleted meanwhile?).")
            return dataset.read_image(found[0]), dataset.read_strokes(found[0])

        self._submit("The example could not be opened", work, _unpack(then), screen_only=True)

    def delete(self, examples: list[Any], then: Callable[[ChangeReport], None] | None = None) -> None:
        """Move examples into the trash, unreadable ones too; ``then(report)``, whose ``deleted`` ``restore`` takes.
        Ones already gone are no failure. Only the last delete can be undone: the trash of the one before is emptied
        once something was deleted."""

        def work(dataset: Any) -> ChangeReport:
            trash = Path(dataset.root) / TRASH_FOLDER
            folder = trash / f"{_dt.datetime.now():%Y%m%d-%H%M%S-%f}"
            moves, failures = [], []
            for example in _as_they_are(dataset, examples)[0]:
                try:
                    moves.append(_move_to_trash(example, folder))
                except OSError as error:
                    failures.append((example.image_path.name, error.strerror or str(error)))
            if not moves:
                return ChangeReport(0, tuple(failures))
            for older in trash.iterdir():
                if older != folder:
                    shutil.rmtree(older, ignore_errors=True)
            return ChangeReport(len(moves), tuple(failures), Deleted(folder, tuple(moves)))

        self._submit("The examples could not be deleted", work, then, changes=True)

    def restore(self, deleted: Deleted, then: Callable[[ChangeReport], None] | None = None) -> None:
        """Undo a delete: move the files back where they were (same names, same place in the grid)."""

        def work(dataset: Any) -> ChangeReport:
            back, failures = 0, []
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

        self._submit("The examples could not be restored", work, then, changes=True)

    def relabel(self, examples: list[Any], label: int, then: Callable[[ChangeReport], None] | None = None) -> None:
        """Move examples to another digit (wherever they are now); ``then(report)``."""

        def work(dataset: Any) -> ChangeReport:
            found, missing = _as_they_are(dataset, examples)
            moved, failures = (
                0,
                [(example.image_path.name, "no longer there (deleted meanwhile?)") for example in missing],
            )
            for example in found:
                try:
                    dataset.relabel(example, label)
                    moved += 1
                except Exception as error:  # core's PersonalDataError says why; the others are still moved
                    failures.append((example.image_path.name, _error_text(error)))
            return ChangeReport(moved, tuple(failures))

        self._submit("The examples could not be relabelled", work, then, changes=True)

    def import_folder(
        self,
        folder: str,
        then: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Copy in a folder of pictures sorted into 0/ … 9/; ``progress(done, total)`` as it goes, then
        ``then(core ImportReport)``. Closing the window stops it after the picture it is copying."""

        def step(done: int, total: int) -> None:
            if self._closing.is_set():
                raise InterruptedError(f"The window closed: {done} of {total} pictures were imported.")
            if progress is not None:
                self._progress.emit(progress, done, total)

        def work(dataset: Any) -> Any:
            return dataset.import_folder(folder, progress=step)

        self._submit("The folder could not be imported", work, then, on_error, changes=True)

    def export_zip(
        self,
        path: str,
        then: Callable[[Any, int], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Write every example into a zip (atomically); ``then(path written, how many examples it holds)``."""

        def work(dataset: Any) -> tuple[Any, int]:
            import zipfile

            written = dataset.export_zip(path)
            with zipfile.ZipFile(written) as archive:
                return written, sum(name.lower().endswith(".png") for name in archive.namelist())

        self._submit("The examples could not be exported", work, _unpack(then), on_error)

    def close(self) -> None:
        """The window is closing: drop the reads queued for the screen, stop an import after the picture it is
        copying, and wait for the rest (an example being saved, deleted, moved or exported is never cut short)."""
        self._closing.set()
        for future in self._queued:
            future.cancel()
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=False)
        if self._dataset is not None:  # Undo goes with the window
            shutil.rmtree(Path(self._dataset.root) / TRASH_FOLDER, ignore_errors=True)

    # --- plumbing ---------------------------------------------------------------------------------------------

    def _submit(
        self,
        title: str,
        work: Callable[[Any], Any],
        then: Callable[[Any], None] | None,
        on_error: Callable[[str], None] | None = None,
        *,
        changes: bool = False,
        screen_only: bool = False,
    ) -> None:
        """Queue ``work(dataset)``; ``changes``: it may change files; ``screen_only``: it only reads for the screen."""
        if self._closing.is_set():  # the window has closed: a new executor here would be a thread nobody joins
            return
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="personal")

        def job() -> None:
            try:
                result = work(self._open())
                outcome = (True, result, self._dataset.counts() if changes else None)
            except Exception as error:
                log.debug("%s", title, exc_info=True)
                outcome = (False, error, self._counts_after_failure() if changes else None)
            self._done.emit((title, then, on_error), outcome)

        future = self._executor.submit(job)
        if screen_only:
            self._queued = [queued for queued in self._queued if not queued.done()]
            self._queued.append(future)

    def _open(self) -> Any:
        if self._dataset is None:
            from lenet_gui.core.personal import PersonalDataset

            self._dataset = PersonalDataset(self._root)
            shutil.rmtree(Path(self._dataset.root) / TRASH_FOLDER, ignore_errors=True)  # no Undo across restarts
        return self._dataset

    def _counts_after_failure(self) -> list[int] | None:
        """A change that failed half-way may still have changed files: the counts as they are now, if readable."""
        try:
            counts: list[int] = self._open().counts()
        except Exception:
            return None
        return counts

    def _deliver(self, callbacks: tuple[str, Any, Any], outcome: tuple[bool, Any, Any]) -> None:
        title, then, on_error = callbacks
        ok, value, counts = outcome
        if counts is not None:
            self.changed.emit(counts)
        if not ok:
            message = _error_text(value)
            if on_error is not None:
                on_error(message)
            self.failed.emit(title, message)
        elif then is not None:
            then(value)


def _as_they_are(dataset: Any, examples: list[Any]) -> tuple[list[Any], list[Any]]:
    """The examples as they are on disk now, found by id (a grid not yet refreshed after a relabel shows the old
    folder), and those that are gone."""
    now = {example.id: example for example in dataset.examples()}
    return [now[example.id] for example in examples if example.id in now], [e for e in examples if e.id not in now]


def _move_to_trash(example: Any, folder: Path) -> tuple[tuple[Path, Path], ...]:
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


def _unpack(then: Callable[..., None] | None) -> Callable[[tuple[Any, ...]], None] | None:
    return None if then is None else (lambda values: then(*values))
