"""A handwriting check written by hand: digits authored point by point, drawn through the app's own canvas.

Why: the bundled weights are trained on ``core.strokes``' generator, and a check drawn by another generator shares
its habits. ``tests/data/hand_check/strokes.txt`` instead holds 214 digits whose pen paths were written out by hand,
coordinate by coordinate, in the styles people use (slashed, dotted, barred and open zeros; plain, flagged,
long-flag Continental and based ones; sevens with and without a crossbar; nines with straight, hooked and curved
tails) beside ordinary ones, about 20 per digit. Nothing there was tuned against the network; it is a check, and
its figure is ours, not the hidden set's.

Each drawing is put on the 280×280 paper in four conditions (centred; small, 45-70 px with the default 20 px
pen; off-centre, in a corner or along an edge; thick, a 34-44 px pen), replayed into a real ``DrawingCanvas``
(``draw_strokes``: the canvas's own quadratic smoothing, round pen and antialiasing) and read back with
``to_array``, then sent through ``core.preprocess.normalize`` as the app does before every prediction.

    python -m benchmarks.hand_check build            # renders (needs PySide6), writes tests/data/hand_check/inputs.npz
    python -m benchmarks.hand_check sheet OUT.png    # the rendered drawings, one row per digit and condition
    python -m benchmarks.hand_check score [WEIGHTS...]  # per digit, condition and style (default: bundled)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "hand_check"
STROKES = DATA / "strokes.txt"
INPUTS = DATA / "inputs.npz"
PAPER = 280
DEFAULT_PEN = 20.0  # the canvas's default pen width
CONDITIONS = ("centred", "small", "off_centre", "thick")
SEED = 14  # placement on the paper only; the shapes are fixed in strokes.txt

Sample = tuple[int, str, list[np.ndarray]]  # digit, style, strokes in the 0..100 box


def load_samples(path: Path = STROKES) -> list[Sample]:
    """The authored digits: ``DIGIT STYLE: x,y x,y | x,y`` per line, ``#`` comments."""
    samples: list[Sample] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, body = line.split(":", 1)
        digit, style = head.split()
        strokes = [
            np.array([[float(v) for v in point.split(",")] for point in part.split()], np.float64)
            for part in body.split("|")
        ]
        samples.append((int(digit), style, strokes))
    return samples


def smooth(points: np.ndarray, passes: int = 2) -> np.ndarray:
    """Corner cutting (Chaikin) between the authored points, the way a hand moves between them; a point written
    twice stays a sharp corner, since the cut of a zero-length segment is the point itself."""
    for _ in range(passes):
        if len(points) < 3:
            break
        a, b = points[:-1], points[1:]
        cut = np.empty((2 * len(a), 2))
        cut[0::2], cut[1::2] = 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b
        points = np.vstack((points[:1], cut, points[-1:]))
    return points


def placement(condition: str, rng: np.random.Generator) -> tuple[float, float, float, float]:
    """Where the 0..100 box goes on the paper (x0, y0, side) and the pen width, for one condition."""
    if condition == "centred":
        side = rng.uniform(150, 210)
        cx, cy = PAPER / 2 + rng.uniform(-12, 12, 2)
        pen = DEFAULT_PEN
    elif condition == "small":
        side = rng.uniform(45, 70)
        cx, cy = PAPER / 2 + rng.uniform(-40, 40, 2)
        pen = DEFAULT_PEN
    elif condition == "off_centre":
        side = rng.uniform(95, 140)
        low = rng.uniform(8, 20, 2) + side / 2
        cx, cy = np.where(rng.integers(0, 2, 2) == 1, PAPER - low, low)
        if rng.uniform() < 0.4:  # along an edge rather than in a corner
            cx = rng.uniform(side / 2 + 8, PAPER - side / 2 - 8)
        pen = DEFAULT_PEN
    elif condition == "thick":
        side = rng.uniform(160, 210)
        cx, cy = PAPER / 2 + rng.uniform(-10, 10, 2)
        pen = rng.uniform(34, 44)
    else:
        raise ValueError(condition)
    return float(cx - side / 2), float(cy - side / 2), float(side), float(pen)


