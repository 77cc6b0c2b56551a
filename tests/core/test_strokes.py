"""Stroke-drawn digits: shapes and ranges, determinism, every style drawable, and MNIST-like synthetic output."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.core.preprocess import normalize
from lenet_gui.core.strokes import (
    RARE_STYLES,
    STYLES,
    default_box,
    digit_strokes,
    draw_digit,
    non_digits,
    place_strokes,
    render_strokes,
    style_weights,
    synthetic_digits,
)

ALL_STYLES = [(digit, style) for digit, styles in STYLES.items() for style in styles]


def _ink_bounds(image: np.ndarray, threshold: int = 128) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the pixels darker than ``threshold``, inclusive."""
    ys, xs = np.nonzero(image < threshold)
    assert len(xs), "no ink"
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _centre_of_mass(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ink = images.astype(np.float64)
    mass = ink.sum(axis=(1, 2))
    rows = ink.sum(axis=2) @ np.arange(ink.shape[1]) / mass
    cols = ink.sum(axis=1) @ np.arange(ink.shape[2]) / mass
    return rows, cols


def test_styles_cover_every_digit_and_the_rare_styles() -> None:
    assert sorted(STYLES) == list(range(10))
    for digit in (0, 1, 4, 7):
        assert len(STYLES[digit]) >= 2
    for digit, style in [(7, "crossbar"), (1, "flag"), (1, "flag_base"), (0, "slashed"), (4, "open")]:
        assert style in STYLES[digit]
        assert (digit, style) in RARE_STYLES
    assert RARE_STYLES.issubset(ALL_STYLES)
    for styles in STYLES.values():
        assert len(set(styles)) == len(styles)


@pytest.mark.parametrize(("digit", "style"), ALL_STYLES)
def test_every_style_gives_strokes_in_the_unit_box(digit: int, style: str) -> None:
    for rng in (None, np.random.default_rng(digit)):
        strokes = digit_strokes(digit, style, rng)
        assert isinstance(strokes, list) and strokes
        for stroke in strokes:
            assert stroke.dtype == np.float64
            assert stroke.ndim == 2 and stroke.shape[1] == 2 and len(stroke) >= 2
            assert np.isfinite(stroke).all()
            assert stroke.min() >= 0.0 and stroke.max() <= 1.0
            # Dense enough to look smooth at canvas size and to drag a mouse along.
            assert np.linalg.norm(np.diff(stroke, axis=0), axis=1).max() < 0.06
        points = np.vstack(strokes)
        extent = points.max(axis=0) - points.min(axis=0)
        assert extent.max() == pytest.approx(1.0)
        centre = (points.max(axis=0) + points.min(axis=0)) / 2
        np.testing.assert_allclose(centre, [0.5, 0.5], atol=1e-9)


@pytest.mark.parametrize(("digit", "style"), ALL_STYLES)
def test_every_style_renders_with_ink_inside_its_box(digit: int, style: str) -> None:
    box = (60.0, 50.0, 220.0, 230.0)
    pen = 16.0
    for rng in (None, np.random.default_rng(100 + digit)):
        image = draw_digit(digit, style=style, rng=rng, box=box, pen_width=pen)
        assert image.shape == (280, 280) and image.dtype == np.uint8
        x0, y0, x1, y1 = _ink_bounds(image)
        slack = pen / 2 + 1
        assert x0 >= box[0] - slack and y0 >= box[1] - slack
        assert x1 <= box[2] + slack and y1 <= box[3] + slack
        # The digit fills the square it was given along its longer side.
        assert max(x1 - x0, y1 - y0) >= 160 - 4
        assert normalize(image) is not None


def test_styles_differ_from_each_other() -> None:
    for digit, styles in STYLES.items():
        images = [draw_digit(digit, style=style, size=(56, 56), pen_width=4) for style in styles]
        for i in range(len(images)):
            for j in range(i + 1, len(images)):
                differing = np.mean(np.abs(images[i].astype(int) - images[j].astype(int)) > 64)
                assert differing > 0.01, (digit, styles[i], styles[j])


def test_unknown_digit_or_style_is_refused() -> None:
    with pytest.raises(ValueError, match="0..9"):
        digit_strokes(10)
    with pytest.raises(ValueError, match="no style"):
        digit_strokes(7, "slashed")


def test_canonical_is_fixed_and_random_is_seeded() -> None:
    canonical = digit_strokes(3)
    again = digit_strokes(3)
    assert all(np.array_equal(a, b) for a, b in zip(canonical, again, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(canonical, digit_strokes(3, "round"), strict=True))

    first = digit_strokes(3, rng=np.random.default_rng(7))
    second = digit_strokes(3, rng=np.random.default_rng(7))
    assert len(first) == len(second)
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))

    other = digit_strokes(3, "round", rng=np.random.default_rng(8))
    varied = digit_strokes(3, "round", rng=np.random.default_rng(7))
    assert not np.array_equal(np.vstack(other)[:20], np.vstack(varied)[:20])
    assert not np.array_equal(np.vstack(canonical)[:20], np.vstack(varied)[:20])


