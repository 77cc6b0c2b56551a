import torch
import torch.nn.functional as F

from lenet_gui.core.model import (
    ACTIVATION_NAMES,
    TOTAL_PARAMETERS,
    Net,
    count_parameters,
    format_summary,
    parameter_table,
)

TUTORIAL_PRINT = """Net(
  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))
  (fc1): Linear(in_features=400, out_features=120, bias=True)
  (fc2): Linear(in_features=120, out_features=84, bias=True)
  (fc3): Linear(in_features=84, out_features=10, bias=True)
)"""


def test_print_matches_the_tutorial_output() -> None:
    assert str(Net()) == TUTORIAL_PRINT


def test_parameters_match_the_tutorial() -> None:
    params = list(Net().parameters())
    assert len(params) == 10
    assert params[0].size() == torch.Size([6, 1, 5, 5])
    assert count_parameters(Net()) == TOTAL_PARAMETERS == 61_706


def test_forward_gives_ten_scores_per_image() -> None:
    torch.manual_seed(0)
    out = Net()(torch.randn(3, 1, 32, 32))
    assert out.shape == (3, 10)


def test_activations_are_the_forward_pass_kept() -> None:
    torch.manual_seed(0)
    model = Net()
    x = torch.randn(2, 1, 32, 32)
    stages = model.forward_with_activations(x)
    assert tuple(stages) == ACTIVATION_NAMES
    shapes = {name: tuple(t.shape[1:]) for name, t in stages.items()}
    assert shapes == {
        "conv1": (6, 28, 28),
        "pool1": (6, 14, 14),
        "conv2": (16, 10, 10),
        "pool2": (16, 5, 5),
        "fc1": (120,),
        "fc2": (84,),
        "logits": (10,),
    }
    torch.testing.assert_close(stages["logits"], model(x))


def test_parameter_table_lists_every_tensor_with_its_count() -> None:
    rows = parameter_table(Net())
    assert [r.name for r in rows] == [
        "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight",
        "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias",
    ]  # fmt: skip
    assert rows[0].shape == (6, 1, 5, 5) and rows[0].count == 150
    assert rows[4].shape == (120, 400) and rows[4].count == 48_000
    assert sum(r.count for r in rows) == 61_706


def test_summary_is_returned_not_printed(capsys) -> None:  # type: ignore[no-untyped-def]
    text = format_summary(Net())
    assert capsys.readouterr().out == ""
    assert text.startswith(TUTORIAL_PRINT)
    assert "fc1.weight" in text and "[120, 400]" in text
    assert text.splitlines()[-1].split()[-1] == "61,706"


def test_forward_computes_exactly_the_tutorials_function() -> None:
    """Net.forward pools before its ReLU (faster); the result must equal the tutorial's order bit for bit."""

    torch.manual_seed(1)
    model = Net()
    x = torch.randn(16, 1, 32, 32)

    def tutorial_forward(x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(model.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(model.conv2(x)), 2)
        x = x.view(-1, 400)
        x = F.relu(model.fc1(x))
        x = F.relu(model.fc2(x))
        return model.fc3(x)

    assert torch.equal(model(x), tutorial_forward(x))
