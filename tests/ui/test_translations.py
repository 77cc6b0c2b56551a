"""The Korean translation: the .ts is complete, the shipped .qm is what lrelease makes of it, Korean reaches widgets,
and the language follows the system locale unless View ▸ Language says otherwise (remembered, applied at restart)."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QMessageBox, QPushButton
from visible_text import is_untranslated, untranslated

from lenet_gui.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "lenet_gui" / "ui" / "translations"
TS = TRANSLATIONS / "lenet_gui_ko.ts"
QM = TRANSLATIONS / "lenet_gui_ko.qm"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "lenet-gui.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def korean(qapp: QApplication, settings: QSettings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The app in Korean, as start-up makes it (a Hangul font assumed present), undone afterwards."""
    monkeypatch.setattr(i18n, "hangul_fonts", lambda: ["Noto Sans CJK KR"])
    i18n.save_choice(settings, i18n.KOREAN)
    setup = i18n.install_translations(qapp, settings)
    yield setup
    i18n.uninstall_translations(qapp)


def test_every_string_has_a_finished_korean_translation() -> None:
    missing = _script().unfinished(TS)
    assert not missing, "untranslated (run scripts/update_translations.py --check):\n" + "\n".join(
        f"[{m.context}] {m.source!r}" for m in missing
    )


def test_the_shipped_qm_is_what_lrelease_makes_of_the_ts(tmp_path: Path) -> None:
    """The .qm in the package says what the .ts says, message by message (compared through QTranslator, not byte by
    byte: another lrelease version may lay the file out differently)."""
    script = _script()
    fresh = tmp_path / "lenet_gui_ko.qm"
    script.run_lrelease(TS, fresh)
    shipped, regenerated = QTranslator(), QTranslator()
    assert shipped.load(str(QM)) and regenerated.load(str(fresh)) and not shipped.isEmpty()
    messages = [m for m in script.read_messages(TS) if m.finished]
    assert messages
    for m in messages:
        expected = m.translation
        assert regenerated.translate(m.context, m.source, None, 1) == expected
        assert shipped.translate(m.context, m.source, None, 1) == expected, (
            f"[{m.context}] {m.source!r}: the .qm is stale, run scripts/update_translations.py and commit it"
        )
    assert i18n.app_catalog("ko") == QM.read_bytes()  # what importlib.resources hands the app


def test_the_ts_holds_every_tr_string_of_the_ui(tmp_path: Path) -> None:
    """A fresh lupdate over lenet_gui/ui finds no string that the checked-in .ts lacks."""
    script = _script()
    fresh = tmp_path / "fresh.ts"
    script.run_lupdate(fresh, script.ui_sources(), "ko")
    in_code = {(m.context, m.source) for m in script.read_messages(fresh)}
    in_ts = {(m.context, m.source) for m in script.read_messages(TS)}
    assert in_code <= in_ts, f"run scripts/update_translations.py: new strings {sorted(in_code - in_ts)}"


def test_fill_from_mapping_translates_exact_matches_only(tmp_path: Path) -> None:
    script = _script()
    ts = tmp_path / "x_ko.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="ko">\n<context>'
        "<name>W</name>"
        '<message><source>Train</source><translation type="unfinished"></translation></message>'
        '<message><source>Train it</source><translation type="unfinished"></translation></message>'
        '<message numerus="yes"><source>%n examples</source><translation type="unfinished">'
        "<numerusform></numerusform></translation></message>"
        "<message><source>Stop</source><translation>멈추기</translation></message>"
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    mapping = {"Train": "학습", "%n examples": "예시 %n개", "Stop": "중지"}
    assert script.fill_from_mapping(ts, mapping) == 2
    done = {m.source: m.finished for m in script.read_messages(ts)}
    assert done == {"Train": True, "Train it": False, "%n examples": True, "Stop": True}
    assert "멈추기" in ts.read_text(encoding="utf-8")  # a finished translation is never overwritten
    script.run_lrelease(ts, tmp_path / "x_ko.qm")
    translator = QTranslator()
    assert translator.load(str(tmp_path / "x_ko.qm"))
    assert translator.translate("W", "%n examples", None, 3) == "예시 %n개"  # QCoreApplication.translate fills %n


