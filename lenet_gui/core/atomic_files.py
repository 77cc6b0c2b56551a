"""Files that are never half-written, and the litter an interrupted write leaves, cleaned up later.

Every write goes to a hidden temporary file in the target's folder (``.<name>.<random>.tmp``), is flushed to disk,
renamed over the target, and then the folder itself is flushed, so that after a crash, a kill or a power cut the
target is either the old file or the new one, under its new name. A process killed between creating the temporary
file and renaming it leaves that file behind: ``remove_stale_temporary_files`` removes such files once they are old
enough that no running save can still own them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMPORARY_SUFFIX = ".tmp"
# A temporary file older than this belongs to no running save: saves take seconds, not minutes.
STALE_SECONDS = 10 * 60


def temporary_name_pattern(name: str) -> str:
    """The glob our temporary files for ``name`` match (``.<name>.<random>.tmp``)."""
    return f".{name}.*{TEMPORARY_SUFFIX}"


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Write through a temporary file in the same folder, flushed to disk, then renamed over ``path``.

    A crash, Ctrl-C or full disk leaves either the old file or the new one, never a truncated mix; on an error the
    temporary file is removed and the error raised. The result is readable by everyone (``mkstemp`` makes 0600,
    which would make a shared or installed file unreadable).
    """
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so that a rename survives a power cut (best effort: not every platform
    or file system can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def is_stale(path: Path, older_than: float = STALE_SECONDS, now: float | None = None) -> bool:
    """Last modified more than ``older_than`` seconds ago (False when it cannot be read, e.g. already gone)."""
    try:
        modified = path.stat().st_mtime
    except OSError:
        return False
    return (time.time() if now is None else now) - modified > older_than


def remove_stale_temporary_files(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove our temporary files (``.<name>.<random>.tmp``) in ``folder`` that are older than ``older_than``
    seconds: what a killed save left. Younger ones may belong to a save running now and stay. Returns the removed."""
    removed: list[Path] = []
    try:
        candidates = list(Path(folder).glob(f".*{TEMPORARY_SUFFIX}"))
    except OSError:
        return removed
    now = time.time()
    for candidate in candidates:
        if candidate.is_file() and is_stale(candidate, older_than, now):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed
