"""The command line the recipe editor shows repeats the run: every configuration survives the trip through
``lenet-gui train``'s own parser, and bad values are refused in one sentence."""

from __future__ import annotations

import shlex
from dataclasses import replace

import pytest

from lenet_gui.cli import build_parser
from lenet_gui.core.config import BUNDLED_AUGMENTATION, FAST, Augmentation
from lenet_gui.core.recipe_command import command_line, config_from_options, decided_by_command_line

CONFIGS = [
    FAST,
    replace(FAST, seed=None),
    replace(FAST, epochs=5, batch_size=256, learning_rate=0.05, optimizer="adam", schedule="cosine", seed=7),
    replace(FAST, weight_decay=0.0, label_smoothing=0.0, device="auto", seed=123456789),
    replace(FAST, augment=True, augmentation=BUNDLED_AUGMENTATION),
    replace(
        FAST,
        augment=True,
        augmentation=Augmentation(rotation=20.0, scale=(0.7, 1.3), shift=4.0, shear=0.3, elastic=1.5, stroke=0.5),
        schedule="constant",
    ),
    replace(FAST, augment=False, augmentation=Augmentation(rotation=45.0)),  # knobs of an augmentation that is off
]


def parsed(line: str):  # type: ignore[no-untyped-def]
    words = shlex.split(line)
    assert words[0] == "lenet-gui"
    return build_parser().parse_args(words[1:])


@pytest.mark.parametrize("config", CONFIGS)
def test_the_command_line_gives_back_the_configuration(config) -> None:  # type: ignore[no-untyped-def]
    line = command_line(config, out="my weights.pt")
    options = parsed(line)
    assert options.out == "my weights.pt"
    assert config_from_options(options) == decided_by_command_line(config), line


def test_the_line_reads_on_its_own() -> None:
    line = command_line(replace(FAST, seed=3))
    assert line.startswith("lenet-gui train --recipe fast --epochs 2 --batch-size 256 --lr 0.3 --optimizer sgd")
    assert "--no-augment" in line and "--seed 3" in line and "--rotation" not in line


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--label-smoothing", "1"], "label smoothing"),
        (["--weight-decay", "-1"], "weight decay"),
        (["--scale", "1.2", "0.8"], "scale range"),
        (["--lr", "0"], "learning rate"),
    ],
)
def test_bad_values_are_refused_in_a_sentence(arguments: list[str], words: str) -> None:
    options = build_parser().parse_args(["train", *arguments])
    with pytest.raises(ValueError, match=words):
        config_from_options(options)
