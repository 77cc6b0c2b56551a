"""The personal dataset on disk: layout, atomic saves, relabel/delete, import and export."""

from __future__ import annotations

import errno
import json
import os
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lenet_gui.core import personal
from lenet_gui.core.personal import BlankExampleError, PersonalDataError, PersonalDataset, has_digit
from lenet_gui.core.preprocess import FIELD_SIZE, PAD, normalize
from lenet_gui.core.strokes import draw_digit

STROKES = [{"width": 18.0, "erase": False, "points": [[140.0, 40.0], [140.0, 240.0]]}]


def drawing(digit: int = 7, seed: int = 0) -> np.ndarray:
    return draw_digit(digit, rng=np.random.default_rng(seed))


def test_add_writes_png_and_strokes_in_the_digits_folder(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path / "mine")
    image = drawing(7)
    example = dataset.add(image, 7, STROKES)

    assert example.image_path.parent == tmp_path / "mine" / "7"
    assert example.strokes_path == example.image_path.with_suffix(".json")
    assert (np.asarray(Image.open(example.image_path)) == image).all()  # the raw canvas picture, lossless
    record = json.loads(example.strokes_path.read_text())
    assert record["label"] == 7 and record["strokes"] == STROKES and record["paper_size"] == 280
    assert dataset.counts() == [0] * 7 + [1, 0, 0] and len(dataset) == 1
    assert dataset.read_strokes(example) == STROKES
    assert not list((tmp_path / "mine" / "7").glob(".*")), "no temporary files left behind"


def test_examples_are_listed_oldest_first_with_unique_ids(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    added = [dataset.add(drawing(d % 10, d), d % 10) for d in range(12)]
    assert [e.id for e in dataset.examples()] == [e.id for e in added]
    assert len({e.id for e in added}) == 12
    assert [e.id for e in dataset.examples(3)] == [added[3].id]
    assert dataset.examples(3)[0].strokes_path is None  # saved without strokes


def test_a_failed_write_leaves_nothing_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = PersonalDataset(tmp_path)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", full_disk)
    with pytest.raises(PersonalDataError, match="No space left on device"):
        dataset.add(drawing(), 7, STROKES)
    assert list((tmp_path / "7").iterdir()) == []  # neither the strokes nor a temporary file
    assert len(dataset) == 0


def test_an_unusable_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "mine").write_text("a file where the folder should be")  # fails for root too, unlike chmod
    with pytest.raises(PersonalDataError, match="Could not save the example in .*mine"):
        PersonalDataset(tmp_path / "mine").add(drawing(), 1)


@pytest.mark.parametrize("label", [-1, 10, 3.0, True, "7"])
def test_labels_must_be_digits(tmp_path: Path, label: object) -> None:
    with pytest.raises(PersonalDataError, match="0 to 9"):
        PersonalDataset(tmp_path).add(drawing(), label)  # type: ignore[arg-type]


