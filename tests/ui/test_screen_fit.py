"""Every station fits a 1366×768 station monitor, and the window opens within the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize

from app.services.operators import find_operator
from app.ui.kit.context import StationContext
from app.ui.kit.screen import fit_dialog, fit_size
from app.ui.shell.main_window import MainWindow
from app.ui.shell.stations import available_stations

# the monitor less a task bar of 40 px
MONITOR = QSize(1366, 768 - 40)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_station_fits_a_1366x768_monitor(qtbot, demo_db, qapp, lang):
    from app.ui.shell.i18n import install_translators

    install_translators(qapp, lang)
    try:
        ctx = StationContext(db=demo_db, operator=find_operator(demo_db, "1008"), demo=True)
        w = MainWindow(ctx)
        qtbot.addWidget(w)
        too_big = {}
        for spec in available_stations():
            assert w.open_station(spec.STATION)
            hint = w.minimumSizeHint()
            if hint.width() > MONITOR.width() or hint.height() > MONITOR.height():
                too_big[spec.STATION] = (hint.width(), hint.height())
        assert not too_big, f"stations larger than {MONITOR.toTuple()}: {too_big}"
        area = w.screen().availableGeometry()
        assert w.width() <= area.width() and w.height() <= area.height()
        w.show_on_floor()
        assert area.contains(w.frameGeometry()) or w.isMaximized()
    finally:
        install_translators(qapp, "en")


def test_a_dialog_is_never_larger_than_the_screen(qtbot):
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    from app.ui.kit.pdf_preview import PdfPreviewDialog

    img = QImage(1200, 2000, QImage.Format.Format_RGB32)  # an A4 page at 100 dpi, and more
    img.fill(0xFFFFFF)
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    dlg = PdfPreviewDialog(bytes(buf.data()), "preview")
    qtbot.addWidget(dlg)
    area = dlg.screen().availableGeometry()
    assert dlg.width() <= area.width() and dlg.height() <= area.height()
    assert fit_size(QSize(1280, 900), QRect(0, 0, 1366, 768)) == QSize(1280, 768)
    fit_dialog(dlg, QSize(5000, 5000))
    assert dlg.height() <= area.height()
