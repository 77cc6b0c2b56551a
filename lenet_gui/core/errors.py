"""One hierarchy for problems a person can fix: torch-free, so the UI and the CLI import it at the top.

``str(error)`` is one sentence meant for people; ``details`` holds the technical text (the OS or library message)
that a dialog shows under "Details" and the CLI prints after the sentence.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (missing data, a bad file); shown without a traceback."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details
