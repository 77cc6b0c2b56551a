"""The drawing surface: smooth round strokes on white paper, an eraser, undo/redo, and the drawing as numpy.

The drawing lives in a fixed 280×280 "paper" coordinate system (ten times MNIST's 28×28), whatever the widget's size
or the screen's pixel ratio: strokes are stored as paths in paper units and painted as vectors, so they stay crisp
when the window is resized or moved to a HiDPI screen. What the network gets is the paper rasterised at 280×280,
dark ink on white, as a uint8 array.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPointingDevice,
    QTabletEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.core.personal import PAPER_SIZE  # stroke coordinates are in these units, saved with each example
from lenet_gui.ui.images import gray_to_qimage, qimage_to_gray

if TYPE_CHECKING:
    import numpy as np

__all__ = ["PAPER_SIZE", "Content", "DrawingCanvas", "PenStroke", "gray_to_qimage", "qimage_to_gray"]

INK = QColor(20, 20, 20)
PAPER = QColor(255, 255, 255)
DEFAULT_PEN_WIDTH = 20.0
PEN_WIDTH_RANGE = (4.0, 48.0)
ERASER_FACTOR = 1.6


@dataclass
class PenStroke:
    """One press-move-release of the pen, in paper coordinates."""

    width: float
    erase: bool = False
    points: list[QPointF] = field(default_factory=list)

    def path(self) -> QPainterPath:
        """Points joined by quadratic curves through their midpoints: smooth, without overshooting."""
        path = QPainterPath()
        if not self.points:
            return path
        first = self.points[0]
        path.moveTo(first)
        if len(self.points) == 1:
            path.lineTo(first + QPointF(0.01, 0.0))  # a click is a dot: a zero-length line with round caps
            return path
        previous = first
        for point in self.points[1:]:
            middle = (previous + point) / 2.0
            path.quadTo(previous, middle)
            previous = point
        path.lineTo(previous)
        return path

    def pen(self) -> QPen:
        width = self.width * (ERASER_FACTOR if self.erase else 1.0)
        pen = QPen(PAPER if self.erase else INK, width, Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen


@dataclass(frozen=True)
class Content:
    """Everything on the paper: an opened image underneath, strokes on top."""

    strokes: tuple[PenStroke, ...] = ()
    background: QImage | None = None

    @property
    def blank(self) -> bool:
        return not self.strokes and self.background is None


# Undo commands are named in lower case ("eraser stroke", "clear"): the Edit menu shows "Undo eraser stroke".


class _AddStroke(QUndoCommand):
    def __init__(self, canvas: DrawingCanvas, stroke: PenStroke) -> None:
        super().__init__(
            QCoreApplication.translate("_AddStroke", "eraser stroke")
            if stroke.erase
            else QCoreApplication.translate("_AddStroke", "stroke")
        )
        self._canvas = canvas
        self._stroke = stroke

    def redo(self) -> None:
        content = self._canvas.content
        self._canvas._set_content(Content((*content.strokes, self._stroke), content.background))

    def undo(self) -> None:
        content = self._canvas.content
        self._canvas._set_content(Content(content.strokes[:-1], content.background))


class _ReplaceContent(QUndoCommand):
    def __init__(self, canvas: DrawingCanvas, new: Content, text: str) -> None:
        super().__init__(text)
        self._canvas = canvas
        self._old = canvas.content
        self._new = new

    def redo(self) -> None:
        self._canvas._set_content(self._new)

    def undo(self) -> None:
        self._canvas._set_content(self._old)


class DrawingCanvas(QWidget):
    """Draw with the left button, a pen or a finger; emits the drawing while you draw."""

    imageChanged = Signal(object)  # numpy uint8 (280, 280), dark ink on white
    digitPressed = Signal(int)  # a digit key (top row or keypad) while the canvas has focus
    penWidthChanged = Signal(float)
    eraserChanged = Signal(bool)
    drawingChanged = Signal(bool)  # a stroke began (True) or ended (False)

    def __init__(self, parent: QWidget | None = None, *, pen_width: float = DEFAULT_PEN_WIDTH) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setAccessibleName(self.tr("Drawing canvas"))
        self.setAccessibleDescription(
            self.tr("Draw a digit with the mouse, a pen or a finger; the prediction updates live.")
        )
        self.setToolTip(self.tr("Draw a digit here (left button). Esc clears, Ctrl+Z undoes a stroke."))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 180)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.undo_stack = QUndoStack(self)
        self.content = Content()
        self._pen_width = _clamp_width(pen_width)
        self._erasing = False
        self._current: PenStroke | None = None
        self._committed = self._render(Content())  # raster of the committed content, reused while drawing
        # The committed raster with the stroke being drawn, as far as it has been painted (``_working_points``):
        # each mouse move repaints only around its new points, not the whole stroke (issue 10, responsiveness).
        self._working: QImage | None = None
        self._working_points = 0
        # The first change in a pass of the event loop goes out at once, so the prediction is computed on the
        # inference thread while this thread paints the stroke; the later changes of the same pass (mouse moves
        # queued while the thread was busy) are sent once, together, when the pass ends.
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.setInterval(0)
        self._emit_timer.timeout.connect(self._emit_pending_change)
        self._pending = False  # a change made after this pass's first emission
        self._quiet = False  # the content changes without being emitted (an opened picture)

    # --- public API -----------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        width = _clamp_width(width)
        if width != self._pen_width:
            self._pen_width = width
            self.penWidthChanged.emit(width)

    def erasing(self) -> bool:
        return self._erasing

    def set_erasing(self, erasing: bool) -> None:
        if erasing != self._erasing:
            self._erasing = erasing
            self.eraserChanged.emit(erasing)

    def is_blank(self) -> bool:
        return self.content.blank and self._current is None

    def clear(self) -> None:
        """Wipe the paper (one undoable step); nothing happens when it is already blank."""
        if not self.content.blank:
            self.undo_stack.push(_ReplaceContent(self, Content(), self.tr("clear")))

    def set_image(self, gray: np.ndarray) -> None:
        """Show a small picture (float 0..1 or uint8 grayscale, a saved example) in place of the drawing, undoably.
        Large pictures come as a QImage already scaled off the GUI thread: ``set_picture``."""
        self.set_picture(gray_to_qimage(gray))

    def set_picture(self, image: QImage) -> None:
        """Show an opened or pasted picture in place of the drawing, undoably. Painted on every repaint, so the
        caller scales a large one first (the workers do, off the GUI thread).

        It is not re-emitted: the caller has the picture classified from the file itself.
        """
        self._quiet = True
        try:
            self.undo_stack.push(_ReplaceContent(self, Content((), image), self.tr("open image")))
        finally:
            self._quiet = False

    def has_picture(self) -> bool:
        """Whether an opened or pasted image lies under the strokes (then the strokes alone are not the drawing)."""
        return self.content.background is not None

    def strokes_data(self) -> list[dict[str, Any]]:
        """The committed strokes as plain data, in paper units (0..280): what a personal example stores beside its
        PNG, so a drawing can be replayed, re-rendered at another size or relabelled without losing its shape.

        Each stroke is ``{"width": float, "erase": bool, "points": [[x, y], ...]}``; ``draw_strokes`` takes it back.
        """
        return [
            {
                "width": round(stroke.width, 3),
                "erase": stroke.erase,
                "points": [[round(p.x(), 2), round(p.y(), 2)] for p in stroke.points],
            }
            for stroke in self.content.strokes
        ]

    def draw_strokes(self, strokes: Sequence[Mapping[str, Any]]) -> None:
        """Replace the drawing with these strokes (``strokes_data``'s format), as one undoable step, and emit it."""
        replayed = tuple(
            PenStroke(
                _clamp_width(float(item.get("width", DEFAULT_PEN_WIDTH))),
                bool(item.get("erase", False)),
                [QPointF(float(x), float(y)) for x, y in item.get("points", [])],
            )
            for item in strokes
        )
        self.undo_stack.push(
            _ReplaceContent(self, Content(tuple(s for s in replayed if s.points)), self.tr("open drawing"))
        )

    def to_qimage(self) -> QImage:
        """The paper at 280×280, 8-bit grayscale, as it would be saved or classified."""
        if self._current is None:
            return self._committed.copy()
        return self._paint_working(self._current).copy()

    def _paint_working(self, stroke: PenStroke) -> QImage:
        """Bring the working raster up to the stroke's newest point, pixel for pixel what painting the committed
        raster and the whole stroke would give: the area the new points can change (their neighbours' too, as
        the smoothing curve through the last points moves) is put back from the committed raster and the whole
        stroke is painted again, clipped to it."""
        count = len(stroke.points)
        if self._working is None:
            self._working = self._committed.copy()
            clip = None
        elif count > self._working_points:
            margin = stroke.pen().widthF() / 2.0 + 2.0  # half the pen, and antialiasing's edge pixel
            clip = _around(stroke.points[max(0, self._working_points - 2) :], margin).toAlignedRect()
        else:
            return self._working
        painter = QPainter(self._working)
        if clip is not None:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.drawImage(clip, self._committed, clip)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            painter.setClipRect(clip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_stroke(painter, stroke)
        painter.end()
        self._working_points = count
        return self._working

    def to_array(self) -> np.ndarray:
        return qimage_to_gray(self.to_qimage())

    # --- undo commands call this ------------------------------------------------------------------------------

    def _set_content(self, content: Content) -> None:
        self.content = content
        self._committed = self._render(content)
        self._working = None
        self.update()
        self._request_emit()

    # --- input ------------------------------------------------------------------------------------------------

    @property
    def drawing(self) -> bool:
        """A stroke is being drawn (the button or pen is down)."""
        return self._current is not None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), erase=self._erasing)
        elif event.button() == Qt.MouseButton.RightButton:
            self._begin(event.position(), erase=True)  # the right button always erases
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._extend(event.position())
            self._finish()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        extra = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9 and extra == Qt.KeyboardModifier.NoModifier:
            if not event.isAutoRepeat():  # a key held down saves the drawing once
                self.digitPressed.emit(event.key() - Qt.Key.Key_0)
            event.accept()
            return
        super().keyPressEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        eraser_end = event.pointerType() == QPointingDevice.PointerType.Eraser
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), erase=eraser_end or self._erasing)
        elif kind == QEvent.Type.TabletMove and self._current is not None:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease and self._current is not None:
            self._extend(event.position())
            self._finish()
        event.accept()  # no synthesized mouse events on top

    def _begin(self, position: QPointF, *, erase: bool) -> None:
        self._current = PenStroke(self._pen_width, erase, [self._to_paper(position)])
        self.drawingChanged.emit(True)
        self._working = None
        self._update_near(self._current)
        self._request_emit()

    def _extend(self, position: QPointF) -> None:
        assert self._current is not None
        point = self._to_paper(position)
        last = self._current.points[-1]
        if abs(point.x() - last.x()) + abs(point.y() - last.y()) < 0.5:
            return
        self._current.points.append(point)
        self._update_near(self._current)
        self._request_emit()

    def _finish(self) -> None:
        stroke, self._current = self._current, None
        assert stroke is not None
        self.drawingChanged.emit(False)
        self._emit_timer.stop()  # the final shape goes out at once, not on the next loop pass
        self._pending = False
        self.undo_stack.push(_AddStroke(self, stroke))  # redo() re-rasterises and emits

    def _request_emit(self) -> None:
        if self._quiet:
            return
        if self._emit_timer.isActive():
            self._pending = True
            return
        self._emit_timer.start()
        self._emit_image()

    def _emit_pending_change(self) -> None:
        if self._pending:
            self._pending = False
            self._emit_image()

    def _emit_image(self) -> None:
        self.imageChanged.emit(self.to_array())

    # --- geometry ---------------------------------------------------------------------------------------------

    def paper_rect(self) -> QRectF:
        """Where the paper sits in widget coordinates: the largest centred square, with a small margin."""
        side = max(1.0, min(self.width(), self.height()) - 8.0)
        return QRectF((self.width() - side) / 2.0, (self.height() - side) / 2.0, side, side)

    def _to_paper(self, position: QPointF) -> QPointF:
        rect = self.paper_rect()
        scale = PAPER_SIZE / rect.width()
        return QPointF((position.x() - rect.x()) * scale, (position.y() - rect.y()) * scale)

    def paper_to_widget(self, point: QPointF) -> QPointF:
        rect = self.paper_rect()
        scale = rect.width() / PAPER_SIZE
        return QPointF(rect.x() + point.x() * scale, rect.y() + point.y() * scale)

    def _update_near(self, stroke: PenStroke) -> None:
        """Repaint only around the newest segment while drawing."""
        rect = _around(stroke.points[-3:], stroke.pen().widthF())
        top_left = self.paper_to_widget(rect.topLeft())
        bottom_right = self.paper_to_widget(rect.bottomRight())
        self.update(QRectF(top_left, bottom_right).toAlignedRect().adjusted(-2, -2, 2, 2))

    # --- painting ---------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        rect = self.paper_rect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1.0))
        painter.setBrush(PAPER)
        painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        painter.setClipRect(rect)
        painter.translate(rect.topLeft())
        painter.scale(rect.width() / PAPER_SIZE, rect.height() / PAPER_SIZE)
        if self.content.background is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(_fit(self.content.background), self.content.background)
        for stroke in self.content.strokes:
            _paint_stroke(painter, stroke)
        if self._current is not None:
            _paint_stroke(painter, self._current)
        if self.is_blank():
            painter.setPen(QColor(150, 150, 150))
            font = painter.font()
            font.setPointSizeF(14.0)
            painter.setFont(font)
            painter.drawText(
                QRectF(0, 0, PAPER_SIZE, PAPER_SIZE), Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit")
            )
        painter.end()
        if self.hasFocus():
            focus = QPainter(self)
            focus.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.0))
            focus.drawRect(rect.adjusted(-2, -2, 2, 2))
            focus.end()

    @staticmethod
    def _render(content: Content) -> QImage:
        image = QImage(PAPER_SIZE, PAPER_SIZE, QImage.Format.Format_Grayscale8)
        image.fill(PAPER)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if content.background is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(_fit(content.background), content.background)
        for stroke in content.strokes:
            _paint_stroke(painter, stroke)
        painter.end()
        return image


def _around(points: Sequence[QPointF], margin: float) -> QRectF:
    """The smallest rectangle holding the points, grown by ``margin`` on every side. (Not QRectF.united: it
    drops an empty rectangle, which is what a single point makes, so the result would hold the first point only.)"""
    xs = [point.x() for point in points]
    ys = [point.y() for point in points]
    return QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin)


def _clamp_width(width: float) -> float:
    return float(min(max(width, PEN_WIDTH_RANGE[0]), PEN_WIDTH_RANGE[1]))


def _paint_stroke(painter: QPainter, stroke: PenStroke) -> None:
    painter.setPen(stroke.pen())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(stroke.path())


def _fit(image: QImage) -> QRectF:
    """The image scaled into the paper, keeping its aspect ratio, centred."""
    scale = PAPER_SIZE / max(image.width(), image.height(), 1)
    width, height = image.width() * scale, image.height() * scale
    return QRectF((PAPER_SIZE - width) / 2.0, (PAPER_SIZE - height) / 2.0, width, height)
