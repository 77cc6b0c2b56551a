"""Shared fixtures: where the real MNIST is (if anywhere), and small learnable data the tests make themselves."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np
import pytest

# GUI tests never open real windows: Qt draws offscreen (CI has no display; a developer's desktop stays quiet).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA_DIR_ENV = "LENET_GUI_DATA_DIR"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--data-dir", default=None, help="folder holding MNIST/raw/ (else $LENET_GUI_DATA_DIR)")


@pytest.fixture(scope="session")
def mnist_dir(request: pytest.FixtureRequest) -> Path:
    """The real MNIST, or a skip that says how to provide it."""
    value = request.config.getoption("--data-dir") or os.environ.get(DATA_DIR_ENV)
    if not value:
        pytest.skip(f"needs the real MNIST: set {DATA_DIR_ENV} or pass --data-dir (a folder with MNIST/raw/)")
    path = Path(value)
    raw = path / "MNIST" / "raw"
    if not (raw / "t10k-images-idx3-ubyte").exists() and not (raw / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip(f"{DATA_DIR_ENV}={value} has no MNIST/raw/t10k-images-idx3-ubyte")
    return path


@pytest.fixture(scope="session")
def mnist_test_set(mnist_dir: Path):  # type: ignore[no-untyped-def]
    from lenet_gui.core.data import load_mnist

    return load_mnist(mnist_dir, train=False, download=False)


def toy_digits(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(count, 28, 28) uint8 white-on-black images whose label is easy to learn: a bar whose position is the label."""
    rng = np.random.default_rng(seed)
    labels = np.arange(count) % 10
    rng.shuffle(labels)
    images = (rng.random((count, 28, 28)) * 40).astype(np.uint8)
    for image, label in zip(images, labels, strict=True):
        row = 3 + 2 * int(label)
        image[row : row + 2, 6:22] = 255
        image[4:24, 3 + 2 * int(label)] = 200
    return images, labels.astype(np.int64)


def write_idx(path: Path, array: np.ndarray) -> None:
    """MNIST's own file format (big-endian IDX), so torchvision reads what the tests make."""
    if array.ndim == 3:
        header = struct.pack(">IIII", 0x00000803, *array.shape)
    else:
        header = struct.pack(">II", 0x00000801, array.shape[0])
    path.write_bytes(header + array.astype(np.uint8).tobytes())


@pytest.fixture()
def toy_mnist_dir(tmp_path: Path) -> Path:
    """A data folder laid out like MNIST's (MNIST/raw/…) holding 600 training and 200 test toy digits."""
    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    train_images, train_labels = toy_digits(600, seed=1)
    test_images, test_labels = toy_digits(200, seed=2)
    write_idx(raw / "train-images-idx3-ubyte", train_images)
    write_idx(raw / "train-labels-idx1-ubyte", train_labels)
    write_idx(raw / "t10k-images-idx3-ubyte", test_images)
    write_idx(raw / "t10k-labels-idx1-ubyte", test_labels)
    return tmp_path / "data"
