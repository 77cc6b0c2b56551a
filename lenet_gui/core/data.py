"""MNIST held in memory as tensors, with augmentation done on whole batches at once.

A DataLoader with per-sample torchvision transforms tops out at a few thousand images per second on two cores,
while LeNet itself trains several times faster than that. So the 60,000 digits live in one uint8 tensor (47 MB),
batches are slices of it, and random rotation/scale/shift/elastic/stroke-width changes are one ``affine_grid`` +
``grid_sample`` call over the batch.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from lenet_gui.core.config import Augmentation
from lenet_gui.core.errors import MissingDataError
from lenet_gui.core.folders import (
    DATA_DIR_ENV,
    RAW_FILES,
    default_data_dir,
    missing_data_message,
    mnist_available,
    mnist_raw_dir,
    resolve_data_dir,
)
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, PAD

__all__ = [
    "DATA_DIR_ENV",
    "RAW_FILES",
    "Augmentation",
    "DigitTensors",
    "MissingDataError",
    "augment",
    "cached_mnist",
    "clear_mnist_cache",
    "default_data_dir",
    "load_mnist",
    "missing_data_message",
    "mnist_available",
    "mnist_raw_dir",
    "resolve_data_dir",
    "to_model_batch",
]


@dataclass(frozen=True)
class DigitTensors:
    """Digits as uint8 (N, 28, 28) white-on-black and int64 labels (N,), the way MNIST stores them."""

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def head(self, count: int | None) -> DigitTensors:
        """The first ``count`` digits (all when None): small, repeatable subsets for tests and quick runs."""
        if count is None or count >= len(self):
            return self
        return DigitTensors(self.images[:count], self.labels[:count])

    def concat(self, other: DigitTensors) -> DigitTensors:
        return DigitTensors(torch.cat([self.images, other.images]), torch.cat([self.labels, other.labels]))


def load_mnist(data_dir: Path, *, train: bool, download: bool = True) -> DigitTensors:
    """The MNIST training (60,000) or test (10,000) set through torchvision, downloading it if allowed and needed.

    torchvision is imported here and nowhere else: it costs about two seconds and 170 MB, which predicting and
    starting the app should never pay.
    """
    import torchvision  # noqa: PLC0415  # deliberately lazy: see the docstring

    data_dir = Path(data_dir)
    if not mnist_available(data_dir) and not download:
        raise MissingDataError(missing_data_message(data_dir))
    raw = mnist_raw_dir(data_dir)
    if not all((raw / name).is_file() for name in RAW_FILES):
        # Only the .gz files: torchvision's download step finds them already there, checks them and unpacks them
        # (no network needed); with download=False it would say they are missing.
        download = True
    try:
        dataset = torchvision.datasets.MNIST(str(data_dir), train=train, download=download)
    except (RuntimeError, OSError, ValueError) as error:
        raise MissingDataError(f"{missing_data_message(data_dir)}\n(reason: {error})") from None
    return DigitTensors(dataset.data.to(torch.uint8).contiguous(), dataset.targets.to(torch.int64).contiguous())


_cache: dict[str, tuple[DigitTensors, DigitTensors]] = {}
_cache_lock = threading.Lock()


def cached_mnist(data_dir: Path | None = None, *, download: bool = False) -> tuple[DigitTensors, DigitTensors]:
    """(training set, test set) of ``data_dir`` (default: ``resolve_data_dir()``), read once per folder and kept in
    memory, so that a second run in the app starts at once. ``MissingDataError`` when absent and not downloaded."""
    folder = Path(data_dir) if data_dir is not None else resolve_data_dir()
    key = str(folder.resolve())
    with _cache_lock:
        if key not in _cache:
            if not download and not mnist_available(folder):
                raise MissingDataError(missing_data_message(folder))
            train_set = load_mnist(folder, train=True, download=download)
            test_set = load_mnist(folder, train=False, download=download)
            _cache[key] = (train_set, test_set)
        return _cache[key]


def clear_mnist_cache() -> None:
    """Forget every cached MNIST (tests; a data folder whose files changed)."""
    with _cache_lock:
        _cache.clear()


def to_model_batch(
    images: torch.Tensor,
    *,
    augmentation: Augmentation | None = None,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """uint8 (B, 28, 28) → standardized float (B, 1, 32, 32), optionally distorted; the same scaling as inference."""
    x = images.to(torch.float32).unsqueeze(1).mul_(1.0 / 255.0)
    x = F.pad(x, (PAD, PAD, PAD, PAD))
    if augmentation is not None:
        x = augment(x, augmentation, generator)
    return x.sub_(MNIST_MEAN).div_(MNIST_STD)


def augment(x: torch.Tensor, aug: Augmentation, generator: torch.Generator | None = None) -> torch.Tensor:
    """Distort a batch (B, 1, H, W) of 0..1 digits on a black background in one grid_sample call."""
    batch, _, height, width = x.shape
    device = x.device

    def uniform(low: float, high: float) -> torch.Tensor:
        return torch.rand(batch, generator=generator, device=device) * (high - low) + low

    angle = uniform(-aug.rotation, aug.rotation) * (math.pi / 180.0)
    scale = uniform(*aug.scale)
    shear = uniform(-aug.shear, aug.shear)
    # The grid maps output coordinates to input coordinates, in units of half the image size.
    shift_x = uniform(-aug.shift, aug.shift) * (2.0 / width)
    shift_y = uniform(-aug.shift, aug.shift) * (2.0 / height)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack(
        [
            torch.stack([cos, -sin + shear * cos, shift_x], dim=1),
            torch.stack([sin, cos + shear * sin, shift_y], dim=1),
        ],
        dim=1,
    )  # (B, 2, 3)
    # The same grid as F.affine_grid, built from outer sums of the pixel-centre coordinates: on CPU this is several
    # times faster than affine_grid or a batched matmul for 3×2 matrices.
    xs, ys = _pixel_centres(width, device), _pixel_centres(height, device)
    coordinates = []
    for row in range(2):
        a, b, c = (theta[:, row, k].reshape(batch, 1, 1) for k in range(3))
        coordinates.append((a * xs.reshape(1, 1, width) + c) + b * ys.reshape(1, height, 1))  # (B, H, W)
    if aug.elastic > 0:
        coarse = torch.randn(batch * 2, 16, generator=generator, device=device) * (aug.elastic * 2.0 / width)
        warp = (coarse @ _smooth_basis(height, width, device)).reshape(batch, 2, height, width)
        coordinates = [coordinates[0] + warp[:, 0], coordinates[1] + warp[:, 1]]
    grid = torch.stack(coordinates, dim=-1)  # (B, H, W, 2)
    x = F.grid_sample(x, grid, mode="bilinear", align_corners=False)
    if aug.stroke > 0:
        x = _vary_stroke_width(x, aug.stroke, generator)
    return x


@functools.cache
def _pixel_centres(size: int, device: torch.device) -> torch.Tensor:
    """Pixel centres in grid_sample's coordinates (align_corners=False): -1 + (2i + 1) / size."""
    return ((torch.arange(size, dtype=torch.float32) * 2 + 1) / size - 1).to(device)


