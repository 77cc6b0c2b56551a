"""Any grayscale picture of a digit → the 32×32 input LeNet was trained on, the way MNIST itself was made.

MNIST digits were size-normalised to fit a 20×20 box (keeping the aspect ratio), then placed in a 28×28 field so
that their centre of mass sits in the middle. A network trained on that only sees digits that look like that, so a
drawing scaled bluntly to 32×32 (small, off-centre, thin or fat) is a different distribution and fails. Every path
into the network (canvas, image files, the CLI, the user's own samples) goes through ``to_model_input`` so that they
all agree with each other and with the training data.
"""

from __future__ import annotations

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
    crop = ink_crop(image)
    if crop is None:
        return None
    pixels = np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32)
    pixels[PAD : PAD + FIELD_SIZE, PAD : PAD + FIELD_SIZE] = _fit_to_field(crop)
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