def test_korean_reaches_a_widget_when_the_translator_is_installed(qtbot, korean) -> None:  # type: ignore[no-untyped-def]
    assert korean.language == "ko" and i18n.current_language() == "ko"
    assert len(korean.translators) == 2, "the app's catalogue and Qt's qtbase_ko"
    menu = i18n.LanguageMenu(None, QSettings())
    qtbot.addWidget(menu)
    assert menu.title() == QCoreApplication.translate("LanguageMenu", "&Language") != "&Language"
    assert "언어" in menu.title()
    # Qt's own strings (standard buttons) come from qtbase_ko.qm.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"


def test_english_installs_nothing(qapp: QApplication, settings: QSettings) -> None:
    i18n.save_choice(settings, i18n.ENGLISH)
    setup = i18n.install_translations(qapp, settings)
    try:
        assert setup.language == "en" and setup.translators == []
        assert QCoreApplication.translate("LanguageMenu", "&Language") == "&Language"
    finally:
        i18n.uninstall_translations(qapp)


def test_korean_without_a_hangul_font_stays_english_and_says_which_package(
    qapp: QApplication, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "hangul_fonts", lambda: [])
    i18n.save_choice(settings, i18n.KOREAN)
    setup = i18n.install_translations(qapp, settings)
    try:
        assert setup.language == "en" and not setup.translators
        assert setup.hint is not None and "fonts-noto-cjk" in setup.hint
    finally:
        i18n.uninstall_translations(qapp)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ko_KR", "ko"), ("en_US", "en"), ("de_DE", "en"), ("ja_JP", "en"), ("C", "en")],
)
def test_system_locale_chooses_the_language(locale: str, expected: str) -> None:
    assert i18n.system_language(QLocale(locale)) == expected
    assert i18n.resolve_language(i18n.SYSTEM, QLocale(locale)) == expected


def test_the_setting_overrides_the_system_locale(settings: QSettings) -> None:
    assert i18n.saved_choice(settings) == i18n.SYSTEM
    i18n.save_choice(settings, i18n.ENGLISH)
    assert i18n.resolve_language(i18n.saved_choice(settings), QLocale("ko_KR")) == "en"
    i18n.save_choice(settings, i18n.KOREAN)
    assert i18n.resolve_language(i18n.saved_choice(settings), QLocale("en_US")) == "ko"
    settings.setValue(i18n.LANGUAGE_KEY, "klingon")
    assert i18n.saved_choice(settings) == i18n.SYSTEM
    with pytest.raises(ValueError):
        i18n.save_choice(settings, "fr")


def _language_in_a_fresh_process(env_lang: str, settings_file: Path) -> str:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from lenet_gui.ui import i18n\n"
        "s = QSettings(sys.argv[1], QSettings.Format.IniFormat)\n"
        "print(i18n.resolve_language(i18n.saved_choice(s)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = env_lang
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", code, str(settings_file)], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_lang_ko_kr_selects_korean_until_the_setting_says_otherwise(tmp_path: Path) -> None:
    settings_file = tmp_path / "lenet-gui.ini"
    assert _language_in_a_fresh_process("ko_KR.UTF-8", settings_file) == "ko"
    assert _language_in_a_fresh_process("en_US.UTF-8", settings_file) == "en"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    i18n.save_choice(settings, i18n.ENGLISH)
    del settings
    assert _language_in_a_fresh_process("ko_KR.UTF-8", settings_file) == "en"  # persisted, and it wins