def paper_strokes(strokes: list[np.ndarray], condition: str, rng: np.random.Generator) -> list[dict[str, object]]:
    """One authored digit as ``DrawingCanvas.draw_strokes`` data in ``condition``."""
    x0, y0, side, pen = placement(condition, rng)
    return [{"width": pen, "points": (smooth(s) / 100.0 * side + (x0, y0)).round(2).tolist()} for s in strokes]


def render_all(samples: list[Sample]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every sample in every condition through a real canvas: (N, 280, 280) uint8 pictures and their labels."""
    from PySide6.QtWidgets import QApplication

    from lenet_gui.ui.canvas import DrawingCanvas

    app = QApplication.instance() or QApplication(["hand_check"])
    canvas = DrawingCanvas()
    rng = np.random.default_rng(SEED)
    pictures, digits, styles, conditions = [], [], [], []
    for condition in CONDITIONS:
        for digit, style, strokes in samples:
            canvas.draw_strokes(paper_strokes(strokes, condition, rng))
            app.processEvents()
            pictures.append(canvas.to_array())
            digits.append(digit)
            styles.append(style)
            conditions.append(condition)
    canvas.deleteLater()
    return np.stack(pictures), np.array(digits), np.array(styles), np.array(conditions)


def build() -> None:
    from lenet_gui.core.preprocess import normalize

    pictures, digits, styles, conditions = render_all(load_samples())
    pixels = []
    for picture in pictures:
        normalized = normalize(picture)
        assert normalized is not None
        pixels.append(np.round(normalized.pixels * 255).astype(np.uint8))
    np.savez_compressed(INPUTS, pixels=np.stack(pixels), digits=digits, styles=styles, conditions=conditions)
    print(f"{len(pixels)} drawings ({len(pixels) // len(CONDITIONS)} digits × {len(CONDITIONS)} conditions) → {INPUTS}")


def sheet(out: str) -> None:
    from PIL import Image

    pictures, digits, _, conditions = render_all(load_samples())
    rows = []
    for condition in CONDITIONS:
        for digit in range(10):
            chosen = pictures[(digits == digit) & (conditions == condition)]
            tiles = [np.pad(np.asarray(Image.fromarray(p).resize((70, 70), Image.Resampling.BOX)), 1) for p in chosen]
            row = np.hstack(tiles)
            rows.append(np.pad(row, ((0, 0), (0, 26 * 72 - row.shape[1])), constant_values=255))
    Image.fromarray(np.vstack(rows)).save(out)


def read(weights: str | None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Probabilities of ``weights`` (None: the bundled ones) on the saved inputs, and the inputs."""
    from lenet_gui.core.checkpoint import load_bundled, load_checkpoint
    from lenet_gui.core.inference import Predictor
    from lenet_gui.core.preprocess import standardize

    data = dict(np.load(INPUTS))
    checkpoint = load_bundled() if weights is None else load_checkpoint(weights)
    probabilities = Predictor(checkpoint.state_dict).probabilities(standardize(data["pixels"].astype(np.float32) / 255))
    return probabilities, data


def report(weights: str | None) -> str:
    probabilities, data = read(weights)
    right = probabilities.argmax(axis=1) == data["digits"]
    lines = [f"== {weights or 'bundled'}: {right.mean():.2%} of {len(right)}"]
    lines.append("  digit " + " ".join(f"{d}:{right[data['digits'] == d].mean():.1%}" for d in range(10)))
    lines.append("  condition " + " ".join(f"{c}:{right[data['conditions'] == c].mean():.2%}" for c in CONDITIONS))
    keys = sorted({(int(d), str(s)) for d, s in zip(data["digits"], data["styles"], strict=True)})
    parts = []
    for d, s in keys:
        mask = (data["digits"] == d) & (data["styles"] == s)
        wrong = probabilities[mask & ~right].argmax(axis=1).tolist()
        parts.append(f"{d}/{s}:{right[mask].sum()}/{mask.sum()}" + (f"(as {sorted(wrong)})" if wrong else ""))
    lines.append("  styles " + " ".join(parts))
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv[:1] == ["build"]:
        build()
    elif argv[:1] == ["sheet"] and len(argv) == 2:
        sheet(argv[1])
    elif argv[:1] == ["score"]:
        for weights in argv[1:] or [None]:
            print(report(weights), flush=True)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