def test_random_style_choice_covers_the_styles() -> None:
    rng = np.random.default_rng(0)
    counts = {len(digit_strokes(1, rng=rng)) for _ in range(60)}
    assert counts == {1, 2}  # plain and flag are one stroke, flag_base two


def test_variation_stays_within_the_documented_proportions() -> None:
    rng = np.random.default_rng(1)
    for _ in range(40):
        points = np.vstack(digit_strokes(0, "oval", rng))
        width, height = points.max(axis=0) - points.min(axis=0)
        assert max(width, height) == pytest.approx(1.0)
        assert 0.4 <= width / height <= 1.2  # aspect 0.5..1 before the tilt and warp


def test_place_strokes_keeps_the_aspect_ratio_centred_in_the_box() -> None:
    unit = [np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([[0.5, 0.25]])]
    placed = place_strokes(unit, (10.0, 20.0, 110.0, 60.0))  # 100 wide, 40 high: a 40 px square in the middle
    np.testing.assert_allclose(placed[0], [[40.0, 20.0], [80.0, 60.0]])
    np.testing.assert_allclose(placed[1], [[60.0, 30.0]])
    assert placed[0].dtype == np.float64
    with pytest.raises(ValueError):
        place_strokes(unit, (10.0, 10.0, 10.0, 50.0))


def test_render_strokes_draws_round_antialiased_lines() -> None:
    line = [np.array([[20.0, 50.0], [60.0, 50.0], [80.0, 50.0]])]
    image = render_strokes(line, (120, 100), 20.0)
    assert image.shape == (100, 120) and image.dtype == np.uint8
    assert image[50, 40] == 0 and image[50, 80] == 0 and image[42, 40] == 0
    assert image[38, 40] == 255 and image[62, 40] == 255  # beyond the pen's half width
    assert image[50, 11] < 64  # round cap: ink continues past the end point by the radius
    assert image[50, 8] == 255
    assert image[42, 12] == 255  # ...but not as a square cap's corner would
    edge = image[30:50, 40]
    assert ((edge > 0) & (edge < 255)).any()  # antialiased edge
    assert (image[0] == 255).all() and (image[:, 0] == 255).all()


def test_render_strokes_leaves_no_cracks_inside_a_thick_curve() -> None:
    # PIL draws a wide polyline as separate quadrilaterals with hairline gaps between them; a thick pen on a
    # densely sampled curve showed white cracks across the stroke until every vertex got a disc.
    angles = np.linspace(0.0, 1.5 * np.pi, 200)
    arc = np.column_stack((80 + 45 * np.cos(angles), 80 + 45 * np.sin(angles)))
    image = render_strokes([arc], (160, 160), 30.0)
    ys, xs = np.mgrid[0:160, 0:160]
    radius = np.hypot(xs - 80, ys - 80)
    angle = np.mod(np.arctan2(ys - 80, xs - 80), 2 * np.pi)
    along = (angle > 0.1) & (angle < 1.5 * np.pi - 0.1)
    assert image[along & (np.abs(radius - 45) < 13)].max() < 32
    assert image[along & (np.abs(radius - 45) > 17)].min() > 223


def test_render_strokes_draws_dots_and_corners_and_ignores_nothing() -> None:
    blank = render_strokes([], (30, 20), 4.0)
    assert blank.shape == (20, 30) and (blank == 255).all()
    dot = render_strokes([np.array([[15.0, 10.0]])], (30, 20), 6.0)
    assert dot[10, 15] == 0 and dot[10, 25] == 255
    # A sharp corner must stay filled on its outside (round join), as a pen would leave it.
    corner = render_strokes([np.array([[10.0, 60.0], [50.0, 10.0], [90.0, 60.0]])], (100, 80), 12.0)
    assert corner[6, 50] < 128


def test_draw_digit_defaults_look_like_a_canvas_drawing() -> None:
    image = draw_digit(8)
    assert image.shape == (280, 280) and image.dtype == np.uint8
    assert image[0, 0] == 255 and image.min() == 0
    x0, y0, x1, y1 = _ink_bounds(image)
    box = default_box((280, 280))
    assert box[0] - 10 <= x0 and x1 <= box[2] + 10 and box[1] - 10 <= y0 and y1 <= box[3] + 10
    assert abs((y0 + y1) / 2 - 139.5) < 3  # centred


