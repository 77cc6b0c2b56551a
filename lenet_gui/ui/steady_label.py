"""Labels whose size does not follow their text, in holders that keep a change to themselves (issue 10).

Some labels change many times a second: the prediction's verdict on every mouse move, the training rate on every
progress event. A plain word-wrapped QLabel asks for one more line, or one less, as its text grows and shrinks, and
every such change relayouts the window: the plots below move, get resized and repaint in full (17 ms for the
training curves, measured while drawing during a run), and the prediction the user waits for waits behind them.

``SteadyLabel`` keeps the room that its longest expected text needs at its width: the height depends on the width
alone, so a new text repaints the label and nothing else. On its own, a label whose text is longer than every
sample still grows to fit it; inside a ``Steady`` holder it cannot ask to (that is the point), so there its samples
must cover the longest text it will show, and ``samples_changed`` says when they change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

# A narrow width to measure the preferred size at: wide enough for a short sentence, small enough for a 900-px window.
PREFERRED_CHARACTERS = 28


class SteadyLabel(QLabel):
    """A word-wrapped QLabel sized for the longest of ``samples()`` (and its own text), whatever it shows now.

    ``samples`` is called whenever the size is measured, so translated samples follow the window's language.
    """

    def __init__(self, samples: Callable[[], Sequence[str]], text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._samples = samples
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)

    def samples_changed(self) -> None:
        """The longest texts changed (a device line was added, say): lay the window out again, once."""
        self.updateGeometry()
        holder = self.parentWidget()
        if isinstance(holder, Steady):
            holder.updateGeometry()

    def _texts(self) -> list[str]:
        return [text for text in (*self._samples(), self.text()) if text]  # nothing to show takes no room

    def _text_height(self, text: str, width: int) -> int:
        flags = int(self.alignment()) | int(Qt.TextFlag.TextWordWrap)
        return self.fontMetrics().boundingRect(QRect(0, 0, max(1, width), 100_000), flags, text).height()

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        extra = 2 * self.margin()
        inner = width - margins.left() - margins.right() - extra
        tallest = max((self._text_height(text, inner) for text in self._texts()), default=0)
        return tallest + margins.top() + margins.bottom() + extra

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * PREFERRED_CHARACTERS
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # The height at the preferred width: the layout asks heightForWidth at the real width anyway, and a height
        # measured at the narrowest width would make the whole window taller than it needs to be.
        return QSize(self.fontMetrics().averageCharWidth() * 8, self.sizeHint().height())


class Steady(QWidget):
    """Holds widgets whose content changes many times a second (stacked, each filling it; show one at a time).

    It has no layout on purpose: a child's new text or picture asks its parent to relayout, and a parent without a
    layout ignores that, so the change repaints the child and goes no further. With a layout the request climbs to
    the main window, whose dock layout is recomputed (and its dock animations created and deleted) on every mouse
    move: about 2 ms of the GUI thread per prediction, measured. The size it asks for is its children's, asked when
    the window lays itself out for another reason: give it children whose size does not follow their content
    (``SteadyLabel``, or a label with a minimum size).
    """

    def __init__(self, *children: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._children = children
        for child in children:
            child.setParent(self)
        policy = QSizePolicy(children[0].sizePolicy())  # it grows (or not) as its first child would
        policy.setHeightForWidth(self.hasHeightForWidth())
        self.setSizePolicy(policy)

    def _largest(self, sizes: list[QSize]) -> QSize:
        width = max((size.width() for size in sizes), default=0)
        height = max((size.height() for size in sizes), default=0)
        return QSize(width, height)

    def sizeHint(self) -> QSize:
        return self._largest([child.sizeHint().expandedTo(child.minimumSize()) for child in self._children])

    def minimumSizeHint(self) -> QSize:
        return self._largest([child.minimumSizeHint().expandedTo(child.minimumSize()) for child in self._children])

    def hasHeightForWidth(self) -> bool:
        return any(child.hasHeightForWidth() for child in self._children)

    def heightForWidth(self, width: int) -> int:
        return max(
            (child.heightForWidth(width) if child.hasHeightForWidth() else child.sizeHint().height())
            for child in self._children
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        for child in self._children:
            child.setGeometry(self.rect())
        super().resizeEvent(event)


def fit_widest(widget: QPushButton, texts: Sequence[str]) -> None:
    """Give a button whose text changes (in a ``Steady``) the width of its widest text, so no text is cut."""
    shown = widget.text()
    widest = 0
    for text in texts:
        widget.setText(text)
        widest = max(widest, widget.sizeHint().width())
    widget.setText(shown)
    widget.setMinimumWidth(widest)
