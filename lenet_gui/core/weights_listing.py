"""The weights to choose from, listed without torch where the files allow it.

The window lists the weights folder each time the weights change, and the idle window has no torch in it (importing
torch alone takes ~500 MB and seconds; issue 10). ``numpy_lenet.read_weights`` reads the files this app writes; a file
it cannot read (damaged, another network, an older format) goes to the caller's ``fallback`` (torch's
``checkpoint.read_weights_file_info``), which says what is wrong with it as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lenet_gui.core import numpy_lenet
from lenet_gui.core.atomic_files import remove_stale_temporary_files
from lenet_gui.core.weights_files import BUNDLED, WEIGHTS_SUFFIX, WeightsFileInfo, bundled_weights_path, weights_kind

ReadInfo = Callable[[Path], WeightsFileInfo]

_infos: dict[tuple[str, int, int], WeightsFileInfo] = {}
_infos_lock = threading.Lock()


def cached_info(path: str | Path, read: Callable[[Path, float], WeightsFileInfo]) -> WeightsFileInfo:
    """``read(path, modified)``, once for each version of a file (path, modification time, size): the window lists
    the folder each time the weights change. One cache for every reader: they describe a file the same way."""
    path = Path(path)
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _infos_lock:
        known = _infos.get(key)
    if known is not None:
        return known
    info = read(path, stat.st_mtime)
    with _infos_lock:
        _infos[key] = info
    return info


def read_info(path: str | Path, fallback: ReadInfo) -> WeightsFileInfo:
    """One file's kind, accuracy or problem, read by numpy, else by ``fallback``."""

    def read(path: Path, modified: float) -> WeightsFileInfo:
        try:
            _state, metadata = numpy_lenet.read_weights(path)
        except numpy_lenet.NeedsTorch:
            return fallback(path)
        accuracy = metadata.get("test_accuracy")
        return WeightsFileInfo(
            str(path),
            weights_kind(path, metadata),
            modified,
            float(accuracy) if isinstance(accuracy, int | float) else None,
        )

    return cached_info(path, read)


def list_weights(folder: str | Path | None, read: ReadInfo) -> tuple[WeightsFileInfo, ...]:
    """The bundled weights (``path`` "", ``modified`` 0), then the ``*.pt`` files in ``folder``, newest first, each
    described by ``read``. Temporary files that killed saves left there are cleaned up on the way."""
    found: list[WeightsFileInfo] = []
    bundled = bundled_weights_path()
    if bundled.is_file():
        found.append(replace(read(bundled), path="", modified=0.0, kind=BUNDLED))
    if folder is None or not Path(folder).is_dir():
        return tuple(found)
    remove_stale_temporary_files(Path(folder))
    files = []
    for path in Path(folder).glob(f"*{WEIGHTS_SUFFIX}"):
        try:
            files.append((path.stat().st_mtime, path))
        except OSError:  # removed meanwhile
            continue
    for _, path in sorted(files, reverse=True):
        try:
            found.append(read(path))
        except OSError:  # removed meanwhile
            continue
    return tuple(found)
