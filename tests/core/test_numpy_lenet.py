"""The numpy-only LeNet that answers the first drawings while torch loads (issue 10.4): the weights file read
without torch is torch's own reading, every stage's numbers are the model's to 1e-5, and the reader runs no code."""

from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from lenet_gui.core import numpy_lenet
from lenet_gui.core.checkpoint import load_bundled, save_checkpoint
from lenet_gui.core.inference import Predictor
from lenet_gui.core.model import ACTIVATION_NAMES, Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, normalize
from lenet_gui.core.strokes import synthetic_digits
from lenet_gui.core.weights_files import bundled_weights_path


def test_names_and_shapes_are_the_models() -> None:
    assert tuple(ACTIVATION_NAMES) == numpy_lenet.ACTIVATION_NAMES
    assert {name: tuple(value.shape) for name, value in Net().state_dict().items()} == numpy_lenet.SHAPES


def test_the_bundled_weights_read_without_torch_are_torchs() -> None:
    state = numpy_lenet.read_state(bundled_weights_path())
    expected = load_bundled().state_dict
    assert list(state) == list(expected)
    for name, tensor in expected.items():
        assert state[name].dtype == np.float32
        np.testing.assert_array_equal(state[name], tensor.numpy(), err_msg=name)


def test_weights_the_app_saves_read_the_same(tmp_path: Path) -> None:
    torch.manual_seed(3)
    state = Net().state_dict()
    path = tmp_path / "mine.pt"
    save_checkpoint(path, state, note="test")
    read = numpy_lenet.read_state(path)
    for name, tensor in state.items():
        np.testing.assert_array_equal(read[name], tensor.numpy(), err_msg=name)


@pytest.mark.parametrize("weights", ["bundled", "random"])
def test_every_stage_is_the_models_own_to_1e_5(weights: str) -> None:
    torch.manual_seed(0)
    state = load_bundled().state_dict if weights == "bundled" else Net().state_dict()
    model = Net().eval()
    model.load_state_dict(state)
    numpy_state = {name: tensor.numpy() for name, tensor in state.items()}
    rng = np.random.default_rng(1)
    images, _ = synthetic_digits(16, rng)  # digits as drawn, through the app's preprocessing
    inputs = [n.model_input for n in (normalize(255 - image) for image in images) if n is not None]
    noise = (rng.random((8, 32, 32)) * (rng.random((8, 32, 32)) < 0.3)).astype(np.float32)
    inputs += [((p - MNIST_MEAN) / MNIST_STD).astype(np.float32) for p in noise]
    assert len(inputs) >= 20
    for model_input in inputs:
        got = numpy_lenet.forward(numpy_state, model_input)
        with torch.no_grad():
            expected = model.forward_with_activations(torch.from_numpy(model_input).reshape(1, 1, 32, 32))
        assert list(got) == list(ACTIVATION_NAMES)
        for name, tensor in expected.items():
            assert got[name].shape == tuple(tensor.shape[1:]) and got[name].dtype == np.float32, name
            np.testing.assert_allclose(got[name], tensor[0].numpy(), rtol=1e-5, atol=1e-5, err_msg=name)


def test_the_numpy_predictor_says_what_the_torch_predictor_says() -> None:
    state = load_bundled().state_dict
    torch_predictor = Predictor(state)
    numpy_predictor = numpy_lenet.NumpyPredictor({name: tensor.numpy() for name, tensor in state.items()})
    images, _labels = synthetic_digits(20, np.random.default_rng(2))
    for image in 255 - images:
        expected, got = torch_predictor.predict_image(image), numpy_predictor.predict_image(image)
        assert expected is not None and got is not None
        assert got.digit == expected.digit and got.sure == expected.sure
        np.testing.assert_allclose(got.probabilities, expected.probabilities, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(got.pixels, expected.pixels)
    assert numpy_predictor.predict_image(np.full((280, 280), 255, np.uint8)) is None  # blank, as torch's


class _Boom:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (print, ("this must never run",))


def test_a_file_with_code_in_it_is_left_to_torch_and_nothing_runs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "evil.pt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("evil/data.pkl", pickle.dumps({"state_dict": _Boom()}))
    with pytest.raises(numpy_lenet.NeedsTorch):
        numpy_lenet.read_state(path)
    assert "this must never run" not in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04 truncated"])
def test_other_files_are_left_to_torch(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.pt"
    path.write_bytes(content)
    with pytest.raises(numpy_lenet.NeedsTorch):
        numpy_lenet.read_state(path)


def test_weights_of_another_network_are_left_to_torch(tmp_path: Path) -> None:
    path = tmp_path / "other.pt"
    buffer = io.BytesIO()
    torch.save({"layer.weight": torch.zeros(3, 3)}, buffer)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(numpy_lenet.NeedsTorch):
        numpy_lenet.read_state(path)


@pytest.mark.parametrize(
    ("offset", "size", "stride"),
    [(-1, (6,), (1,)), (12, (2, 2), (-1, 1)), (0, (100_000, 1000), (0, 0)), (0.5, (6,), (1,)), (12, (6,), (1,))],
    ids=["negative offset", "negative stride", "zero stride, huge", "non-integer offset", "past the storage"],
)
def test_a_tensor_record_outside_its_storage_is_refused(offset, size, stride) -> None:  # type: ignore[no-untyped-def]
    """The file's own offset, size and stride never make the reader touch memory that is not the file's storage
    (``as_strided`` checks nothing) nor allocate more than LeNet's largest tensor."""
    storage = np.arange(16, dtype="<f4")
    with pytest.raises(numpy_lenet.NeedsTorch):
        numpy_lenet._rebuild_tensor(storage, offset, size, stride)
    assert numpy_lenet._rebuild_tensor(storage, 10, (6,), (1,)).tolist() == list(range(10, 16))  # a plain one reads


def test_a_small_file_that_inflates_to_a_big_one_is_left_to_torch(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pt"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb/data.pkl", pickle.dumps({}))
        archive.writestr("bomb/data/0", bytes(numpy_lenet.MAX_FILE_BYTES + 1))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(numpy_lenet.NeedsTorch, match="unpacks"):
        numpy_lenet.read_state(path)
