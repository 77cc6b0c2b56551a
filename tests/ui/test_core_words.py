"""Core's fine-tuning sentences (status lines, the report's notes and method) reach a Korean window in Korean, with
their numbers; in English the window shows core's own text; every key core sends has its sentence here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import lenet_gui.core.finetune as finetune
from lenet_gui.ui import core_words, i18n

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture()
def korean(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "hangul_fonts", lambda: ["Noto Sans CJK KR"])
    settings = QSettings()
    i18n.save_choice(settings, i18n.KOREAN)
    assert i18n.install_translations(qapp, settings).language == "ko"
    try:
        yield
    finally:
        i18n.uninstall_translations(qapp)


def keys_core_sends() -> set[str]:
    """Every key core.finetune names a sentence with (status lines, notes, the method's few words)."""
    source = Path(finetune.__file__).read_text(encoding="utf-8")
    found = set(re.findall(r'FineTuneStatus\(\s*(?:f?"[^"]*"\s*)+,\s*"(\w+)"', source))
    found |= set(re.findall(r'\bnote\(\s*(?:f?"[^"]*"\s*)+,\s*"(\w+)"', source))
    found |= set(re.findall(r'\(\s*"(\w+)",\s*(?:values|\{)', source))  # _method's and _method_note's keys
    found |= set(re.findall(r'"(method_\w+|held_out\w*|not_measured)"', source))
    return found


def test_every_key_core_sends_has_a_sentence() -> None:
    sent = keys_core_sends()
    assert {"generating", "training", "checking", "offline", "few", "fell", "method_folds", "folds"} <= sent
    assert sent <= set(core_words._templates()), sent - set(core_words._templates())


def test_a_korean_window_says_them_in_korean_with_their_numbers(korean: None) -> None:
    for key, template in core_words._templates().items():
        values = {name: 7 for name in re.findall(r"\{(\w+)\}", template)}
        said = core_words.say("English text", key, values)
        assert HANGUL.search(said), (key, said)
        assert "{" not in said and ("7" in said or not values), (key, said)
    assert core_words.say("kept", "no_such_key", {}) == "kept", "an unknown key keeps core's English"


def test_an_english_window_shows_cores_own_text() -> None:
    assert i18n.current_language() == i18n.ENGLISH
    assert core_words.say("Fine-tuning on 1 of your examples…", "training", {"count": 1}) == (
        "Fine-tuning on 1 of your examples…"
    )
