"""The weighing station as a clerk uses it: scan the waybill (real key events), the simulated
scale on a real pty settles, the verdict appears with its stub place; holds explain themselves,
a supervisor overrides, an intercepted parcel is stopped full screen, a bundle is closed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.models import Event, Weighing
from app.services.operators import find_operator
from app.services.orders import intercept
from app.settings import Settings
from app.ui.desks.weigh.station import WeighStation
from app.ui.kit.context import StationContext
from devices.simulate import SimulatedScale
from tests.floor import add_order

T = 20_000  # generous: the machine is shared


@pytest.fixture
def floor(sqlite_db):
    add_order(sqlite_db, "WB1", [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2), ("ELE-CBL-C1M", 1)])
    add_order(sqlite_db, "WB2", [("BED-PIL-MEM", 1)])
    add_order(sqlite_db, "WB3", [("BED-PIL-MEM", 1)])
    add_order(sqlite_db, "WB4", [("BED-PIL-MEM", 1)])
    return sqlite_db


@pytest.fixture
def station(qtbot, floor, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=1, seed=4)
    ctx = StationContext(
        db=floor,
        operator=find_operator(floor, "1006"),
        settings=Settings(scale_port=sim.port, scale_protocol="stgs"),
        station_name="称重台 1",
    )
    ctx.settings.extra["office_printer"] = f"file:{tmp_path}/docs/"
    w = WeighStation(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: w.scale_state == "ok" and not w.gate.needs_zero, timeout=T)
    yield w, sim
    w.close_station()
    sim.close()


def scan(qtbot, w, code):
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)


def weigh(qtbot, w, sim, code, grams):
    scan(qtbot, w, code)
    qtbot.waitUntil(lambda: w.context is not None and w.context.waybill_no == code, timeout=T)
    with qtbot.waitSignal(w.weighing_recorded, timeout=T) as sig:
        sim.place(grams)
    res = sig.args[0]
    sim.remove()
    qtbot.waitUntil(lambda: not w.gate.needs_zero, timeout=T)
    return res


def test_scan_place_ok_with_stub_place(qtbot, station, floor):
    w, sim = station
    assert w.scan_field.hasFocus()
    assert not w.scan_field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert "Scan the waybill" in w.instruction.text()
    scan(qtbot, w, "WB2")
    qtbot.waitUntil(lambda: w.context is not None, timeout=T)
    assert "550 g" in w.expected_label.text()
    assert "Place the parcel" in w.instruction.text()
    with qtbot.waitSignal(w.weighing_recorded, timeout=T) as sig:
        sim.place(552)
    res = sig.args[0]
    assert res.verdict == "ok"
    assert w.verdict_kind == "ok" and "✔" in w.verdict_label.text()
    assert w.weight_label.text().startswith(str(res.grams))
    assert "bundle 1, no. 1" in w.stub_label.text()
    with floor.read() as s:  # recorded before it was shown
        assert s.scalar(select(Weighing.verdict).where(Weighing.waybill_no == "WB2")) == "ok"
    w.grab().save("/tmp/weigh_ok.png")


def test_light_parcel_hold_explained_then_overridden(qtbot, station, floor):
    w, sim = station
    res = weigh(qtbot, w, sim, "WB1", 543)
    assert res.verdict == "hold"
    assert w.verdict_kind == "hold" and "✖" in w.verdict_label.text()
    text = w.explain_label.text()  # the simulator adds ±1 g of noise
    assert f"Light {-res.difference_grams} g" in text and abs(res.difference_grams + 412) <= 1
    assert "missing 1 × 记忆棉枕头 (410 g)" in text
    assert w.override_button.isEnabled()
    w.grab().save("/tmp/weigh_hold.png")
    with qtbot.waitSignal(w.weighing_recorded, timeout=T) as sig:
        w.override("OP1001", "0000", "赠品少放，买家同意")
    assert sig.args[0].verdict == "override"
    assert "bundle 1, no. 1" in w.stub_label.text()


def test_same_load_is_not_given_to_the_next_waybill(qtbot, station):
    w, sim = station
    scan(qtbot, w, "WB2")
    qtbot.waitUntil(lambda: w.context is not None, timeout=T)
    with qtbot.waitSignal(w.weighing_recorded, timeout=T):
        sim.place(550)
    scan(qtbot, w, "WB3")
    qtbot.waitUntil(lambda: w.context is not None and w.context.waybill_no == "WB3", timeout=T)
    assert "off the scale" in w.instruction.text()
    with qtbot.assertNotEmitted(w.weight_captured, wait=1200):
        pass
    with qtbot.waitSignal(w.weighing_recorded, timeout=T) as sig:
        sim.remove()
        qtbot.waitUntil(lambda: not w.gate.needs_zero, timeout=T)
        sim.place(549)
    assert sig.args[0].waybill_no == "WB3"


def test_intercepted_parcel_stops_full_screen(qtbot, station, floor):
    w, sim = station
    intercept(floor, "WB4", "买家退款")
    with qtbot.waitSignal(w.sound_played, timeout=T) as sig:
        scan(qtbot, w, "WB4")
    assert sig.args == ["stop"]
    assert w.overlay.isVisible() and "INTERCEPTED" in w.overlay.title.text()
    w.grab().save("/tmp/weigh_stop.png")
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    assert not w.overlay.isVisible()
    assert w.context is None


def test_scale_state_is_always_visible(qtbot, station):
    w, sim = station
    qtbot.waitUntil(lambda: "stable" in w.scale_label.text(), timeout=T)
    sim.place(200_000)  # over capacity
    qtbot.waitUntil(lambda: "OVERLOAD" in w.scale_label.text(), timeout=T)
    sim.remove()
    sim.unplug()
    qtbot.waitUntil(lambda: "not connected" in w.scale_label.text(), timeout=T)
    sim.replug()
    qtbot.waitUntil(lambda: "stable" in w.scale_label.text(), timeout=T)


def test_close_bundle_writes_the_register(qtbot, station, tmp_path):
    w, sim = station
    weigh(qtbot, w, sim, "WB2", 551)
    weigh(qtbot, w, sim, "WB3", 549)
    with qtbot.waitSignal(w.bundle_closed, timeout=T) as sig:
        w.close_bundle(2)
    rep = sig.args[0]
    assert rep.stubs == 2 and rep.matches
    assert "Bundle 1 closed" in w.verdict_label.text()
    pdf = list((tmp_path / "docs").glob("stub-register-000001*.pdf"))
    assert pdf and pdf[0].read_bytes().startswith(b"%PDF")
    assert str(pdf[0]) in w.explain_label.text()
    assert not w.register_again_button.isVisible()
    assert _printed(w) == [("stub_register", "1", True)]


def test_a_register_that_did_not_print_can_be_printed_again(qtbot, station, tmp_path):
    w, sim = station
    w.ctx.settings.extra["office_printer"] = f"file:{tmp_path}/no-such-dir/file.pdf/x/"
    (tmp_path / "no-such-dir").write_text("a file where a folder should be")
    weigh(qtbot, w, sim, "WB2", 551)
    with qtbot.waitSignal(w.bundle_closed, timeout=T):
        w.close_bundle(1)
    assert "did not print" in w.explain_label.text()
    assert w.register_again_button.isVisible()
    w.ctx.settings.extra["office_printer"] = f"file:{tmp_path}/docs/"
    with qtbot.waitSignal(w.bundle_closed, timeout=T):
        w.register_again_button.click()
    assert list((tmp_path / "docs").glob("stub-register-000001*.pdf"))
    assert not w.register_again_button.isVisible()
    assert _printed(w) == [("stub_register", "1", False), ("stub_register", "1", True)]


def _printed(w) -> list[tuple[str, str, bool]]:
    """The document prints on the record, oldest first."""
    with w.db.read() as s:
        evs = s.scalars(
            select(Event).where(Event.kind == "document_printed").order_by(Event.seq)
        ).all()
        return [(e.detail["document"], e.detail["ref"], e.detail["ok"]) for e in evs]


def test_a_refusal_clears_the_last_parcels_weight_and_stub_place(qtbot, station, floor):
    """After an OK parcel (weight and stub place on screen), a waybill that may not be weighed
    is refused: nothing of the previous parcel stays below the refusal, and the stub's place
    says it goes nowhere yet."""
    from tests.floor import set_status

    w, sim = station
    res = weigh(qtbot, w, sim, "WB2", 552)
    shown = f"{res.grams} g"
    assert res.verdict == "ok" and w.weight_label.text() == shown
    assert "bundle" in w.stub_label.text()
    set_status(floor, "WB3", "printed")
    scan(qtbot, w, "WB3")
    qtbot.waitUntil(lambda: "Not weighed" in w.verdict_label.text(), timeout=T)
    assert w.weight_label.text() != shown and "bundle" not in w.stub_label.text()
    assert "not weighed" in w.stub_label.text() and not w.override_button.isEnabled()
    sim.place(900)  # another parcel on the scale: still nothing recorded, nothing shown
    qtbot.wait(800)
    assert w.weight_label.text() != shown and "bundle" not in w.stub_label.text()
    sim.remove()


def test_the_override_dialog_says_what_it_overrides_and_leaves_the_weight_in_sight(
    qtbot, station, floor
):
    from PySide6.QtWidgets import QApplication

    from app.ui.desks.weigh.override import OverrideDialog

    w, sim = station
    w.resize(1366, 728)
    res = weigh(qtbot, w, sim, "WB1", 543)
    assert res.verdict == "hold"
    seen: dict = {}

    def look() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, OverrideDialog)
        seen["heading"] = dlg.heading.text() + " " + dlg.summary.text()
        seen["hints_fit"] = all(
            f.width() >= f.fontMetrics().horizontalAdvance(f.placeholderText())
            for f in (dlg.badge, dlg.pin, dlg.reason)
        )
        weight = w.weight_label.rect().translated(w.weight_label.mapToGlobal(w.rect().topLeft()))
        seen["covers_weight"] = dlg.frameGeometry().intersects(weight)
        area = dlg.screen().availableGeometry()
        seen["fits"] = dlg.width() <= area.width() and dlg.height() <= area.height()
        dlg.badge.setText("OP1001")
        dlg.pin.setText("0000")
        dlg.reason.setText("复核无误")
        dlg.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, look)
    with qtbot.waitSignal(w.weighing_recorded, timeout=T) as sig:
        w._on_override_button_clicked()
    assert sig.args[0].verdict == "override"
    assert "Supervisor override" in seen["heading"] and "WB1" in seen["heading"]
    assert "543" in seen["heading"] or str(res.grams) in seen["heading"]
    assert seen["hints_fit"] and seen["fits"] and not seen["covers_weight"]
    assert QApplication.focusWidget() is w.scan_field
