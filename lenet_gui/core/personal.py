"""The user's own handwriting: corrected and confirmed drawings kept on disk, one folder per digit.

The layout is deliberately plain (``<root>/<digit>/<id>.png`` plus ``<id>.json`` holding the strokes) so that a
person can look at, copy, zip or hand-edit the set with ordinary tools, and so that a folder of images sorted into
digit folders by someone else can be imported as is. The PNG is the example; the JSON beside it is a bonus (the
strokes let a drawing be replayed on the canvas or re-rendered), so an example whose JSON is lost still counts.

Every write goes to a temporary file in the same folder and is renamed into place (``atomic_files``), strokes first
and PNG last, so an example is listed only once it is whole: a crash or a full disk leaves either the whole example or
nothing the app would read. What a killed save can leave (a hidden temporary file, strokes without their picture) is
removed when the folder is next opened, once it is too old to belong to a save still running. numpy and Pillow
only; no torch, no Qt.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import secrets
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from lenet_gui.core.atomic_files import (
    STALE_SECONDS,
    fsync_folder,
    is_stale,
    remove_stale_temporary_files,
    write_atomic,
)
from lenet_gui.core.errors import PersonalDataError as PersonalDataError  # moved there; still importable here
from lenet_gui.core.folders import default_personal_dir
from lenet_gui.core.preprocess import (
    FIELD_SIZE,
    ImageLoadError,
    as_dark_on_light,
    ink_crop,
    load_image,
    normalize,
    to_mnist_field,
)

DIGITS = tuple(range(10))
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".pgm", ".ppm")
STROKES_FORMAT = 1
PAPER_SIZE = 280  # the canvas's paper: stroke coordinates are in these units
IMPORT_MAX_SIDE = 560  # imported pictures larger than this are scaled down when copied in


class BlankExampleError(PersonalDataError):
    """A picture with no digit in it (no ink once preprocessed) was to be saved as an example: it never is, since
    fine-tuning would learn that blank paper is that digit."""


def has_digit(image: np.ndarray) -> bool:
    """Whether the app's preprocessing finds ink in the picture, i.e. whether it may become an example. The same
    test as ``normalize`` (None when blank) without fitting the digit into MNIST's field, so it is cheap."""
    return ink_crop(image) is not None


@dataclass(frozen=True)
class Example:
    label: int
    image_path: Path
    strokes_path: Path | None

    @property
    def id(self) -> str:
        return self.image_path.stem


@dataclass(frozen=True)
class ImportReport:
    added: int
    skipped: tuple[tuple[str, str], ...]  # (path, reason)

    def summary(self) -> str:
        """One line for logs and the CLI: how many were added, and every skipped file once, with its reason."""
        text = f"Imported {self.added} example{'s' * (self.added != 1)}"
        if self.skipped:
            files = ", ".join(f"{Path(path).name} ({reason})" for path, reason in self.skipped)
            text += f"; skipped {len(self.skipped)}: {files}"
        return text + "."