def test_language_menu_remembers_the_choice_and_offers_a_restart(qtbot, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    menu = i18n.language_menu(None, settings)
    qtbot.addWidget(menu)
    actions = menu.choice_actions  # type: ignore[attr-defined]
    assert [a.isChecked() for a in actions.values()] == [True, False, False]
    assert actions["ko"].text().startswith("한국어") and actions["en"].text() == "English"

    actions["ko"].trigger()
    assert actions["ko"].isChecked() and not actions["system"].isChecked()
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(i18n.LANGUAGE_KEY) == "ko"
    box = menu.restart_box  # type: ignore[attr-defined]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "restart" in box.text() and "다시 시작" in box.text()
    box.findChild(QPushButton, "restartLater").click()
    assert not i18n.restart_requested()

    actions["en"].trigger()  # the app already speaks English: nothing to restart for
    assert menu.restart_box is None  # type: ignore[attr-defined]
    assert i18n.saved_choice(QSettings(settings.fileName(), QSettings.Format.IniFormat)) == "en"

    again = i18n.language_menu(None, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.choice_actions["en"].isChecked()  # type: ignore[attr-defined]


def test_restart_starts_the_same_program_again() -> None:
    program, arguments = i18n.restart_command()
    assert program == sys.executable
    assert arguments == sys.orig_argv[1:]


def test_the_korean_walk_finds_english_and_lets_names_through(qtbot, korean) -> None:  # type: ignore[no-untyped-def]
    """The helper the second pass runs over the whole window (tests/ui/visible_text.py), tried on a small tree."""
    assert not is_untranslated("conv1 필터 3") and not is_untranslated("LeNet GUI 정보(&A)")
    assert not is_untranslated("MNIST") and not is_untranslated("print(net)") and not is_untranslated("12 MB")
    assert is_untranslated("Draw a digit") and is_untranslated("<b>Loss</b> 0.3")
    box = QGroupBox("Settings")
    qtbot.addWidget(box)
    QLabel("print(net)", box)
    menu = i18n.LanguageMenu(box, QSettings())
    box.addAction(QAction("&Train", box))
    found = untranslated(box)
    assert [text for _, text in found] == ["Settings", "&Train"], found  # the Korean menu passes, its names stay
    assert untranslated(box, allowed=["Settings", "&Train"]) == []
    assert menu.title() == "언어(&L)"


def _on_application(func: ast.expr) -> bool:
    """``QCoreApplication.translate`` (or a bare ``translate``), not ``QPainter.translate`` and friends."""
    if isinstance(func, ast.Name):
        return True
    owner = func.value if isinstance(func, ast.Attribute) else None
    return isinstance(owner, ast.Name) and owner.id in ("QCoreApplication", "QApplication", "QGuiApplication")


def unreachable_translations(source: str) -> list[str]:
    """Calls whose string lupdate files under another context than the one looked up at run time, or never sees.

    ``self.tr("…")`` is found under the class lupdate sees it in, and PySide looks it up along the object's classes:
    fine. ``window.tr("…")`` from outside the class is filed under the context "window" by lupdate but looked up
    under "MainWindow" at run time: it never translates. ``QCoreApplication.translate(CONTEXT, text)`` needs both
    as literals for lupdate to see them (a helper like ``_tr(text)`` hides the strings from it).
    """
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "tr" and isinstance(func, ast.Attribute):
            literal = bool(node.args) and isinstance(node.args[0], ast.Constant)
            if not (isinstance(func.value, ast.Name) and func.value.id == "self") or not literal:
                problems.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
        elif name == "translate" and _on_application(func):
            if all(isinstance(arg, ast.Constant) for arg in node.args[:2]):
                continue
            problems.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return problems


def test_every_tr_call_is_one_lupdate_files_where_the_app_looks() -> None:
    problems = [
        f"{path.relative_to(ROOT)} {problem}"
        for path in _script().ui_sources()
        for problem in unreachable_translations(path.read_text(encoding="utf-8"))
    ]
    assert not problems, (
        "use self.tr('…') inside the class, or QCoreApplication.translate('Context', '…') with literals:\n"
        + "\n".join(problems)
    )


def test_the_reachability_check_catches_the_two_traps() -> None:
    ok = (
        "class A:\n    def f(self, p):\n        p.translate(x)\n"
        "        return self.tr('Hi') + QCoreApplication.translate('A', 'Yo')\n"
    )
    assert unreachable_translations(ok) == []
    outside = "def build(window):\n    return window.tr('Training')\n"
    wrapper = "def _tr(text):\n    return QCoreApplication.translate('RunCoordinator', text)\n"
    assert len(unreachable_translations(outside)) == 1 and len(unreachable_translations(wrapper)) == 1
