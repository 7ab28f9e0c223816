"""The supervisor's day in numbers, counted from the evidence, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, select

from app.db.chain import append_event
from app.db.models import Order
from app.domain.floortime import floor_zone
from app.services.dashboard import (
    METRICS,
    day_bounds,
    day_queries,
    day_summary,
    today,
)
from app.services.demo import make_demo_data
from app.services.demo_day import run_demo_day
from tests.floortime_support import set_floor_zone


def test_a_day_on_the_floor_is_counted_per_step_operator_and_reason(db, tmp_path):
    make_demo_data(db, 60, seed=5)
    before = dt.datetime.now(dt.UTC)
    day = run_demo_day(db, tmp_path / "pdf", rounds=4, per_round=8)
    after = dt.datetime.now(dt.UTC)
    assert day.weighed and day.verified and day.handed_over

    s = day_summary(db)

    assert s.totals == {
        "printed": len(day.printed),
        "verified": len(day.verified),
        "weighed": len(day.weighed),
        "held": len(day.held),
        "handed_over": len(day.handed_over),
    }
    assert dict(s.holds_by_reason) == {"shortage": 1, "weight": 1}
    ops = {o.code: o for o in s.operators}
    assert ops["1002"].counts["printed"] == len(day.printed)  # the print operator
    assert ops["1004"].counts["verified"] == len(day.verified)  # the verifier
    assert ops["1006"].counts == {  # the weighing clerk: weighed, one held light, handed over
        "printed": 0,
        "verified": 0,
        "weighed": len(day.weighed),
        "held": 1,
        "handed_over": len(day.handed_over),
    }
    assert ops["1003"].counts["held"] == 1  # the picker who found the shortage
    assert ops["1002"].name  # names come from the operators table
    # every parcel sits in the floor's hour it happened in (no zone set: the system's)
    first, last = before.astimezone(floor_zone()).hour, after.astimezone(floor_zone()).hour
    for h, counts in enumerate(s.hours):
        if any(counts.values()):
            assert first <= h <= last or (first > last and (h >= first or h <= last))
    for m in METRICS:
        assert sum(c[m] for c in s.hours) == s.totals[m]
    # what is still to ship: every order paid before the cut-off and not yet handed over
    assert s.to_ship_total == 60 - len(day.handed_over)
    assert s.to_ship["held"] == 2


def test_the_day_is_the_floors_day_and_hours_are_the_floors_hours(db):
    china = set_floor_zone(db, "Asia/Shanghai")
    make_demo_data(db, 2, seed=3)
    with db.read() as s:
        o1, o2 = s.scalars(select(Order.id).order_by(Order.id)).all()
    d = dt.date(2026, 3, 14)
    start, end = day_bounds(d)
    assert start == dt.datetime(2026, 3, 13, 16, 0, tzinfo=dt.UTC)  # 00:00 Beijing
    local = dt.datetime.combine(d, dt.time(0), tzinfo=china)

    def at(hours: float) -> dt.datetime:
        return local + dt.timedelta(hours=hours)

    with db.write() as s:
        for when, kind, op, kw in [
            (at(-0.0001), "verified", "1004", {}),  # the evening before: not this day
            (at(0), "verified", "1004", {}),  # midnight: hour 0
            (at(10.25), "held", "1004", {"detail": {"reason": "damaged", "step": "verify"}}),
            (at(10.5), "held", "1005", {"detail": {"reason": "damaged"}}),
            (at(11), "held", "1001", {"detail": {}}),  # a hold without a reason
            (at(15.99), "handed_over", "1006", {"order_id": o1}),  # a parcel on the list
            (at(15.99), "handed_over", "1006", {}),  # the list itself: not a parcel
            (at(16), "scan", "1006", {"order_id": o2}),  # a scan is not a step done
            (at(24 - 0.0001), "verified", "1004", {}),  # last moment: hour 23
            (at(24), "verified", "1004", {}),  # next day
        ]:
            append_event(s, kind, station="t", operator=op, at=when, **kw)

    s = day_summary(db, d, now=at(12))

    assert s.totals == {"printed": 0, "verified": 2, "weighed": 0, "held": 3, "handed_over": 1}
    assert s.hours[0]["verified"] == 1 and s.hours[23]["verified"] == 1
    assert s.hours[10]["held"] == 2 and s.hours[11]["held"] == 1
    assert s.hours[15]["handed_over"] == 1
    assert s.holds_by_reason == (("damaged", 2), ("", 1))
    # busiest first, then by staff number
    assert [(o.code, o.total) for o in s.operators] == [
        ("1004", 3),
        ("1001", 1),
        ("1005", 1),
        ("1006", 1),
    ]
    assert s.cutoff == dt.datetime(2026, 3, 14, 16, 0, tzinfo=china)
    assert list(s.active_hours()) == list(range(0, 24))
    # an empty day
    empty = day_summary(db, dt.date(2026, 3, 20), now=at(12))
    assert empty.totals == dict.fromkeys(METRICS, 0) and not empty.operators
    assert list(empty.active_hours()) == list(range(8, 19))
    assert today(dt.datetime(2026, 3, 13, 16, 30, tzinfo=dt.UTC)) == d


def test_every_count_reads_the_day_through_the_kind_and_time_index(db):
    """A million orders means tens of millions of events: each query must reach the day's rows
    through ``ix_events_kind_at``, never by scanning the events table."""
    plans: list[str] = []
    prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "

    def explain(conn, cursor, statement, parameters, context, executemany):
        return prefix + statement, parameters

    with db.engine.connect() as conn:
        if not db.is_sqlite:
            conn.exec_driver_sql("SET enable_seqscan = off")  # tiny tables: make it choose
        event.listen(conn, "before_cursor_execute", explain, retval=True)
        try:
            for metric, q in day_queries(dt.date(2026, 3, 14)):
                plan = "\n".join(str(r[-1] if db.is_sqlite else r[0]) for r in conn.execute(q))
                plans.append(plan)
                assert "ix_events_kind_at" in plan, (metric, plan)
                assert "SCAN events" not in plan and "Seq Scan on events" not in plan
        finally:
            event.remove(conn, "before_cursor_execute", explain)
    assert len(plans) == 7
