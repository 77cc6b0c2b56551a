"""Every text a user can see in a widget tree, and which of them are still English: the Korean walk of issue 15.

``untranslated(window)`` walks widgets, actions (menus, toolbars, context menus), tab bars, dock and group titles,
combo box items, placeholders, tooltips and accessible names, and returns the texts made only of Latin letters once
the names that stay as they are (LeNet, MNIST, PyTorch, conv1, code, units…) are taken out. The second pass of the
Korean work runs it over the main window and every panel with the Korean translator installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)

# Names and notation that stay as they are in Korean (GLOSSARY.md). Matched as whole words, case-sensitive.
KEPT_NAMES = (
    "LeNet GUI",
    "LeNet",
    "MNIST",
    "PyTorch",
    "Qt",
    "ReLU",
    "Grad-CAM",
    "SGD",
    "Adam",
    "AdamW",
    "MSE",
    "L2",
    "PNG",
    "zip",
    "README",
    "print(net)",
    "conv1",
    "conv2",
    "pool1",
    "pool2",
    "flatten",
    "fc1",
    "fc2",
    "fc3",
    "zero_grad",
    "backward",
    "grad_fn",
    "next_functions",
    "weight",
    "bias",
    "grad",
    "learning_rate",
    "gradient",
    "exp",
    "max",
    "log",
    "logit",
    "Ctrl",
    "Shift",
    "Esc",
    "Delete",
    "Enter",
    "English",
    "Korean",
    "ms",
    "MB",
    "px",
)
_KEPT = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])" for name in KEPT_NAMES))
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z]")
_MARKUP = re.compile(r"<[^>]+>|&[a-z]+;|&(?=\w)")  # rich text tags, entities, accelerator marks


def from_library(widget: QWidget, packages: tuple[str, ...] = ("pyqtgraph",)) -> bool:
    """Whether ``widget`` or one of its parents comes from a third-party library (pyqtgraph's plot context menus):
    their texts are the library's, which has no Korean translation to install."""
    current: QWidget | None = widget
    while current is not None:
        if type(current).__module__.split(".")[0] in packages:
            return True
        current = current.parentWidget()
    return False


def visible_texts(root: QWidget, skip: Callable[[QWidget], bool] | None = None) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible text under ``root``, ``root`` included (not those ``skip`` refuses)."""
    widgets: Iterable[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if skip is not None and skip(widget):
            continue
        name = f"{type(widget).__name__}:{widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        if isinstance(widget, QGroupBox):
            yield name, widget.title()
        if isinstance(widget, QDockWidget) or widget.isWindow():
            yield name + " title", widget.windowTitle()
        if isinstance(widget, QMenu):
            yield name + " title", widget.title()
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{name} tab {index}", widget.tabText(index)
                yield f"{name} tab {index} tooltip", widget.tabToolTip(index)
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield f"{name} tab {index}", widget.tabText(index)
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{name} item {index}", widget.itemText(index)
        if isinstance(widget, QLineEdit):
            yield name + " placeholder", widget.placeholderText()
        yield name + " tooltip", widget.toolTip()
        yield name + " accessible name", widget.accessibleName()
        yield name + " accessible description", widget.accessibleDescription()
        yield name + " status tip", widget.statusTip()
        for action in widget.actions():
            yield from _action_texts(action)


def _action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    name = f"QAction:{action.objectName() or action.text()}"
    yield name, action.text()
    yield name + " tooltip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
    yield name + " status tip", action.statusTip()


def is_untranslated(text: str) -> bool:
    """True for a text with Latin letters and no Hangul once markup and the kept names are removed."""
    rest = _KEPT.sub(" ", _MARKUP.sub(" ", text))
    return bool(_LATIN.search(rest)) and not _HANGUL.search(text)


def untranslated(
    root: QWidget, allowed: Iterable[str] = (), skip: Callable[[QWidget], bool] | None = None
) -> list[tuple[str, str]]:
    """(where, text) of the English texts left under ``root``, except exact texts listed in ``allowed`` (and the
    widgets ``skip`` refuses, e.g. :func:`from_library`)."""
    allowed_texts = set(allowed)
    seen: set[tuple[str, str]] = set()
    found = []
    for where, text in visible_texts(root, skip):
        if text and text not in allowed_texts and is_untranslated(text) and (where, text) not in seen:
            seen.add((where, text))
            found.append((where, text))
    return found
