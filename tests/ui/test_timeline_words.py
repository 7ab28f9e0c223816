"""The dispute desk's timeline says what each event was, in words: no raw
``step: verify, code: …, verdict: …``, and a refused scan is marked red with ✖ so that it never
looks like a counted one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.db.chain import append_event
from app.ui.kit.timeline import REFUSED_COLOUR, event_detail
from app.ui.shell.i18n import install_translators
from tests.ui.test_dispute_station import desk, idle, parcels  # noqa: F401 - fixtures

EAN = "6901234567890"


@pytest.fixture
def zh(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_a_refused_scan_in_chinese_words(zh):
    d = event_detail("scan", {"step": "verify", "code": EAN, "verdict": "wrong_item"})
    assert d.text == f"校验 · 扫描 {EAN} · 错发（已拒绝）" and d.refused
    ok = event_detail("scan", {"step": "verify", "code": EAN, "verdict": "ok"})
    assert ok.text == f"校验 · 扫描 {EAN} · 已计数" and not ok.refused


def test_the_desk_timeline_marks_refused_scans(qtbot, desk, parcels, sqlite_db):  # noqa: F811
    w, p = desk, parcels[0]
    with sqlite_db.write() as s:
        append_event(
            s,
            "scan",
            order_id=p.order_id,
            station="校验台 1",
            operator="1004",
            detail={"step": "verify", "code": EAN, "verdict": "wrong_item"},
        )
    qtbot.keyClicks(w.lookup, p.waybill_no)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    cells = [w.timeline.item(r, 4) for r in range(w.timeline.rowCount())]
    texts = [c.text() for c in cells]
    assert not [t for t in texts if "step:" in t or "verdict:" in t or "code:" in t]
    refused = [c for c in cells if EAN in c.text()]
    assert len(refused) == 1 and refused[0].text().startswith("✖")
    assert "wrong item (refused)" in refused[0].text()
    assert refused[0].foreground().color().name() == REFUSED_COLOUR
    counted = [c for c in cells if "counted" in c.text()]
    assert counted and all(
        not c.text().startswith("✖") and c.foreground().color().name() != REFUSED_COLOUR
        for c in counted
    )
    assert any(t.startswith("Verify · scan ") for t in texts)


def test_event_kinds_recorded_at_other_stations_have_words_at_any_station(qapp):
    """The dispute desk's timeline names events recorded at the print, verify and weigh
    stations even when none of those stations was opened in this process."""
    import subprocess
    import sys

    code = (
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from app.ui.shell.i18n import install_translators; install_translators(app, 'zh_CN');"
        "from app.ui.kit.texts import event_label;"
        "print('|'.join(event_label(k) for k in "
        "('waybill_allocated', 'verified', 'weigh_refused', 'hold_released')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    for kind in ("waybill_allocated", "verified", "weigh_refused", "hold_released"):
        assert kind not in out, out


def test_an_import_that_changed_the_receiver_shows_it_masked():
    d = event_detail(
        "order_updated",
        {
            "changes": {
                "receiver_name": ["王小雨", "欧阳小雨"],
                "receiver_phone": ["13957316028", "18612345678"],
                "city": ["杭州市", "宁波市"],
            },
            "source": "import",
        },
    )
    for whole in ("王小雨", "欧阳小雨", "13957316028", "18612345678"):
        assert whole not in d.text
    for shown in ("王*雨", "欧*雨", "139****6028", "186****5678", "宁波市"):
        assert shown in d.text


def test_print_station_words_its_own_refusals_when_opened_alone(qapp):
    """Opening only the print station registers its refusals' words: a batch with no free
    numbers left is said in Chinese, not as the code ``pool_empty``."""
    import subprocess
    import sys

    code = (
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from app.ui.shell.i18n import install_translators; install_translators(app, 'zh_CN');"
        "import app.ui.desks.print.station;"
        "from app.ui.kit.texts import error_text; print(error_text('pool_empty'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert "pool_empty" not in out and out, out
