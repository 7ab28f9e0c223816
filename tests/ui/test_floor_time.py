"""One moment, one wall clock: screens and paper agree on the hour whatever the machine's zone.

The machine's clock is UTC (as many a station's is); the floor's time zone, set on the admin
station, is Asia/Shanghai. A day's work happens at 08:37 on the floor's clock (00:37 UTC); the
print station and the dashboard name the same cut-off, and the print log, the holds list, the
dispute timeline, the waybill, the handover manifest and the evidence report all say 08:37 —
the documents with their zone printed beside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

import app.services.handover
import app.services.scanning
from app.db import models
from app.db.models import Order
from app.domain import floortime
from app.services import scanning as sc
from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.settings import Settings
from app.ui.desks.dashboard import DashboardStation
from app.ui.desks.dispute.station import DisputeStation
from app.ui.desks.handover import HandoverStation
from app.ui.desks.print.station import PrintStation
from app.ui.desks.supervisor import SupervisorStation
from app.ui.kit.context import StationContext
from tests.floor import verify, weigh
from tests.floortime_support import set_floor_zone, system_zone

WAIT = 30_000
assert app.services.handover and app.services.scanning  # loaded before the clock is set


@contextlib.contextmanager
def floor_clock(start: dt.datetime) -> Iterator[None]:
    """The services' and the evidence chain's ``utcnow`` from ``start`` on, a millisecond a
    reading: every event of the test happens within the same floor minute."""
    t = [start]

    def now() -> dt.datetime:
        t[0] += dt.timedelta(milliseconds=1)
        return t[0]

    patched = [
        m
        for name, m in list(sys.modules.items())
        if (name.startswith("app.services.") or name == "app.db.chain")
        and getattr(m, "utcnow", None) is models.utcnow
    ]
    for m in patched:
        m.utcnow = now  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for m in patched:
            m.utcnow = models.utcnow  # type: ignore[attr-defined]


@pytest.fixture
def utc_machine() -> Iterator[None]:
    old = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))  # the floor reads its screens in Chinese
    with system_zone("UTC"):
        yield
    QLocale.setDefault(old)


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _ctx(db, code: str, name: str, **kw) -> StationContext:
    return StationContext(db=db, operator=find_operator(db, code), station_name=name, **kw)


def _show(qtbot, w) -> None:
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)


def test_one_moment_reads_the_same_on_every_screen_and_paper(
    qtbot, utc_machine, sqlite_db, tmp_path
):
    db = sqlite_db
    china = set_floor_zone(db, "Asia/Shanghai")  # the admin's floor setting
    day = dt.datetime.now(china).date()
    moment = dt.datetime.combine(day, dt.time(8, 37), tzinfo=china).astimezone(dt.UTC)
    assert moment.strftime("%H:%M") == "00:37"  # what the machine's own clock would show
    floor_day = moment.astimezone(china).strftime("%Y-%m-%d")

    with floor_clock(moment):
        make_demo_data(db, 12, seed=71)

        # the print station: the cut-off, a batch printed, its log
        pdfs = tmp_path / "pdf"
        ps = PrintStation(
            _ctx(
                db,
                "1002",
                "打单台 1",
                settings=Settings(label_format="100x150", lang="zh_CN"),
                demo=True,
                extras={"pdf_folder": str(pdfs)},
            )
        )
        _show(qtbot, ps)
        qtbot.waitUntil(
            lambda: ps._queue is not None and ps.batch_table.rowCount() > 0, timeout=WAIT
        )
        print_cutoff = ps.countdown_label.text()
        ps.limit.setValue(4)
        ps.refresh()
        qtbot.waitUntil(lambda: ps.batch_table.rowCount() == 4, timeout=WAIT)
        with qtbot.waitSignal(ps.batch_printed, timeout=WAIT) as sig:
            ps.print_button.click()
        printed = sig.args[0].waybills
        qtbot.waitUntil(lambda: ps.log_table.rowCount() == 4, timeout=WAIT)
        print_log = [ps.log_table.item(r, 0).text() for r in range(4)]
        waybill_pdf = next(pdfs.glob("waybills*.pdf"))

        # the dashboard's cut-off
        dash = DashboardStation(_ctx(db, "1001", "主管 1"))
        _show(qtbot, dash)
        qtbot.waitUntil(lambda: dash.summary is not None and not dash.loading, timeout=WAIT)
        dash_cutoff = dash.cutoff_label.text()

        # the parcels go on: verified and weighed, one put on hold
        with db.read() as s:
            ids = dict(
                s.execute(
                    select(Order.waybill_no, Order.id).where(
                        Order.waybill_no.in_([w["waybill_no"] for w in printed])
                    )
                ).all()
            )
        first, held = printed[0], printed[-1]
        verify(db, ids[first["waybill_no"]])
        weigh(db, ids[first["waybill_no"]])
        sc.hold(db, ids[held["waybill_no"]], "shortage", station="配货 1", operator="1003")

        # the holds list
        sup = SupervisorStation(_ctx(db, "1001", "主管 1"))
        _show(qtbot, sup)
        qtbot.waitUntil(lambda: sup.table.rowCount() == 1, timeout=WAIT)
        holds_time = sup.table.item(0, 4).text()

        # the handover: the carrier's cart, the courier, the manifest
        ho_ctx = _ctx(db, "1006", "交接 1")
        ho_ctx.settings.extra["office_printer"] = f"file:{tmp_path}/"
        ho = HandoverStation(ho_ctx)
        _show(qtbot, ho)
        ho.activateWindow()
        ho.focus_scan_field()
        qtbot.waitUntil(lambda: ho.idle and ho.carrier.count() > 0, timeout=WAIT)
        for code in (first["carrier"], first["waybill_no"]):
            assert QApplication.focusWidget() is ho.scan_field
            qtbot.keyClicks(ho.scan_field, code)
            qtbot.keyClick(ho.scan_field, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: ho.idle, timeout=WAIT)
        manifests: list = []
        ho.manifest_printed.connect(manifests.append)
        ho.courier.setText("张师傅")
        qtbot.keyClick(ho.courier, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(manifests), timeout=WAIT)
        ok, manifest_pdf = manifests[0]
        assert ok

        # the dispute desk: the parcel's timeline and its evidence report
        desk_ctx = _ctx(db, "1007", "售后 1")
        desk_ctx.settings.lang = "zh_CN"
        desk = DisputeStation(desk_ctx)
        _show(qtbot, desk)
        qtbot.waitUntil(lambda: not desk.busy, timeout=WAIT)
        desk.focus_scan_field()
        qtbot.keyClicks(desk.lookup, first["waybill_no"])
        qtbot.keyClick(desk.lookup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not desk.busy and desk.findings is not None, timeout=WAIT)
        timeline = [desk.timeline.item(r, 0).text() for r in range(desk.timeline.rowCount())]
        desk.report_path = str(tmp_path / "report.pdf")
        saved: list[str] = []
        desk.report_saved.connect(saved.append)
        desk.report_button.click()
        qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)

    # one cut-off: 16:00 on the floor's clock, on both screens
    assert "16:00" in print_cutoff and "08:00" not in print_cutoff, print_cutoff
    assert "16:00" in dash_cutoff, dash_cutoff
    # screens: the floor's 08:37, not the machine's 00:37
    assert all(t.startswith("08:37:") for t in print_log), print_log
    assert "08:37" in holds_time and "00:37" not in holds_time, holds_time
    assert len(timeline) >= 3 and all("08:37" in t for t in timeline), timeline
    # paper: the same 08:37, and the zone it is in
    waybill = _pdf_text(waybill_pdf)
    assert "08:37" in waybill and "00:37" not in waybill
    assert floor_day in waybill and "08:37:00 UTC+08:00" in waybill, waybill
    manifest = _pdf_text(Path(manifest_pdf))
    assert f"{floor_day} 08:37 CST (UTC+08:00)" in manifest, manifest
    report = _pdf_text(Path(saved[0]))
    assert "UTC+08:00" in report
    assert report.count("08:37") >= 3, report  # made at, weighed at, the handling steps
    assert floortime.zone_name(floortime.floor_zone()) == "Asia/Shanghai"
