"""The fast preprocessing against the one it replaced, kept here as the oracle: the same 32×32 picture, to 1/255.

``normalize`` was made faster (issue 14: a prediction within 0.5 ms) by working in 8 bits from the canvas straight
to Pillow and back only where the numbers are needed. The reference below is ``lenet_gui/core/preprocess.py`` as it
was before (commit ff3aca4), copied verbatim from ``standardize`` to ``_place_by_centre_of_mass``. Drawings vary in
size, place, pen width (hairline to marker, so both stroke branches run), polarity, contrast and dtype.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_gui.core.preprocess import (
    BOX_SIZE,
    FIELD_SIZE,
    INK_THRESHOLD,
    MIN_CONTRAST,
    MNIST_MEAN,
    MNIST_STD,
    MODEL_SIZE,
    PAD,
    STROKE_BAND,
    TYPICAL_STROKE,
    WORK_FACTOR,
    Normalized,
    _ink_table,
    normalize,
)


def _drawings() -> list[tuple[str, np.ndarray]]:
    """Seeded random strokes on canvases of several sizes, in every pen width the app and files produce."""
    rng = np.random.default_rng(14)
    drawings: list[tuple[str, np.ndarray]] = []
    for index in range(120):
        size = int(rng.choice([28, 64, 200, 280, 280, 280, 400]))
        image = Image.new("L", (size, size), 255)
        draw = ImageDraw.Draw(image)
        extent = rng.uniform(0.15, 0.9) * size
        x0, y0 = rng.uniform(0, size - extent, 2)
        pen = max(1, round(size * float(rng.choice([0.004, 0.02, 0.04, 0.065, 0.1, 0.16]))))
        for _ in range(int(rng.integers(1, 4))):
            points = [
                (x0 + rng.uniform(0, extent), y0 + rng.uniform(0, extent)) for _ in range(int(rng.integers(2, 6)))
            ]
            draw.line(points, fill=0, width=pen, joint="curve")
        if index % 7 == 0:
            draw.ellipse((x0, y0, x0 + extent * 0.6, y0 + extent), outline=0, width=pen)
        pixels = np.asarray(image)
        kind = index % 6
        if kind == 1:
            pixels = 255 - pixels  # chalk on a blackboard
        elif kind == 2:
            pixels = (pixels * 0.6 + 60).astype(np.uint8)  # grey pencil on grey paper
        elif kind == 3:
            pixels = pixels.astype(np.float32) / 255.0  # a float picture (image files, tests)
        elif kind == 4:
            noise = rng.normal(0, 6, pixels.shape)
            pixels = np.clip(pixels + noise, 0, 255).astype(np.uint8)  # a photo's noise
        drawings.append((f"#{index} {size}px pen {pen} kind {kind}", pixels))
    faint = np.full((280, 280), 250, np.uint8)
    faint[100:110, 100:110] = 245
    drawings += [("blank", np.full((280, 280), 255, np.uint8)), ("faint smudge", faint)]
    drawings += [("one dot", np.pad(np.zeros((1, 1), np.uint8), 100, constant_values=255))]
    return drawings


@pytest.mark.parametrize(("name", "picture"), _drawings(), ids=lambda value: value if isinstance(value, str) else "")
def test_fast_normalize_matches_the_previous_implementation(name: str, picture: np.ndarray) -> None:
    expected = reference_normalize(picture)
    result = normalize(picture)
    if expected is None:
        assert result is None
        return
    assert result is not None
    assert result.pixels.shape == (MODEL_SIZE, MODEL_SIZE) and result.pixels.dtype == np.float32
    np.testing.assert_allclose(result.pixels, expected.pixels, rtol=0, atol=1 / 255)
    np.testing.assert_allclose(result.model_input, expected.model_input, rtol=0, atol=1 / 255 / MNIST_STD)


def test_the_benchmark_drawing_is_bit_identical() -> None:
    image = Image.new("L", (280, 280), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(70, 60), (200, 60), (120, 230)], fill=0, width=18, joint="curve")
    draw.line([(100, 140), (180, 140)], fill=0, width=18)
    picture = np.asarray(image)
    expected, result = reference_normalize(picture), normalize(picture)
    assert expected is not None and result is not None
    np.testing.assert_array_equal(result.pixels, expected.pixels)
    np.testing.assert_array_equal(result.model_input, expected.model_input)


def test_the_ink_tables_shortcut_is_the_table() -> None:
    """Where the table is described as v or 255 - v with the faint values cut, that arithmetic is the table."""
    values = np.arange(256, dtype=np.uint8)
    shortcuts = 0
    for background in np.arange(0.0, 255.5, 0.5):
        for extreme in (0.0, 1.0, 30.0, 128.0, 254.0, 255.0):
            if abs(background - extreme) < 255 * MIN_CONTRAST:
                continue
            table, inverted, faintest = _ink_table(float(background), extreme)
            if faintest is None:
                continue
            shortcuts += 1
            ink = 255 - values if inverted else values.copy()
            ink[ink <= faintest] = 0
            np.testing.assert_array_equal(ink, table, err_msg=f"paper {background}, ink {extreme}")
    assert shortcuts >= 2  # black on white and white on black at least


# ---- the reference: lenet_gui/core/preprocess.py before the fast path, verbatim apart from these names ----------


def standardize(pixels: np.ndarray) -> np.ndarray:
    """0..1 pixels → the zero-mean, unit-variance scale the network was trained on (MNIST's statistics)."""
    return ((pixels - MNIST_MEAN) / MNIST_STD).astype(np.float32, copy=False)


def reference_normalize(image: np.ndarray) -> Normalized | None:
    """Like ``to_model_input`` but also returns the 0..1 picture, for the "what the network sees" view."""
    crop = _ink_crop(image)
    if crop is None:
        return None
    pixels = np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32)
    pixels[PAD : PAD + FIELD_SIZE, PAD : PAD + FIELD_SIZE] = _fit_to_field(crop)
    return Normalized(pixels, standardize(pixels))