class PersonalDataset:
    """A view of the folder; nothing is cached, so several windows or a file manager can change it underneath."""

    def __init__(self, root: Path | str | None = None, *, clean_up: bool = True) -> None:
        self.root = Path(root).expanduser() if root is not None else default_personal_dir()
        if clean_up:
            self.remove_litter()

    def remove_litter(self, older_than: float = STALE_SECONDS) -> list[Path]:
        """Remove what killed saves left in the digit folders: hidden temporary files and strokes without their
        picture, only those older than ``older_than`` seconds (a save running now may own younger ones). Best
        effort: a folder that cannot be read or written is left as it is. Returns what was removed."""
        removed: list[Path] = []
        for digit in DIGITS:
            folder = self.root / str(digit)
            if not folder.is_dir():
                continue
            removed += remove_stale_temporary_files(folder, older_than)
            with contextlib.suppress(OSError):
                for record in folder.glob("*.json"):
                    if not record.with_suffix(".png").exists() and is_stale(record, older_than):
                        record.unlink(missing_ok=True)
                        removed.append(record)
        return removed

    # --- reading ----------------------------------------------------------------------------------------------

    def examples(self, label: int | None = None) -> list[Example]:
        """Every example (or those of one digit), oldest first: ids start with their creation time."""
        labels = DIGITS if label is None else (_check_label(label),)
        found: list[Example] = []
        for digit in labels:
            folder = self.root / str(digit)
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                # Regular files only: opening a named pipe called 1.png would block for ever.
                if path.suffix.lower() == ".png" and not path.name.startswith(".") and path.is_file():
                    strokes = path.with_suffix(".json")
                    found.append(Example(digit, path, strokes if strokes.is_file() else None))
        return sorted(found, key=lambda example: (example.id, example.label))

    def counts(self) -> list[int]:
        counts = [0] * 10
        for example in self.examples():
            counts[example.label] += 1
        return counts

    def __len__(self) -> int:
        return sum(self.counts())

    def read_image(self, example: Example) -> np.ndarray:
        """The picture as saved: uint8 grayscale (dark ink on white for drawings made in the app)."""
        try:
            with Image.open(example.image_path) as image:
                return np.asarray(image.convert("L"), dtype=np.uint8).copy()
        except (OSError, ValueError) as error:
            raise PersonalDataError(f"Could not read {example.image_path}: {error}") from None

    def read_strokes(self, example: Example) -> list[dict[str, Any]] | None:
        """The strokes saved with a drawing, or None (imported pictures have none; a damaged file counts as none)."""
        return None if example.strokes_path is None else _read_strokes(example.strokes_path)

    def thumbnail(self, example: Example, size: int = 56) -> np.ndarray:
        """A square ``size``×``size`` uint8 preview, dark on light whatever the picture's polarity, for grids."""
        gray = as_dark_on_light(self.read_image(example).astype(np.float32) / 255.0)
        image = Image.fromarray(_unit_to_uint8(gray))
        image.thumbnail((size, size), Image.Resampling.BOX)
        square = Image.new("L", (size, size), 255)
        square.paste(image, ((size - image.width) // 2, (size - image.height) // 2))
        return np.asarray(square, dtype=np.uint8).copy()

    def training_arrays(self, stop: Callable[[], bool] | None = None) -> tuple[np.ndarray, np.ndarray, list[Example]]:
        """Every example through the app's one preprocessing path, as MNIST-style uint8 (N, 28, 28) white-on-black
        digits and int64 labels, with the examples they came from. Blank or unreadable pictures are left out.

        ``stop`` is asked before each picture; when it says yes, what was read so far is returned.
        """
        images: list[np.ndarray] = []
        labels: list[int] = []
        used: list[Example] = []
        for example in self.examples():
            if stop is not None and stop():
                break
            try:
                field = to_mnist_field(self.read_image(example))
            except PersonalDataError:
                continue
            if field is None:
                continue
            images.append(field)
            labels.append(example.label)
            used.append(example)
        stacked = np.stack(images) if images else np.zeros((0, FIELD_SIZE, FIELD_SIZE), np.uint8)
        return stacked, np.asarray(labels, dtype=np.int64), used

    # --- writing ----------------------------------------------------------------------------------------------

    def add(self, image: np.ndarray, label: int, strokes: list[dict[str, Any]] | None = None) -> Example:
        """Save a drawing as an example of ``label``: the whole example lands on disk, or nothing does.

        A picture without a digit (``has_digit``) is refused with ``BlankExampleError``: this is the last guard,
        whichever way the picture came (a key press, an opened file, an import)."""
        label = _check_label(label)
        gray = _as_uint8_gray(image)
        if not has_digit(gray):
            raise BlankExampleError(
                "There is no digit to save: the picture is blank (or too faint) once prepared for the network."
            )
        folder = self.root / str(label)
        example_id = _new_id()
        png = folder / f"{example_id}.png"
        record = folder / f"{example_id}.json"
        with _saving("save the example", folder):
            folder.mkdir(parents=True, exist_ok=True)
            if strokes is not None:  # the strokes first: without its PNG a record is never listed
                write_atomic(record, _strokes_json(label, strokes))
            try:
                write_atomic(png, lambda handle: Image.fromarray(gray).save(handle, format="PNG"))
            except BaseException:
                record.unlink(missing_ok=True)
                raise
        return Example(label, png, record if strokes is not None else None)

    def delete(self, example: Example) -> None:
        with _saving("delete the example", example.image_path.parent):
            example.image_path.unlink(missing_ok=True)  # the PNG first: without it the example is gone
            if example.strokes_path is not None:
                example.strokes_path.unlink(missing_ok=True)

    def relabel(self, example: Example, label: int) -> Example:
        """Move an example to another digit's folder (its strokes record is rewritten with the new label)."""
        label = _check_label(label)
        if label == example.label:
            return example
        folder = self.root / str(label)
        png = folder / example.image_path.name
        record = folder / f"{example.id}.json" if example.strokes_path is not None else None
        with _saving("relabel the example", folder):
            folder.mkdir(parents=True, exist_ok=True)
            if record is not None:
                strokes = self.read_strokes(example)
                if strokes is None:
                    record = None
                else:
                    write_atomic(record, _strokes_json(label, strokes))
            os.replace(example.image_path, png)  # same file system: atomic
            fsync_folder(folder)
            if example.strokes_path is not None:
                example.strokes_path.unlink(missing_ok=True)
        return Example(label, png, record)

    def import_folder(self, folder: Path | str, progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Copy in pictures sorted into digit folders (``<folder>/0/…``, ``<folder>/1/…``), such as an export.

        Pictures that cannot be read or hold no visible digit are skipped with the reason; the rest are kept even
        if some fail. Big pictures are scaled down so the set stays small.
        """
        source = Path(folder).expanduser()
        if not source.is_dir():
            raise PersonalDataError(f"{source} is not a folder.")
        candidates = [
            (digit, path)
            for digit in DIGITS
            if (source / str(digit)).is_dir()
            for path in sorted((source / str(digit)).iterdir())
            if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file()
        ]
        if not candidates:
            raise PersonalDataError(
                f"No pictures found in {source}: expected folders named 0 to 9 holding PNG or JPEG files."
            )
        added = 0
        skipped: list[tuple[str, str]] = []
        for done, (digit, path) in enumerate(candidates, 1):
            reason = self._import_one(digit, path)
            if reason is None:
                added += 1
            else:
                skipped.append((str(path), reason))
            if progress is not None:  # after every picture, skipped ones too: a caller may stop the import here
                progress(done, len(candidates))
        return ImportReport(added, tuple(skipped))

    def _import_one(self, digit: int, path: Path) -> str | None:
        """Copy one picture in; the reason it was skipped, or None."""
        try:
            picture = load_image(path)
        except ImageLoadError as error:  # its message starts with the file's name, which the report gives once
            reason = str(error)
            for prefix in (f"{path}: ", f"{path.name}: "):
                reason = reason.removeprefix(prefix)
            return reason
        if normalize(picture) is None:
            return "no digit visible (blank or almost blank)"
        record = path.with_suffix(".json")  # an exported drawing keeps its strokes
        try:
            self.add(_shrink(picture), digit, _read_strokes(record) if record.is_file() else None)
        except BlankExampleError:  # a faint digit that scaling down washed out
            return "no digit visible (blank or almost blank)"
        return None

    def export_zip(self, path: Path | str) -> Path:
        """The whole set as a zip in the same layout (import_folder reads it back once unpacked); atomic."""
        target = Path(path).expanduser()
        examples = self.examples()
        if not examples:
            raise PersonalDataError("There are no examples to export yet.")

        def write(handle: Any) -> None:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for example in examples:
                    archive.write(example.image_path, f"{example.label}/{example.image_path.name}")
                    if example.strokes_path is not None:
                        archive.write(example.strokes_path, f"{example.label}/{example.strokes_path.name}")

        with _saving("export the examples", target.parent):
            write_atomic(target, write)
        return target


# --- helpers ------------------------------------------------------------------------------------------------------


def _check_label(label: int) -> int:
    if isinstance(label, bool) or not isinstance(label, int | np.integer) or not 0 <= int(label) <= 9:
        raise PersonalDataError(f"A digit label must be 0 to 9, not {label!r}.")
    return int(label)


def _new_id() -> str:
    """Creation time first (so names sort oldest first), then random hex so two saves in one instant differ."""
    return f"{_dt.datetime.now():%Y%m%d-%H%M%S-%f}-{secrets.token_hex(3)}"


def _as_uint8_gray(image: np.ndarray) -> np.ndarray:
    array = np.asarray(image)
    if array.ndim == 3:
        array = array[..., :3].mean(axis=2)
    if array.ndim != 2 or array.size == 0:
        raise PersonalDataError(f"An example must be a grayscale picture, not an array of shape {array.shape}.")
    if array.dtype != np.uint8:
        array = np.asarray(array, dtype=np.float32)
        scale = 255.0 if float(np.nanmax(array, initial=0.0)) <= 1.0 else 1.0
        array = np.clip(np.nan_to_num(array) * scale + 0.5, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(array)


def _unit_to_uint8(picture: np.ndarray) -> np.ndarray:
    return np.clip(picture * 255.0 + 0.5, 0, 255).astype(np.uint8)


def _shrink(picture: np.ndarray) -> np.ndarray:
    """A loaded picture (float 0..1) as uint8, at most IMPORT_MAX_SIDE pixels on its longer side."""
    image = Image.fromarray(_unit_to_uint8(picture))
    image.thumbnail((IMPORT_MAX_SIDE, IMPORT_MAX_SIDE), Image.Resampling.BOX)
    return np.asarray(image, dtype=np.uint8).copy()


def _read_strokes(path: Path) -> list[dict[str, Any]] | None:
    """The strokes in a record beside a PNG; None when the file is damaged or not ours (it never blocks a picture)."""
    try:
        strokes = json.loads(path.read_text(encoding="utf-8"))["strokes"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(strokes, list) or not all(isinstance(s, dict) and "points" in s for s in strokes):
        return None
    return strokes


def _strokes_json(label: int, strokes: list[dict[str, Any]]) -> Callable[[Any], None]:
    record = {
        "format": STROKES_FORMAT,
        "label": label,
        "paper_size": PAPER_SIZE,
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "strokes": strokes,
    }
    text = json.dumps(record, separators=(",", ":")).encode("utf-8")
    return lambda handle: handle.write(text)


@contextlib.contextmanager
def _saving(action: str, where: Path) -> Iterator[None]:
    """Turns OS errors into one clear sentence: what failed, where, and why (disk full, no permission…)."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise PersonalDataError(f"Could not {action} in {where}: {reason}.") from error
