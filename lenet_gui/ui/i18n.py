"""Which language the window speaks (English or Korean), the translators that make it so, and View ▸ Language.

The language is chosen once, at start-up, before the first widget exists: the saved choice (View ▸ Language, the
``ui/language`` setting: ``system``, ``en`` or ``ko``) wins, and ``system`` follows the system locale
(``LANG=ko_KR.UTF-8`` → Korean). A change in the menu is saved at once and takes effect when LeNet GUI restarts (the
menu offers "Restart now"). Switching on the spot would need every widget, and every sentence built from state (status
messages, plot axes, "5 examples of 3"), to rebuild itself on ``QEvent.LanguageChange``; a window half in one language
and half in the other is worse for a learner than one honest restart.

Two translators are installed: the app's own ``translations/lenet_gui_ko.qm`` (read through ``importlib.resources``,
so it is found in a source checkout, an installed wheel and the PyInstaller bundle alike) and Qt's ``qtbase_ko.qm``
for the standard buttons and dialogs (OK, Cancel, the file dialog), from PySide6's own translations folder.

Korean needs a font with Hangul. Where one is installed (Noto Sans CJK KR, Nanum…) it is put right after the
application font, so Hangul never falls back to a Japanese or Chinese cut; where none is, the app stays in English
and says, in English, which package to install: a window of empty boxes teaches nothing.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

LANGUAGE_KEY = "ui/language"
SYSTEM = "system"
ENGLISH = "en"
KOREAN = "ko"
CHOICES = (SYSTEM, ENGLISH, KOREAN)
TRANSLATED = (KOREAN,)  # languages with a .qm of the app's own; English is the source text

TRANSLATIONS_DIR = ("ui", "translations")  # inside the lenet_gui package, like lenet_gui/assets (resources.py)
CATALOG = "lenet_gui"  # lenet_gui_<language>.qm / .ts

# Hangul fonts in order of preference: the Korean cut of Noto CJK first, then the usual Linux, Windows and macOS ones.
HANGUL_FONTS = (
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Source Han Sans KR",
    "NanumGothic",
    "Nanum Gothic",
    "NanumBarunGothic",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "UnDotum",
    "Baekmuk Gulim",
)
FONT_PACKAGE_HINT = (
    "Korean was chosen, but no font with Hangul is installed, so LeNet GUI stays in English. "
    "Install one and restart: Debian/Ubuntu `sudo apt install fonts-noto-cjk`, "
    "Fedora `sudo dnf install google-noto-sans-cjk-fonts`, Arch `sudo pacman -S noto-fonts-cjk`."
)

# The restart notice also says it in the language being switched to, which is not loaded yet.
AFTER_RESTART = {
    ENGLISH: "The new language takes effect when you restart LeNet GUI.",
    KOREAN: "LeNet GUI를 다시 시작하면 새 언어가 적용됩니다.",
}


def saved_choice(settings: QSettings) -> str:
    """The choice made in View ▸ Language (``system`` when none was made, or the value is not one we know)."""
    value = settings.value(LANGUAGE_KEY, SYSTEM)
    return value if isinstance(value, str) and value in CHOICES else SYSTEM


def save_choice(settings: QSettings, choice: str) -> None:
    """Remember ``choice`` (``system``, ``en`` or ``ko``) for the next start."""
    if choice not in CHOICES:
        raise ValueError(f"unknown language choice {choice!r}; expected one of {CHOICES}")
    settings.setValue(LANGUAGE_KEY, choice)
    settings.sync()


def system_language(locale: QLocale | None = None) -> str:
    """``ko`` or ``en`` from the system locale's UI languages, in the user's order of preference.

    ``uiLanguages()`` rather than ``language()``: on Linux it honours ``LANGUAGE=ko:en`` as well as ``LANG``. The
    first language we have wins; anything else (German, Japanese…) gets the English source text.
    """
    locale = locale if locale is not None else QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in (ENGLISH, *TRANSLATED):
            return code
    return KOREAN if locale.language() == QLocale.Language.Korean else ENGLISH


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """The language to use for a saved choice: ``en`` or ``ko`` as chosen, the system's for ``system``."""
    return choice if choice in (ENGLISH, KOREAN) else system_language(locale)


