"""Reading a file the user named, without letting it hang anything.

A named pipe, a device or a folder is refused before it is read (opening a pipe to read blocks until someone writes
to it; reading ``/dev/zero`` never ends), and a file larger than the cap is refused by its size. The reading itself
happens on the ``files`` queue of the inference service, never on the inference thread or the GUI thread, and the
window's shutdown does not wait for a read that hangs on a slow mount.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from lenet_gui.core.errors import UserError

MAX_PICTURE_BYTES = 256 * 1024 * 1024  # far above any digit; a 40-megapixel PNG is well under it
MAX_WEIGHTS_BYTES = 64 * 1024 * 1024  # LeNet's weights take 250 kB


class FileRefusedError(UserError):
    """The path is not a regular file, or too large to be what it should be."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("files", text)


def check_regular_file(path: str | os.PathLike[str], limit: int) -> int:
    """The file's size, after making sure it is a regular file no larger than ``limit`` bytes.

    Opened without blocking (a pipe with no writer would block an ordinary open) and checked on the open file, so
    what is checked is what would be read. Raises FileRefusedError (a sentence, details below it).
    """
    name = Path(path).name or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise FileRefusedError(_tr("{name} is a folder, not a file.").format(name=name), str(path)) from None
    except FileNotFoundError:
        raise FileRefusedError(_tr("{name} is not there any more.").format(name=name), str(path)) from None
    except OSError as error:
        raise FileRefusedError(
            _tr("{name} could not be opened.").format(name=name), f"{path}: {error.strerror or error}"
        ) from None
    try:
        info = os.fstat(handle)
    finally:
        os.close(handle)
    if stat.S_ISDIR(info.st_mode):
        raise FileRefusedError(_tr("{name} is a folder, not a file.").format(name=name), str(path))
    if not stat.S_ISREG(info.st_mode):
        raise FileRefusedError(
            _tr("{name} is not a regular file (a pipe or a device), so it is not read.").format(name=name),
            f"{path}: file mode {stat.filemode(info.st_mode)}",
        )
    if info.st_size > limit:
        raise FileRefusedError(
            _tr("{name} is too large to open ({size} MB; the limit is {limit} MB).").format(
                name=name, size=info.st_size // 2**20, limit=limit // 2**20
            ),
            f"{path}: {info.st_size} bytes",
        )
    return info.st_size
