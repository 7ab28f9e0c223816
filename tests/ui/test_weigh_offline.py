"""The weighing station when the PostgreSQL server goes away and comes back: it keeps
weighing, never says OK for what it could not record, and sends what it kept, once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.db.chain import verify_chain
from app.db.models import Weighing
from app.services.operators import find_operator
from app.settings import Settings
from app.ui.desks.weigh.station import WeighStation
from app.ui.kit.context import StationContext
from devices.simulate import SimulatedScale
from tests.floor import add_many
from tests.pgroles import station_database

T = 30_000


def _scan(qtbot, w, code):
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)


def test_server_gone_weighings_kept_then_sent_once(qtbot, own_pg_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    db = station_database(own_pg_server.url)  # as a floor's station: the stations' role
    wbs = add_many(db, 3)
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=1, seed=4)
    ctx = StationContext(
        db=db,
        operator=find_operator(db, "1006"),
        settings=Settings(scale_port=sim.port, scale_protocol="stgs"),
        station_name="称重台 9",
        extras={"outbox_path": str(tmp_path / "outbox.sqlite")},
    )
    w = WeighStation(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.scale_state == "ok" and not w.gate.needs_zero, timeout=T)
        # online: as always
        _scan(qtbot, w, wbs[0])
        qtbot.waitUntil(lambda: w.context is not None, timeout=T)
        with qtbot.waitSignal(w.weighing_recorded, timeout=T):
            sim.place(551)
        sim.remove()
        qtbot.waitUntil(lambda: not w.gate.needs_zero, timeout=T)

        own_pg_server.stop(keep_data=True)
        for wb, grams in ((wbs[1], 549), (wbs[2], 150)):  # the second one is empty
            _scan(qtbot, w, wb)
            qtbot.waitUntil(lambda wb=wb: w.offline_waybill == wb, timeout=T)
            assert w.offline_label.isVisible() and "OFFLINE" in w.verdict_label.text()
            with qtbot.waitSignal(w.weighing_kept_offline, timeout=T) as kept:
                sim.place(grams)
            assert kept.args[0] == wb
            assert "OK" not in w.verdict_label.text() and "KEPT" in w.verdict_label.text()
            sim.remove()
            qtbot.waitUntil(lambda: not w.gate.needs_zero, timeout=T)
        assert w.outbox().count() == 2
        assert "2" in w.offline_label.text()

        own_pg_server.start()
        with qtbot.waitSignal(w.outbox_replayed, timeout=T) as replayed:
            w.replay_outbox()
        rep = replayed.args[0]
        assert rep.replayed == 2 and [r for _i, r in rep.holds] == ["light"]
        assert "HELD" in w.verdict_label.text() and wbs[2] in w.explain_label.text()
        qtbot.waitUntil(lambda: not w.offline_label.isVisible(), timeout=T)
        w.replay_outbox()  # nothing left: nothing sent twice
        with db.read() as s:
            n = s.scalar(select(func.count()).select_from(Weighing))
            assert n == 3 and verify_chain(s).intact
    finally:
        w.close_station()
        sim.close()
        db.dispose()
