"""The bundled weights on drawings made the way people draw: strokes, any size, anywhere, any pen, many styles.

The drawings come from ``strokes`` with seeds and canvas sizes the bundled recipe never used (it trains on 64×64
renderings from seed 1), so they are new drawings, not training digits.
"""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.inference import Predictor
from lenet_gui.core.strokes import RARE_STYLES, STYLES, draw_digit
from tests.handwriting import CHECK_STYLES, CONDITIONS, check_set

DRAWINGS_PER_STYLE = 12


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor(load_bundled().state_dict)


def _random_drawing(digit: int, style: str, rng: np.random.Generator) -> np.ndarray:
    size = int(rng.uniform(50, 260))  # from a small scribble in a corner to the whole canvas
    x0, y0 = (int(v) for v in rng.uniform(0, 280 - size, 2))
    pen = float(rng.uniform(3, 36))
    return draw_digit(digit, rng=rng, style=style, size=(280, 280), box=(x0, y0, x0 + size, y0 + size), pen_width=pen)


def test_every_style_is_read_right_at_any_size_place_and_pen(predictor: Predictor) -> None:
    rng = np.random.default_rng(20261127)
    wrong: list[str] = []
    total = 0
    for digit, styles in STYLES.items():
        for style in styles:
            for _ in range(DRAWINGS_PER_STYLE):
                prediction = predictor.predict_image(_random_drawing(digit, style, rng))
                total += 1
                if prediction is None or prediction.digit != digit:
                    wrong.append(f"{digit}/{style}→{None if prediction is None else prediction.digit}")
    accuracy = 1 - len(wrong) / total
    assert accuracy >= 0.97, f"{accuracy:.1%} of {total} drawings right; wrong: {wrong}"


@pytest.mark.parametrize(("digit", "style"), sorted(RARE_STYLES))
def test_styles_mnist_rarely_has_are_read_right(predictor: Predictor, digit: int, style: str) -> None:
    rng = np.random.default_rng(digit * 100 + len(style))
    right = sum(
        (p := predictor.predict_image(_random_drawing(digit, style, rng))) is not None and p.digit == digit
        for _ in range(DRAWINGS_PER_STYLE)
    )
    # The Continental one's flag now reaches down to 35° below the horizontal and seven tenths of the stem: the
    # flattest, drawn with a thin pen, are as much a 7 as a 1 (two of these twelve read 7 at about 0.5).
    allowed = 2 if (digit, style) == (1, "long_flag") else 1
    assert right >= DRAWINGS_PER_STYLE - allowed, f"{digit} drawn {style}: {right}/{DRAWINGS_PER_STYLE} right"


def test_an_independent_hand_is_read_right_in_every_condition(predictor: Predictor) -> None:
    """The check hand of ``tests.handwriting`` (shapes not from ``core.strokes``; slashed, dotted, barred and open
    zeros, long-flag ones) in the four canvas conditions: what training on the generator must carry over to.
    The weights before its styles were widened read its zeros 92% right (slashed, barred and open ones as 6 or 8).
    """
    drawings = check_set(per_cell=25)
    right = np.array(
        [(p := predictor.predict_image(image)) is not None and p.digit == d for image, d, _, _ in drawings]
    )
    digits = np.array([d for _, d, _, _ in drawings])
    conditions = np.array([c for *_, c in drawings])
    per_digit = {d: float(right[digits == d].mean()) for d in CHECK_STYLES}
    per_condition = {c: float(right[conditions == c].mean()) for c in CONDITIONS}
    assert right.mean() >= 0.99, f"{right.mean():.1%} right; per digit {per_digit}"
    assert min(per_digit.values()) >= 0.95, per_digit
    assert per_condition["small"] >= per_condition["centred"] - 0.01, per_condition


def test_canonical_drawings_are_read_confidently(predictor: Predictor) -> None:
    for digit in range(10):
        prediction = predictor.predict_image(draw_digit(digit))
        assert prediction is not None and prediction.digit == digit and prediction.sure, digit


def test_scribbles_are_not_sure(predictor: Predictor) -> None:
    """Things that are not digits should mostly get an honest "not sure", not a confident guess."""

    rng = np.random.default_rng(5)
    unsure = 0
    for _ in range(20):
        image = Image.new("L", (280, 280), 255)
        draw = ImageDraw.Draw(image)
        points = [tuple(int(v) for v in rng.uniform(20, 260, 2)) for _ in range(12)]
        draw.line(points, fill=0, width=14, joint="curve")
        prediction = predictor.predict_image(np.asarray(image))
        unsure += prediction is not None and not prediction.sure
    assert unsure >= 16, f"only {unsure}/20 random scribbles were 'not sure'"