def _ink_crop(image: np.ndarray) -> np.ndarray | None:
    """Any grayscale image → float32 ink strength 0..1 (1 = full ink, 0 = paper), cropped to the ink; None if blank.

    Which side is ink is decided from the border: whatever colour most of the border has is background, so dark
    pen on white paper and chalk on a blackboard both work. Only the crop is scaled and cleaned, which keeps a
    large, mostly empty canvas cheap.
    """
    array = np.asarray(image)
    if array.dtype == np.uint8 and array.ndim == 2:
        # The canvas's own format: find the ink in 8-bit (a quarter of the memory traffic) and convert only the crop.
        gray = array
        top = 255.0
    else:
        gray = _as_unit_float(array)
        top = 1.0
    if gray.size == 0:
        return None
    background = float(np.median(_border(gray)))
    dark_ink = background > top / 2
    extreme = float(gray.min()) if dark_ink else float(gray.max())
    contrast = abs(background - extreme) / top
    if contrast < MIN_CONTRAST:
        return None
    cut = background - INK_THRESHOLD * (background - extreme)
    solid = gray <= cut if dark_ink else gray >= cut
    rows = np.flatnonzero(solid.any(axis=1))
    cols = np.flatnonzero(solid[rows[0] : rows[-1] + 1].any(axis=0))
    crop = gray[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1].astype(np.float32)
    # Ink strength: 0 at the paper's colour, 1 at the strongest ink, whichever way round they are.
    crop -= np.float32(background)
    crop *= np.float32(1.0 / (extreme - background))
    # Paper texture, JPEG noise and uneven light sit well below the strokes.
    crop[crop < INK_THRESHOLD * 0.5] = 0.0
    result: np.ndarray = crop
    return result


