"""LeNet's forward pass and its weights file in numpy alone: the app's first predictions, while torch still loads.

Importing torch takes seconds on two cores; reading the weights and predicting one drawing in numpy takes
milliseconds. So the inference worker answers the drawings made meanwhile with ``NumpyPredictor`` (the same
arithmetic as the model's ``forward_with_activations``: tests/core/test_numpy_lenet.py holds it to torch's to 1e-5),
and the desktop app predicts with it all the time (its idle window never imports torch; a prediction made while
training runs never waits for torch's threads). Training, fine-tuning and explaining need torch, and import it.

``read_state`` reads the tensors of a weights file as ``torch.save`` writes it (a zip: ``data.pkl`` and one raw
little-endian file per storage) with an unpickler that knows only the few names such a file uses, so, like
``torch.load(weights_only=True)``, it never runs code from the file. Anything else (another dtype, an older format)
is ``NeedsTorch``: the caller then simply waits for torch, which reads and checks the file as usual.
"""

from __future__ import annotations

import collections
import io
import pickle
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import as_strided

from lenet_gui.core.prediction import Prediction, softmax
from lenet_gui.core.preprocess import normalize

# The model's stages, in order (core.model.ACTIVATION_NAMES; a test checks they agree).
ACTIVATION_NAMES = ("conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "logits")
# The tutorial's LeNet, parameter by parameter (core.model.Net; a test checks they agree).
SHAPES: dict[str, tuple[int, ...]] = {
    "conv1.weight": (6, 1, 5, 5),
    "conv1.bias": (6,),
    "conv2.weight": (16, 6, 5, 5),
    "conv2.bias": (16,),
    "fc1.weight": (120, 400),
    "fc1.bias": (120,),
    "fc2.weight": (84, 120),
    "fc2.bias": (84,),
    "fc3.weight": (10, 84),
    "fc3.bias": (10,),
}
ARCHITECTURE = "lenet-tutorial"  # core.model.ARCHITECTURE (a test checks they agree)
# What ``print(Net())`` shows (core.model.Net; a test checks they agree).
NET_REPR = """Net(
  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))
  (fc1): Linear(in_features=400, out_features=120, bias=True)
  (fc2): Linear(in_features=120, out_features=84, bias=True)
  (fc3): Linear(in_features=84, out_features=10, bias=True)
)"""
_STORAGE_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64}
MAX_FILE_BYTES = 20_000_000  # LeNet's weights are 250 kB; a bigger file is not one, and torch will say why


class NeedsTorch(Exception):
    """This file cannot be read without torch (or is not LeNet's weights): wait for torch to read it."""


class _StorageRef:
    def __init__(self, dtype: Any) -> None:
        self.dtype = dtype


MAX_TENSOR_ELEMENTS = max(int(np.prod(shape)) for shape in SHAPES.values())  # fc1.weight: 48,000


def _rebuild_tensor(storage: Any, offset: Any, size: Any, stride: Any, *_: Any) -> Any:
    """A tensor as torch's loader rebuilds it, but only a plainly laid out one that lies inside its storage: the
    numbers come from the file, and ``as_strided`` checks nothing (a negative offset or stride would read memory
    that is not the file's, a zero stride could ask for gigabytes)."""
    if not isinstance(storage, np.ndarray) or not isinstance(offset, int) or isinstance(offset, bool):
        raise NeedsTorch("an unusual tensor record")
    if not isinstance(size, tuple) or not isinstance(stride, tuple) or len(size) != len(stride) or len(size) > 4:
        raise NeedsTorch("an unusual tensor shape")
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in size + stride):
        raise NeedsTorch("a negative or non-integer size or stride")
    count = int(np.prod(size)) if size else 1
    if offset < 0 or count > MAX_TENSOR_ELEMENTS:
        raise NeedsTorch("a tensor larger than LeNet's")
    if count and offset + sum((n - 1) * s for n, s in zip(size, stride, strict=True)) >= storage.size:
        raise NeedsTorch("a tensor reaches past its storage")
    itemsize = storage.itemsize
    return np.lib.stride_tricks.as_strided(
        storage[offset:], shape=size, strides=tuple(s * itemsize for s in stride), writeable=False
    ).copy()


