"""Shared fixtures: where the real MNIST is (if anywhere), and small learnable data the tests make themselves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lenet_gui.core.data import DigitTensors, load_mnist
from tests.helpers import real_mnist_dir_or_skip, toy_digits, write_idx

# GUI tests never open real windows: Qt draws offscreen (CI has no display; a developer's desktop stays quiet).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Older tests import these from here; new ones use tests.helpers.
__all__ = ["toy_digits", "write_idx"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--data-dir", default=None, help="folder holding MNIST/raw/ (else $LENET_GUI_DATA_DIR)")


@pytest.fixture(scope="session")
def mnist_dir(request: pytest.FixtureRequest) -> Path:
    """The real MNIST, or a skip that says how to provide it."""
    return real_mnist_dir_or_skip(request.config.getoption("--data-dir"))


@pytest.fixture(scope="session")
def mnist_test_set(mnist_dir: Path) -> DigitTensors:
    return load_mnist(mnist_dir, train=False, download=False)


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
