"""The app's one way of saying that something went wrong: a non-blocking warning with one sentence a person reads,
and the technical text under "Details" (the main window, the Compare window and My digits' import report)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def open_warning(
    parent: QWidget, title: str, message: str, details: str = "", *, name: str = "errorDialog"
) -> QMessageBox:
    """Open (window-modal, not blocking: the app keeps working) and return the dialog; it deletes itself once
    closed. ``details`` goes under "Details" unless it only repeats ``message``."""
    dialog = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    dialog.setObjectName(name)
    dialog.setAccessibleName(title)
    if details and details != message:
        dialog.setDetailedText(details)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
