"""Any grayscale picture of a digit → the 32×32 input LeNet was trained on, the way MNIST itself was made.

MNIST digits were size-normalised to fit a 20×20 box (keeping the aspect ratio), then placed in a 28×28 field so
that their centre of mass sits in the middle. A network trained on that only sees digits that look like that, so a
drawing scaled bluntly to 32×32 (small, off-centre, thin or fat) is a different distribution and fails. Every path
into the network (canvas, image files, the CLI, the user's own samples) goes through ``to_model_input`` so that they
all agree with each other and with the training data.
"""

from __future__ import annotations

import functools
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile

from lenet_gui.core.errors import ImageLoadError as ImageLoadError  # moved there; still importable from here

MNIST_MEAN = 0.1307
MNIST_STD = 0.3081
FIELD_SIZE = 28  # MNIST's image size
BOX_SIZE = 20  # MNIST's digits fit a 20×20 box inside the field
MODEL_SIZE = 32  # the tutorial's LeNet input: the 28×28 field padded by 2
PAD = (MODEL_SIZE - FIELD_SIZE) // 2
WORK_FACTOR = 4  # strokes are measured and corrected at 4× the final size

# Stroke width in pixels of the 20-px digit box, as ``estimate_stroke_width`` measures it at the 4× working size.
# 2.3 there gives MNIST's look once shrunk to 20 px (MNIST itself measures median 1.84, quartiles 1.57-2.2 on its
# soft-edged 28×28 images; chosen by comparing renderings side by side). Drawings outside the band, such as a 1-px
# hairline or a fat marker, are thickened or thinned to the typical width.
TYPICAL_STROKE = 2.3
STROKE_BAND = (1.9, 3.0)

# An image whose ink differs from its background by less than this (on a 0..1 scale) is treated as blank.
MIN_CONTRAST = 0.12
# A pixel counts as ink for the bounding box when it reaches this fraction of the strongest ink.
INK_THRESHOLD = 0.2
# Files larger than this are refused before decoding (a decompression bomb would otherwise eat all memory).
MAX_FILE_PIXELS = 40_000_000
# Nor is a file of more bytes than this read at all: a 40-megapixel picture, even uncompressed, is smaller.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Normalized:
    """The result of preprocessing: what the network sees, both as pixels and as its standardized input."""

    pixels: np.ndarray  # (32, 32) float32 in 0..1, white ink on black: show this to the user
    model_input: np.ndarray  # (32, 32) float32, standardized with MNIST's mean and std: feed this to LeNet


def standardize(pixels: np.ndarray) -> np.ndarray:
    """0..1 pixels → the zero-mean, unit-variance scale the network was trained on (MNIST's statistics)."""
    return ((pixels - MNIST_MEAN) / MNIST_STD).astype(np.float32, copy=False)


def to_model_input(image: np.ndarray) -> np.ndarray | None:
    """A picture of a digit → LeNet's (32, 32) standardized input, or None when there is nothing drawn."""
    normalized = normalize(image)
    return None if normalized is None else normalized.model_input


def normalize(image: np.ndarray) -> Normalized | None:
    """Like ``to_model_input`` but also returns the 0..1 picture, for the "what the network sees" view."""
    ink = _ink_8bit(image)
    if ink is None:
        return None
    pixels = np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32)
    _fit_to_field(ink, out=pixels[PAD : PAD + FIELD_SIZE, PAD : PAD + FIELD_SIZE])
    return Normalized(pixels, standardize(pixels))


def to_mnist_field(image: np.ndarray) -> np.ndarray | None:
    """A picture of a digit → the 28×28 field as MNIST stores its digits (uint8, white ink on black), None if blank:
    how drawings join MNIST as training data, exactly as the network would see them."""
    normalized = normalize(image)
    if normalized is None:
        return None
    field = normalized.pixels[PAD : PAD + FIELD_SIZE, PAD : PAD + FIELD_SIZE]
    return np.clip(np.rint(field * 255.0), 0, 255).astype(np.uint8)


def ink_crop(image: np.ndarray) -> np.ndarray | None:
    """Any grayscale image → float32 ink strength 0..1 (1 = full ink, 0 = paper), cropped to the ink; None if blank.

    Which side is ink is decided from the border: whatever colour most of the border has is background, so dark
    pen on white paper and chalk on a blackboard both work. Only the crop is scaled and cleaned, which keeps a
    large, mostly empty canvas cheap.
    """
    found = _find_ink(image)
    return None if found is None else _ink_strength(*found)


