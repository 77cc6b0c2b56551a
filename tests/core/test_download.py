"""Downloading MNIST (issue 10.6): one plain sentence when it fails, and nothing left behind in the data folder.

No test here touches the network: ``_fetch`` (one URL into one file) is replaced by fakes that fail the way urllib
does offline, answer with the wrong bytes, or serve gzipped files.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import urllib.error
from pathlib import Path

import pytest

from lenet_gui.core import data
from lenet_gui.core.data import RAW_FILES, DownloadFailedError, LoadingStopped, load_mnist


def offline(url: str, destination: Path, stop: object) -> None:
    destination.write_bytes(b"")  # urllib opened nothing, but a half-made file must go too
    raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))


def test_offline_download_says_so_in_one_sentence_and_leaves_no_folder(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(data, "_fetch", offline)
    folder = tmp_path / "data"
    with pytest.raises(DownloadFailedError) as raised:
        load_mnist(folder, train=True, download=True)
    error = raised.value
    assert error.offline and error.file == "train-images-idx3-ubyte.gz"
    assert str(error) == "MNIST could not be downloaded: this computer seems to have no internet connection."
    assert "urlopen" not in str(error) and "\n" not in str(error)
    assert "Name or service not known" in error.details and "ossci-datasets" in error.details
    assert not folder.exists(), "the failed download removed the folders it created"


def test_a_failing_file_is_named_and_files_already_there_stay(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    (raw / "mine.txt").write_text("the user's")
    fetched: list[str] = []

    def wrong_bytes(url: str, destination: Path, stop: object) -> None:
        fetched.append(url)
        destination.write_bytes(b"not mnist")

    monkeypatch.setattr(data, "_fetch", wrong_bytes)
    with pytest.raises(DownloadFailedError) as raised:
        load_mnist(tmp_path, train=True, download=True)
    error = raised.value
    assert not error.offline
    assert str(error).startswith("MNIST could not be downloaded: train-images-idx3-ubyte.gz failed (checksum")
    assert len(fetched) == len(data.MIRRORS), "every mirror was tried"
    assert sorted(p.name for p in raw.iterdir()) == ["mine.txt"], "only what the download wrote was removed"


def test_a_download_that_works_is_read_as_gzipped_files(monkeypatch, tmp_path: Path, toy_mnist_dir: Path) -> None:  # type: ignore[no-untyped-def]
    served = {name: gzip.compress((toy_mnist_dir / "MNIST" / "raw" / name).read_bytes()) for name in RAW_FILES}
    monkeypatch.setattr(data, "MD5", {name: hashlib.md5(blob).hexdigest() for name, blob in served.items()})

    def serve(url: str, destination: Path, stop: object) -> None:
        destination.write_bytes(served[url.rsplit("/", 1)[-1].removesuffix(".gz")])

    monkeypatch.setattr(data, "_fetch", serve)
    digits = load_mnist(tmp_path, train=False, download=True)
    assert len(digits) > 0
    assert sorted(p.name for p in (tmp_path / "MNIST" / "raw").iterdir()) == sorted(f"{n}.gz" for n in RAW_FILES)


def test_a_download_stopped_midway_leaves_nothing(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def slow(url: str, destination: Path, stop) -> None:  # type: ignore[no-untyped-def]
        destination.write_bytes(b"half")
        if stop():
            raise LoadingStopped("stopped")

    monkeypatch.setattr(data, "_fetch", slow)
    with pytest.raises(LoadingStopped):
        load_mnist(tmp_path / "d", train=True, download=True, stop=lambda: True)
    assert not (tmp_path / "d").exists()
