import os
import pickle
import time
import warnings
from pathlib import Path

import pytest
import torch
from PIL import Image

from lenet_gui.core.checkpoint import (
    MAX_WEIGHTS_BYTES,
    CheckpointError,
    bundled_weights_path,
    list_weights,
    load_checkpoint,
    save_checkpoint,
)
from lenet_gui.core.errors import (
    DamagedWeightsError,
    NotWeightsFileError,
    UnsafeWeightsError,
    UserError,
    WeightsFileError,
    WrongArchitectureError,
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
    with pytest.raises(DamagedWeightsError, match=r"^truncated.pt is a damaged PyTorch weights file") as error:
        load_checkpoint(bad)
    assert "central directory" in error.value.details


def test_random_bytes_are_not_weights(tmp_path: Path) -> None:
    bad = tmp_path / "noise.pt"
    bad.write_bytes(b"\x13" + os.urandom(5000))  # not a zip's or a pickle's first byte
    with pytest.raises(NotWeightsFileError, match=r"^noise.pt is not a PyTorch weights file\.$") as error:
        load_checkpoint(bad)
    assert "Please file an issue" not in error.value.details


def test_a_picture_renamed_pt_is_called_a_picture_not_an_attack(tmp_path: Path) -> None:
    picture = tmp_path / "digit.pt"
    Image.new("L", (28, 28), 255).save(picture, format="PNG")
    with pytest.raises(
        NotWeightsFileError, match="^digit.pt is not a PyTorch weights file: it is a PNG picture.$"
    ) as e:
        load_checkpoint(picture)
    assert e.value.details.startswith("Unsupported operand")  # the library's own reason, kept
    assert not isinstance(e.value, UnsafeWeightsError)


def test_each_weights_problem_is_a_user_error_with_one_sentence(tmp_path: Path) -> None:
    good = save_checkpoint(tmp_path / "w.pt", _state()).read_bytes()
    cases = {
        "damaged.pt": (good[:-300], DamagedWeightsError),
        "picture.pt": (b"\x89PNG\r\n\x1a\n" + os.urandom(100), NotWeightsFileError),
        "empty.pt": (b"", NotWeightsFileError),
    }
    for name, (content, kind) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(kind) as error:
            load_checkpoint(tmp_path / name)
        assert isinstance(error.value, UserError) and isinstance(error.value, ValueError)  # old except sites
        sentence = str(error.value)
        assert sentence.startswith(name) and sentence.endswith(".") and "\n" not in sentence
        assert "Please" not in sentence + error.value.details


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
    with pytest.raises(WrongArchitectureError, match="wide.pt holds weights made for another network") as error:
        load_checkpoint(tmp_path / "wide.pt")
    assert error.value.details == "fc1.weight has shape [100, 400], LeNet needs [120, 400]"


def test_other_architectures_are_refused(tmp_path: Path) -> None:
    torch.save(torch.nn.Linear(3, 2).state_dict(), tmp_path / "linear.pt")
    with pytest.raises(WrongArchitectureError, match="not the tutorial's LeNet") as error:
        load_checkpoint(tmp_path / "linear.pt")
    assert "missing conv1.bias" in error.value.details and "unexpected bias, weight" in error.value.details
    torch.save({"state_dict": _state(), "architecture": "resnet18"}, tmp_path / "named.pt")
    with pytest.raises(WrongArchitectureError, match="resnet18"):
        load_checkpoint(tmp_path / "named.pt")
    torch.save([1, 2, 3], tmp_path / "list.pt")
    with pytest.raises(NotWeightsFileError, match="holds a list"):
        load_checkpoint(tmp_path / "list.pt")


def test_non_finite_weights_are_refused(tmp_path: Path) -> None:
    state = _state()
    state["conv2.bias"][3] = float("nan")
    torch.save(state, tmp_path / "nan.pt")
    with pytest.raises(WeightsFileError, match="nan.pt holds NaN or infinite values") as error:
        load_checkpoint(tmp_path / "nan.pt")
    assert error.value.details == "conv2.bias contains NaN or infinite values"


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
    with pytest.raises(UnsafeWeightsError, match="refused") as error:
        load_checkpoint(evil)
    assert "nothing in it was executed" in str(error.value)
    assert error.value.details.startswith("Unsupported global")  # torch's reason, without its page of advice
    assert not marker.exists()

    for protocol in (2, pickle.HIGHEST_PROTOCOL):  # a plain (non-zip) pickle too, whatever its protocol
        raw = tmp_path / f"evil-{protocol}.pkl"
        raw.write_bytes(pickle.dumps(_Payload(marker), protocol=protocol))
        with pytest.raises(UnsafeWeightsError, match="carries code"):
            load_checkpoint(raw)
    assert not marker.exists()


def test_a_blocked_module_is_named_in_the_details_not_torchs_advice(tmp_path: Path) -> None:
    """torch words some refusals "Trying to load unsupported GLOBAL posix.system whose module posix is blocked"
    after a paragraph of advice to load unsafely: the details keep the line that names the code, not the advice."""
    evil = tmp_path / "evil.pt"
    torch.save({"state_dict": _SystemCall()}, evil)
    with pytest.raises(UnsafeWeightsError, match="carries code") as error:
        load_checkpoint(evil)
    assert "system" in error.value.details and "Weights only load failed" not in error.value.details
    assert "weights_only" not in error.value.details


class _SystemCall:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("true",))