def _find_ink(image: np.ndarray) -> tuple[np.ndarray, float, float] | None:
    """The part of the picture that holds ink (a view, in the picture's own scale), the paper's value and the
    strongest ink's; None when there is no ink to speak of."""
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
    background = _median(_border(gray))
    dark_ink = background > top / 2
    # The strongest ink of each row: one pass gives both the extreme and the rows that hold ink.
    row_ink = gray.min(axis=1) if dark_ink else gray.max(axis=1)
    extreme = float(row_ink.min()) if dark_ink else float(row_ink.max())
    contrast = abs(background - extreme) / top
    if contrast < MIN_CONTRAST:
        return None
    cut = background - INK_THRESHOLD * (background - extreme)
    rows = np.flatnonzero(row_ink <= cut if dark_ink else row_ink >= cut)
    band = gray[rows[0] : rows[-1] + 1]
    column_ink = band.min(axis=0) if dark_ink else band.max(axis=0)
    cols = np.flatnonzero(column_ink <= cut if dark_ink else column_ink >= cut)
    return band[:, cols[0] : cols[-1] + 1], background, extreme


def _median(values: np.ndarray) -> float:
    """``np.median`` without its generality (twice as fast on a border's thousand values)."""
    middle = values.size // 2
    if values.size % 2:
        return float(np.partition(values, middle)[middle])
    pair = np.partition(values, (middle - 1, middle))[middle - 1 : middle + 1]
    if pair.dtype == np.uint8:  # (numpy's uint8 scalars would wrap around when added)
        return (int(pair[0]) + int(pair[1])) / 2
    return float(pair.mean())


def _ink_strength(gray: np.ndarray, background: float, extreme: float) -> np.ndarray:
    """Picture values → ink strength: 0 at the paper's colour, 1 at the strongest ink, whichever way round."""
    crop = gray.astype(np.float32)
    crop -= np.float32(background)
    crop *= np.float32(1.0 / (extreme - background))
    # Paper texture, JPEG noise and uneven light sit well below the strokes.
    crop[crop < INK_THRESHOLD * 0.5] = 0.0
    return crop


def _ink_8bit(image: np.ndarray) -> np.ndarray | None:
    """The ink crop as the 8-bit ink strength that the first resize works on (0..255, contiguous), None if blank.

    For a uint8 picture (the canvas) a 256-entry table maps picture values straight to it: the same float32
    arithmetic as ``_ink_strength`` followed by ``_to_8bit``, done once per paper and ink colour instead of once
    per pixel, so the result is bit for bit the same. For pure black on white (the canvas) or white on black the
    table is the value itself or 255 minus it, with the faintest values cut to 0: two uint8 operations then do
    it without the table lookup's 8-byte indices (a prediction was measurably faster with less memory touched).
    """
    found = _find_ink(image)
    if found is None:
        return None
    gray, background, extreme = found
    if gray.dtype != np.uint8:
        return _to_8bit(_ink_strength(gray, background, extreme))
    table, inverted, faintest = _ink_table(background, extreme)
    if faintest is None:
        looked_up: np.ndarray = np.take(table, gray)
        return looked_up
    ink = np.subtract(255, gray, dtype=np.uint8) if inverted else gray.copy()
    np.multiply(ink, ink > faintest, out=ink)
    return ink


_VALUES = np.arange(256, dtype=np.uint8)


@functools.lru_cache(maxsize=64)
def _ink_table(background: float, extreme: float) -> tuple[np.ndarray, bool, int | None]:
    """The table from picture values to 8-bit ink; and, when the table is just v or 255 - v (``inverted``) with
    every value up to ``faintest`` cut to 0, that description of it (else None)."""
    table = _to_8bit(_ink_strength(_VALUES, background, extreme))
    table.flags.writeable = False  # shared by every call with these colours
    inverted = background > extreme
    strength = 255 - _VALUES if inverted else _VALUES
    kept = table != 0
    faintest = int(strength[~kept].max(initial=0))
    plain = np.array_equal(table[kept], strength[kept]) and bool((strength[kept] > faintest).all())
    return table, inverted, faintest if plain else None


def _to_8bit(array: np.ndarray) -> np.ndarray:
    """0..1 float → uint8 0..255, rounded half up. (np.clip and np.rint are several times slower on small arrays.)"""
    scaled = np.multiply(array, 255.0, dtype=np.float32)
    np.minimum(scaled, 255.0, out=scaled)
    np.maximum(scaled, 0.0, out=scaled)
    scaled += 0.5
    quantized: np.ndarray = scaled.astype(np.uint8)
    return quantized


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


def as_dark_on_light(gray: np.ndarray) -> np.ndarray:
    """A 0..1 picture the canvas's way round (dark ink on light paper), deciding by the border as ``ink_crop`` does.

    Light ink on dark, and strokes read from a transparent background's alpha, are inverted; prediction does not
    depend on polarity, but drawing over an opened picture does.
    """
    return 1.0 - gray if float(np.median(_border(gray))) < 0.5 else gray