@functools.cache
def _smooth_basis(height: int, width: int, device: torch.device) -> torch.Tensor:
    """(16, H*W): bicubic upsampling of a 4×4 field as a matrix, so smooth random warps cost one matmul."""
    impulses = torch.eye(16).reshape(16, 1, 4, 4)
    smooth = F.interpolate(impulses, size=(height, width), mode="bicubic", align_corners=False)
    return smooth.reshape(16, height * width).to(device)


def _dilate(x: torch.Tensor) -> torch.Tensor:
    """3×3 grey-scale dilation as two separable maxima (stride-1 max_pool2d is slow on CPU)."""
    padded = F.pad(x, (1, 1, 1, 1))
    rows = torch.maximum(torch.maximum(padded[..., :-2, :], padded[..., 1:-1, :]), padded[..., 2:, :])
    return torch.maximum(torch.maximum(rows[..., :-2], rows[..., 1:-1]), rows[..., 2:])


def _vary_stroke_width(x: torch.Tensor, share: float, generator: torch.Generator | None) -> torch.Tensor:
    """Grey-scale dilation (marker pens) or a softened erosion (fine pens) for a random share of the batch.

    Only the chosen digits are processed: computing both versions for the whole batch and picking cost 1.4 ms of
    a 13 ms training step.
    """
    choice = torch.rand(x.shape[0], generator=generator, device=x.device)
    thick = torch.nonzero(choice < share * 0.6).flatten()
    thin = torch.nonzero((choice >= share * 0.6) & (choice < share)).flatten()
    if len(thick):
        x[thick] = _dilate(x[thick])
    if len(thin):
        chosen = x[thin]
        x[thin] = 0.5 * (chosen - _dilate(-chosen))  # the mean of the digit and its erosion
    return x
