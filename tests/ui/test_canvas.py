"""The drawing widget on its own: strokes with real mouse events, undo/redo/clear, eraser, pen width, export."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from qt_helpers import ONE, SEVEN, draw, paper_point

from lenet_gui.ui.canvas import PAPER_SIZE, Content, DrawingCanvas
from lenet_gui.ui.images import qimage_to_gray


def make_canvas(qtbot, **kwargs) -> DrawingCanvas:  # type: ignore[no-untyped-def]
    canvas = DrawingCanvas(**kwargs)
    qtbot.addWidget(canvas)
    canvas.resize(360, 300)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def ink(image: np.ndarray) -> int:
    return int((image < 128).sum())


def test_drag_draws_and_emits_while_drawing(qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot)
    images: list[np.ndarray] = []
    canvas.imageChanged.connect(images.append)
    draw(canvas, ONE, every_move=True)
    assert len(images) > 5, "the drawing must be emitted while the stroke is still being drawn"
    final = images[-1]
    assert final.shape == (PAPER_SIZE, PAPER_SIZE) and final.dtype == np.uint8
    columns = np.flatnonzero((final < 128).any(axis=0))
    rows = np.flatnonzero((final < 128).any(axis=1))
    assert 120 <= columns.mean() <= 160, "a vertical line drawn in the middle lands in the middle of the paper"
    assert rows.min() < 60 and rows.max() > 220
    assert ink(images[2]) < ink(final), "intermediate images show the partial stroke"
    assert len(canvas.content.strokes) == 1


def test_undo_redo_clear_whole_strokes(qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot)
    draw(canvas, ONE)
    one = ink(canvas.to_array())
    draw(canvas, SEVEN)
    both = ink(canvas.to_array())
    assert both > one
    canvas.undo_stack.undo()
    assert ink(canvas.to_array()) == one
    canvas.undo_stack.redo()
    assert ink(canvas.to_array()) == both
    canvas.clear()
    assert canvas.is_blank() and ink(canvas.to_array()) == 0
    canvas.undo_stack.undo()  # clear is undoable too
    assert ink(canvas.to_array()) == both
    canvas.clear()
    count = canvas.undo_stack.count()
    canvas.clear()  # clearing a blank canvas adds nothing to undo
    assert canvas.undo_stack.count() == count


def test_eraser_and_right_button_remove_ink(qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot)
    draw(canvas, [[(40, 140), (240, 140)]])
    before = ink(canvas.to_array())
    canvas.set_erasing(True)
    draw(canvas, [[(140, 100), (140, 180)]])
    after = ink(canvas.to_array())
    assert after < before
    canvas.set_erasing(False)

    QTest.mousePress(canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 60, 140))
    QTest.mouseMove(canvas, paper_point(canvas, 80, 140))
    QTest.mouseRelease(canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 80, 140))
    assert ink(canvas.to_array()) < after


def test_pen_width_changes_stroke_and_is_clamped(qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot, pen_width=8)
    draw(canvas, ONE)
    thin = ink(canvas.to_array())
    canvas.clear()
    canvas.set_pen_width(30)
    draw(canvas, ONE)
    assert ink(canvas.to_array()) > 2.5 * thin
    canvas.set_pen_width(1000)
    assert canvas.pen_width() <= 48


def test_drawing_scales_with_widget_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot)
    draw(canvas, SEVEN)
    small = canvas.to_array()
    canvas.clear()
    canvas.resize(700, 640)
    qtbot.wait(10)
    draw(canvas, SEVEN)
    large = canvas.to_array()
    # The same polyline in paper units gives (nearly) the same picture at any widget size.
    assert np.mean(np.abs(small.astype(int) - large.astype(int)) > 128) < 0.01


def test_set_image_shows_picture_undoably(qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot)
    picture = np.ones((56, 40), np.float32)
    picture[10:46, 18:22] = 0.0
    canvas.set_image(picture)
    assert not canvas.is_blank() and ink(canvas.to_array()) > 0
    canvas.undo_stack.undo()
    assert canvas.is_blank()


def test_export_png_round_trip(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    canvas = make_canvas(qtbot)
    draw(canvas, SEVEN)
    path = tmp_path / "seven.png"
    assert canvas.to_qimage().save(str(path), "PNG")
    loaded = QImage(str(path))
    assert (loaded.width(), loaded.height()) == (PAPER_SIZE, PAPER_SIZE)


def test_strokes_round_trip_through_plain_data(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What a personal example stores (strokes as plain data) replays into the same picture, undoably."""

    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.draw_strokes(
        [
            {"width": 18, "erase": False, "points": [[60, 60], [220, 60], [120, 240]]},
            {"width": 10, "erase": True, "points": [[100, 60], [110, 60]]},
        ]
    )
    data = canvas.strokes_data()
    assert [s["erase"] for s in data] == [False, True]
    assert data[0]["points"] == [[60.0, 60.0], [220.0, 60.0], [120.0, 240.0]]
    first = canvas.to_array()
    assert first.min() < 50 and not canvas.has_picture()

    again = DrawingCanvas()
    qtbot.addWidget(again)
    again.draw_strokes(data)
    assert (again.to_array() == first).all()
    again.undo_stack.undo()
    assert again.is_blank()


def test_every_image_sent_while_drawing_is_the_whole_drawing_pixel_for_pixel(qtbot) -> None:  # type: ignore[no-untyped-def]
    """While a stroke is drawn the canvas repaints only around its newest points (issue 10): every image it sends
    must still equal painting the committed strokes, the picture under them and the whole stroke so far, at once."""
    canvas = make_canvas(qtbot)
    canvas.set_image(np.full((40, 40), 200, np.uint8))  # a picture underneath too
    rng = np.random.default_rng(7)
    sent: list[np.ndarray] = []
    canvas.imageChanged.connect(sent.append)
    for stroke in range(6):
        canvas.set_erasing(stroke == 4)
        canvas.set_pen_width(float(rng.uniform(6, 40)))
        x, y = rng.uniform(40, 240, size=2)
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, x, y))
        for _ in range(int(rng.integers(2, 30))):
            x, y = (np.array([x, y]) + rng.uniform(-40, 40, size=2)) % 280  # long jumps too: fast strokes
            sent.clear()
            QTest.mouseMove(canvas, paper_point(canvas, x, y))
            QTest.qWait(2)  # a move in the same pass of the event loop as the last one is sent when the pass ends
            assert sent, "each mouse move of a stroke is sent"
            whole = DrawingCanvas._render(
                Content((*canvas.content.strokes, canvas._current), canvas.content.background)
            )
            assert np.array_equal(sent[-1], qimage_to_gray(whole))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, x, y))


def test_a_fast_move_repaints_up_to_its_newest_point(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The area repainted after a move must hold the segment it added: it held only the oldest of the last three
    points (QRectF.united drops an empty rectangle), so a quick stroke's end showed up a repaint later."""
    canvas = make_canvas(qtbot)
    areas: list[QRect] = []
    monkeypatch.setattr(canvas, "update", lambda *area: areas.extend(area))
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 40, 40))
    end = paper_point(canvas, 240, 240)
    QTest.mouseMove(canvas, end)
    assert areas and areas[-1].contains(end) and areas[-1].contains(paper_point(canvas, 40, 40))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