def _border(gray: np.ndarray) -> np.ndarray:
    return np.concatenate((gray[0], gray[-1], gray[1:-1, 0], gray[1:-1, -1]))


def estimate_stroke_width(ink: np.ndarray, *, relative: bool = False) -> float:
    """Average stroke width in pixels: inked area divided by half the length of its outline.

    For a stroke of width w and length L the area is wL and the outline about 2L, which gives w. Diagonal strokes
    read a little thin (their outline is a staircase); that is fine for choosing whether to thicken or thin.
    """
    return _stroke_width(ink >= (0.5 * float(ink.max()) if relative else 0.5))


def _stroke_width(solid: np.ndarray) -> float:
    """``estimate_stroke_width`` of the pixels that count as ink."""
    area = int(np.count_nonzero(solid))
    if area == 0:
        return 0.0
    inner = int(np.count_nonzero(solid[1:, :] != solid[:-1, :])) + int(np.count_nonzero(solid[:, 1:] != solid[:, :-1]))
    at_border = int(
        np.count_nonzero(solid[0])
        + np.count_nonzero(solid[-1])
        + np.count_nonzero(solid[:, 0])
        + np.count_nonzero(solid[:, -1])
    )
    edges = inner + at_border
    return 2.0 * area / max(edges, 1)


def _fit_to_field(ink: np.ndarray, out: np.ndarray) -> None:
    """Scale the ink's longer side to 20 px, bring the stroke weight into MNIST's range, centre by mass in 28×28.

    ``ink`` is the 8-bit ink strength of the crop; ``out`` the 28×28 field to draw into (all zero). The work happens
    at 4× the final size (longer side 80 px): small enough to be cheap whatever the canvas size, large enough to
    measure and change stroke width smoothly before the last area-averaging step down to 20 px. The pictures stay
    in Pillow between the steps when the stroke needs no change (the common case): each trip through numpy and
    back cost as much as the resize itself.
    """
    height, width = ink.shape
    scale = BOX_SIZE / max(height, width)
    work_image = _resized(_image(ink), _scaled(width, height, scale * WORK_FACTOR))
    work_8bit = _pixels_8bit(work_image)
    solid = work_8bit >= (int(work_8bit.max()) + 1) // 2  # at least half the strongest ink
    work_stroke = _stroke_width(solid)
    if STROKE_BAND[0] <= work_stroke / WORK_FACTOR <= STROKE_BAND[1]:
        box = _pixels_8bit(_resized(work_image, _scaled(width, height, scale)))
    else:
        work_8bit = _restroke(work_8bit, solid, work_stroke)
        final = _scaled(work_8bit.shape[1], work_8bit.shape[0], 1.0 / WORK_FACTOR)
        box = _pixels_8bit(_resized(_image(work_8bit), (min(final[0], FIELD_SIZE), min(final[1], FIELD_SIZE))))
    _place_by_centre_of_mass(_to_unit(box), out)


def _scaled(width: int, height: int, scale: float) -> tuple[int, int]:
    return max(1, round(width * scale)), max(1, round(height * scale))


def _restroke(work_8bit: np.ndarray, solid: np.ndarray, work_stroke: float) -> np.ndarray:
    """Thicken a hairline or thin a marker stroke (grey-scale dilation or erosion at the 4× working size).

    ``work_8bit`` is the picture at the working size, ``solid`` its pixels of at least half the strongest ink; the
    result is 8-bit too. A dilation or erosion only picks one of the values it sees, so it gives the same result
    whether the values are rounded to 8 bits before or after; before is cheaper.
    """
    wanted = TYPICAL_STROKE * WORK_FACTOR
    size = 2 * round(abs(wanted - max(work_stroke, 1.0)) / 2) + 1
    work = _to_unit(work_8bit)
    coverage = float(work[solid].mean()) if solid.any() else 1.0
    if coverage < 0.9:
        # Shrinking spreads a hairline's ink thinly over one pixel; give it back full strength first.
        work *= np.float32(1.0 / max(coverage, 0.05))
        work_8bit = _to_8bit(work)  # (which caps it at full strength)
    if size <= 1:
        return work_8bit
    grow = wanted > work_stroke
    return _square_filter(work_8bit, size, grow=grow)


