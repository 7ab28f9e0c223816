"""Every visible string is translated: a new tr() without a .ts entry fails here."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from app import i18n_build


def _sources(ts) -> set[tuple[str, str]]:
    out = set()
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            out.add((ctx.findtext("name"), msg.findtext("source")))
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ts_files_are_current_and_complete(tmp_path, lang):
    shipped = i18n_build.TRANSLATIONS / f"parcelproof_{lang}.ts"
    fresh = tmp_path / shipped.name
    shutil.copy(shipped, fresh)
    i18n_build.extract([fresh])  # what the sources ask for today
    missing = _sources(fresh) - _sources(shipped)
    assert not missing, f"strings not in {shipped.name} (run python -m app.i18n_build --update)"
    assert i18n_build.unfinished(fresh) == []


def test_compiled_translation_is_used(qapp):
    from PySide6.QtCore import QCoreApplication

    from app.ui.shell.i18n import install_translators

    try:
        assert install_translators(qapp, "zh_CN")
        assert QCoreApplication.translate("Stations", "Order browser") == "订单查询"
    finally:
        install_translators(qapp, "en")
    assert QCoreApplication.translate("Stations", "Order browser") == "Order browser"
