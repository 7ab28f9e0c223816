"""Qt's own file dialog speaks the user's language: in zh_CN no label, button,
tool tip or column of the dialog is left in English."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

from app.ui.shell.i18n import install_translators


@pytest.fixture
def zh(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_file_dialog_has_no_english_words(qtbot, zh, tmp_path, mode):
    d = QFileDialog(None, "导出", str(tmp_path), "PDF (*.pdf)")
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    d.setAcceptMode(mode)
    qtbot.addWidget(d)
    d.show()
    texts = {w.text() for w in d.findChildren(QLabel)}
    for b in d.findChildren(QAbstractButton):
        texts |= {b.text(), b.toolTip()}
    texts |= {a.text() for a in d.findChildren(QAction)}
    for view in d.findChildren(QTreeView):
        m = view.model()
        texts |= {str(m.headerData(i, Qt.Orientation.Horizontal)) for i in range(m.columnCount())}
    texts.discard("PDF (*.pdf)")  # our own filter, in the caller's words
    english = sorted(t for t in texts if re.search(r"[A-Za-z]{3,}", t or "") and "/" not in t)
    assert not english
