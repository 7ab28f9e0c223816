"""Installing the Qt translators for the chosen language (zh_CN or en)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import i18n_build

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, lang: str) -> bool:
    """Load our .qm (built on the fly when missing or stale) and Qt's own for dialogs.

    Returns False when our translation could not be loaded (the UI then shows the English
    source strings).
    """
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    # missing Qt tools must not stop a station: it falls back to the source strings
    with contextlib.suppress(Exception):
        i18n_build.compile_all(only_stale=True)
    QLocale.setDefault(QLocale(lang))
    ok = False
    qm = Path(i18n_build.TRANSLATIONS) / f"parcelproof_{lang}.qm"
    ours = QTranslator(app)
    if qm.exists() and ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
        ok = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if lang != "en" and qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


def _qt_gaps() -> None:
    """Qt's own dialog words that the wheel's qtbase_zh_CN lacks (Qt 6 gave these labels a
    mnemonic, the translation still has them without). Never called: listed here so that
    lupdate puts them in our .ts under Qt's contexts; Qt looks them up there when its own
    translator has nothing."""
    QCoreApplication.translate("QFileDialog", "&Look in:")
    QCoreApplication.translate("QFileDialog", "Files of &type:")
    QCoreApplication.translate("QPlatformTheme", "&OK")
    QCoreApplication.translate("QPlatformTheme", "&Save")
    QCoreApplication.translate("QPlatformTheme", "&Cancel")