def test_relabel_moves_the_example_and_rewrites_its_label(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    example = dataset.add(drawing(1), 7, STROKES)
    moved = dataset.relabel(example, 1)
    assert moved.label == 1 and moved.id == example.id
    assert moved.image_path == tmp_path / "1" / example.image_path.name and moved.image_path.is_file()
    assert not example.image_path.exists() and not example.strokes_path.exists()  # type: ignore[union-attr]
    assert json.loads(moved.strokes_path.read_text())["label"] == 1  # type: ignore[union-attr]
    assert dataset.counts()[1] == 1 and dataset.counts()[7] == 0
    assert dataset.relabel(moved, 1) == moved


def test_delete_removes_both_files(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    example = dataset.add(drawing(), 7, STROKES)
    dataset.delete(example)
    assert len(dataset) == 0 and not any((tmp_path / "7").iterdir())


def test_thumbnail_is_dark_on_light_whatever_the_polarity(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    light_on_dark = dataset.add(255 - drawing(), 7)
    thumb = dataset.thumbnail(light_on_dark, 48)
    assert thumb.shape == (48, 48) and thumb.dtype == np.uint8
    assert thumb[0, 0] > 200 and thumb.min() < 80


def test_training_arrays_go_through_the_apps_preprocessing(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    image = drawing(4, 2)
    dataset.add(image, 4)
    (tmp_path / "5").mkdir()  # a blank picture put there by hand (the app never saves one): left out of training
    Image.fromarray(np.full((280, 280), 255, np.uint8)).save(tmp_path / "5" / "blank.png")
    images, labels, used = dataset.training_arrays()
    assert images.shape == (1, 28, 28) and images.dtype == np.uint8 and labels.tolist() == [4]
    assert [e.label for e in used] == [4]
    expected = normalize(image).pixels[PAD : PAD + FIELD_SIZE, PAD : PAD + FIELD_SIZE]  # type: ignore[union-attr]
    assert np.abs(images[0] / 255.0 - expected).max() < 1 / 255 + 1e-6


def test_export_then_import_round_trips(tmp_path: Path) -> None:
    source = PersonalDataset(tmp_path / "a")
    for digit in (0, 1, 1, 9):
        source.add(drawing(digit, digit), digit, STROKES)
    archive = source.export_zip(tmp_path / "digits.zip")
    with zipfile.ZipFile(archive) as zipped:
        names = sorted(zipped.namelist())
        zipped.extractall(tmp_path / "unpacked")
    assert len(names) == 8 and all(name.split("/")[0] in {"0", "1", "9"} for name in names)

    target = PersonalDataset(tmp_path / "b")
    report = target.import_folder(tmp_path / "unpacked")
    assert report.added == 4 and report.skipped == ()
    assert target.counts() == [1, 2, 0, 0, 0, 0, 0, 0, 0, 1]
    for before, after in zip(source.examples(), target.examples(), strict=True):
        assert (source.read_image(before) == target.read_image(after)).all()
        assert target.read_strokes(after) == STROKES  # the strokes travel with the pictures


def test_import_skips_unreadable_and_blank_pictures_with_reasons(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "3").mkdir(parents=True)
    (folder / "8").mkdir()
    (folder / "notes").mkdir()
    Image.fromarray(drawing(3)).save(folder / "3" / "good.png")
    Image.fromarray(255 - drawing(8)).resize((1200, 1200)).save(folder / "8" / "big_inverted.jpg")
    (folder / "3" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    Image.fromarray(np.full((50, 50), 255, np.uint8)).save(folder / "8" / "blank.png")
    (folder / "3" / "readme.txt").write_text("ignored: not a picture")
    (folder / "3" / "good.json").write_text("{not json")  # a damaged record beside a picture: picture kept
    Image.fromarray(drawing(5)).save(folder / "notes" / "ignored.png")  # not a digit folder

    dataset = PersonalDataset(tmp_path / "mine")
    calls: list[tuple[int, int]] = []
    report = dataset.import_folder(folder, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)], "progress after every picture, skipped ones too"
    assert report.added == 2
    reasons = dict((Path(path).name, reason) for path, reason in report.skipped)
    assert set(reasons) == {"broken.png", "blank.png"} and "no digit" in reasons["blank.png"]
    assert "skipped 2" in report.summary()
    assert not reasons["broken.png"].startswith("broken.png"), "the reason does not repeat the file's name"
    summary = report.summary()
    assert summary.count("broken.png") == 1 and summary.count("blank.png") == 1, "every skipped file, once"
    big = dataset.examples(8)[0]
    assert max(dataset.read_image(big).shape) == personal.IMPORT_MAX_SIDE


def test_import_and_export_refuse_clearly(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path / "mine")
    with pytest.raises(PersonalDataError, match="not a folder"):
        dataset.import_folder(tmp_path / "missing")
    with pytest.raises(PersonalDataError, match="folders named 0 to 9"):
        dataset.import_folder(tmp_path)
    with pytest.raises(PersonalDataError, match="no examples"):
        dataset.export_zip(tmp_path / "x.zip")


def test_default_folder_is_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert PersonalDataset().root == tmp_path / "lenet-gui" / "my-digits"


def test_folders_other_than_digits_are_never_examples(tmp_path: Path) -> None:
    """The app's trash (``.trash``) and anything else a person puts beside the digit folders are not listed, trained
    on or exported."""
    dataset = PersonalDataset(tmp_path)
    kept = dataset.add(drawing(2), 2)
    for folder in (".trash/20261127/7", "7/.hidden", "notes"):
        (tmp_path / folder).mkdir(parents=True)
        Image.fromarray(drawing(7)).save(tmp_path / folder / "x.png")
    Image.fromarray(drawing(7)).save(tmp_path / "7" / ".x.png.123.tmp", format="PNG")  # a write cut short
    Image.fromarray(drawing(7)).save(tmp_path / "7" / ".hidden.png")
    assert dataset.examples() == [kept] and dataset.counts()[7] == 0
    assert len(dataset.training_arrays()[2]) == 1
    with zipfile.ZipFile(dataset.export_zip(tmp_path / "all.zip")) as archive:
        assert archive.namelist() == [f"2/{kept.image_path.name}"]


def _aged(path: Path, content: bytes, age_seconds: float) -> Path:
    path.write_bytes(content)
    os.utime(path, (time.time() - age_seconds, time.time() - age_seconds))
    return path


def test_what_killed_saves_left_is_cleaned_when_the_folder_is_opened(tmp_path: Path) -> None:
    """As 15 SIGKILLs during saving left it (issue 16): hidden temporary files, and strokes whose PNG never came."""
    kept = PersonalDataset(tmp_path).add(drawing(), 7, STROKES)
    folder = tmp_path / "7"
    stale_temp = _aged(folder / ".20250101-1.png.ab12.tmp", b"\x89PNG half", 3600)
    stale_orphan = _aged(folder / "20250101-100000-000000-abcdef.json", b'{"strokes": []}', 3600)
    young_temp = _aged(folder / ".20250101-2.json.cd34.tmp", b"{", 5)  # a save running now may own these
    young_orphan = _aged(folder / "20250101-100001-000000-abcdef.json", b'{"strokes": []}', 5)
    other = _aged(tmp_path / "notes.json", b"{}", 3600)  # not in a digit folder: not ours to judge

    dataset = PersonalDataset(tmp_path)  # opening the folder cleans up
    assert not stale_temp.exists() and not stale_orphan.exists()
    assert young_temp.exists() and young_orphan.exists() and other.exists()
    assert [e.id for e in dataset.examples()] == [kept.id] and kept.strokes_path is not None
    assert kept.strokes_path.exists()  # an example's own strokes are never litter
    assert PersonalDataset(tmp_path, clean_up=False).remove_litter(older_than=0) == [young_temp, young_orphan]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_in_a_digit_folder_is_not_an_example(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    kept = dataset.add(drawing(), 4)
    os.mkfifo(tmp_path / "4" / "20250101-pipe.png")
    assert [e.id for e in dataset.examples()] == [kept.id]
    assert dataset.training_arrays()[0].shape[0] == 1  # reading it would have blocked for ever


def test_a_blank_picture_is_never_saved_as_an_example(tmp_path: Path) -> None:
    dataset = PersonalDataset(tmp_path)
    faint = np.full((280, 280), 255, np.uint8)
    faint[100:180, 130:140] = 250  # ink too faint to count: blank once preprocessed
    for blank in (np.full((280, 280), 255, np.uint8), np.zeros((28, 28), np.uint8), faint):
        with pytest.raises(BlankExampleError, match="no digit"):
            dataset.add(blank, 5, STROKES)
    assert not list(tmp_path.rglob("*.*")), "nothing written, not even the strokes"
    assert has_digit(drawing()) and not has_digit(faint)
