import os
import pickle
from pathlib import Path

import pytest
import torch

from lenet_gui.core.checkpoint import (
    CheckpointError,
    bundled_weights_path,
    load_checkpoint,
    save_checkpoint,
)
from lenet_gui.core.model import ARCHITECTURE, Net


def _state() -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    return Net().state_dict()


def test_round_trip_keeps_weights_and_describes_itself(tmp_path: Path) -> None:
    state = _state()
    path = save_checkpoint(tmp_path / "w.pt", state, epochs=3, test_accuracy=0.991)
    loaded = load_checkpoint(path)
    for key, tensor in state.items():
        torch.testing.assert_close(loaded.state_dict[key], tensor)
    meta = loaded.metadata
    assert meta["architecture"] == ARCHITECTURE
    assert meta["epochs"] == 3 and loaded.test_accuracy == pytest.approx(0.991)
    assert meta["normalization"] == {"mean": 0.1307, "std": 0.3081}
    assert {"lenet_gui", "torch", "python"} <= set(meta["versions"])
    assert meta["created"][:2] == "20"


def test_a_bare_state_dict_from_the_tutorial_is_accepted(tmp_path: Path) -> None:
    torch.save(_state(), tmp_path / "bare.pt")
    assert set(load_checkpoint(tmp_path / "bare.pt").state_dict) == set(_state())


def test_save_leaves_no_temp_file_and_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = save_checkpoint(tmp_path / "w.pt", _state(), epochs=1)
    before = target.read_bytes()

    def broken_save(obj: object, f: object) -> None:
        f.write(b"half a file")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="No space"):
        save_checkpoint(target, _state(), epochs=2)
    assert target.read_bytes() == before  # the old file is untouched
    assert os.listdir(tmp_path) == ["w.pt"]  # and the half-written temp file is gone


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    good = save_checkpoint(tmp_path / "w.pt", _state()).read_bytes()
    bad = tmp_path / "truncated.pt"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(CheckpointError, match="truncated.pt: not a readable PyTorch weights file"):
        load_checkpoint(bad)


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "noise.pt"
    bad.write_bytes(os.urandom(5000))
    with pytest.raises(CheckpointError, match="noise.pt"):
        load_checkpoint(bad)


def test_empty_and_missing_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.pt").write_bytes(b"")
    with pytest.raises(CheckpointError, match="empty.pt"):
        load_checkpoint(tmp_path / "empty.pt")
    with pytest.raises(CheckpointError, match="no such file"):
        load_checkpoint(tmp_path / "nope.pt")
    with pytest.raises(CheckpointError, match="not a file"):
        load_checkpoint(tmp_path)


def test_wrong_shapes_are_refused(tmp_path: Path) -> None:
    state = _state()
    state["fc1.weight"] = torch.zeros(100, 400)
    torch.save({"state_dict": state}, tmp_path / "wide.pt")
    with pytest.raises(CheckpointError, match=r"fc1.weight has shape \[100, 400\], LeNet needs \[120, 400\]"):
        load_checkpoint(tmp_path / "wide.pt")


def test_other_architectures_are_refused(tmp_path: Path) -> None:
    torch.save(torch.nn.Linear(3, 2).state_dict(), tmp_path / "linear.pt")
    with pytest.raises(CheckpointError, match="not the tutorial's LeNet"):
        load_checkpoint(tmp_path / "linear.pt")
    torch.save({"state_dict": _state(), "architecture": "resnet18"}, tmp_path / "named.pt")
    with pytest.raises(CheckpointError, match="resnet18"):
        load_checkpoint(tmp_path / "named.pt")
    torch.save([1, 2, 3], tmp_path / "list.pt")
    with pytest.raises(CheckpointError, match="holds a list"):
        load_checkpoint(tmp_path / "list.pt")


def test_non_finite_weights_are_refused(tmp_path: Path) -> None:
    state = _state()
    state["conv2.bias"][3] = float("nan")
    torch.save(state, tmp_path / "nan.pt")
    with pytest.raises(CheckpointError, match="conv2.bias contains NaN"):
        load_checkpoint(tmp_path / "nan.pt")


class _Payload:
    """Unpickling this would create a file: the proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_pickle_that_runs_code_is_refused_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "payload-ran"
    evil = tmp_path / "evil.pt"
    torch.save({"state_dict": _state(), "extra": _Payload(marker)}, evil)
    assert not marker.exists()
    with pytest.raises(CheckpointError, match="refused") as error:
        load_checkpoint(evil)
    assert "nothing in it was executed" in str(error.value)
    assert not marker.exists()

    raw = tmp_path / "evil.pkl"  # a plain (non-zip) pickle too
    raw.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(CheckpointError):
        load_checkpoint(raw)
    assert not marker.exists()


def test_bundled_weights_ship_and_load() -> None:
    path = bundled_weights_path()
    assert path.is_file(), f"bundled weights missing at {path}"
    assert path.stat().st_size < 1_000_000
    checkpoint = load_checkpoint(path)
    assert checkpoint.test_accuracy is not None and checkpoint.test_accuracy >= 0.995
