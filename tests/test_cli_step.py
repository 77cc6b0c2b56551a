"""``lenet-gui step`` in-process: the JSON against an independent autograd step, --out, and the errors."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from lenet_gui.cli import main
from lenet_gui.commands import step as step_command
from lenet_gui.core import stepper, threads
from lenet_gui.core.checkpoint import load_bundled, load_checkpoint
from lenet_gui.core.preprocess import load_image, normalize
from tests.core.test_stepper import PARAMETER_NAMES, reference_step

KEYS = {
    "input",
    "loss_name",
    "loss",
    "grad_fn",
    "conv1_bias_grad_before",
    "conv1_bias_grad_after",
    "gradient_norms",
    "probabilities_before",
    "probabilities_after",
    "max_abs_change",
}


@pytest.fixture(autouse=True)
def default_threads_afterwards() -> Iterator[None]:
    """The command sets one thread for itself (as predict does); later tests get the default back."""
    yield
    threads.use_default_threads()


@pytest.fixture()
def seven(tmp_path: Path) -> Path:
    image = Image.new("L", (240, 240), 255)
    ImageDraw.Draw(image).line([(50, 40), (190, 40), (100, 210)], fill=0, width=16, joint="curve")
    path = tmp_path / "seven.png"
    image.save(path)
    return path


def _step_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["step", *argv, "--json"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1  # one object, nothing else on stdout
    record: dict[str, object] = json.loads(out)
    return record


@pytest.mark.parametrize(("loss_name", "label", "lr"), [("mse", 7, 0.01), ("cross-entropy", 2, 0.05)])
def test_json_matches_an_independent_step(
    capsys: pytest.CaptureFixture[str], seven: Path, loss_name: str, label: int, lr: float
) -> None:
    got = _step_json(capsys, str(seven), "--label", str(label), "--loss", loss_name, "--lr", str(lr))
    assert set(got) == KEYS
    normalized = normalize(load_image(seven))
    assert normalized is not None
    model_input = np.array(got["input"], np.float32)
    assert model_input.shape == (32, 32)
    np.testing.assert_array_equal(model_input, normalized.model_input)  # the same preprocessing as predict

    batch = stepper.batch_for_input(normalized.model_input, label)
    ref = reference_step(load_bundled().state_dict, batch, lr, loss_name)
    grads = ref["grads"]
    assert isinstance(grads, dict)
    assert got["loss_name"] == loss_name
    assert got["loss"] == pytest.approx(ref["loss"], rel=1e-5, abs=1e-5)
    assert got["grad_fn"] == list(ref["grad_fn"])  # type: ignore[call-overload]
    assert got["conv1_bias_grad_before"] == [0.0] * 6
    np.testing.assert_allclose(got["conv1_bias_grad_after"], grads["conv1.bias"].numpy(), atol=1e-5)
    norms, changes = got["gradient_norms"], got["max_abs_change"]
    assert isinstance(norms, dict) and isinstance(changes, dict)
    assert list(norms) == PARAMETER_NAMES and list(changes) == PARAMETER_NAMES
    for name in PARAMETER_NAMES:
        gradient = grads[name]
        assert norms[name] == pytest.approx(float(gradient.norm()), rel=1e-5, abs=1e-5)
        assert changes[name] == pytest.approx(lr * float(gradient.abs().max()), rel=1e-5, abs=1e-6)
    for key in ("probabilities_before", "probabilities_after"):
        values = got[key]
        assert isinstance(values, list) and len(values) == 10
        assert sum(values) == pytest.approx(1.0, abs=1e-5)
    np.testing.assert_allclose(got["probabilities_before"], ref["before"], atol=1e-5)
    np.testing.assert_allclose(got["probabilities_after"], ref["after"], atol=1e-5)


def test_out_saves_the_stepped_weights_for_the_apps_loader(
    capsys: pytest.CaptureFixture[str], seven: Path, tmp_path: Path
) -> None:
    out = tmp_path / "stepped.pt"
    first = _step_json(capsys, str(seven), "--label", "3", "--lr", "0.02", "--out", str(out))
    checkpoint = load_checkpoint(out)
    assert checkpoint.metadata["kind"] == "training-step"
    assert checkpoint.metadata["step"]["label"] == 3 and checkpoint.metadata["step"]["learning_rate"] == 0.02
    normalized = normalize(load_image(seven))
    assert normalized is not None
    ref = reference_step(load_bundled().state_dict, stepper.batch_for_input(normalized.model_input, 3), 0.02, "mse")
    new = ref["new"]
    assert isinstance(new, dict)
    for name in PARAMETER_NAMES:
        np.testing.assert_allclose(checkpoint.state_dict[name].numpy(), new[name].numpy(), atol=1e-6)
    # Stepping on from the saved file starts where the first step ended.
    second = _step_json(capsys, str(seven), "--label", "3", "--weights", str(out))
    np.testing.assert_allclose(second["probabilities_before"], first["probabilities_after"], atol=1e-6)


def test_the_phases_print_readably(capsys: pytest.CaptureFixture[str], seven: Path, tmp_path: Path) -> None:
    out = tmp_path / "w.pt"
    assert main(["step", str(seven), "--label", "7", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    for line in (
        "1. zero_grad    net.zero_grad()",
        "conv1.bias.grad before backward",
        "2. forward",
        "MseLossBackward0 -> AddmmBackward0",
        "4. backward     loss.backward()",
        "conv1.bias.grad after backward",
        "5. update       weight = weight - learning_rate * gradient",
        "<- label",
        f"saved {out}",
    ):
        assert line in text


@pytest.mark.parametrize(
    ("make", "argv", "message"),
    [
        ("blank", [], "is blank"),
        ("junk", [], "cannot read the image"),
        ("missing", [], "no such file"),
        ("seven", ["--lr", "nan"], "--lr"),
        ("bad-weights", [], "weights.pt"),
    ],
)
def test_errors_are_one_sentence_and_exit_2(
    capsys: pytest.CaptureFixture[str], seven: Path, tmp_path: Path, make: str, argv: list[str], message: str
) -> None:
    path = tmp_path / f"{make}.png"
    if make == "blank":
        Image.new("L", (60, 60), 255).save(path)
    elif make == "junk":
        path.write_bytes(b"this is not a picture")
    elif make in ("seven", "bad-weights"):
        path = seven
    if make == "bad-weights":
        weights = tmp_path / "weights.pt"
        torch.save({"conv1.weight": torch.zeros(3)}, weights)
        argv = ["--weights", str(weights)]
    assert main(["step", str(path), "--label", "1", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lenet-gui: ") and message in lines[0]
    assert "Traceback" not in captured.err


def test_a_label_outside_0_to_9_is_a_usage_error(capsys: pytest.CaptureFixture[str], seven: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["step", str(seven), "--label", "10"])
    assert exit_info.value.code == 2
    assert "--label" in capsys.readouterr().err


def test_the_command_module_loads_no_torch_at_import_and_shares_the_stepper_defaults() -> None:
    tree = ast.parse(Path(step_command.__file__).read_text())
    top_level = {
        alias.name.split(".")[0]
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert not top_level & {"torch", "numpy", "PIL"}
    assert step_command.DEFAULT_LEARNING_RATE == stepper.DEFAULT_LEARNING_RATE
    assert step_command.LOSS_NAMES == stepper.LOSS_NAMES
    assert step_command.LOSS_NAMES[0] == stepper.DEFAULT_LOSS


def test_saving_into_a_missing_folder_works_and_an_unwritable_target_is_a_user_error(
    capsys: pytest.CaptureFixture[str], seven: Path, tmp_path: Path
) -> None:
    nested = tmp_path / "new" / "folder" / "w.pt"
    _step_json(capsys, str(seven), "--label", "7", "--out", str(nested))
    assert load_checkpoint(nested).metadata["started_from"] == "bundled"
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["step", str(seven), "--label", "7", "--out", str(blocker / "w.pt")]) == 2
    assert "cannot save" in capsys.readouterr().err