class _Unpickler(pickle.Unpickler):
    """Knows only what ``torch.save`` of a dict of float tensors, strings and numbers writes."""

    def __init__(self, data: bytes, storages: Mapping[str, bytes]) -> None:
        super().__init__(io.BytesIO(data))
        self._storages = storages

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageRef(_STORAGE_DTYPES[name])
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        raise NeedsTorch(f"{module}.{name} in the file")

    def persistent_load(self, pid: Any) -> Any:
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"):
            raise NeedsTorch(f"unknown storage reference {pid!r}")
        _, kind, key, _location, _numel = pid
        if not isinstance(kind, _StorageRef) or str(key) not in self._storages:
            raise NeedsTorch(f"storage {key!r}")
        return np.frombuffer(self._storages[str(key)], dtype=np.dtype(kind.dtype).newbyteorder("<"))


def read_state(path: str | Path) -> dict[str, np.ndarray]:
    """LeNet's weights (float32, by state_dict name) from a weights file, without torch; ``NeedsTorch`` otherwise."""
    return read_weights(path)[0]


def read_weights(path: str | Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """A weights file's tensors and its metadata (everything beside ``state_dict``, as ``checkpoint.load_checkpoint``
    gives it), without torch. Only what torch's own loader would accept and check the same way comes back: this
    LeNet's shapes, finite values, our architecture; anything else is ``NeedsTorch`` (torch then says what is wrong).
    """
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            raise NeedsTorch(f"{path} is not a small regular file")
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_FILE_BYTES:  # a small file that inflates to a big one
                raise NeedsTorch("the archive unpacks to more than LeNet's weights")
            names = [info.filename for info in infos]
            pickles = [name for name in names if name.endswith("/data.pkl")]
            if len(pickles) != 1:
                raise NeedsTorch("no single data.pkl")
            root = pickles[0][: -len("data.pkl")]
            if root + "byteorder" in names and archive.read(root + "byteorder").decode().strip() != "little":
                raise NeedsTorch("big-endian storages")
            storages = {
                name[len(root) + len("data/") :]: archive.read(name)
                for name in names
                if name.startswith(root + "data/") and not name.endswith("/")
            }
            loaded = _Unpickler(archive.read(pickles[0]), storages).load()
    except NeedsTorch:
        raise
    except Exception as error:  # whatever an odd file makes the reader trip on: torch reads it and says what it is
        raise NeedsTorch(f"{type(error).__name__}: {error}") from error
    if not isinstance(loaded, dict):
        raise NeedsTorch("not a dict")
    if "state_dict" in loaded:
        if loaded.get("architecture", ARCHITECTURE) != ARCHITECTURE:
            raise NeedsTorch("another architecture")
        state, metadata = loaded["state_dict"], {k: v for k, v in loaded.items() if k != "state_dict"}
    else:
        state, metadata = loaded, {}
    if not isinstance(state, dict) or {k: getattr(v, "shape", None) for k, v in state.items()} != SHAPES:
        raise NeedsTorch("not the weights of this LeNet")
    weights = {name: np.ascontiguousarray(value, dtype=np.float32) for name, value in state.items()}
    if not all(np.isfinite(value).all() for value in weights.values()):
        raise NeedsTorch("NaN or infinite values")
    return weights, metadata


def format_summary() -> str:
    """``model.format_summary(Net())`` without torch: the tutorial's ``print(net)`` and the parameter table (a test
    holds the two to the same text)."""
    rows = [(name, list(shape), int(np.prod(shape))) for name, shape in SHAPES.items()]
    name_width = max(len("parameter"), *(len(name) for name, _, _ in rows))
    shape_width = max(len("shape"), *(len(str(shape)) for _, shape, _ in rows))
    lines = [NET_REPR, "", f"{'parameter':<{name_width}}  {'shape':<{shape_width}}  {'count':>7}"]
    lines += [f"{name:<{name_width}}  {shape!s:<{shape_width}}  {count:>7,}" for name, shape, count in rows]
    total = sum(count for _, _, count in rows)
    lines.append(f"{'total':<{name_width}}  {'':<{shape_width}}  {total:>7,}")
    return "\n".join(lines)


def _convolve(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """(C, H, W) ⊛ (K, C, 5, 5) + bias → (K, H-4, W-4): a stride-1, unpadded cross-correlation, as conv2d.

    As one matrix product over the unfolded patches (im2col): (K, C·25) @ (C·25, H'·W'). ``np.einsum`` with
    ``optimize=True`` gave the same numbers but planned its contraction anew on every call, which took most of a
    prediction's time (a prediction is made per mouse move, also while training competes for the cores).
    """
    x = np.ascontiguousarray(x)
    channels, height, width = x.shape
    kernels, _, kernel_h, kernel_w = weight.shape
    out_h, out_w = height - kernel_h + 1, width - kernel_w + 1
    row, col = x.strides[1:]
    patches = as_strided(  # (C, kh, kw, H', W'): patch element (c, i, j) of every output position, a view
        x, (channels, kernel_h, kernel_w, out_h, out_w), (x.strides[0], row, col, row, col), writeable=False
    )
    columns = patches.reshape(channels * kernel_h * kernel_w, out_h * out_w)
    out: np.ndarray = weight.reshape(kernels, -1) @ columns + bias[:, None]
    return out.reshape(kernels, out_h, out_w)


def _max_pool_2x2(maps: np.ndarray) -> np.ndarray:
    """(C, H, W) → (C, H/2, W/2): the largest of each 2×2 block, as max_pool2d(x, 2) for even H and W. Two
    ``np.maximum`` over views (first the larger of each pair of rows, then of each pair of columns): a reduction
    over the two small axes of a 5-d reshape took five times as long."""
    channels, height, width = maps.shape
    row_pairs = maps.reshape(channels, height // 2, 2 * width)
    rows = np.maximum(row_pairs[:, :, :width], row_pairs[:, :, width:])
    pooled: np.ndarray = np.maximum(rows[:, :, 0::2], rows[:, :, 1::2])
    return pooled


def forward(state: Mapping[str, np.ndarray], model_input: np.ndarray) -> dict[str, np.ndarray]:
    """One standardized (32, 32) input → every stage's output, as ``Net.forward_with_activations`` gives them
    (float32, the batch dimension dropped)."""
    x = np.asarray(model_input, dtype=np.float32).reshape(1, 32, 32)
    conv1 = np.maximum(_convolve(x, state["conv1.weight"], state["conv1.bias"]), 0)  # (6, 28, 28)
    pool1 = _max_pool_2x2(conv1)  # (6, 14, 14)
    conv2 = np.maximum(_convolve(pool1, state["conv2.weight"], state["conv2.bias"]), 0)  # (16, 10, 10)
    pool2 = _max_pool_2x2(conv2)  # (16, 5, 5)
    fc1 = np.maximum(state["fc1.weight"] @ pool2.reshape(-1) + state["fc1.bias"], 0)  # (120,)
    fc2 = np.maximum(state["fc2.weight"] @ fc1 + state["fc2.bias"], 0)  # (84,)
    logits = state["fc3.weight"] @ fc2 + state["fc3.bias"]  # (10,)
    stages = (conv1, pool1, conv2, pool2, fc1, fc2, logits)
    return {name: stage.astype(np.float32, copy=False) for name, stage in zip(ACTIVATION_NAMES, stages, strict=True)}


class NumpyPredictor:
    """``inference.Predictor.predict_image`` in numpy alone, over fixed weights (it never learns)."""

    def __init__(self, state: Mapping[str, np.ndarray]) -> None:
        self._state = {name: np.asarray(value, dtype=np.float32) for name, value in state.items()}

    @property
    def state(self) -> dict[str, np.ndarray]:
        """The weights it predicts with (not copied: do not change them)."""
        return self._state

    def predict_image(self, image: np.ndarray) -> Prediction | None:
        """Canvas or file pixels → a prediction through the shared preprocessing; None for a blank image."""
        normalized = normalize(image)
        if normalized is None:
            return None
        activations = forward(self._state, normalized.model_input)
        return Prediction(softmax(activations["logits"]), normalized.pixels, activations)
