"""Scan → screen in the real verify station (the aim: one frame, 16 ms): ``scan_to_paint_*_ms``.

    python -m app.ui.shell.bench_paint --db URL [--scans N]

Run by `app.bench.suite.scan_to_paint` in a child process (under Xvfb when it is installed,
else the offscreen platform). Printed orders are prepared first (`app.bench.flows`); then each
scan is typed into the station's scan field as a wedge scanner types it, and the time is taken
from the Enter key event to the first paint of the status label after the station showed the
verdict (the service call runs on the station's job pool, as on the floor). Prints one JSON
object; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app import heap
from app.bench.flows import STATION_VERIFY, VERIFIER, prepare_printed
from app.db.engine import open_database
from app.services.operators import find_operator
from app.ui.desks.verify import VerifyStation
from app.ui.kit import sound
from app.ui.kit.context import StationContext
from benchstats import summary


class _PaintClock(QObject):
    """On the GUI thread: notes the first paint of the status label after a verdict."""

    def __init__(self, station: VerifyStation) -> None:
        super().__init__(station)
        self.station = station
        self.loop = QEventLoop()
        self.started = 0.0
        self.shown = False
        self.painted: float | None = None
        station.status_shown.connect(self._on_station_status_shown)
        station.status.installEventFilter(self)

    def _on_station_status_shown(self, _kind: str, _text: str) -> None:
        if self.started and self.painted is None:
            self.shown = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self.shown and self.painted is None:
            self.painted = time.perf_counter()
            QTimer.singleShot(0, self.loop.quit)
        return False

    def scan(self, code: str, timeout_ms: int = 10_000) -> float:
        """Type ``code``, press Enter; milliseconds until the verdict was painted."""
        field = self.station.scan_field
        QTest.keyClicks(field, code)
        self.shown, self.painted = False, None
        self.started = time.perf_counter()
        QTest.keyClick(field, Qt.Key.Key_Return)
        if self.painted is None:
            QTimer.singleShot(timeout_ms, self.loop.quit)
            self.loop.exec()
        if self.painted is None:
            raise RuntimeError(f"no verdict painted for {code} within {timeout_ms} ms")
        ms = (self.painted - self.started) * 1000
        self.started = 0.0
        # let the station finish the scan (follow-up jobs) before the next one
        deadline = time.monotonic() + timeout_ms / 1000
        while not self.station.idle and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return ms


def run(db_url: str, scans: int) -> dict:
    db = open_database(db_url, background_checkpoint=True)
    parcels = prepare_printed(db, max(3, scans // 2))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = StationContext(
        db=db, operator=find_operator(db, VERIFIER), station_name=STATION_VERIFY + "-gui"
    )
    w = VerifyStation(ctx)
    w.resize(1280, 900)
    w.show()
    QTest.qWaitForWindowExposed(w, 5000)
    w.activateWindow()
    w.focus_scan_field()
    app.processEvents()
    _ = sound.player().audio_available  # looked for once at start, as app.ui.shell.main does
    heap.settle()  # as the main window does once a station is up (app.heap)
    clock = _PaintClock(w)
    ms: list[float] = []
    for p in parcels:
        if len(ms) >= scans:
            break
        ms.append(clock.scan(p.waybill_no))
        for code in p.units:
            ms.append(clock.scan(code))
    w.close_station()
    w.close()
    db.dispose()
    return {
        "scan_to_paint_scans": len(ms),
        **summary("scan_to_paint", ms, digits=2),
        "scan_to_paint_platform": QApplication.platformName(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m app.ui.shell.bench_paint")
    ap.add_argument("--db", required=True)
    ap.add_argument("--scans", type=int, default=100)
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(run(args.db, args.scans)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