def test_synthetic_digits_are_balanced_and_look_like_mnist() -> None:
    images, labels = synthetic_digits(300, np.random.default_rng(0))
    assert images.shape == (300, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (300,) and labels.dtype == np.int64
    assert np.bincount(labels, minlength=10).tolist() == [30] * 10
    assert images.max() == 255
    assert images.reshape(300, -1).max(axis=1).min() >= 200  # every digit has full-strength ink
    rows, cols = _centre_of_mass(images)
    assert np.abs(rows - 13.75).max() < 1.5 and np.abs(cols - 13.75).max() < 1.5
    ink = (images > 127).mean(axis=(1, 2))
    assert 0.09 < ink.mean() < 0.19  # MNIST's mean is about 0.13
    assert ink.min() > 0.02 and ink.max() < 0.35
    # A 20-px digit in a 28-px field leaves the outer two pixels black, except where centring by mass pushes a
    # top-heavy digit (a seven) down to the edge: about 10% of MNIST's test digits.
    border = np.concatenate([images[:, :2].reshape(300, -1), images[:, -2:].reshape(300, -1)], axis=1)
    assert (border.max(axis=1) > 127).mean() < 0.2
    sides = np.concatenate([images[:, :, :2].reshape(300, -1), images[:, :, -2:].reshape(300, -1)], axis=1)
    assert (sides.max(axis=1) > 127).mean() < 0.05


def test_synthetic_digits_are_seeded_and_handle_odd_counts() -> None:
    a_images, a_labels = synthetic_digits(23, np.random.default_rng(5))
    b_images, b_labels = synthetic_digits(23, np.random.default_rng(5))
    assert np.array_equal(a_images, b_images) and np.array_equal(a_labels, b_labels)
    counts = np.bincount(a_labels, minlength=10)
    assert counts.sum() == 23 and counts.min() >= 2 and counts.max() <= 3
    c_images, _ = synthetic_digits(23, np.random.default_rng(6))
    assert not np.array_equal(a_images, c_images)
    empty_images, empty_labels = synthetic_digits(0, np.random.default_rng(0))
    assert empty_images.shape == (0, 28, 28) and empty_labels.shape == (0,)


def test_styles_weight_chooses_the_styles() -> None:
    def ones_width(style: str) -> float:
        weights = {(digit, s): 1.0 for digit, styles in STYLES.items() for s in styles}
        weights.update({(1, s): float(s == style) for s in STYLES[1]})
        images, labels = synthetic_digits(100, np.random.default_rng(3), styles_weight=weights)
        ones = images[labels == 1] > 127
        return float(np.mean([np.ptp(np.nonzero(one.any(axis=0))[0]) for one in ones]))

    # Scaled to 20 px tall, a plain one is a few pixels wide and a one with flag and base most of its height.
    assert ones_width("flag_base") > ones_width("plain") + 4


def test_default_style_weights_favour_the_rare_styles() -> None:
    weights = style_weights()
    for digit, styles in STYLES.items():
        assert sum(weights[(digit, s)] for s in styles) == pytest.approx(1.0)
    for digit, style in RARE_STYLES:
        common = [s for s in STYLES[digit] if (digit, s) not in RARE_STYLES]
        assert all(weights[(digit, style)] > weights[(digit, s)] for s in common)
        assert weights[(digit, style)] > 1.0 / len(STYLES[digit])


def test_non_digits_are_mnist_format_drawings_and_repeatable() -> None:
    first = non_digits(40, np.random.default_rng(3))
    again = non_digits(40, np.random.default_rng(3))
    assert first.shape == (40, 28, 28) and first.dtype == np.uint8
    np.testing.assert_array_equal(first, again)
    assert (first.reshape(40, -1).max(axis=1) > 200).all()  # every one has ink
    ink = (first > 127).reshape(40, -1).mean(axis=1)
    assert ink.min() > 0.03 and ink.max() < 0.6


def test_slashed_zeros_and_continental_ones_weigh_most_among_their_digits() -> None:
    """The two styles real writers outside MNIST were misread in most get the largest share of their digit."""
    weights = style_weights()
    for digit, emphasized in ((0, "slashed"), (1, "long_flag")):
        others = [weights[(digit, s)] for s in STYLES[digit] if s != emphasized]
        assert weights[(digit, emphasized)] > max(others)
