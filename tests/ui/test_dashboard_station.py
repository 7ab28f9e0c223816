"""The supervisor's daily dashboard: what a supervisor sees after a day on the floor."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from app.domain.floortime import floor_zone
from app.services.dashboard import METRICS, today
from app.services.demo_day import run_demo_day
from app.services.operators import find_operator
from app.ui.desks.dashboard import DashboardStation, metric_label
from app.ui.kit.context import StationContext
from app.ui.shell.stations import allowed, station_class


@pytest.fixture
def floor_day(demo_db, tmp_path):
    return run_demo_day(demo_db, tmp_path / "pdf", rounds=4, per_round=8)


def _open(qtbot, db, code: str = "1001") -> DashboardStation:
    ctx = StationContext(db=db, operator=find_operator(db, code), station_name="sup-1")
    w = DashboardStation(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    qtbot.waitUntil(lambda: w.summary is not None and not w.loading, timeout=15000)
    return w


def _column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_the_day_in_numbers_chart_and_tables(qtbot, demo_db, floor_day):
    w = _open(qtbot, demo_db)
    day = floor_day
    expected = {
        "printed": len(day.printed),
        "verified": len(day.verified),
        "weighed": len(day.weighed),
        "held": len(day.held),
        "handed_over": len(day.handed_over),
    }
    # the big numbers
    assert {m: int(w.tiles[m].number.text()) for m in METRICS} == expected
    assert [w.tiles[m].caption.text() for m in METRICS] == [metric_label(m) for m in METRICS]
    assert int(w.to_ship_tile.number.text()) == 300 - len(day.handed_over)
    # the chart: one bar set per step, named in the legend, adding up to the day's totals
    (series,) = w.chart.series()
    sets = series.barSets()
    assert [s.label() for s in sets] == [metric_label(m) for m in METRICS]
    assert {m: round(s.sum()) for m, s in zip(METRICS, sets, strict=True)} == expected
    # the tables: per hour with the whole day last, holds by reason, per operator
    last = w.hours_table.rowCount() - 1
    assert w.hours_table.item(last, 0).text() == "Whole day"
    assert [int(w.hours_table.item(last, c).text()) for c in range(1, 6)] == list(expected.values())
    assert _column(w.reasons_table, 0) == ["Out of stock", "Weight out of tolerance"]
    assert _column(w.reasons_table, 1) == ["1", "1"]
    operators = _column(w.operators_table, 0)
    assert any("(1002)" in o for o in operators) and any("(1006)" in o for o in operators)
    row = next(i for i, o in enumerate(operators) if "(1004)" in o)
    assert int(w.operators_table.item(row, 2).text()) == len(day.verified)


def test_another_day_and_refresh(qtbot, demo_db, floor_day):
    w = _open(qtbot, demo_db)
    assert "cut-off" in w.cutoff_label.text()
    first = w.summary
    # yesterday: nothing happened, no countdown
    d = today() - dt.timedelta(days=1)
    with qtbot.waitSignal(w.summary_loaded, timeout=15000):
        w.date_edit.setDate(QDate(d.year, d.month, d.day))
    assert w.summary.day == d
    assert [w.tiles[m].number.text() for m in METRICS] == ["0"] * 5
    assert w.reasons_table.item(0, 0).text() == "No holds this day"
    assert "today only" in w.cutoff_label.text()
    # back to today with the button; F5 and the timer count again
    with qtbot.waitSignal(w.summary_loaded, timeout=15000):
        w.today_button.click()
    assert w.summary.totals == first.totals
    with qtbot.waitSignal(w.summary_loaded, timeout=15000):
        w._refresh.timeout.emit()
    w.close_station()
    assert not w._refresh.isActive()


def test_the_cutoff_countdown(qtbot, demo_db):
    w = _open(qtbot, demo_db)
    now = dt.datetime.now(dt.UTC)
    zone = floor_zone()  # no floor setting: the system's
    local = now.astimezone(zone)
    before = dt.datetime.combine(local.date(), dt.time(14, 30), tzinfo=zone)
    w.update_countdown(before)
    text = w.cutoff_label.text()
    assert "16:00" in text and "1 h 30 min left" in text
    assert "300 order" in text and "paid before it still to ship" in text  # en plural or source
    w.update_countdown(dt.datetime.combine(local.date(), dt.time(15, 20), tzinfo=zone))
    assert "0 h 40 min left" in w.cutoff_label.text()
    assert "#c62828" in w.cutoff_label.styleSheet()  # red under an hour (and words say so)
    w.update_countdown(dt.datetime.combine(local.date(), dt.time(16, 5), tzinfo=zone))
    assert "has passed" in w.cutoff_label.text()


def test_only_supervisors_open_it(demo_db):
    spec = station_class("dashboard")
    assert spec is not None and spec.load() is DashboardStation
    assert allowed(spec, find_operator(demo_db, "1001"))
    assert allowed(spec, find_operator(demo_db, "1008"))  # the admin may open everything
    assert not allowed(spec, find_operator(demo_db, "1004"))
