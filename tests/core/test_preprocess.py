"""The one preprocessing path: drawings of any size, place, pen and polarity become MNIST-like 32×32 inputs."""

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.inference import Predictor
from lenet_gui.core.preprocess import (
    MAX_FILE_BYTES,
    MNIST_MEAN,
    MNIST_STD,
    ImageLoadError,
    as_dark_on_light,
    estimate_stroke_width,
    load_image,
    normalize,
    to_model_input,
)

CANVAS = 280


def _on_canvas(digit: np.ndarray, box: tuple[int, int, int, int], *, pen: int = 0) -> np.ndarray:
    """An MNIST digit (white on black, 0..255) drawn dark-on-white into a box of a 280×280 canvas.

    ``pen`` > 0 thickens the strokes (a marker), < 0 thins them (a fine pen), as a person's pen would.
    """
    x0, y0, x1, y1 = box
    ink = Image.fromarray(digit).resize((x1 - x0, y1 - y0), Image.Resampling.BICUBIC)
    if pen > 0:
        ink = ink.filter(ImageFilter.MaxFilter(2 * pen + 1))
    elif pen < 0:
        ink = ink.filter(ImageFilter.MinFilter(-2 * pen + 1))
    canvas = np.zeros((CANVAS, CANVAS), np.uint8)
    canvas[y0:y1, x0:x1] = np.asarray(ink)
    return 255 - canvas


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def test_blank_and_near_blank_canvases_give_none() -> None:
    assert to_model_input(np.full((CANVAS, CANVAS), 255, np.uint8)) is None
    assert to_model_input(np.zeros((CANVAS, CANVAS), np.uint8)) is None
    faint = np.full((CANVAS, CANVAS), 250, np.uint8)
    faint[100:110, 100:110] = 245  # a smudge, 2% darker than the paper
    assert to_model_input(faint) is None
    noise = (np.random.default_rng(0).random((CANVAS, CANVAS)) * 20 + 230).astype(np.uint8)
    assert to_model_input(noise) is None


def test_output_is_standardized_32x32_with_ink_inside_the_28x28_field() -> None:
    canvas = np.full((CANVAS, CANVAS), 255, np.uint8)
    canvas[40:240, 130:150] = 0  # a "1"
    result = normalize(canvas)
    assert result is not None
    assert result.pixels.shape == (32, 32) and result.pixels.dtype == np.float32
    assert result.model_input.shape == (32, 32) and result.model_input.dtype == np.float32
    np.testing.assert_allclose(result.model_input, (result.pixels - MNIST_MEAN) / MNIST_STD, rtol=1e-6)
    assert result.pixels.max() == pytest.approx(1.0, abs=0.05)
    rows = np.flatnonzero(result.pixels.max(axis=1) > 0.1)
    cols = np.flatnonzero(result.pixels.max(axis=0) > 0.1)
    assert rows[0] >= 2 and rows[-1] <= 29 and cols[0] >= 2 and cols[-1] <= 29
    assert 19 <= rows[-1] - rows[0] + 1 <= 21  # the longer side is scaled to 20 px, like MNIST
    # centre of mass in the middle of the field
    mass = result.pixels.sum()
    cy = (result.pixels.sum(axis=1) @ np.arange(32)) / mass
    cx = (result.pixels.sum(axis=0) @ np.arange(32)) / mass
    assert abs(cy - 16.0) <= 0.75 and abs(cx - 16.0) <= 0.75  # MNIST: (14, 14) in the 28×28 field


def test_light_on_dark_and_dark_on_light_agree() -> None:
    canvas = np.full((CANVAS, CANVAS), 255, np.uint8)
    canvas[60:220, 100:120] = 0
    canvas[60:75, 100:190] = 0  # a "7"-ish
    dark_on_light = normalize(canvas)
    light_on_dark = normalize(255 - canvas)
    assert dark_on_light is not None and light_on_dark is not None
    np.testing.assert_allclose(dark_on_light.pixels, light_on_dark.pixels, atol=1e-5)
    grey_paper = (canvas.astype(np.float32) * 0.6 + 80).astype(np.uint8)  # dim photo: grey ink on grey paper
    dim = normalize(grey_paper)
    assert dim is not None and _similarity(dim.pixels, dark_on_light.pixels) > 0.98


