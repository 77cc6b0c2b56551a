"""One hierarchy for problems a person can fix: torch-free, so the UI and the CLI import it at the top.

``str(error)`` is one sentence meant for people; ``details`` holds the technical text (the OS or library message)
that a dialog shows under "Details" and the CLI prints after the sentence. A subclass per cause lets the UI choose
what to offer (``isinstance(error, MissingDataError)``: a Download button) instead of comparing class names.

The older names stay as they were (``CheckpointError`` is ``WeightsFileError``), and each class also derives from
the built-in exception it used to be, so existing ``except ValueError``/``except RuntimeError`` sites still work.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (missing data, a bad file); shown without a traceback."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details

    @property
    def message(self) -> str:
        return str(self)

    def full_text(self) -> str:
        """The sentence, then the details on their own lines (for logs, the CLI and plain dialogs)."""
        return f"{self}\n{self.details}" if self.details else str(self)


class MissingDataError(UserError, RuntimeError):
    """MNIST is not on disk and could not be downloaded; the message says where it looked and what it needs."""


class WeightsFileError(UserError, ValueError):
    """A weights file that cannot be used; the message says why in words a user can act on."""


# The name core and the UI used before there were kinds of weights problems.
CheckpointError = WeightsFileError


class NotWeightsFileError(WeightsFileError):
    """Not a PyTorch weights file at all: a picture renamed ``.pt``, random bytes, an empty file, another zip."""


class DamagedWeightsError(WeightsFileError):
    """A PyTorch weights file that is truncated or corrupt (an interrupted download or copy)."""


class WrongArchitectureError(WeightsFileError):
    """Weights, but made for another network than the tutorial's LeNet (other layers or shapes)."""


class UnsafeWeightsError(WeightsFileError):
    """A file that would run code or build arbitrary objects when loaded; refused, and nothing in it was run."""


class PersonalDataError(UserError):
    """Something about the personal set could not be done; the message is meant for the user as it stands."""


class ImageLoadError(UserError, ValueError):
    """A file that cannot be turned into a picture; the message is meant for the user as it stands."""


# What brings the optional ONNX packages; said by the CLI's and the window's messages alike.
EXPORT_INSTALL_HINT = 'pip install "lenet-gui[export]"'


class ExportUnavailable(UserError):
    """The optional ONNX packages are not installed; the message names the extra that brings them. Defined here,
    not in ``core.export``, so the window can recognise it without importing torch."""


class DownloadFailedError(MissingDataError):
    """MNIST could not be downloaded. ``offline``: the computer seems to have no network (a name that does not
    resolve, a network that cannot be reached); ``file``: the MNIST file that failed ("" when none was tried)."""

    def __init__(self, message: str, details: str = "", *, offline: bool = False, file: str = "") -> None:
        super().__init__(message, details)
        self.offline = offline
        self.file = file
