"""The floor's packing confirmation, set at the admin station, is the one the pack and weigh
stations go by: on, the packer is told the scale waits for the carton scan and the weighing
clerk is sent to packing with a verified parcel; off, a verified parcel goes on the scale."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import admin, floor_settings
from app.services import scanning as sc
from app.services.operators import find_operator
from app.ui.desks.admin.station import AdminStation
from app.ui.desks.pack import PackStation
from app.ui.desks.weigh.station import WeighStation
from app.ui.kit.context import StationContext
from tests.floor import goods, printed_batch, verify
from tests.ui.pin_dialog import type_pin

T = 20_000


def _verified(db, n: int) -> list[str]:
    """``n`` orders taken through verification; their waybill numbers."""
    chosen = goods(db)[:n]
    for g in chosen:
        verify(db, g.order_id)
    return [g.waybill_no for g in chosen]


def _station(qtbot, cls, db, operator: str, name: str):
    w = cls(StationContext(db=db, operator=find_operator(db, operator), station_name=name))
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    return w


def _scan(qtbot, w, code: str) -> None:
    w.scan_field.setFocus()
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)


def _set_packing_at_the_admin_station(qtbot, db, on: bool) -> None:
    st = _station(qtbot, AdminStation, db, "1008", "admin-pc")
    st.tabs.setCurrentWidget(st.settings)
    qtbot.waitUntil(lambda: st.idle, timeout=T)
    st.settings.packing.setChecked(on)
    qtbot.mouseClick(st.settings.save_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, st.settings)  # saving floor settings asks the admin's PIN
    qtbot.waitUntil(lambda: st.status_kind == "ok", timeout=T)
    st.close()


def test_packing_confirmation_set_by_the_admin_is_what_pack_and_weigh_require(
    qtbot, sqlite_db, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    printed_batch(sqlite_db, n=8)
    first, second = _verified(sqlite_db, 2)
    pack = _station(qtbot, PackStation, sqlite_db, "1005", "pack-1")
    weigh = _station(qtbot, WeighStation, sqlite_db, "1006", "weigh-1")
    qtbot.waitUntil(lambda: bool(pack.cartons), timeout=T)

    # off (the demo floor): a verified parcel goes on the scale; packing is not asked for
    _scan(qtbot, weigh, first)
    qtbot.waitUntil(lambda: weigh.context is not None, timeout=T)
    _scan(qtbot, pack, first)
    qtbot.waitUntil(lambda: pack.order is not None and pack.idle, timeout=T)
    assert "weighing needs it" not in pack.instruction.text()

    _set_packing_at_the_admin_station(qtbot, sqlite_db, True)
    assert floor_settings.get(sqlite_db, floor_settings.PACKING_REQUIRED) is True
    assert admin.floor_settings(sqlite_db).packing_required is True
    assert sc.packing_confirmation(sqlite_db) is True  # once read a key nothing wrote

    # on: the weighing clerk sends a verified parcel to packing ...
    _scan(qtbot, weigh, second)
    qtbot.waitUntil(lambda: "not packed" in weigh.explain_label.text(), timeout=T)
    assert weigh.context is None
    # ... and the packer is told the scale waits for this carton scan
    _scan(qtbot, pack, second)
    qtbot.waitUntil(lambda: pack.order is not None and pack.idle, timeout=T)
    assert "weighing needs it" in pack.instruction.text()
    _scan(qtbot, pack, "CTN-3")
    qtbot.waitUntil(lambda: pack.idle and pack.status_kind == "ok", timeout=T)
    # packed: now the scale takes it
    _scan(qtbot, weigh, second)
    qtbot.waitUntil(
        lambda: weigh.context is not None and weigh.context.waybill_no == second, timeout=T
    )
    weigh.close_station()
    pack.close_station()