def estimate_stroke_width(ink: np.ndarray, *, relative: bool = False) -> float:
    """Average stroke width in pixels: inked area divided by half the length of its outline.

    For a stroke of width w and length L the area is wL and the outline about 2L, which gives w. Diagonal strokes
    read a little thin (their outline is a staircase); that is fine for choosing whether to thicken or thin.
    """
    solid = ink >= (0.5 * float(ink.max()) if relative else 0.5)
    area = int(solid.sum())
    if area == 0:
        return 0.0
    inner = int(np.count_nonzero(solid[1:, :] != solid[:-1, :])) + int(np.count_nonzero(solid[:, 1:] != solid[:, :-1]))
    at_border = int(solid[0].sum() + solid[-1].sum() + solid[:, 0].sum() + solid[:, -1].sum())
    edges = inner + at_border
    return 2.0 * area / max(edges, 1)


def _fit_to_field(crop: np.ndarray) -> np.ndarray:
    """Scale the ink's longer side to 20 px, bring the stroke weight into MNIST's range, centre by mass in 28×28.

    The work happens at 4× the final size (longer side 80 px): small enough to be cheap whatever the canvas size,
    large enough to measure and change stroke width smoothly before the last area-averaging step down to 20 px.
    """
    height, width = crop.shape
    scale = BOX_SIZE / max(height, width)
    work_size = _scaled(width, height, scale * WORK_FACTOR)
    work = _resize(crop, work_size)
    work_stroke = estimate_stroke_width(work, relative=True)
    if STROKE_BAND[0] <= work_stroke / WORK_FACTOR <= STROKE_BAND[1]:
        box = _resize(work, _scaled(width, height, scale))
    else:
        work = _restroke(work, work_stroke)
        final = _scaled(work.shape[1], work.shape[0], 1.0 / WORK_FACTOR)
        box = _resize(work, (min(final[0], FIELD_SIZE), min(final[1], FIELD_SIZE)))
    return _place_by_centre_of_mass(box)


def _scaled(width: int, height: int, scale: float) -> tuple[int, int]:
    return max(1, round(width * scale)), max(1, round(height * scale))


