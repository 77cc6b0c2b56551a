import gzip
import socket
from pathlib import Path

import numpy as np
import pytest
import torch

from lenet_gui.core.data import (
    DATA_DIR_ENV,
    RAW_FILES,
    Augmentation,
    LoadingStopped,
    MissingDataError,
    _vary_stroke_width,
    augment,
    cached_mnist,
    clear_mnist_cache,
    load_mnist,
    resolve_data_dir,
    to_model_batch,
)
from lenet_gui.core.preprocess import PAD, normalize, standardize


def test_data_dir_prefers_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "option") == tmp_path / "option"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv(DATA_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == tmp_path / "xdg" / "lenet-gui"


def test_missing_mnist_names_the_folder_and_the_four_files(tmp_path: Path) -> None:
    with pytest.raises(MissingDataError) as error:
        load_mnist(tmp_path, train=True, download=False)
    message = str(error.value)
    assert str(tmp_path / "MNIST" / "raw") in message
    for name in RAW_FILES:
        assert name in message


def test_mnist_format_files_load_as_uint8_tensors(toy_mnist_dir: Path) -> None:
    train = load_mnist(toy_mnist_dir, train=True, download=False)
    test = load_mnist(toy_mnist_dir, train=False, download=False)
    assert (len(train), len(test)) == (600, 200)
    assert train.images.dtype == torch.uint8 and train.images.shape == (600, 28, 28)
    assert train.labels.dtype == torch.int64 and set(train.labels.tolist()) == set(range(10))
    assert len(train.head(50)) == 50 and len(train.head(None)) == 600


def test_training_batches_are_scaled_exactly_like_inference() -> None:
    rng = np.random.default_rng(0)
    digit = np.zeros((28, 28), np.uint8)
    digit[4:24, 12:16] = 255  # a centred "1", already MNIST-normalised
    digit[4:24, 11] = rng.integers(0, 255, 20)
    batch = to_model_batch(torch.from_numpy(digit)[None])
    assert batch.shape == (1, 1, 32, 32)
    # Padding and standardisation are the same numbers inference uses: background is (0 - mean) / std.
    assert batch[0, 0, 0, 0].item() == pytest.approx((0 - 0.1307) / 0.3081, abs=1e-6)
    assert batch.max().item() == pytest.approx((1 - 0.1307) / 0.3081, abs=1e-5)
    # The standardization is the very function inference applies to its 0..1 pixels.
    np.testing.assert_allclose(batch[0, 0].numpy(), standardize(np.pad(digit / 255.0, PAD)), atol=1e-5)
    inference = normalize(digit.astype(np.float32) / 255.0)
    assert inference is not None  # an MNIST-ready digit passes through preprocessing about unchanged
    assert np.abs(inference.model_input - batch[0, 0].numpy()).mean() < 0.25


def test_augmentation_is_batched_seeded_and_keeps_ink_in_range() -> None:
    images = torch.zeros(64, 1, 32, 32)
    images[:, :, 8:24, 14:18] = 1.0
    aug = Augmentation(elastic=0.6)
    first = augment(images, aug, torch.Generator().manual_seed(3))
    again = augment(images, aug, torch.Generator().manual_seed(3))
    torch.testing.assert_close(first, again)
    assert first.shape == images.shape
    assert first.min() >= 0.0 and first.max() <= 1.0 + 1e-6
    # Digits really move and turn: not all outputs equal the input, and they differ from each other.
    assert (first - images).abs().amax(dim=(1, 2, 3)).min() > 0.05
    assert (first[0] - first[1]).abs().max() > 0.05
    # Ink is kept (rotations and shifts within ±12°, ±2.5 px never push the bar out of the image).
    mass_ratio = first.sum(dim=(1, 2, 3)) / images.sum(dim=(1, 2, 3))
    assert mass_ratio.min() > 0.35 and mass_ratio.max() < 2.5


def test_no_augmentation_means_no_change() -> None:
    images = torch.randint(0, 256, (8, 28, 28), dtype=torch.uint8)
    torch.testing.assert_close(to_model_batch(images), to_model_batch(images.clone()))
    plain = to_model_batch(images)
    unchanged = augment((plain * 0.3081 + 0.1307), Augmentation(rotation=0, scale=(1, 1), shift=0, shear=0, stroke=0))
    torch.testing.assert_close(unchanged, plain * 0.3081 + 0.1307, atol=1e-5, rtol=0)


@pytest.mark.mnist
def test_real_mnist_has_the_documented_counts(mnist_dir: Path) -> None:
    test = load_mnist(mnist_dir, train=False, download=False)
    counts = torch.bincount(test.labels, minlength=10).tolist()
    assert counts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_gzipped_mnist_files_are_unpacked_offline(toy_mnist_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = toy_mnist_dir / "MNIST" / "raw"
    for name in RAW_FILES:
        (raw / f"{name}.gz").write_bytes(gzip.compress((raw / name).read_bytes()))
        (raw / name).unlink()

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr("torchvision.datasets.mnist.MNIST.resources", [(f"{name}.gz", None) for name in RAW_FILES])
    test = load_mnist(toy_mnist_dir, train=False, download=False)
    assert len(test) == 200


def test_stroke_width_changes_masked_on_the_whole_batch_equal_the_indexed_ones() -> None:
    """A GPU varies pen width by masking (no host round trip for the count), the CPU by indexing: same numbers."""
    x = torch.rand(64, 1, 32, 32)
    indexed = _vary_stroke_width(x.clone(), 0.8, torch.Generator().manual_seed(1), masked=False)
    masked = _vary_stroke_width(x.clone(), 0.8, torch.Generator().manual_seed(1), masked=True)
    assert torch.equal(indexed, masked) and not torch.equal(indexed, x)


def test_loading_reads_the_files_itself_and_stops_when_asked(toy_mnist_dir: Path) -> None:
    """Closing the window while MNIST loads must not leave a loader thread to die inside torchvision at exit
    (issue 16): files on disk are read without torchvision, and a stop ends the read between two pieces."""
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 1  # the first piece is read, then the load is told to stop

    with pytest.raises(LoadingStopped):
        load_mnist(toy_mnist_dir, train=True, download=False, stop=stop)
    clear_mnist_cache()
    with pytest.raises(LoadingStopped):
        cached_mnist(toy_mnist_dir, stop=lambda: True)
    train, test = cached_mnist(toy_mnist_dir)
    assert (len(train), len(test)) == (600, 200)
    assert cached_mnist(toy_mnist_dir)[0] is train  # kept in memory for the next run
    clear_mnist_cache()


def test_a_damaged_mnist_file_is_missing_data_with_the_reason(toy_mnist_dir: Path) -> None:
    images = toy_mnist_dir / "MNIST" / "raw" / "t10k-images-idx3-ubyte"
    images.write_bytes(images.read_bytes()[:5000])
    with pytest.raises(MissingDataError, match="truncated"):
        load_mnist(toy_mnist_dir, train=False, download=False)