def hangul_fonts() -> list[str]:
    """Installed font families that can write Korean, the preferred ones first (needs a QGuiApplication)."""
    installed = QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    preferred = [family for family in HANGUL_FONTS if family in installed]
    # Monospace cuts are a poor default for labels; keep them last.
    others = sorted((f for f in installed if f not in preferred), key=lambda f: ("Mono" in f, f))
    return preferred + others


def app_catalog(language: str) -> bytes | None:
    """The compiled translation of the app's own strings for ``language`` (None when there is none)."""
    resource = resources.files("lenet_gui").joinpath(*TRANSLATIONS_DIR, f"{CATALOG}_{language}.qm")
    return resource.read_bytes() if resource.is_file() else None


def qt_catalog_dir() -> str:
    """PySide6's folder of Qt's own translations (qtbase_ko.qm: OK, Cancel, the file dialog)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


@dataclass
class LanguageSetup:
    """What start-up installed: the language in use, its translators (kept alive here) and any font hint."""

    language: str
    translators: list[QTranslator]
    font_family: str | None = None
    hint: str | None = None
    previous_font: QFont | None = None


_current: LanguageSetup | None = None
_restart_requested = False


def current_language() -> str:
    """The language the running app speaks (``en`` until :func:`install_translations` has run)."""
    return _current.language if _current is not None else ENGLISH


def startup_hint() -> str | None:
    """What start-up could not honour, for the window to show (today: Korean chosen but no Hangul font), else None."""
    return _current.hint if _current is not None else None


def load_translators(language: str) -> list[QTranslator]:
    """Loaded (not yet installed) translators for ``language``: the app's own first, then Qt's ``qtbase``.

    Raises ``FileNotFoundError`` when the app's catalogue for a translated language is missing or unreadable: a
    broken build should say so, not quietly show English.
    """
    if language not in TRANSLATED:
        return []
    data = app_catalog(language)
    app_translator = QTranslator()
    if data is None or not app_translator.load(data):
        raise FileNotFoundError(f"{CATALOG}_{language}.qm is missing or unreadable in lenet_gui/ui/translations")
    # Qt does not copy the data given to QTranslator.load(): the bytes must live as long as the translator.
    app_translator._catalog_bytes = data  # type: ignore[attr-defined]
    translators = [app_translator]
    qt_translator = QTranslator()
    if qt_translator.load(QLocale(language), "qtbase", "_", qt_catalog_dir()):
        translators.append(qt_translator)
    return translators


def install_translations(app: QApplication, settings: QSettings | None = None) -> LanguageSetup:
    """Choose the language (setting, else system locale), install its translators and a Hangul font; call once.

    Must run after the application's name and organisation are set (the settings file depends on them) and before
    the first widget is built: widgets translate their texts when they are made.
    """
    global _current
    settings = settings if settings is not None else QSettings()
    language = resolve_language(saved_choice(settings))
    setup = LanguageSetup(language=ENGLISH, translators=[])
    if language == KOREAN:
        fonts = hangul_fonts()
        if not fonts:
            setup.hint = FONT_PACKAGE_HINT
            print(f"lenet-gui: {FONT_PACKAGE_HINT}", file=sys.stderr)
        else:
            setup.language = KOREAN
            setup.font_family = fonts[0]
            setup.translators = load_translators(KOREAN)
            for translator in setup.translators:
                app.installTranslator(translator)
            font = app.font()
            if fonts[0] not in font.families():
                setup.previous_font = QFont(font)
                font.setFamilies([*font.families(), fonts[0]])
                app.setFont(font)
    _current = setup
    return setup


def uninstall_translations(app: QApplication) -> None:
    """Remove what :func:`install_translations` installed (``run_gui`` on its way out, and tests)."""
    global _current
    if _current is not None:
        for translator in _current.translators:
            app.removeTranslator(translator)
        if _current.previous_font is not None:
            app.setFont(_current.previous_font)
    _current = None


def restart_requested() -> bool:
    """Whether "Restart now" was chosen: ``run_gui`` then starts LeNet GUI again once this one has shut down."""
    return _restart_requested


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that start this LeNet GUI again (the bundle's executable, or the same interpreter)."""
    if getattr(sys, "frozen", False):
        return sys.executable, list(sys.argv[1:])
    # orig_argv keeps "-m lenet_gui" (argv[0] would be the path of __main__.py).
    return sys.executable, list(sys.orig_argv[1:])