def test_a_whole_saved_model_says_to_save_its_state_dict(tmp_path: Path) -> None:
    """``torch.save(net)`` instead of ``torch.save(net.state_dict())``: refused (loading it runs code), and the
    sentence says what to do instead."""
    torch.save(torch.nn.Linear(2, 2), tmp_path / "model.pt")
    with pytest.raises(UnsafeWeightsError) as error:
        load_checkpoint(tmp_path / "model.pt")
    sentence = str(error.value)
    assert sentence.startswith("model.pt was refused: it holds a whole saved model") and "state_dict()" in sentence
    assert "torch.nn.modules.linear.Linear" in error.value.details


def test_a_plain_pickle_is_refused_without_torchs_protocol_warning(tmp_path: Path) -> None:
    raw = tmp_path / "numbers.pt"
    raw.write_bytes(pickle.dumps([1, 2, 3], protocol=4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # torch's "Detected pickle protocol 4" would fail the test
        with pytest.raises(WeightsFileError):
            load_checkpoint(raw)


def test_old_names_and_except_sites_still_catch_weights_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.pt").write_bytes(b"not weights")
    with pytest.raises(CheckpointError):
        load_checkpoint(tmp_path / "bad.pt")
    with pytest.raises(ValueError):
        load_checkpoint(tmp_path / "bad.pt")


def _as_a_killed_save_left_it(folder: Path, name: str, age_seconds: float) -> Path:
    """A temporary file as ``save_checkpoint`` names them, half-written, last modified ``age_seconds`` ago."""
    litter = folder / f".{name}.k1ll3d.tmp"
    litter.write_bytes(b"PK\x03\x04 half a file")
    when = time.time() - age_seconds
    os.utime(litter, (when, when))
    return litter


def test_saving_or_listing_weights_cleans_what_killed_saves_left(tmp_path: Path) -> None:
    old = _as_a_killed_save_left_it(tmp_path, "lenet-20250101-100000.pt", age_seconds=3600)
    recent = _as_a_killed_save_left_it(tmp_path, "fine-tuned-20250101-100000.pt", age_seconds=5)
    other = tmp_path / ".hidden-notes.txt"  # not ours: never touched
    other.write_text("mine")
    os.utime(other, (0, 0))
    save_checkpoint(tmp_path / "w.pt", _state())
    assert not old.exists(), "an hour-old temporary file belongs to no running save"
    assert recent.exists(), "a save running now may own a recent one"
    assert other.exists()

    again = _as_a_killed_save_left_it(tmp_path, "w.pt", age_seconds=3600)
    listed = list_weights(tmp_path)
    assert not again.exists() and recent.exists()
    assert [Path(info.path).name for info in listed if info.path] == ["w.pt"]


def test_bundled_weights_ship_and_load() -> None:
    path = bundled_weights_path()
    assert path.is_file(), f"bundled weights missing at {path}"
    assert path.stat().st_size < 1_000_000
    checkpoint = load_checkpoint(path)
    assert checkpoint.test_accuracy is not None and checkpoint.test_accuracy >= 0.995


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_or_a_huge_file_is_never_read_as_weights(tmp_path: Path) -> None:
    pipe = tmp_path / "p.pt"
    os.mkfifo(pipe)
    with pytest.raises(WeightsFileError, match="not a file"):
        load_checkpoint(pipe)
    huge = tmp_path / "huge.pt"
    with huge.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_WEIGHTS_BYTES + 1)
    with pytest.raises(NotWeightsFileError, match="far too large"):
        load_checkpoint(huge)
