"""``lenet-gui export --onnx``: the file onnxruntime runs gives PyTorch's logits, for any batch size, and says in its
metadata how to prepare the input. In-process through ``cli.main`` (one export is several seconds of tracing)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from lenet_gui.cli import main
from lenet_gui.core import export
from lenet_gui.core.checkpoint import load_bundled, save_checkpoint
from lenet_gui.core.data import to_model_batch
from lenet_gui.core.model import Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD

onnx = pytest.importorskip("onnx", reason='the export extra: pip install "lenet-gui[export]"')
pytest.importorskip("onnxscript", reason='the export extra: pip install "lenet-gui[export]"')
ort = pytest.importorskip("onnxruntime", reason="onnxruntime is in the test extra")

TOLERANCE = 1e-4


def _session(path: Path) -> Any:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # the test machines are small and shared
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _torch_logits(state_dict: dict[str, torch.Tensor], inputs: np.ndarray) -> np.ndarray:
    model = Net().eval()
    model.load_state_dict(state_dict)
    with torch.no_grad():
        logits: np.ndarray = model(torch.from_numpy(inputs)).numpy()
    return logits


def _export(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def bundled_onnx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "lenet.onnx"
    assert main(["export", "--onnx", str(out)]) == 0
    return out


def test_onnxruntime_gives_pytorchs_logits_on_random_inputs_at_batch_1_and_200(bundled_onnx: Path) -> None:
    session = _session(bundled_onnx)
    state = load_bundled().state_dict
    rng = np.random.default_rng(0)
    # Inputs on the standardized scale, as real digits are: 0..1 pixels, mostly background.
    pixels = (rng.random((200, 1, 32, 32)) * (rng.random((200, 1, 32, 32)) < 0.2)).astype(np.float32)
    inputs = ((pixels - MNIST_MEAN) / MNIST_STD).astype(np.float32)
    for batch in (inputs[:1], inputs):
        (logits,) = session.run(["logits"], {"input": batch})
        assert logits.shape == (len(batch), 10)
        np.testing.assert_allclose(logits, _torch_logits(state, batch), rtol=0, atol=TOLERANCE)


@pytest.mark.mnist
def test_onnxruntime_gives_pytorchs_logits_on_200_mnist_test_digits(bundled_onnx: Path, mnist_test_set: Any) -> None:
    digits = mnist_test_set.head(200)
    inputs = to_model_batch(digits.images).numpy()
    session = _session(bundled_onnx)
    state = load_bundled().state_dict
    expected = _torch_logits(state, inputs)
    (logits,) = session.run(["logits"], {"input": inputs})
    np.testing.assert_allclose(logits, expected, rtol=0, atol=TOLERANCE)
    (single,) = session.run(["logits"], {"input": inputs[:1]})
    np.testing.assert_allclose(single, expected[:1], rtol=0, atol=TOLERANCE)
    # And it reads them: the bundled weights get (nearly) all of the first 200 right.
    accuracy = float((logits.argmax(axis=1) == digits.labels.numpy()).mean())
    assert accuracy >= 0.98


def test_the_file_describes_its_input_and_has_a_free_batch_axis(bundled_onnx: Path) -> None:
    model = onnx.load(str(bundled_onnx))
    onnx.checker.check_model(model, full_check=True)
    metadata = {entry.key: entry.value for entry in model.metadata_props}
    assert float(metadata["normalization_mean"]) == MNIST_MEAN
    assert float(metadata["normalization_std"]) == MNIST_STD
    for phrase in ("centre of mass", "(x - 0.1307) / 0.3081", "32x32", "logits"):
        assert phrase in metadata["preprocessing"]
    assert metadata["labels"] == "0,1,2,3,4,5,6,7,8,9"
    assert metadata["weights"] == "bundled"
    (graph_input,) = model.graph.input
    dims = graph_input.type.tensor_type.shape.dim
    assert graph_input.name == "input"
    assert dims[0].dim_param and [d.dim_value for d in dims[1:]] == [1, 32, 32]
    assert [o.name for o in model.graph.output] == ["logits"]
    # One self-contained file: no external weights beside it.
    assert not any(init.data_location == onnx.TensorProto.EXTERNAL for init in model.graph.initializer)
    # What onnxruntime users read the metadata with.
    assert _session(bundled_onnx).get_modelmeta().custom_metadata_map["normalization_std"] == "0.3081"


def test_weights_option_exports_those_weights_over_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    torch.manual_seed(3)
    state = Net().state_dict()  # a fresh random network: far from the bundled one
    weights = save_checkpoint(tmp_path / "random.pt", state)
    out = tmp_path / "random.onnx"
    out.write_bytes(b"an older export")
    code, stdout, stderr = _export("--onnx", str(out), "--weights", str(weights), capsys=capsys)
    assert code == 0, stderr
    assert str(out) in stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["random.onnx", "random.pt"]  # no temp file left
    inputs = np.random.default_rng(1).standard_normal((5, 1, 32, 32)).astype(np.float32)
    (logits,) = _session(out).run(["logits"], {"input": inputs})
    np.testing.assert_allclose(logits, _torch_logits(state, inputs), rtol=0, atol=TOLERANCE)


def test_without_the_onnx_packages_it_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "onnxscript", None)  # `import onnxscript` now raises ImportError
    out = tmp_path / "lenet.onnx"
    code, _, stderr = _export("--onnx", str(out), capsys=capsys)
    assert code == 2
    assert 'pip install "lenet-gui[export]"' in stderr and "onnxscript" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_an_unreadable_weights_file_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a weights file")
    out = tmp_path / "lenet.onnx"
    code, _, stderr = _export("--onnx", str(out), "--weights", str(bad), capsys=capsys)
    assert code == 2
    assert stderr.startswith("lenet-gui: bad.pt is not a PyTorch weights file")
    assert not out.exists()


def test_a_failed_write_leaves_the_previous_file_untouched(
    bundled_onnx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    traced = onnx.load(str(bundled_onnx))
    del traced.metadata_props[:]
    monkeypatch.setattr(export, "_trace", lambda model: traced)  # skips the slow tracing

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    out = tmp_path / "lenet.onnx"
    out.write_bytes(b"the previous export")
    with pytest.raises(OSError, match="No space left"):
        export.export_onnx(out, load_bundled().state_dict)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["lenet.onnx"]


def test_a_numpy_weights_snapshot_is_exported_as_given(
    bundled_onnx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app keeps weights snapshots as numpy arrays; File ▸ Export… hands one over as it is."""
    traced = onnx.load(str(bundled_onnx))
    del traced.metadata_props[:]
    seen: list[Net] = []

    def trace(model: Net) -> Any:
        seen.append(model)
        return traced

    monkeypatch.setattr(export, "_trace", trace)
    torch.manual_seed(7)
    snapshot = {name: tensor.numpy() for name, tensor in Net().state_dict().items()}
    out = export.export_onnx(tmp_path / "snapshot.onnx", snapshot, source="a snapshot")
    (model,) = seen
    for name, tensor in model.state_dict().items():
        np.testing.assert_array_equal(tensor.numpy(), snapshot[name], err_msg=name)
    metadata = {entry.key: entry.value for entry in onnx.load(str(out)).metadata_props}
    assert metadata["weights"] == "a snapshot" and "mnist_test_accuracy" not in metadata
