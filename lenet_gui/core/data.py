"""MNIST held in memory as tensors, with augmentation done on whole batches at once.

A DataLoader with per-sample torchvision transforms tops out at a few thousand images per second on two cores,
while LeNet itself trains several times faster than that. So the 60,000 digits live in one uint8 tensor (47 MB),
batches are slices of it, and random rotation/scale/shift/elastic/stroke-width changes are one ``affine_grid`` +
``grid_sample`` call over the batch.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gzip
import hashlib
import math
import socket
import struct
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from lenet_gui.core.config import Augmentation
from lenet_gui.core.control import LoadingStopped
from lenet_gui.core.errors import DownloadFailedError, MissingDataError
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
    "DownloadFailedError",
    "LoadingStopped",
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


def load_mnist(
    data_dir: Path, *, train: bool, download: bool = True, stop: Callable[[], bool] | None = None
) -> DigitTensors:
    """The MNIST training (60,000) or test (10,000) set, downloading it first if allowed and needed.

    Files on disk (``MNIST/raw/<name>`` or ``<name>.gz``) are read here with numpy, a piece at a time, asking
    ``stop`` in between: ``LoadingStopped`` then ends the read within a fraction of a second, so a window closing
    while MNIST loads can wait for its loader thread (issue 16). The download is ours too (urllib, torchvision's
    mirrors and checksums), so it can say which file failed and clean up after itself (``_download``).
    """
    data_dir = Path(data_dir)
    if not mnist_available(data_dir):
        if not download:
            raise MissingDataError(missing_data_message(data_dir))
        _download(data_dir, stop)
    prefix = "train" if train else "t10k"
    raw = mnist_raw_dir(data_dir)
    try:
        images = _read_idx(raw, f"{prefix}-images-idx3-ubyte", stop)
        labels = _read_idx(raw, f"{prefix}-labels-idx1-ubyte", stop)
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise ValueError(f"{len(images)} images but {len(labels)} labels")
    except (OSError, ValueError, EOFError) as error:
        raise MissingDataError(f"{missing_data_message(data_dir)}\n(reason: {error})") from None
    return DigitTensors(torch.from_numpy(images), torch.from_numpy(labels.astype(np.int64)))


_IDX_TYPES = {0x08: np.uint8}
_READ_PIECE = 4 * 1024 * 1024  # bytes read between two questions to ``stop``


def _read_idx(raw: Path, name: str, stop: Callable[[], bool] | None) -> np.ndarray:
    """One IDX file (MNIST's big-endian format), plain or gzipped, as a numpy array."""
    plain = raw / name
    opener = open if plain.is_file() else gzip.open
    with opener(plain if plain.is_file() else raw / f"{name}.gz", "rb") as stream:
        magic = stream.read(4)
        if len(magic) != 4 or magic[:2] != b"\0\0" or magic[2] not in _IDX_TYPES:
            raise ValueError(f"{name} is not an IDX file of unsigned bytes")
        dimensions = magic[3]
        shape = struct.unpack(f">{dimensions}I", stream.read(4 * dimensions))
        expected = math.prod(shape)
        buffer = bytearray(expected)
        view = memoryview(buffer)
        done = 0
        while done < expected:
            if stop is not None and stop():
                raise LoadingStopped(f"stopped while reading {name}")
            count = stream.readinto(view[done : done + _READ_PIECE])
            if not count:
                raise ValueError(f"{name} is truncated ({done:,} of {expected:,} bytes)")
            done += count
    return np.frombuffer(buffer, dtype=_IDX_TYPES[magic[2]]).reshape(shape)


# Where MNIST is downloaded from (torchvision's mirrors and checksums): the gzipped files, which are read as they are.
MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/")
MD5 = {
    "train-images-idx3-ubyte": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte": "ec29112dd5afa0611ce80d1b7f02629c",
}
DOWNLOAD_TIMEOUT_S = 20.0
_DOWNLOAD_PIECE = 256 * 1024
# Errors that say "no network here" rather than "this server or file is wrong": a name that does not resolve
# (EAI_NONAME -2, EAI_AGAIN -3, EAI_NODATA -5), a network that cannot be reached, a timeout.
_OFFLINE_ERRNOS = {-2, -3, -5, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.ETIMEDOUT}


def _fetch(url: str, destination: Path, stop: Callable[[], bool] | None) -> None:
    """Download ``url`` into ``destination`` a piece at a time, asking ``stop`` in between (tests replace this)."""
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response, destination.open("wb") as out:
        while piece := response.read(_DOWNLOAD_PIECE):
            if stop is not None and stop():
                raise LoadingStopped(f"stopped while downloading {destination.name}")
            out.write(piece)


def _is_offline(error: BaseException) -> bool:
    if isinstance(error, urllib.error.HTTPError):
        return False  # a server answered
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.timeout | TimeoutError | socket.gaierror):
        return True
    return isinstance(reason, OSError) and reason.errno in _OFFLINE_ERRNOS


def _short_reason(error: BaseException) -> str:
    """ "Name or service not known" rather than "<urlopen error [Errno -2] Name or service not known>"."""
    reason = (
        error.reason
        if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError)
        else error
    )
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason).strip() or type(reason).__name__