def _variants(digit: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "large": _on_canvas(digit, (10, 10, 270, 270)),
        "small": _on_canvas(digit, (120, 120, 162, 162)),
        "off-centre": _on_canvas(digit, (0, 170, 110, 280)),
        "thick pen": _on_canvas(digit, (40, 40, 240, 240), pen=5),
        "thin pen": _on_canvas(digit, (20, 20, 260, 260), pen=-3),
    }


@pytest.mark.mnist
def test_an_mnist_digit_drawn_any_size_place_or_pen_gives_nearly_the_same_input(mnist_test_set) -> None:  # type: ignore[no-untyped-def]

    predictor = Predictor(load_bundled().state_dict)
    labels = mnist_test_set.labels.numpy()
    chosen = [int(i) for digit in range(10) for i in np.flatnonzero(labels == digit)[:3]]  # the first three of each
    wrong = []
    for index in chosen:
        digit = mnist_test_set.images[index].numpy()
        label = int(labels[index])
        reference = normalize(digit)
        assert reference is not None
        for name, canvas in _variants(digit).items():
            drawn = normalize(canvas)
            assert drawn is not None, name
            similarity = _similarity(drawn.pixels, reference.pixels)
            assert similarity > 0.75, f"test digit {index} ({label}) drawn {name}: similarity {similarity:.2f}"
            prediction = predictor.predict_normalized(drawn)
            if prediction.digit != label:
                wrong.append(f"#{index} ({label}) drawn {name} read as {prediction.digit}")
    # A marker can close a 3's gap into an 8, as it would on paper; allow a few such, not more.
    assert len(wrong) <= 3, f"{len(wrong)} of {len(chosen) * 5} drawings misread: {wrong}"


def test_a_hairline_and_a_marker_both_get_a_plausible_stroke_weight() -> None:
    widths = {}
    for pen in (1, 4, 14, 40):
        image = Image.new("L", (CANVAS, CANVAS), 255)

        draw = ImageDraw.Draw(image)
        draw.line([(140, 30), (140, 250)], fill=0, width=pen)  # a "1"
        draw.line([(140, 30), (105, 70)], fill=0, width=pen)
        result = normalize(np.asarray(image))
        assert result is not None
        widths[pen] = estimate_stroke_width(result.pixels)
        assert result.pixels.max() > 0.8, f"pen {pen}: ink too faint ({result.pixels.max():.2f})"
    assert all(1.3 <= w <= 3.0 for w in widths.values()), widths  # MNIST: median 1.84, 5-95% 1.2-2.9


def test_a_tiny_drawing_is_scaled_up_not_lost() -> None:
    canvas = np.full((CANVAS, CANVAS), 255, np.uint8)
    canvas[200:212, 30:32] = 0  # a 12-pixel "1" in a corner
    result = normalize(canvas)
    assert result is not None
    assert (result.pixels > 0.5).sum() >= 20  # a full-height stroke, not a dot


def test_odd_shapes_and_dtypes_are_handled() -> None:
    assert normalize(np.zeros((1, 1), np.uint8)) is None
    long_strip = np.full((10, 10000), 255, np.uint8)
    long_strip[3:7, 100:9900] = 0
    strip = normalize(long_strip)
    assert strip is not None and np.isfinite(strip.model_input).all()
    sixteen_bit = np.full((50, 50), 65535, np.uint16)
    sixteen_bit[10:40, 24:27] = 0
    as_float = np.ones((50, 50), np.float64)
    as_float[10:40, 24:27] = 0.0
    a, b = normalize(sixteen_bit), normalize(as_float)
    assert a is not None and b is not None
    np.testing.assert_allclose(a.pixels, b.pixels, atol=1e-4)
    with_nan = as_float.copy()
    with_nan[0, 0] = np.nan
    assert normalize(with_nan) is not None
    assert normalize(np.ones((50, 50), bool)) is None


