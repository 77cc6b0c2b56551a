"""The user's personal examples as the UI sees them: every read and write off the GUI thread, on one ``JobQueue``.

``PersonalExamples`` is no worker of its own: it is the UI's access to ``core.personal`` (the examples on disk) and
``core.trash`` (changes to several at once, Undo), put on the background-work vocabulary of ``background.py``. Jobs
run one at a time, in the order they were asked for, so "save, then list" always lists what was saved. Each result
comes back on the GUI thread to the ``then`` callback given with the call (Anki's QueryOp: never touch a widget inside
the job); an error becomes ``failed(title, sentence, details)`` and, where given, ``on_error(sentence)``. After every
job that may have changed files, even one that failed half-way, ``changed`` carries the ten new counts, so every view
can refresh. Thumbnails are decoded and framed here, as QImages (Qt allows those off the GUI thread).
"""

from __future__ import annotations

import logging
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from lenet_gui.core.errors import UserError
from lenet_gui.ui.workers.background import JobQueue

if TYPE_CHECKING:
    import numpy as np

    from lenet_gui.core.personal import Example, ImportReport, PersonalDataset
    from lenet_gui.core.trash import ChangeReport, Deleted

log = logging.getLogger(__name__)

CLOSE_WAIT_SECONDS = 10.0  # at shutdown: how long a save, delete or move under way may take to finish


def _core() -> tuple[Any, Any]:
    """``core.personal`` and ``core.trash``, imported on the store's thread the first time it works: they bring numpy
    and Pillow, which the window does not need to be shown."""
    from lenet_gui.core import personal, trash

    return personal, trash


def _error_text(error: BaseException) -> tuple[str, str]:
    """One sentence for people, and the technical details (if any) to show under it."""
    if isinstance(error, UserError):
        return str(error), error.details
    return str(error).strip() or type(error).__name__, ""


@dataclass(frozen=True)
class _Outcome:
    """What a job did, as the GUI thread receives it: its result or error, and the counts after a change."""

    ok: bool
    value: Any  # the result, or the error as (a sentence for people, details)
    counts: list[int] | None