def _square_filter(ink: np.ndarray, size: int, *, grow: bool) -> np.ndarray:
    """Grey-scale dilation (grow) or erosion by a size×size square, one axis at a time, on 8-bit ink.

    Growing leaves a margin of size // 2 + 1 around the picture for the strokes to widen into; outside the
    picture counts as paper when growing and as ink when shrinking, so the edges neither erode nor bleed.
    """
    half = size // 2
    height, width = ink.shape
    margin = half + 1 if grow else 0
    out_height, out_width = height + 2 * margin, width + 2 * margin
    pad = margin + half
    padded = np.full((height + 2 * pad, width + 2 * pad), 0 if grow else 255, np.uint8)
    padded[pad : pad + height, pad : pad + width] = ink
    pick = np.maximum if grow else np.minimum
    rows = padded[:, :out_width].copy()
    for offset in range(1, size):
        pick(rows, padded[:, offset : offset + out_width], out=rows)
    result = rows[:out_height].copy()
    for offset in range(1, size):
        pick(result, rows[offset : offset + out_height], out=result)
    return result


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Area-average when shrinking (each output pixel is the mean of the input it covers), bilinear when growing.

    In 8-bit: plenty for ink strength, and several times faster than float in Pillow. (Lanczos cost five times
    as much here and rings around strokes; the handwriting and redrawn-MNIST tests pass either way.)
    """
    shrink = size[0] <= image.width and size[1] <= image.height
    return image.resize(size, Image.Resampling.BOX if shrink else Image.Resampling.BILINEAR)


def _image(pixels: np.ndarray) -> Image.Image:
    """A C-contiguous uint8 (H, W) array as a Pillow image over the same memory (no copy, unlike fromarray)."""
    height, width = pixels.shape
    return Image.frombuffer("L", (width, height), pixels, "raw", "L", 0, 1)


def _pixels_8bit(image: Image.Image) -> np.ndarray:
    return np.frombuffer(image.tobytes(), np.uint8).reshape(image.height, image.width)


def _to_unit(pixels: np.ndarray) -> np.ndarray:
    """uint8 0..255 → float32 0..1."""
    return pixels.astype(np.float32) * np.float32(1.0 / 255.0)


_RAMPS = np.arange(FIELD_SIZE, dtype=np.float32)


def _place_by_centre_of_mass(box: np.ndarray, field: np.ndarray) -> None:
    """Copy the 20-px box into the (zero) 28×28 field so that its centre of mass sits where MNIST's does."""
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


def load_image(path: str | Path) -> np.ndarray:
    """Open anything Pillow reads as a float32 grayscale array (first frame of animations); ImageLoadError if not.

    Transparency is kept as meaning: where the picture is drawn on a transparent background the alpha channel
    becomes the ink, so a PNG exported from a drawing program classifies the same as the canvas.
    """
    path = Path(path)
    _check_regular_file(path)
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_FILE_PIXELS:
                raise ImageLoadError(
                    f"{path.name}: {width}×{height} pixels is too large to be a digit "
                    f"(the limit is {MAX_FILE_PIXELS // 1_000_000} megapixels)"
                )
            image.seek(0)
            return _image_to_array(image)
    except ImageLoadError:
        raise
    except FileNotFoundError:
        raise ImageLoadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImageLoadError(f"{path}: is a folder, not an image") from None
    except Image.DecompressionBombError:
        raise ImageLoadError(f"{path.name}: refused, the image claims to be far larger than a digit") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        reason = str(error) or type(error).__name__
        if "cannot identify image file" in reason:
            reason = "not an image Pillow can read (PNG, JPEG, BMP, GIF, TIFF, WebP…)"
        raise ImageLoadError(f"{path.name}: {reason}") from None


def _check_regular_file(path: Path) -> None:
    """Only regular files of a sane size are opened: reading a named pipe or a device would block for ever."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ImageLoadError(f"{path}: no such file") from None
    except OSError as error:
        raise ImageLoadError(f"{path.name}: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise ImageLoadError(f"{path}: is a folder, not an image")
    if not stat.S_ISREG(status.st_mode):
        raise ImageLoadError(f"{path.name}: not a regular file (a pipe or a device?), so it is not read")
    if status.st_size > MAX_FILE_BYTES:
        raise ImageLoadError(
            f"{path.name}: {status.st_size / 1_000_000:.0f} MB is too large to be a digit "
            f"(the limit is {MAX_FILE_BYTES // 1_000_000} MB)"
        )


def _image_to_array(image: Image.Image) -> np.ndarray:
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file is an error, not a half-grey digit
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N"):
        return np.asarray(image, dtype=np.float32) / 65535.0
    if mode in ("I", "F"):
        return _as_unit_float(np.asarray(image, dtype=np.float32))
    has_alpha = mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = np.asarray(image.convert("RGBA"), dtype=np.float32) / 255.0
        return _to_gray(rgba)
    return np.asarray(image.convert("L"), dtype=np.float32) / 255.0
