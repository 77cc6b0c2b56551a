"""Digits written as pen strokes (polylines), with the handwriting styles MNIST rarely has.

MNIST comes from US census forms, so a network trained only on it has hardly seen a seven with a crossbar, a one
with a flag and a base, a slashed zero or an open four, and people drawing on the canvas write those all the time.
Strokes instead of pictures serve three users at once: GUI tests drag the mouse along them, training mixes rendered
variants in (``synthetic_digits`` runs them through the same ``normalize`` the app uses, so they are exactly what the
network sees), and the self-test bundles a few canonical drawings.

Templates live in a unit box (x right, y down, 0..1), designed by hand as lines, ellipse arcs and Catmull-Rom
splines. Random variation happens at two levels: each template draws its own proportions (where a crossbar sits, how
long a flag is) and then the whole digit is slanted, rotated, stretched and gently warped like real handwriting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from PIL import Image, ImageDraw

from lenet_gui.core.preprocess import FIELD_SIZE, to_mnist_field

Stroke = np.ndarray  # (K, 2) float64: x, y
Point = tuple[float, float]
# A template's source of proportions: uniform(low, high) when varying, the midpoint for the canonical drawing.
Draw = Callable[[float, float], float]

STYLES: dict[int, tuple[str, ...]] = {
    0: ("oval", "slashed", "dotted", "open"),
    1: ("plain", "flag", "flag_base", "long_flag", "base"),
    2: ("plain", "loop"),
    3: ("round", "flat_top"),
    4: ("closed", "open"),
    5: ("plain", "one_stroke"),
    6: ("round", "straight"),
    7: ("plain", "crossbar", "serif"),
    8: ("one_stroke", "two_loops"),
    9: ("straight", "curved", "hooked"),
}

# Styles that MNIST's census forms rarely contain: the reason synthetic digits exist. ``synthetic_digits`` gives
# them a larger share than their count alone would.
RARE_STYLES: frozenset[tuple[int, str]] = frozenset(
    {
        (0, "slashed"),
        (0, "dotted"),
        (0, "open"),
        (1, "flag"),
        (1, "flag_base"),
        (1, "long_flag"),
        (1, "base"),
        (4, "open"),
        (7, "crossbar"),
        (7, "serif"),
    }
)

# Spacing of samples along curves, in unit-box lengths: fine enough that a 280 px canvas shows no corners.
_STEP = 0.02

# How strongly ``digit_strokes`` varies a digit when given an rng.
MAX_SHEAR = 0.25
MAX_ROTATION_DEG = 8.0
ASPECT_RANGE = (0.5, 1.0)  # width / height of the varied digit (narrow digits like "1" keep their own)
WOBBLE = 0.018  # amplitude, in unit-box lengths, of the smooth random warp


# ---------------------------------------------------------------------------------------------------------------
# Curve primitives


def _line(a: Point, b: Point) -> Stroke:
    length = math.dist(a, b)
    count = max(2, math.ceil(length / _STEP) + 1)
    t = np.linspace(0.0, 1.0, count)[:, None]
    return (1.0 - t) * np.asarray(a, np.float64) + t * np.asarray(b, np.float64)


def _arc(centre: Point, radii: Point, start_deg: float, end_deg: float) -> Stroke:
    """Ellipse arc; angles counter-clockwise as seen on screen (0 = right, 90 = up) so templates read naturally."""
    cx, cy = centre
    rx, ry = radii
    sweep = math.radians(end_deg - start_deg)
    count = max(3, math.ceil(abs(sweep) * max(rx, ry) / _STEP) + 1)
    angles = np.linspace(math.radians(start_deg), math.radians(end_deg), count)
    return np.column_stack((cx + rx * np.cos(angles), cy - ry * np.sin(angles)))


def _spline(points: Sequence[Point]) -> Stroke:
    """Centripetal Catmull-Rom through ``points``: smooth, passes every point, and never loops on its own."""
    p = np.asarray(points, np.float64)
    if len(p) < 3:
        return _line((float(p[0, 0]), float(p[0, 1])), (float(p[-1, 0]), float(p[-1, 1])))
    padded = np.vstack((2 * p[0] - p[1], p, 2 * p[-1] - p[-2]))
    # Knot spacing: the square root of the chord lengths (centripetal), for all segments at once.
    chords = np.maximum(np.linalg.norm(np.diff(padded, axis=0), axis=1), 1e-9)
    knots = np.concatenate(([0.0], np.cumsum(np.sqrt(chords))))
    segments = len(p) - 1
    counts = np.maximum(2, np.ceil(chords[1:-1] * 1.3 / _STEP).astype(np.int64))
    # Samples per segment in proportion to its length, each segment's from 0 (inclusive) to 1 (exclusive).
    seg = np.repeat(np.arange(segments), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    local = (np.arange(len(seg)) - starts) / np.repeat(counts, counts)
    seg = np.append(seg, segments - 1)
    local = np.append(local, 1.0)
    t0, t1, t2, t3 = knots[seg][:, None], knots[seg + 1][:, None], knots[seg + 2][:, None], knots[seg + 3][:, None]
    p0, p1, p2, p3 = padded[seg], padded[seg + 1], padded[seg + 2], padded[seg + 3]
    t = t1 + local[:, None] * (t2 - t1)
    a1 = ((t1 - t) * p0 + (t - t0) * p1) / (t1 - t0)
    a2 = ((t2 - t) * p1 + (t - t1) * p2) / (t2 - t1)
    a3 = ((t3 - t) * p2 + (t - t2) * p3) / (t3 - t2)
    b1 = ((t2 - t) * a1 + (t - t0) * a2) / (t2 - t0)
    b2 = ((t3 - t) * a2 + (t - t1) * a3) / (t3 - t1)
    result: Stroke = ((t2 - t) * b1 + (t - t1) * b2) / (t2 - t1)
    return result


def _join(*parts: Stroke) -> Stroke:
    """One pen-down stroke from pieces that meet end to start (a corner where their directions differ)."""
    out = [parts[0]]
    for part in parts[1:]:
        same = abs(out[-1][-1, 0] - part[0, 0]) + abs(out[-1][-1, 1] - part[0, 1]) < 1e-9
        out.append(part[1:] if same else part)
    return np.vstack(out)


# ---------------------------------------------------------------------------------------------------------------
# Templates: each returns the strokes in drawing order, with proportions drawn from ``u``.


def _zero_oval(u: Draw) -> list[Stroke]:
    rx, ry = u(0.27, 0.36), 0.48
    start = u(80.0, 110.0)
    # Drawn counter-clockwise from the top, overshooting a little where the pen closes the loop.
    return [_arc((0.5, 0.5), (rx, ry), start, start + 360.0 + u(5.0, 25.0))]


def _zero_slashed(u: Draw) -> list[Stroke]:
    """A zero struck through the European/engineering way; the slash is what people vary most.

    Its angle runs from a steep 80° to a flat 35° (mostly leaning like "/", now and then like "\\"), it passes
    through the middle or a little beside it, and each end stops short of the ring, touches it or runs well past it
    (up to nearly half the ring's size, as in a quickly written "Ø"): a slash that stays inside, one that just meets
    the ring, and one that crosses it are all common, and the network must not take the ends poking out for a 9's
    stem or a 4's bar. The ring itself is often narrow (a struck zero is written tall), and a quarter of the hands
    do not lift the pen: the ring runs on over its top into the slash.
    """
    narrow = u(0.0, 1.0) < 0.4
    rx, ry = (u(0.2, 0.28) if narrow else u(0.27, 0.36)), 0.48
    start = u(80.0, 110.0)
    ring = _arc((0.5, 0.5), (rx, ry), start, start + 360.0 + u(5.0, 25.0))
    angle = math.radians(u(35.0, 80.0))
    direction = 1.0 if u(0.0, 1.0) < 0.82 else -1.0  # "/" mostly, "\\" from some hands
    dx, dy = direction * math.cos(angle), -math.sin(angle)  # up the slash, on screen
    centre = (0.5 + u(-0.05, 0.05), 0.5 + u(-0.05, 0.05))
    # Distance from the middle to the ring along the slash, then how far past (or short of) it each end goes.
    to_ring = 1.0 / math.hypot(dx / rx, dy / ry)
    up, down = to_ring * (1.0 + u(-0.45, 0.45)), to_ring * (1.0 + u(-0.45, 0.45))
    top = (centre[0] + dx * up, centre[1] + dy * up)
    bottom = (centre[0] - dx * down, centre[1] - dy * down)
    if direction > 0 and u(0.0, 1.0) < 0.25:  # one stroke: round the ring, on to the slash's top, down it
        end = (float(ring[-1, 0]), float(ring[-1, 1]))
        return [_join(ring, _line(end, top), _line(top, bottom))]
    return [ring, _line(bottom, top) if u(0.0, 1.0) < 0.5 else _line(top, bottom)]


def _zero_dotted(u: Draw) -> list[Stroke]:
    """A zero with a dot or a short bar in its middle (how some engineers and programmers keep 0 apart from O)."""
    oval = _zero_oval(u)
    rx, _ = _ring_radii(oval)
    cx, cy = 0.5 + u(-0.06, 0.06), 0.5 + u(-0.08, 0.08)
    half = u(-0.15, 0.45) * rx  # below zero: a dot (one point, drawn as a disc of the pen); above: a short bar
    if half <= 0.0:  # a dot: the pen barely moves
        return [*oval, _line((cx, cy), (cx + 0.006, cy + 0.004))]
    angle = math.radians(u(-15.0, 75.0))
    dx, dy = half * math.cos(angle), -half * math.sin(angle)
    return [*oval, _line((cx - dx, cy - dy), (cx + dx, cy + dy))]


def _zero_open(u: Draw) -> list[Stroke]:
    """A quick zero whose pen stops before it meets its start, leaving a gap at the top (or overshooting inwards)."""
    rx, ry = u(0.27, 0.36), 0.48
    start = u(60.0, 115.0)
    sweep = u(295.0, 345.0)
    arc = _arc((0.5, 0.5), (rx, ry), start, start + sweep)
    # The end curls a little inside the ring, as the hand slows before lifting.
    inward = u(0.0, 0.06)
    end = arc[-1]
    tip = (float(end[0] + inward * (0.5 - end[0])), float(end[1] + inward * (0.5 - end[1]) + inward))
    return [_join(arc, _line((float(end[0]), float(end[1])), tip))]


def _ring_radii(oval: list[Stroke]) -> tuple[float, float]:
    """Half the width and height of a zero's ring."""
    points = np.vstack(oval)
    extent = points.max(axis=0) - points.min(axis=0)
    return float(extent[0]) / 2, float(extent[1]) / 2


def _one_plain(u: Draw) -> list[Stroke]:
    return [_line((0.5 + u(-0.03, 0.03), 0.0), (0.5, 1.0))]


def _one_flag(u: Draw) -> list[Stroke]:
    # Short and clearly angled: a long, flat flag on a slanted stem is how a seven looks.
    length = u(0.18, 0.28)
    angle = math.radians(u(35.0, 55.0))  # below the horizontal
    top = (0.5, 0.0)
    flag = (0.5 - length * math.cos(angle), length * math.sin(angle))
    return [_join(_line(flag, top), _line(top, (0.5, 1.0)))]


def _one_flag_base(u: Draw) -> list[Stroke]:
    half = u(0.17, 0.26)
    return [*_one_flag(u), _line((0.5 - half, 1.0), (0.5 + half, 1.0))]


def _one_long_flag(u: Draw) -> list[Stroke]:
    """The Continental one: a long upstroke from left of the stem's middle up to its top, then straight down.

    The flag is a third to seven tenths of the stem, 25-55° from it (35-65° below the horizontal): steeper than a
    seven's near-level bar, which is what tells the two apart, though a long flat one comes close. Often the flag
    rises in a slight curve, a hasty hand starts it with a small hook, and some turn over the top in a curve
    instead of a corner. No base.
    """
    length = u(0.3, 0.7)
    angle = math.radians(u(35.0, 65.0))  # below the horizontal
    top = (0.5, 0.0)
    start = (0.5 - length * math.cos(angle), length * math.sin(angle))
    bow = u(-0.04, 0.03)  # a slightly bowed flag: negative sags below the straight line
    middle = (0.5 * (start[0] + top[0]) - bow * math.sin(angle), 0.5 * (start[1] + top[1]) + bow * math.cos(angle))
    foot = (0.5 + u(-0.04, 0.04), 1.0)
    if u(0.0, 1.0) < 0.3:  # over the top in a curve: the apex rounded, the stem leaving it a little to the right
        stroke = _spline([start, middle, (0.48, 0.02), (0.52, 0.04), (0.51, 0.2), foot])
    else:
        stroke = _join(_spline([start, middle, top]), _line(top, foot))
    if u(0.0, 1.0) < 0.3:
        hook = (start[0] + u(-0.03, 0.03), start[1] + u(0.03, 0.07))
        stroke = _join(_line(hook, (float(stroke[0, 0]), float(stroke[0, 1]))), stroke)
    return [stroke]


def _one_base(u: Draw) -> list[Stroke]:
    """A printed one: a short flag or none, and a base line; with the flag long enough it stays a one, not a 7."""
    half = u(0.14, 0.26)
    stem = _one_flag(u) if u(0.0, 1.0) < 0.5 else _one_plain(u)
    return [*stem, _line((0.5 - half, 1.0 - u(0.0, 0.02)), (0.5 + half, 1.0))]


def _two_hook(u: Draw) -> list[Point]:
    """The hook shared by both twos: up from the left, over the top and down the right shoulder."""
    return [(0.1, u(0.2, 0.32)), (0.3, 0.04), (0.58, 0.0), (0.82, 0.12), (0.84, 0.32), (0.7, 0.52)]


def _two_plain(u: Draw) -> list[Stroke]:
    corner = (u(0.04, 0.12), 1.0)
    curve = _spline([*_two_hook(u), (0.38, 0.78), corner])
    return [_join(curve, _line(corner, (u(0.86, 0.98), u(0.96, 1.0))))]


def _two_loop(u: Draw) -> list[Stroke]:
    size = u(0.15, 0.21)
    x, y = 0.22, 0.86
    # Down to the bottom left, curl up and round, cross the diagonal and run off along the base.
    curve = _spline(
        [
            *_two_hook(u),
            (0.36, 0.76),
            (x, y),
            (x - size * 0.8, y - size * 0.3),
            (x - size * 0.1, y - size * 1.1),
            (x + size * 0.8, y - size * 0.3),
            (x + size * 1.8, y + size * 0.7),
        ]
    )
    end = (float(curve[-1, 0]), float(curve[-1, 1]))
    return [_join(curve, _line(end, (u(0.88, 0.98), end[1] + u(-0.02, 0.02))))]


def _three_lower(u: Draw, middle: Point) -> Stroke:
    belly = u(0.82, 0.92)
    return _spline([middle, (0.66, 0.53), (belly, 0.72), (0.72, 0.94), (0.42, 1.0), (0.1, u(0.84, 0.92))])


def _three_round(u: Draw) -> list[Stroke]:
    middle = (u(0.35, 0.48), 0.47)
    upper = _spline([(0.12, u(0.12, 0.2)), (0.42, 0.0), (0.74, 0.06), (0.76, 0.28), (0.6, 0.42), middle])
    return [_join(upper, _three_lower(u, middle))]


def _three_flat_top(u: Draw) -> list[Stroke]:
    right = (u(0.8, 0.9), 0.0)
    middle = (u(0.38, 0.48), 0.42)
    top = _line((0.12, 0.0), right)
    return [_join(top, _line(right, middle), _three_lower(u, middle))]


def _four_closed(u: Draw) -> list[Stroke]:
    stem_x = u(0.62, 0.72)
    bar_y = u(0.62, 0.72)
    corner = (0.02, bar_y)
    first = _join(_line((stem_x, 0.0), corner), _line(corner, (0.98, bar_y)))
    return [first, _line((stem_x, 0.0), (stem_x + u(-0.04, 0.0), 1.0))]


def _four_open(u: Draw) -> list[Stroke]:
    bar_y = u(0.55, 0.68)
    stem_x = u(0.62, 0.72)
    corner = (0.06, bar_y)
    first = _join(_line((u(0.08, 0.2), 0.0), corner), _line(corner, (0.96, bar_y - u(0.0, 0.04))))
    return [first, _line((stem_x, u(0.0, 0.12)), (stem_x - u(0.0, 0.04), 1.0))]


def _five_belly(u: Draw, joint: Point) -> Stroke:
    return _spline(
        [joint, (0.46, 0.36), (0.78, 0.45), (u(0.86, 0.94), 0.68), (0.74, 0.92), (0.44, 1.0), (0.08, u(0.84, 0.92))]
    )


def _five_plain(u: Draw) -> list[Stroke]:
    top_left = (0.22, 0.0)
    joint = (u(0.14, 0.2), u(0.42, 0.48))
    down = _join(_line(top_left, joint), _five_belly(u, joint))
    return [down, _line(top_left, (u(0.82, 0.94), u(-0.02, 0.02)))]


def _five_one_stroke(u: Draw) -> list[Stroke]:
    # Written in one go the flag comes first, rising to the right, the corner sits further in and the belly is
    # rounder: the shape a quick hand makes without lifting the pen.
    top_left = (0.3, 0.04)
    joint = (u(0.18, 0.24), u(0.38, 0.44))
    belly = _spline([joint, (0.5, 0.32), (0.84, 0.42), (0.92, 0.68), (0.72, 0.95), (0.38, 1.0), (0.06, u(0.8, 0.88))])
    return [_join(_line((u(0.86, 0.94), u(-0.04, 0.0)), top_left), _line(top_left, joint), belly)]


def _six_loop(u: Draw, entry: Point) -> Stroke:
    """The closed bowl at the bottom of a six, entered on the left going down and ending back near there."""
    height = u(0.42, 0.52)
    top = 1.0 - height
    return _spline(
        [
            entry,
            (0.12, 0.78),
            (0.3, 0.98),
            (0.6, 0.99),
            (0.82, 0.8),
            (0.74, top + 0.04),
            (0.45, top),
            (0.2, top + height * 0.35),
            (0.15, top + height * 0.5),
        ]
    )


def _six_round(u: Draw) -> list[Stroke]:
    start = (u(0.62, 0.78), u(0.0, 0.06))
    upper = _spline([start, (0.4, 0.14), (0.2, 0.38), (0.12, 0.62)])
    return [_join(upper, _six_loop(u, (0.12, 0.62))[1:])]


def _six_straight(u: Draw) -> list[Stroke]:
    entry = (0.14, 0.62)
    upper = _line((u(0.55, 0.75), 0.0), entry)
    return [_join(upper, _six_loop(u, entry))]


def _seven_plain(u: Draw) -> list[Stroke]:
    corner = (0.96, u(0.0, 0.04))
    foot = (u(0.3, 0.48), 1.0)
    bend = u(-0.04, 0.04)
    stem = _spline([corner, (0.5 * (corner[0] + foot[0]) + bend, 0.5), foot])
    return [_join(_line((0.04, 0.0), corner), stem)]


def _seven_crossbar(u: Draw) -> list[Stroke]:
    (stroke,) = _seven_plain(u)
    y = u(0.46, 0.58)
    centre = stroke[int(np.argmin(np.abs(stroke[:, 1] - y)))]  # where the stem crosses height y
    half = u(0.17, 0.24)
    shift = u(-0.03, 0.03)
    bar = _line((centre[0] - half + shift, y), (centre[0] + half + shift, y - u(0.0, 0.03)))
    return [stroke, bar]


def _seven_serif(u: Draw) -> list[Stroke]:
    corner = (0.96, 0.0)
    foot = (u(0.3, 0.48), 1.0)
    # The small downward tick on the left that European sevens start with.
    tick = _line((0.02, u(0.14, 0.22)), (0.06, 0.0))
    return [_join(tick, _line((0.06, 0.0), corner), _spline([corner, (0.66, 0.5), foot]))]


def _eight_one_stroke(u: Draw) -> list[Stroke]:
    waist = (0.5, u(0.44, 0.5))
    return [
        _spline(
            [
                (0.76, 0.12),
                (0.5, 0.0),
                (0.24, 0.12),
                (0.3, 0.3),
                waist,
                (0.8, 0.68),
                (0.72, 0.94),
                (0.44, 1.0),
                (0.2, 0.84),
                (0.3, 0.62),
                waist,
                (0.7, 0.3),
                (0.77, 0.14),
            ]
        )
    ]


def _eight_two_loops(u: Draw) -> list[Stroke]:
    split = u(0.44, 0.5)
    top = _arc((0.5, split / 2), (u(0.22, 0.28), split / 2), 270.0, 270.0 + 360.0 + 10.0)
    bottom_h = (1.0 - split) / 2
    bottom = _arc((0.5, split + bottom_h), (u(0.3, 0.36), bottom_h), 90.0, 90.0 + 360.0 + 10.0)
    return [top, bottom]


def _nine_loop(u: Draw) -> tuple[Stroke, float, float]:
    """The closed head of a nine, drawn counter-clockwise from its right side; returns it, its right x and its y."""
    height = u(0.42, 0.5)
    rx = u(0.3, 0.38)
    cx, cy = 0.46, height / 2
    loop = _arc((cx, cy), (rx, height / 2), u(0.0, 20.0), 360.0 + u(-5.0, 5.0))
    return loop, cx + rx, cy


def _nine_straight(u: Draw) -> list[Stroke]:
    loop, right, cy = _nine_loop(u)
    stem = _line((right, cy), (right - u(0.0, 0.08), 1.0))
    return [_join(loop, _line((float(loop[-1, 0]), float(loop[-1, 1])), (right, cy)), stem)]


def _nine_curved(u: Draw) -> list[Stroke]:
    loop, right, cy = _nine_loop(u)
    stem = _spline([(right, cy), (right - 0.02, 0.62), (right - 0.12, 0.9), (0.45, 1.0), (u(0.2, 0.3), 0.94)])
    return [_join(loop, _line((float(loop[-1, 0]), float(loop[-1, 1])), (right, cy)), stem)]


def _nine_hooked(u: Draw) -> list[Stroke]:
    """A straight stem ending in a short hook to the left, as many people finish a 9 (and a 4)."""
    loop, right, cy = _nine_loop(u)
    bottom_x = right - u(0.0, 0.06)
    hook = u(0.1, 0.22)
    stem = _spline([(right, cy), (bottom_x, 0.86), (bottom_x - hook * 0.45, 1.0), (bottom_x - hook, 0.95)])
    return [_join(loop, _line((float(loop[-1, 0]), float(loop[-1, 1])), (right, cy)), stem)]


_TEMPLATES: dict[tuple[int, str], Callable[[Draw], list[Stroke]]] = {
    (0, "oval"): _zero_oval,
    (0, "slashed"): _zero_slashed,
    (0, "dotted"): _zero_dotted,
    (0, "open"): _zero_open,
    (1, "plain"): _one_plain,
    (1, "flag"): _one_flag,
    (1, "flag_base"): _one_flag_base,
    (1, "long_flag"): _one_long_flag,
    (1, "base"): _one_base,
    (2, "plain"): _two_plain,
    (2, "loop"): _two_loop,
    (3, "round"): _three_round,
    (3, "flat_top"): _three_flat_top,
    (4, "closed"): _four_closed,
    (4, "open"): _four_open,
    (5, "plain"): _five_plain,
    (5, "one_stroke"): _five_one_stroke,
    (6, "round"): _six_round,
    (6, "straight"): _six_straight,
    (7, "plain"): _seven_plain,
    (7, "crossbar"): _seven_crossbar,
    (7, "serif"): _seven_serif,
    (8, "one_stroke"): _eight_one_stroke,
    (8, "two_loops"): _eight_two_loops,
    (9, "straight"): _nine_straight,
    (9, "curved"): _nine_curved,
    (9, "hooked"): _nine_hooked,
}


# ---------------------------------------------------------------------------------------------------------------
# Public API


def digit_strokes(digit: int, style: str | None = None, rng: np.random.Generator | None = None) -> list[Stroke]:
    """The strokes of one digit in the unit box, in drawing order; canonical without ``rng``, a random hand with it.

    The result is fitted to the unit box (longer side exactly 1, centred), so callers can place it anywhere.
    """
    styles = STYLES.get(digit)
    if styles is None:
        raise ValueError(f"digit must be 0..9, got {digit!r}")
    if style is None:
        style = styles[0] if rng is None else str(rng.choice(styles))
    if style not in styles:
        raise ValueError(f"digit {digit} has no style {style!r}; it has {', '.join(styles)}")
    template = _TEMPLATES[(digit, style)]
    if rng is None:
        strokes = template(lambda low, high: 0.5 * (low + high))
    else:
        generator = rng
        strokes = _vary(template(lambda low, high: float(generator.uniform(low, high))), generator, narrow=digit == 1)
    return _fit_unit_box(strokes)


def _vary(strokes: list[Stroke], rng: np.random.Generator, *, narrow: bool = False) -> list[Stroke]:
    """A person's hand: own width, slant and tilt, a smooth tremor, and strokes that do not quite meet.

    ``narrow`` keeps a digit's own proportions however wide it is (every "1": a long flag or a base makes a one
    wide, and stretching or leaning it further turns it into a seven).
    """
    points = np.vstack(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    width, height = high - low
    aspect = width / max(height, 1e-9)
    if narrow or aspect < 0.4:
        # Narrow digits ("1"): stretching them to half their height would make them something else, and leaning
        # them far right flattens a flag until the one reads as a seven.
        x_scale = float(rng.uniform(0.75, 1.3))
        lean = 0.7
    else:
        x_scale = float(rng.uniform(*ASPECT_RANGE)) / aspect
        lean = 1.0
    shear = lean * float(rng.uniform(-MAX_SHEAR, MAX_SHEAR))
    angle = math.radians(lean * float(rng.uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG)))
    cos, sin = math.cos(angle), math.sin(angle)
    # A smooth random displacement field over the plane: strokes that cross or touch move together.
    waves = 3
    frequency = rng.uniform(0.4, 1.6, size=(2, waves, 2)) * np.sign(rng.uniform(-1.0, 1.0, size=(2, waves, 2)))
    phase = rng.uniform(0.0, 2 * math.pi, size=(2, waves))
    amplitude = WOBBLE / math.sqrt(waves)
    centre = 0.5 * (low + high)

    # Stretch, then slant (positive shear leans the top to the right, as right-handers do), then rotate.
    stretch_shear = np.array([[x_scale, 0.0], [-shear, 1.0]])
    rotation = np.array([[cos, sin], [-sin, cos]])
    p = (points - centre) @ (stretch_shear @ rotation)
    p += amplitude * np.sin(points @ frequency.reshape(2 * waves, 2).T * (2 * math.pi) + phase.reshape(-1)).reshape(
        -1, 2, waves
    ).sum(axis=2)
    lengths = [len(stroke) for stroke in strokes]
    p += np.repeat(rng.normal(0.0, 0.01, size=(len(strokes), 2)), lengths, axis=0)
    return np.split(p, np.cumsum(lengths)[:-1])


def _fit_unit_box(strokes: list[Stroke]) -> list[Stroke]:
    points = np.vstack(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    scale = 1.0 / max(float((high - low).max()), 1e-9)
    fitted = np.clip((points - 0.5 * (low + high)) * scale + 0.5, 0.0, 1.0)
    return np.split(fitted, np.cumsum([len(stroke) for stroke in strokes])[:-1])


def place_strokes(strokes: Sequence[Stroke], box: tuple[float, float, float, float]) -> list[Stroke]:
    """Unit-box strokes → pixel coordinates inside ``box`` (x0, y0, x1, y1): the largest centred square, no distortion.

    A GUI test drags the mouse along the result, so it must stay inside the box it was given.
    """
    x0, y0, x1, y1 = box
    side = min(x1 - x0, y1 - y0)
    if side <= 0:
        raise ValueError(f"box {box} is empty")
    origin = np.array([x0 + (x1 - x0 - side) / 2, y0 + (y1 - y0 - side) / 2])
    return [np.asarray(s, np.float64) * side + origin for s in strokes]


def render_strokes(
    strokes_px: Sequence[Stroke], size: tuple[int, int], pen_width: float, *, supersample: int = 2
) -> np.ndarray:
    """Pixel-coordinate strokes → uint8 (H, W), black ink on white, drawn the way the app's canvas draws a pen.

    ``size`` is (width, height) like Qt and PIL. The pen is round (round caps and joins, as the canvas's QPen),
    and drawing ``supersample`` times larger then averaging blocks gives the antialiased edge the canvas has.
    """
    width, height = size
    factor = max(1, int(supersample))
    image = Image.new("L", (width * factor, height * factor), 255)
    draw = ImageDraw.Draw(image)
    pen = max(1.0, pen_width * factor)
    radius = pen / 2
    # A disc of the pen's width at every vertex makes the round joins and caps, and also covers the hairline
    # cracks PIL leaves between the segments of a wide line (its joint="curve" has them too, and costs a Python
    # call per vertex). Vertices closer than a third of the pen add nothing visible, so fewer are kept.
    spacing = min(max(1.0, pen / 3), 12.0)
    for stroke in strokes_px:
        points = np.asarray(stroke, np.float64).reshape(-1, 2)
        if len(points) == 0:
            continue
        # A point at (x, y) means the middle of pixel x, as on the canvas.
        points = _decimate(points * factor + (factor - 1) / 2, spacing)
        if len(points) > 1:
            draw.line(points.ravel().tolist(), fill=0, width=round(pen))
        for x, y in points.tolist():
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=0)
    if factor > 1:
        image = image.reduce(factor)  # a box filter: each pixel the mean of its factor × factor block
    return np.asarray(image, dtype=np.uint8).copy()


_CORNER_COS = math.cos(math.radians(25.0))  # a turn this sharp between samples is a corner, always kept


def _decimate(points: np.ndarray, spacing: float) -> np.ndarray:
    """About one point per ``spacing`` of path, plus both ends and every corner (so a 7 keeps its sharp top)."""
    if len(points) <= 2:
        return points
    steps = np.diff(points, axis=0)
    lengths = np.sqrt(np.einsum("ij,ij->i", steps, steps))
    bucket = np.floor(np.cumsum(lengths) / spacing)
    keep = np.ones(len(points), bool)
    keep[1:-1] = bucket[1:] != bucket[:-1]
    unit = steps / np.maximum(lengths, 1e-12)[:, None]
    keep[1:-1] |= np.einsum("ij,ij->i", unit[:-1], unit[1:]) < _CORNER_COS
    return points[keep]


def default_box(size: tuple[int, int], margin: float = 0.15) -> tuple[float, float, float, float]:
    """The centred square, with ``margin`` of the shorter side left free around it, where a person would draw."""
    width, height = size
    side = min(width, height) * (1.0 - 2 * margin)
    x0, y0 = (width - side) / 2, (height - side) / 2
    return (x0, y0, x0 + side, y0 + side)


def draw_digit(
    digit: int,
    *,
    rng: np.random.Generator | None = None,
    style: str | None = None,
    size: tuple[int, int] = (280, 280),
    box: tuple[float, float, float, float] | None = None,
    pen_width: float = 18.0,
) -> np.ndarray:
    """A digit as the canvas would show it after someone drew it: uint8 (H, W), dark ink on white."""
    strokes = digit_strokes(digit, style, rng)
    placed = place_strokes(strokes, box if box is not None else default_box(size))
    return render_strokes(placed, size, pen_width)


# The two rare styles real writers outside MNIST use most and the network misread most (a struck-through zero read
# as 8, 6, 9 or 4; a Continental one read as 7): weighted this many common ones instead of ``rare_weight``.
EMPHASIZED_STYLES: dict[tuple[int, str], float] = {(0, "slashed"): 2.5, (1, "long_flag"): 2.5}


def style_weights(rare_weight: float = 2.0) -> dict[tuple[int, str], float]:
    """Weights per (digit, style), summing to 1 per digit: each rare style counts ``rare_weight`` common ones.

    The rare styles are what MNIST lacks, while the real data mixed in alongside supplies the common ones in
    plenty; doubling them gives e.g. a crossbar seven 40% of the synthetic sevens rather than a third. The
    ``EMPHASIZED_STYLES`` count more still.
    """
    weights: dict[tuple[int, str], float] = {}
    for digit, styles in STYLES.items():
        raw = [EMPHASIZED_STYLES.get((digit, s), rare_weight) if (digit, s) in RARE_STYLES else 1.0 for s in styles]
        total = sum(raw)
        for style, weight in zip(styles, raw, strict=True):
            weights[(digit, style)] = weight / total
    return weights


SYNTH_CANVAS = 64  # small canvas: the digit ends up 20 px tall anyway, and this keeps 10,000 digits a few seconds
# Pen width as a share of the square a digit is drawn in (the pen's own width included): MNIST's strokes are about
# 0.13 of a digit's height, and up to 0.2 stands for mid-sized digits drawn with the canvas's default pen.
SYNTH_PEN_RANGE = (0.07, 0.2)
# A small digit drawn with the app's 20 px pen (45-75 px tall) has a pen of 0.21-0.31 of its square: holes close up,
# a slash or a dot in a zero fills most of the ring. This share of the synthetic digits is drawn that thick, so
# that small drawings read as well as big ones.
SYNTH_THICK_SHARE = 0.25
SYNTH_THICK_PEN_RANGE = (0.2, 0.3)
_SYNTH_POOL = 48  # template instances kept per style by ``synthetic_digits``


def synthetic_digits(
    count: int,
    rng: np.random.Generator,
    *,
    styles_weight: Mapping[tuple[int, str], float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` random drawn digits in MNIST's own format: uint8 (count, 28, 28) white on black, int64 labels.

    Each is rendered like a canvas drawing and sent through ``normalize``, the same path a drawing takes in the
    app, so the network trains on exactly what it will see. Labels are balanced (every digit ``count // 10`` or one
    more times); ``styles_weight`` maps (digit, style) to a relative weight, default ``style_weights()``.
    """
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    weights = dict(style_weights() if styles_weight is None else styles_weight)
    choices: dict[int, tuple[tuple[str, ...], np.ndarray]] = {}
    for digit, styles in STYLES.items():
        w = np.array([max(0.0, float(weights.get((digit, s), 0.0))) for s in styles])
        if w.sum() <= 0:
            w = np.ones(len(styles))
        choices[digit] = (styles, w / w.sum())

    labels = np.arange(count, dtype=np.int64) % 10
    rng.shuffle(labels)
    sides = SYNTH_CANVAS * rng.uniform(0.6, 0.85, size=count)
    corners = 2.0 + rng.uniform(0.0, 1.0, size=(count, 2)) * (SYNTH_CANVAS - sides - 4.0)[:, None]
    thick = rng.uniform(size=count) < SYNTH_THICK_SHARE
    pens = sides * np.where(
        thick, rng.uniform(*SYNTH_THICK_PEN_RANGE, size=count), rng.uniform(*SYNTH_PEN_RANGE, size=count)
    )
    picks = rng.uniform(size=count)

    def draw(low: float, high: float) -> float:
        return float(rng.uniform(low, high))

    # The templates' own proportions are drawn once per pool slot and reused: building a template costs as much
    # as everything else put together, and the variation that follows (slant, width, warp) makes each use unique.
    pools: dict[tuple[int, str], list[list[Stroke]]] = {}
    images = np.zeros((count, FIELD_SIZE, FIELD_SIZE), np.uint8)
    canvas = (SYNTH_CANVAS, SYNTH_CANVAS)
    for i, digit in enumerate(labels.tolist()):
        styles, p = choices[digit]
        style = styles[min(int(np.searchsorted(np.cumsum(p), picks[i], side="right")), len(styles) - 1)]
        pool = pools.setdefault((digit, style), [])
        if len(pool) < _SYNTH_POOL:
            pool.append(_TEMPLATES[(digit, style)](draw))
            template = pool[-1]
        else:
            template = pool[int(rng.integers(_SYNTH_POOL))]
        strokes = _fit_unit_box(_vary(template, rng, narrow=digit == 1))
        side, pen = float(sides[i]), float(pens[i])
        x0, y0 = float(corners[i, 0]) + pen / 2, float(corners[i, 1]) + pen / 2
        box = (x0, y0, x0 + side - pen, y0 + side - pen)
        picture = render_strokes(place_strokes(strokes, box), canvas, pen, supersample=2)
        field = to_mnist_field(picture)
        if field is None:  # cannot happen for a drawn digit, but a blank would poison training
            raise RuntimeError(f"synthetic {digit} ({style}) rendered blank")
        images[i] = field
    return images, labels


def non_digits(count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` drawings that are not digits, in MNIST's format: uint8 (count, 28, 28) white on black.

    Training asks the network to spread its belief evenly over all ten digits on these ("outlier exposure"), which
    is what lets the app say "not sure" about a scribble instead of calling it an 8 with 95% confidence. Kinds:
    tangled scribbles, several scattered strokes, hatched blobs and grids; never a single line or a lone loop,
    which people do draw as 1s and 0s.
    """
    images = np.zeros((count, FIELD_SIZE, FIELD_SIZE), np.uint8)
    canvas = (SYNTH_CANVAS, SYNTH_CANVAS)
    for i in range(count):
        side = SYNTH_CANVAS * float(rng.uniform(0.6, 0.85))
        pen = side * float(rng.uniform(*SYNTH_PEN_RANGE))
        x0, y0 = (float(v) for v in 2.0 + pen / 2 + rng.uniform(0.0, 1.0, 2) * (SYNTH_CANVAS - side - 4.0))
        box = (x0, y0, x0 + side - pen, y0 + side - pen)
        strokes = _non_digit_strokes(rng)
        picture = render_strokes(place_strokes(strokes, box), canvas, pen, supersample=2)
        field = to_mnist_field(picture)
        if field is not None:
            images[i] = field
    return images


def _non_digit_strokes(rng: np.random.Generator) -> list[Stroke]:
    kind = int(rng.integers(4))
    if kind == 0:  # a tangle: many random turns in one stroke
        return [_spline([tuple(p) for p in rng.uniform(0.0, 1.0, (int(rng.integers(9, 16)), 2))])]
    if kind == 1:  # scattered short strokes
        strokes = []
        for _ in range(int(rng.integers(4, 8))):
            start = rng.uniform(0.0, 1.0, 2)
            end = np.clip(start + rng.uniform(-0.35, 0.35, 2), 0.0, 1.0)
            strokes.append(np.stack([start, end]))
        return strokes
    if kind == 2:  # a hatched blob: zig-zag back and forth
        rows = int(rng.integers(5, 9))
        ys = np.linspace(0.0, 1.0, rows)
        xs = np.where(np.arange(rows) % 2 == 0, 0.0, 1.0) + rng.uniform(-0.1, 0.1, rows)
        return [np.stack([xs, ys], axis=1)]
    lines = int(rng.integers(3, 5))  # a grid (#-like, but with more bars)
    offsets = np.linspace(0.15, 0.85, lines) + rng.uniform(-0.05, 0.05, lines)
    return [np.array([[o, 0.0], [o, 1.0]]) for o in offsets] + [np.array([[0.0, o], [1.0, o]]) for o in offsets]
