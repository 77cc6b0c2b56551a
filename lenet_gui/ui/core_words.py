"""Core's sentences about fine-tuning in the window's language.

Core writes English (the CLI prints it) and names each sentence with a key and its numbers (``core.events.Words``).
In English the window shows core's own text, plurals and all; in another language it looks the key up here and
fills in the numbers. A key it does not know keeps core's English, so a sentence added to core shows (in English)
before its translation exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from lenet_gui.ui import i18n


def _templates() -> dict[str, str]:
    return {
        # what fine-tuning is doing (the status line)
        "generating": QCoreApplication.translate(
            "CoreWords", "MNIST is not on this computer: generating digits to practise on instead…"
        ),
        "measuring_before": QCoreApplication.translate(
            "CoreWords", "Measuring the current weights on the MNIST test set…"
        ),
        "training": QCoreApplication.translate("CoreWords", "Fine-tuning on {count} of your examples…"),
        "measuring_after": QCoreApplication.translate("CoreWords", "Measuring the new weights on the MNIST test set…"),
        "checking": QCoreApplication.translate("CoreWords", "Checking on drawings the network did not train on…"),
        # the report's notes
        "offline": QCoreApplication.translate(
            "CoreWords",
            "MNIST is not on this computer, so MNIST accuracy could not be checked; {count} generated digits stood "
            "in for it during fine-tuning.",
        ),
        "stopped_mnist": QCoreApplication.translate(
            "CoreWords", "Stopped before MNIST accuracy after fine-tuning was measured."
        ),
        "stopped_personal": QCoreApplication.translate(
            "CoreWords", "Stopped before accuracy on your unseen drawings was measured."
        ),
        "method_folds": QCoreApplication.translate(
            "CoreWords",
            "Your digits: each of your {count} drawings was read by one of {folds} extra runs that trained without "
            "it, before and after; the weights offered trained on all of them.",
        ),
        "method_held_out": QCoreApplication.translate(
            "CoreWords",
            "Your digits: {count} of your drawings were left out of an extra run that trained on the other {rest}, "
            "and read before and after it; the weights offered trained on all {total}, so this is a cautious "
            "estimate of how they will read new drawings.",
        ),
        "few": QCoreApplication.translate(
            "CoreWords", "With only {count} examples the accuracy on your drawings is a rough guide."
        ),
        "fell": QCoreApplication.translate(
            "CoreWords",
            "MNIST accuracy fell by {drop} points, more than the {tolerance} aimed for: consider discarding, or add "
            "more varied examples.",
        ),
        # how "your digits" was measured (a few words in brackets)
        "not_measured": QCoreApplication.translate("CoreWords", "not measured"),
        "folds": QCoreApplication.translate("CoreWords", "cross-validated over {folds} folds of {count} drawings"),
        "held_out": QCoreApplication.translate("CoreWords", "{count} held-out drawings"),
        "held_out_each_digit": QCoreApplication.translate("CoreWords", "{count} held-out drawings, one of each digit"),
        "held_out_distinct": QCoreApplication.translate(
            "CoreWords", "{count} held-out drawings, one each of {count} digits"
        ),
    }


def say(english: str, key: str, values: Mapping[str, object]) -> str:
    """Core's sentence in the window's language: ``english`` itself in English or for an unknown key."""
    if not key or i18n.current_language() == i18n.ENGLISH:
        return english
    template = _templates().get(key)
    if template is None:
        return english
    try:
        return template.format(**{name: _number(value) for name, value in values.items()})
    except (KeyError, IndexError, ValueError):  # a translation naming a value core does not send
        return english


def _number(value: object) -> object:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