def start_again() -> bool:
    """Start a new LeNet GUI process (detached); ``run_gui`` calls this after a requested restart."""
    global _restart_requested
    _restart_requested = False
    program, arguments = restart_command()
    ok, _pid = QProcess.startDetached(program, arguments, os.getcwd())
    return bool(ok)


class LanguageMenu(QMenu):
    """View ▸ Language: System / English / 한국어, checkable and remembered; the change applies after a restart.

    The language names are written in their own language (not translated), so a user lost in the wrong one can
    still find theirs.
    """

    def __init__(self, parent: QWidget | None, settings: QSettings) -> None:
        super().__init__(QCoreApplication.translate("LanguageMenu", "&Language"), parent)
        self.setObjectName("languageMenu")
        self._settings = settings
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        labels = {SYSTEM: self._system_label(), ENGLISH: "English", KOREAN: "한국어 (Korean)"}
        chosen = saved_choice(settings)
        self.choice_actions: dict[str, QAction] = {}
        for choice in CHOICES:
            action = QAction(labels[choice], self)
            action.setObjectName(f"language_{choice}")
            action.setCheckable(True)
            action.setChecked(choice == chosen)
            action.setData(choice)
            self._group.addAction(action)
            self.addAction(action)
            self.choice_actions[choice] = action
        self._group.triggered.connect(self._on_chosen)
        self.restart_box: QMessageBox | None = None

    def _system_label(self) -> str:
        name = {KOREAN: "한국어", ENGLISH: "English"}[system_language()]
        return self.tr("System language ({language})").format(language=name)

    def _on_chosen(self, action: QAction) -> None:
        choice = str(action.data())
        save_choice(self._settings, choice)
        if resolve_language(choice) != current_language():
            self._offer_restart(resolve_language(choice))

    def _offer_restart(self, language: str) -> None:
        """Say the change comes with a restart, also in the new language (not loaded yet); offer to restart now."""
        box = QMessageBox(self.parentWidget())
        box.setObjectName("languageRestartBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Language"))
        box.setText(
            "\n".join(
                dict.fromkeys(
                    [self.tr("The new language takes effect when you restart LeNet GUI."), AFTER_RESTART[language]]
                )
            )
        )
        if language == KOREAN and not hangul_fonts():
            box.setInformativeText(FONT_PACKAGE_HINT)
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        restart = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        restart.setObjectName("restartNow")
        later = box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("restartLater")
        box.setDefaultButton(later)
        box.buttonClicked.connect(lambda button: self._on_restart_answer(button is restart))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.restart_box = box
        box.open()

    def _on_restart_answer(self, restart_now: bool) -> None:
        global _restart_requested
        self.restart_box = None
        if not restart_now:
            return
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        _restart_requested = True
        if window is not None and not window.close():  # the window may refuse (a run to keep or discard first)
            _restart_requested = False
            return
        QCoreApplication.quit()


def language_menu(parent: QWidget | None, settings: QSettings | None = None) -> QMenu:
    """The View ▸ Language submenu for the main window: ``view_menu.addMenu(language_menu(self))``."""
    return LanguageMenu(parent, settings if settings is not None else QSettings())