def _digit_picture() -> Image.Image:
    image = Image.new("L", (120, 160), 255)

    ImageDraw.Draw(image).line([(30, 20), (90, 20), (50, 140)], fill=0, width=12)  # a "7"
    return image


@pytest.mark.parametrize(
    ("name", "convert", "save_kwargs"),
    [
        ("png", "L", {}),
        ("jpg", "RGB", {"quality": 70}),
        ("bmp", "RGB", {}),
        ("gif", "P", {}),
        ("tiff", "CMYK", {}),
        ("webp", "RGB", {}),
        ("png", "P", {}),
        ("png", "I;16", {}),
    ],
)
def test_image_files_of_every_common_kind_agree(tmp_path: Path, name: str, convert: str, save_kwargs: dict) -> None:  # type: ignore[type-arg]
    picture = _digit_picture()
    reference = normalize(np.asarray(picture))
    path = tmp_path / f"seven.{name}"
    image = (
        picture.convert(convert) if convert != "I;16" else Image.fromarray(np.asarray(picture).astype(np.uint16) * 257)
    )
    image.save(path, **save_kwargs)
    loaded = normalize(load_image(path))
    assert loaded is not None and reference is not None
    lossy = name in ("jpg", "webp")
    assert _similarity(loaded.pixels, reference.pixels) > (0.95 if lossy else 0.97), f"{name}/{convert}"


def test_strokes_on_a_transparent_background_are_read_from_alpha(tmp_path: Path) -> None:
    for colour in ((0, 0, 0), (255, 255, 255)):  # black strokes, and white strokes, on transparency
        rgba = Image.new("RGBA", (120, 160), (*colour, 0))

        ImageDraw.Draw(rgba).line([(30, 20), (90, 20), (50, 140)], fill=(*colour, 255), width=12)
        rgba.save(tmp_path / "seven.png")
        loaded = normalize(load_image(tmp_path / "seven.png"))
        reference = normalize(np.asarray(_digit_picture()))
        assert loaded is not None and reference is not None
        assert _similarity(loaded.pixels, reference.pixels) > 0.97


def test_animations_use_the_first_frame(tmp_path: Path) -> None:
    first = _digit_picture()
    second = Image.new("L", first.size, 255)
    first.save(tmp_path / "anim.gif", save_all=True, append_images=[second], duration=100, loop=0)
    assert normalize(load_image(tmp_path / "anim.gif")) is not None


def test_bad_files_get_clear_errors_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("this is not an image")
    with pytest.raises(ImageLoadError, match="not an image"):
        load_image(tmp_path / "notes.txt")
    good = tmp_path / "seven.png"
    _digit_picture().save(good)
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.read_bytes()[:200])
    with pytest.raises(ImageLoadError, match="truncated.png"):
        load_image(truncated)
    with pytest.raises(ImageLoadError, match="no such file"):
        load_image(tmp_path / "missing.png")
    with pytest.raises(ImageLoadError, match="folder"):
        load_image(tmp_path)


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000), 1).save(bomb)  # 400 megapixels, a few kB on disk
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ImageLoadError, match="too large|far larger"):
        load_image(bomb)


def test_pictures_are_turned_the_canvas_way_round_for_display() -> None:
    chalk = np.zeros((40, 40), np.float32)
    chalk[5:35, 18:22] = 1.0
    shown = as_dark_on_light(chalk)
    assert shown[0, 0] == 1.0 and shown[20, 20] == 0.0
    np.testing.assert_array_equal(as_dark_on_light(shown), shown)  # already dark on light: unchanged


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_never_opened_so_nothing_blocks(tmp_path: Path) -> None:
    """Issue 16: a file whose read blocks (``mkfifo p.png``) stopped every prediction. Reading one would hang this
    test; it is refused from its type instead, and so is a file far too large to be a picture of a digit."""
    pipe = tmp_path / "p.png"
    os.mkfifo(pipe)
    with pytest.raises(ImageLoadError, match="p.png: not a regular file"):
        load_image(pipe)
    huge = tmp_path / "huge.png"
    with huge.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ImageLoadError, match="huge.png: .* too large"):
        load_image(huge)
