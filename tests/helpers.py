"""Helpers every test imports the same way (``from tests.helpers import …``): small learnable digits, MNIST's file
format, and the real MNIST or a skip that says how to provide it."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np
import pytest

from lenet_gui.core.folders import DATA_DIR_ENV, mnist_raw_dir


def toy_digits(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(count, 28, 28) uint8 white-on-black images whose label is easy to learn: a bar whose position is the label,
    on faint noise. The core, CLI and GUI tests all train on these."""
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


def real_mnist_dir_or_skip(value: str | None = None) -> Path:
    """The folder holding the real MNIST (``value``, else ``$LENET_GUI_DATA_DIR``), or a skip saying how to
    provide it. The one place tests decide whether the real MNIST is there."""
    value = value or os.environ.get(DATA_DIR_ENV)
    if not value:
        pytest.skip(f"needs the real MNIST: set {DATA_DIR_ENV} or pass --data-dir (a folder with MNIST/raw/)")
    path = Path(value)
    raw = mnist_raw_dir(path)
    if not (raw / "t10k-images-idx3-ubyte").exists() and not (raw / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip(f"{DATA_DIR_ENV}={value} has no MNIST/raw/t10k-images-idx3-ubyte")
    return path
