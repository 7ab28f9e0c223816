"""A weighing is never lost: kill -9 the weighing line during captures, then check that every
parcel it reported is in the database, the evidence chain is intact, and the line carries on
with the same database after the crash."""

from __future__ import annotations

import signal
import time

from sqlalchemy import select

from app.db.chain import verify_chain
from app.db.models import Event, Order, Weighing
from devices.simulate import SimulatedScale, SimulatedSerialScanner
from tests.floor import Line, add_many


def test_kill_9_during_capture_loses_nothing_committed(sqlite_db):
    wbs = add_many(sqlite_db, 12)
    scale = SimulatedScale("stgs", rate_hz=25, settle_s=0.25, noise_grams=1, seed=5)
    scanner = SimulatedSerialScanner()
    reported: list[dict] = []
    todo = list(wbs)
    try:
        # three runs, each killed at a different moment of a capture
        for kill_after in (0.45, 0.6, 0.75):
            line = Line(sqlite_db.url, scale, scanner)
            try:
                assert line.ready.wait(20), "".join(line.err)
                for _ in range(2):  # two parcels go through cleanly
                    wb = todo.pop(0)
                    scanner.scan(wb)
                    scale.place(552)
                    reported.append(line.next())
                    scale.remove()
                    time.sleep(0.5)
                # the third is on the platform settling when the power goes
                scanner.scan(todo.pop(0))
                scale.place(549)
                time.sleep(kill_after)
                line.proc.send_signal(signal.SIGKILL)
                line.proc.wait(10)
                while not line.out.empty():  # whatever it managed to report
                    reported.append(line.out.get())
            finally:
                line.close()
            scale.remove()
            time.sleep(0.3)
    finally:
        scale.close()
        scanner.close()

    assert len(reported) >= 6
    with sqlite_db.read() as s:
        rows = {w.waybill_no: w for w in s.scalars(select(Weighing).order_by(Weighing.id))}
        for line in reported:  # every parcel shown has its record, as shown
            w = rows[line["waybill_no"]]
            assert (w.grams, w.verdict) == (line["grams"], line["verdict"])
            ev = s.get(Event, w.event_id)
            assert ev.kind == "weighed" and ev.detail["grams"] == w.grams
            status = s.scalar(select(Order.status).where(Order.waybill_no == w.waybill_no))
            assert status == ("weighed" if w.verdict == "ok" else "held")
        # nothing half-written: every weighing has its event, every stub place is unique
        places = [(w.stub_bundle, w.stub_position) for w in rows.values() if w.stub_bundle]
        assert len(places) == len(set(places))
        rep = verify_chain(s)
        assert rep.intact, rep.problem