def _restroke(work: np.ndarray, work_stroke: float) -> np.ndarray:
    """Thicken a hairline or thin a marker stroke (grey-scale dilation or erosion at the 4× working size)."""
    solid = work >= 0.5 * float(work.max())
    coverage = float(work[solid].mean()) if solid.any() else 1.0
    if coverage < 0.9:
        # Shrinking spreads a hairline's ink thinly over one pixel; give it back full strength first.
        work = np.minimum(work * (1.0 / max(coverage, 0.05)), 1.0)
    wanted = TYPICAL_STROKE * WORK_FACTOR
    size = 2 * round(abs(wanted - max(work_stroke, 1.0)) / 2) + 1
    if size <= 1:
        return work
    grow = wanted > work_stroke
    if grow:  # room for the strokes to widen into
        work = _padded(work, size // 2 + 1, 0.0)
    return _square_filter(work, size, np.maximum if grow else np.minimum)


def _square_filter(array: np.ndarray, size: int, pick: np.ufunc) -> np.ndarray:
    """Grey-scale dilation (np.maximum) or erosion (np.minimum) by a size×size square, one axis at a time."""
    half = size // 2
    fill = 0.0 if pick is np.maximum else 1.0
    padded = _padded(array, half, fill)
    height, width = array.shape
    rows = padded[:, half : half + width].copy()
    for offset in range(size):
        pick(rows, padded[:, offset : offset + width], out=rows)
    result = rows[half : half + height].copy()
    for offset in range(size):
        pick(result, rows[offset : offset + height], out=result)
    return result


def _padded(array: np.ndarray, pad: int, value: float) -> np.ndarray:
    """``np.pad`` with a constant, without its generality (several times slower for these small arrays)."""
    height, width = array.shape
    result = np.full((height + 2 * pad, width + 2 * pad), value, np.float32)
    result[pad : pad + height, pad : pad + width] = array
    return result


def _resize(array: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Area-average when shrinking (each output pixel is the mean of the input it covers), bilinear when growing.

    Through 8-bit: plenty for ink strength, and several times faster than float in Pillow. (Lanczos cost five times
    as much here and rings around strokes; the handwriting and redrawn-MNIST tests pass either way.)
    """
    scaled = np.multiply(array, 255.0, dtype=np.float32)
    np.minimum(scaled, 255.0, out=scaled)  # (np.clip is several times slower on small arrays)
    np.maximum(scaled, 0.0, out=scaled)
    scaled += 0.5
    quantized = scaled.astype(np.uint8)
    shrink = size[0] <= array.shape[1] and size[1] <= array.shape[0]
    image = Image.fromarray(quantized, mode="L").resize(
        size, Image.Resampling.BOX if shrink else Image.Resampling.BILINEAR
    )
    pixels = np.frombuffer(image.tobytes(), np.uint8).reshape(size[1], size[0])
    return pixels.astype(np.float32) * np.float32(1.0 / 255.0)


_RAMPS = np.arange(FIELD_SIZE, dtype=np.float32)


def _place_by_centre_of_mass(box: np.ndarray) -> np.ndarray:
    field = np.zeros((FIELD_SIZE, FIELD_SIZE), np.float32)
    height, width = box.shape
    mass = float(box.sum())
    if mass <= 0.0:
        cy, cx = (height - 1) / 2, (width - 1) / 2
    else:
        cy = float(box.sum(axis=1) @ _RAMPS[:height]) / mass
        cx = float(box.sum(axis=0) @ _RAMPS[:width]) / mass
    centre = FIELD_SIZE / 2  # where MNIST's own digits have their centre of mass (measured: 14.0, 14.0)
    top = min(max(round(centre - cy), 0), FIELD_SIZE - height)
    left = min(max(round(centre - cx), 0), FIELD_SIZE - width)
    field[top : top + height, left : left + width] = box
    return field


def _as_unit_float(image: np.ndarray) -> np.ndarray:
    """Grayscale of any integer or float dtype → float32 0..1 (a fresh array that callers may modify)."""
    array = np.asarray(image)
    if array.ndim == 3:
        array = _to_gray(array)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D grayscale image, got shape {array.shape}")
    if array.dtype == np.bool_:
        return array.astype(np.float32)
    if np.issubdtype(array.dtype, np.integer):
        top = 255.0 if array.dtype == np.uint8 else float(max(int(array.max(initial=0)), 1))
        if array.dtype == np.uint16:
            top = 65535.0
        return array.astype(np.float32) * np.float32(1.0 / top)
    result = np.nan_to_num(array.astype(np.float32), nan=0.0, posinf=1.0, neginf=0.0)
    if result.size and (result.max() > 1.0 or result.min() < 0.0):
        low, high = float(result.min()), float(result.max())
        result = (result - low) / max(high - low, 1e-12)
    return result


def _to_gray(array: np.ndarray) -> np.ndarray:
    """(H, W, C) → (H, W): luminance, or the alpha channel where transparency carries the drawing."""
    channels = array.shape[2]
    values = array.astype(np.float32)
    if channels in (2, 4):
        alpha = values[..., -1]
        if alpha.min() < 0.9 * alpha.max():
            # Strokes on a transparent background: the alpha channel is the drawing, whatever colour it has.
            return alpha
        values = values[..., :-1]
    if values.shape[2] >= 3:
        luminance: np.ndarray = values[..., 0] * 0.299 + values[..., 1] * 0.587 + values[..., 2] * 0.114
        return luminance
    return values[..., 0]


def _border(gray: np.ndarray) -> np.ndarray:
    return np.concatenate((gray[0], gray[-1], gray[1:-1, 0], gray[1:-1, -1]))