def _download(data_dir: Path, stop: Callable[[], bool] | None = None) -> None:
    """Fetch MNIST's four gzipped files into ``data_dir/MNIST/raw``, trying each mirror, checking each checksum.

    When it fails (or is stopped) nothing it made stays behind: the files it wrote and the folders it created are
    removed, so a failed download never leaves an empty ``MNIST/raw/`` that looks like data. ``DownloadFailedError``
    says in one sentence why (no network, or which file failed); every attempt goes in its details.
    """
    raw = mnist_raw_dir(data_dir)
    created = [folder for folder in (raw, raw.parent, data_dir) if not folder.exists()]
    written: list[Path] = []
    try:
        raw.mkdir(parents=True, exist_ok=True)
        for name in RAW_FILES:
            if (raw / name).is_file() or (raw / f"{name}.gz").is_file():
                continue
            written.append(raw / f"{name}.gz")
            _download_one(raw, name, stop)
    except BaseException:
        for path in [*written, *(raw / f".{path.name}.part" for path in written)]:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        for folder in created:  # innermost first; only if empty (someone may have put something there meanwhile)
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _download_one(raw: Path, name: str, stop: Callable[[], bool] | None) -> None:
    target, partial = raw / f"{name}.gz", raw / f".{name}.gz.part"
    attempts: list[str] = []
    offline = True
    for mirror in MIRRORS:
        url = f"{mirror}{name}.gz"
        try:
            _fetch(url, partial, stop)
            digest = hashlib.md5(partial.read_bytes(), usedforsecurity=False).hexdigest()
            if digest != MD5[name]:
                raise ValueError(f"checksum {digest} is not the expected {MD5[name]}")
        except (OSError, ValueError) as error:
            offline = offline and _is_offline(error)
            attempts.append(f"{url}: {_short_reason(error)}")
            partial.unlink(missing_ok=True)
            continue
        partial.replace(target)
        return
    # Each attempt, then where the files go by hand (the CLI prints these details under the sentence too).
    details = "\n".join(["Tried:", *attempts, "", missing_data_message(raw.parent.parent)])
    if offline:
        message = "MNIST could not be downloaded: this computer seems to have no internet connection."
    else:
        message = f"MNIST could not be downloaded: {name}.gz failed ({_short_reason_of(attempts)})."
    raise DownloadFailedError(message, details, offline=offline, file=f"{name}.gz")


def _short_reason_of(attempts: list[str]) -> str:
    return attempts[-1].rsplit(": ", 1)[-1] if attempts else "no mirror answered"


_cache: dict[str, tuple[DigitTensors, DigitTensors]] = {}
_cache_lock = threading.Lock()


def cached_mnist(
    data_dir: Path | None = None, *, download: bool = False, stop: Callable[[], bool] | None = None
) -> tuple[DigitTensors, DigitTensors]:
    """(training set, test set) of ``data_dir`` (default: ``resolve_data_dir()``), read once per folder and kept in
    memory, so that a second run in the app starts at once. ``MissingDataError`` when absent and not downloaded;
    ``LoadingStopped`` when ``stop()`` said yes meanwhile (nothing is cached then)."""
    folder = Path(data_dir) if data_dir is not None else resolve_data_dir()
    key = str(folder.resolve())
    with _cache_lock:
        if key not in _cache:
            if not download and not mnist_available(folder):
                raise MissingDataError(missing_data_message(folder))
            train_set = load_mnist(folder, train=True, download=download, stop=stop)
            test_set = load_mnist(folder, train=False, download=download, stop=stop)
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
    """Distort a batch (B, 1, H, W) of 0..1 digits on a black background in one grid_sample call.

    Everything happens on ``x``'s device (``generator`` must live there too) and nothing waits for the device, so a
    GPU run augments without a host round trip.
    """
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
    # times faster than affine_grid or a batched matmul for 3×2 matrices. Each coordinate is written as a plane of
    # one (2, B, H, W) tensor and grid_sample reads it through a permuted view: stacking the planes into
    # (B, H, W, 2) cost more than computing them (the same numbers either way).
    xs, ys = _pixel_centres(width, device), _pixel_centres(height, device)
    planes = torch.empty(2, batch, height, width, device=device)
    for row in range(2):
        a, b, c = (theta[:, row, k].reshape(batch, 1, 1) for k in range(3))
        torch.add(a * xs.reshape(1, 1, width) + c, b * ys.reshape(1, height, 1), out=planes[row])  # (B, H, W)
    if aug.elastic > 0:
        coarse = torch.randn(batch * 2, 16, generator=generator, device=device) * (aug.elastic * 2.0 / width)
        warp = (coarse @ _smooth_basis(height, width, device)).reshape(batch, 2, height, width)
        planes += warp.transpose(0, 1)
    grid = planes.permute(1, 2, 3, 0)  # (B, H, W, 2)
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


def _vary_stroke_width(
    x: torch.Tensor, share: float, generator: torch.Generator | None, *, masked: bool | None = None
) -> torch.Tensor:
    """Grey-scale dilation (marker pens) or a softened erosion (fine pens) for a random share of the batch.

    On CPU only the chosen digits are processed: computing both versions for the whole batch and picking cost 1.4 ms
    of a 13 ms training step. Picking them needs their count on the host, though, which on a GPU means waiting for
    it every step; there the whole batch is processed and masked instead (cheap there, and the same numbers).
    ``masked`` chooses explicitly (tests); by default it is used everywhere but on the CPU.
    """
    choice = torch.rand(x.shape[0], generator=generator, device=x.device)
    thick_chosen = choice < share * 0.6
    thin_chosen = (choice >= share * 0.6) & (choice < share)
    if masked if masked is not None else x.device.type != "cpu":
        x = torch.where(thick_chosen.reshape(-1, 1, 1, 1), _dilate(x), x)
        return torch.where(thin_chosen.reshape(-1, 1, 1, 1), 0.5 * (x - _dilate(-x)), x)
    thick = torch.nonzero(thick_chosen).flatten()
    thin = torch.nonzero(thin_chosen).flatten()
    if len(thick):
        x[thick] = _dilate(x[thick])
    if len(thin):
        chosen = x[thin]
        x[thin] = 0.5 * (chosen - _dilate(-chosen))  # the mean of the digit and its erosion
    return x