class PersonalExamples(QObject):
    """The personal examples (``core.personal``), read and written on a thread of their own."""

    changed = Signal(object)  # list[int]: examples per digit, after anything was added, deleted, moved or imported
    failed = Signal(str, str, str)  # title, one sentence (core's PersonalDataError: in user terms), details
    _progress = Signal(object, int, int)  # an import's progress callback, files done, files in all

    def __init__(self, root: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._dataset: PersonalDataset | None = None  # made and used in the queue's thread only
        self._jobs = JobQueue("personal-examples", self)
        self._closing = threading.Event()
        self._progress.connect(lambda progress, done, total: progress(done, total))

    @property
    def root(self) -> str | None:
        """The folder given at construction (None: the default, ``my-digits`` in the user data folder)."""
        return self._root

    # --- reading ----------------------------------------------------------------------------------------------

    def examples(self, then: Callable[[list[Example], dict[str, Any]], None]) -> None:
        """``then(examples, versions)``: every example, oldest first (core ``Example``: label, image_path,
        strokes_path, id), and each picture's version by id (its modification time and size), so that a picture
        changed on disk is not shown from an old thumbnail. Only what core lists as an example: never a temporary
        file, a stroke file without its picture or the trash."""

        def work(dataset: PersonalDataset) -> tuple[list[Example], dict[str, Any]]:
            examples = dataset.examples()
            versions = {}
            for example in examples:
                try:
                    stat = example.image_path.stat()
                except OSError:  # removed meanwhile: the thumbnail will say it is unreadable
                    continue
                versions[example.id] = (stat.st_mtime_ns, stat.st_size)
            return examples, versions

        self._submit(self.tr("The examples could not be listed"), work, _unpack(then), droppable=True)

    def thumbnails(
        self,
        examples: list[Example],
        size: int,
        then: Callable[[list[tuple[Example, QImage | None]]], None],
        *,
        frame: QColor | None = None,
    ) -> None:
        """``then([(example, QImage size×size dark on light, framed in ``frame``; None if unreadable), ...])``."""

        def work(dataset: PersonalDataset) -> list[tuple[Example, QImage | None]]:
            pictures: list[tuple[Example, QImage | None]] = []
            for example in examples:
                if self._closing.is_set():
                    break
                try:
                    pictures.append((example, _thumbnail_image(dataset.thumbnail(example, size), frame)))
                except Exception:  # a file removed or damaged meanwhile: shown as unreadable, not an error dialog
                    pictures.append((example, None))
            return pictures

        self._submit(self.tr("The examples could not be shown"), work, then, droppable=True)

    def read(self, example: Example, then: Callable[[np.ndarray, Any], None]) -> None:
        """``then(uint8 image as saved, strokes or None)``: to put an example back on the canvas."""

        def work(dataset: PersonalDataset) -> tuple[np.ndarray, Any]:
            found, _ = _core()[1].as_they_are(dataset, [example])
            if not found:
                raise LookupError(
                    self.tr("{0} is no longer there (deleted meanwhile?).").format(example.image_path.name)
                )
            return dataset.read_image(found[0]), dataset.read_strokes(found[0])

        self._submit(self.tr("The example could not be opened"), work, _unpack(then), droppable=True)

    # --- changing -------------------------------------------------------------------------------------------

    def add(
        self,
        image: np.ndarray,
        label: int,
        strokes: list[dict[str, Any]] | None,
        *,
        then: Callable[[Example, list[int]], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Save a drawing as an example of ``label``; ``then(example, counts)``."""

        def work(dataset: PersonalDataset) -> tuple[Example, list[int]]:
            example = dataset.add(image, label, strokes)
            return example, dataset.counts()

        self._submit(self.tr("The example could not be saved"), work, _unpack(then), on_error, changes=True)

    def delete(self, examples: list[Example], then: Callable[[ChangeReport], None] | None = None) -> None:
        """Move examples into the trash, unreadable ones too; ``then(report)``, whose ``deleted`` ``restore`` takes.
        Only the last delete can be undone (core's trash)."""

        def work(dataset: PersonalDataset) -> ChangeReport:
            report: ChangeReport = _core()[1].move_to_trash(dataset, examples)
            return report

        self._submit(self.tr("The examples could not be deleted"), work, then, changes=True)

    def restore(self, deleted: Deleted, then: Callable[[ChangeReport], None] | None = None) -> None:
        """Undo a delete: move the files back where they were (same names, same place in the grid)."""

        def work(_dataset: PersonalDataset) -> ChangeReport:
            report: ChangeReport = _core()[1].restore(deleted)
            return report

        self._submit(self.tr("The examples could not be restored"), work, then, changes=True)

    def relabel(self, examples: list[Example], label: int, then: Callable[[ChangeReport], None] | None = None) -> None:
        """Move examples to another digit (wherever they are now); ``then(report)``."""

        def work(dataset: PersonalDataset) -> ChangeReport:
            report: ChangeReport = _core()[1].relabel_examples(dataset, examples, label)
            return report

        self._submit(self.tr("The examples could not be relabelled"), work, then, changes=True)

    def import_folder(
        self,
        folder: str,
        then: Callable[[ImportReport], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Copy in a folder of pictures sorted into 0/ … 9/; ``progress(done, total)`` as it goes, then
        ``then(core ImportReport)``. Closing the window stops it after the picture it is copying."""
        stopped = self.tr("The window closed: {0} of {1} pictures were imported.")

        def step(done: int, total: int) -> None:
            if self._closing.is_set():
                raise InterruptedError(stopped.format(done, total))
            if progress is not None:
                self._progress.emit(progress, done, total)

        def work(dataset: PersonalDataset) -> ImportReport:
            return dataset.import_folder(folder, progress=step)

        self._submit(self.tr("The folder could not be imported"), work, then, on_error, changes=True)

    def export_zip(
        self,
        path: str,
        then: Callable[[Any, int], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Write every example into a zip (atomically); ``then(path written, how many examples it holds)``."""

        def work(dataset: PersonalDataset) -> tuple[Any, int]:
            written = dataset.export_zip(path)
            with zipfile.ZipFile(written) as archive:
                return written, sum(name.lower().endswith(".png") for name in archive.namelist())

        self._submit(self.tr("The examples could not be exported"), work, _unpack(then), on_error)

    def close(self) -> None:
        """The window is closing: drop the reads queued for the screen, stop an import after the picture it is
        copying, let a save, delete or move under way finish (a bounded wait), and empty the trash (no Undo after
        the window has gone)."""
        self._closing.set()
        if self._dataset is not None:
            self._jobs.submit(lambda: _core()[1].empty_trash(self._open()))
        self._jobs.close(keep=True)
        if not self._jobs.join(CLOSE_WAIT_SECONDS):
            log.warning("the personal examples' thread is still busy after %.0f s", CLOSE_WAIT_SECONDS)

    # --- plumbing ---------------------------------------------------------------------------------------------

    def _submit(
        self,
        title: str,
        work: Callable[[PersonalDataset], Any],
        then: Callable[[Any], None] | None,
        on_error: Callable[[str], None] | None = None,
        *,
        changes: bool = False,
        droppable: bool = False,
    ) -> None:
        """Queue ``work(dataset)``; ``changes``: it may change files; ``droppable``: it only reads for the screen."""

        def job() -> _Outcome:
            try:
                value = work(self._open())
            except Exception as error:
                log.debug("%s", title, exc_info=True)
                return _Outcome(False, _error_text(error), self._counts_after_failure() if changes else None)
            return _Outcome(True, value, self._open().counts() if changes else None)

        self._jobs.submit(job, then=lambda outcome: self._deliver(title, then, on_error, outcome), droppable=droppable)

    def _open(self) -> PersonalDataset:
        """The dataset, opened on the first job (core cleans an interrupted save's litter then); the trash of an
        earlier session is emptied: there is no Undo across restarts."""
        if self._dataset is None:
            personal, trash = _core()
            self._dataset = personal.PersonalDataset(self._root)
            trash.empty_trash(self._dataset)
        return self._dataset

    def _counts_after_failure(self) -> list[int] | None:
        """A change that failed half-way may still have changed files: the counts as they are now, if readable."""
        try:
            return self._open().counts()
        except Exception:
            return None

    def _deliver(
        self, title: str, then: Callable[[Any], None] | None, on_error: Callable[[str], None] | None, outcome: _Outcome
    ) -> None:
        if outcome.counts is not None:
            self.changed.emit(outcome.counts)
        if not outcome.ok:
            message, details = outcome.value
            if on_error is not None:
                on_error(message)
            self.failed.emit(title, message, details)
        elif then is not None:
            then(outcome.value)


def _thumbnail_image(gray: np.ndarray, frame: QColor | None) -> QImage:
    """A uint8 dark-on-light square → a QImage of its own, with a thin frame so white paper stays a tile on a white
    (light theme) list. Off the GUI thread."""
    height, width = gray.shape
    image = QImage(gray.tobytes(), width, height, width, QImage.Format.Format_Grayscale8)
    image = image.convertToFormat(QImage.Format.Format_RGB32)  # detached from the bytes, and paintable in colour
    if frame is not None:
        painter = QPainter(image)
        painter.setPen(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRect(0, 0, width - 1, height - 1))
        painter.end()
    return image


def _unpack(then: Callable[..., None] | None) -> Callable[[tuple[Any, ...]], None] | None:
    return None if then is None else (lambda values: then(*values))
