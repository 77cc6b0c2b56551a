"""``lenet-gui explain`` and ``evaluate --silence`` in-process, checked against independent PyTorch computations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from lenet_gui.cli import main
from lenet_gui.core.checkpoint import load_bundled, save_checkpoint
from lenet_gui.core.data import load_mnist
from lenet_gui.core.model import Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, load_image, to_model_input
from lenet_gui.core.strokes import render_strokes
from lenet_gui.resources import asset_path


@pytest.fixture(scope="module", autouse=True)
def one_thread():  # type: ignore[no-untyped-def]
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)  # explain computes on one thread, as the app's inference thread does


@pytest.fixture(scope="module")
def net() -> Net:
    model = Net().eval()
    model.load_state_dict(load_bundled().state_dict)
    return model


def drawing_file(folder: Path, digit: int) -> Path:
    strokes = json.loads(asset_path("samples", "digits.json").read_text())["digits"][str(digit)]
    path = folder / f"sample-{digit}.png"
    Image.fromarray(render_strokes([np.asarray(s["points"]) for s in strokes], (280, 280), 20.0)).save(path)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(list(argv)) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    return json.loads(out[0])  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("method", "shape"),
    [("saliency", (32, 32)), ("integrated-gradients", (32, 32)), ("grad-cam", (10, 10)), ("occlusion", (14, 14))],
)
def test_explain_json_has_every_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], net: Net, method: str, shape: tuple[int, int]
) -> None:
    image = drawing_file(tmp_path, 7)
    record = run_json(capsys, "explain", str(image), "--method", method, "--json")
    assert set(record) == {"method", "target", "contrast", "input", "map", "probabilities"}
    assert record["method"] == method and record["target"] == 7 and record["contrast"] is None
    expected_input = to_model_input(load_image(image))
    np.testing.assert_array_equal(np.array(record["input"], np.float32), expected_input)
    assert np.array(record["map"]).shape == shape
    with torch.no_grad():
        p = torch.softmax(net(torch.from_numpy(expected_input).reshape(1, 1, 32, 32)), 1)[0].numpy()
    np.testing.assert_allclose(record["probabilities"], p, atol=1e-6)


def test_explain_saliency_with_target_and_contrast_is_the_gradient_of_the_logit_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], net: Net
) -> None:
    image = drawing_file(tmp_path, 7)
    record = run_json(capsys, "explain", str(image), "--target", "7", "--contrast", "1", "--json")
    assert (record["target"], record["contrast"]) == (7, 1)
    x = torch.tensor(record["input"], dtype=torch.float32).reshape(1, 1, 32, 32).requires_grad_(True)
    logits = net(x)[0]
    (gradient,) = torch.autograd.grad(logits[7] - logits[1], x)
    np.testing.assert_allclose(record["map"], gradient[0, 0].abs().numpy(), atol=1e-6)


def test_explain_integrated_gradients_with_steps_by_an_independent_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], net: Net
) -> None:
    image = drawing_file(tmp_path, 4)
    record = run_json(capsys, "explain", str(image), "--method", "integrated-gradients", "--steps", "8", "--json")
    x = torch.tensor(record["input"], dtype=torch.float32)
    x0 = torch.full_like(x, (0.0 - MNIST_MEAN) / MNIST_STD)
    total = torch.zeros_like(x)
    for k in range(8):  # one point at a time, unlike the app's single batch
        point = (x0 + (k + 0.5) / 8 * (x - x0)).reshape(1, 1, 32, 32).requires_grad_(True)
        (gradient,) = torch.autograd.grad(net(point)[0, record["target"]], point)
        total += gradient[0, 0]
    np.testing.assert_allclose(record["map"], ((x - x0) * total / 8).numpy(), atol=1e-5)


def test_explain_out_writes_the_overlay_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = drawing_file(tmp_path, 3)
    out = tmp_path / "maps" / "overlay.png"
    out.parent.mkdir()
    assert main(["explain", str(image), "--method", "occlusion", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "occlusion for 3" in text and str(out) in text
    with Image.open(out) as png:
        assert png.size == (256, 256) and png.mode == "RGB"
    assert [p.name for p in out.parent.iterdir()] == ["overlay.png"]  # no temporary file left behind


def test_make_a_three_reaches_ninety_percent(tmp_path: Path, capsys: pytest.CaptureFixture[str], net: Net) -> None:
    image = drawing_file(tmp_path, 7)
    record = run_json(capsys, "explain", str(image), "--make", "3", "--json")
    assert {"input", "probabilities", "l2_change"} <= set(record)
    changed = np.array(record["input"], np.float32)
    with torch.no_grad():
        p = torch.softmax(net(torch.from_numpy(changed).reshape(1, 1, 32, 32)), 1)[0].numpy()
    np.testing.assert_allclose(record["probabilities"], p, atol=1e-6)
    assert p[3] >= 0.9
    original = to_model_input(load_image(image))
    assert original is not None
    l2 = float(np.sqrt(((changed.astype(np.float64) - original) ** 2).sum()))
    assert record["l2_change"] == pytest.approx(l2, rel=1e-4) and 0 < l2 < 30
    assert main(["explain", str(image), "--make", "3"]) == 0
    assert "made it a 3" in capsys.readouterr().out


def test_problems_are_one_sentence_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (100, 100), 255).save(blank)
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("hello")
    image = drawing_file(tmp_path, 7)
    for argv, words in [
        (["explain", str(blank)], "blank"),
        (["explain", str(not_an_image)], "notes.png"),
        (["explain", str(tmp_path / "missing.png")], "no such file"),
        (["explain", str(image), "--target", "7", "--contrast", "7"], "contrast"),
        (["explain", str(image), "--target", "12"], "0-9"),
        (["explain", str(image), "--make", "3", "--method", "occlusion"], "--make"),
        (["explain", str(image), "--method", "integrated-gradients", "--steps", "0"], "steps"),
        (["explain", str(image), "--weights", str(not_an_image)], "notes.png"),
        (["evaluate", "--silence", "conv9:1"], "LAYER:UNIT"),
        (["evaluate", "--silence", "fc1:120"], "0-119"),
    ]:
        assert main(argv) == 2, argv
        error = capsys.readouterr().err
        assert error.startswith("lenet-gui: ") and words in error and "Traceback" not in error
        assert len(error.strip().splitlines()) == 1


def test_explain_uses_the_weights_it_is_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    torch.manual_seed(0)
    untrained = Net()
    weights = save_checkpoint(tmp_path / "untrained.pt", untrained.state_dict())
    image = drawing_file(tmp_path, 7)
    record = run_json(capsys, "explain", str(image), "--weights", str(weights), "--method", "grad-cam", "--json")
    with torch.no_grad():
        p = torch.softmax(untrained(torch.tensor(record["input"]).reshape(1, 1, 32, 32)), 1)[0].numpy()
    np.testing.assert_allclose(record["probabilities"], p, atol=1e-6)
    assert record["target"] == int(p.argmax())


@pytest.mark.mnist
def test_evaluate_silence_matches_an_independent_loop(
    mnist_dir: Path, capsys: pytest.CaptureFixture[str], net: Net
) -> None:
    limit = 500
    argv = ["evaluate", "--silence", "conv1:3,conv2:7,fc1:15", "--limit", str(limit), "--data-dir", str(mnist_dir)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "silenced conv1:3,conv2:7,fc1:15" in out
    found = re.search(r"MNIST test accuracy: ([\d.]+)% \((\d+)/(\d+)\)", out)
    assert found and int(found[3]) == limit

    test_set = load_mnist(mnist_dir, train=False, download=False)
    images = test_set.images[:limit].float() / 255.0
    x = ((F.pad(images, (2, 2, 2, 2)) - MNIST_MEAN) / MNIST_STD)[:, None]
    with torch.no_grad():  # the tutorial's forward with the three outputs zeroed after their ReLU
        a = F.relu(net.conv1(x))
        a[:, 3] = 0
        a = F.relu(net.conv2(F.max_pool2d(a, 2)))
        a[:, 7] = 0
        a = F.relu(net.fc1(torch.flatten(F.max_pool2d(a, 2), 1)))
        a[:, 15] = 0
        predicted = net.fc3(F.relu(net.fc2(a))).argmax(1)
    assert int(found[2]) == int((predicted == test_set.labels[:limit]).sum())
