"""The floor load test in short form: 20 station processes, about a minute of a day's flow at
10,000 orders per hour against the PostgreSQL server the test run started. Asserts the
integrity checks only (the figures are the benchmark's: ``python -m tests.bench.load_floor``).
"""

from __future__ import annotations

import pytest

from tests.bench.load_floor import new_database, run_load
from tests.pgroles import STATION_ROLE

pytestmark = pytest.mark.postgres


def test_twenty_stations_lose_nothing_and_double_nothing(pg_server_url, tmp_path):
    report = run_load(
        stations=20,
        orders_per_hour=10_000,
        minutes=1.0,
        db_url=new_database(pg_server_url),
        workdir=tmp_path,
        warmup_s=20,
    )
    assert report["stations_started"] == 20
    assert report["station_role"] == STATION_ROLE  # the stations signed in as stations
    assert report["exit_codes"] == [0] * 20, report
    assert report["errors"] == {}, report["errors"]  # no lost connection, no deadlock
    assert report["events_lost"] == 0, report["problems"]
    assert report["duplicates"] == 0, report["problems"]
    assert report["impossible_states"] == 0, report["problems"]
    assert report["chain_intact"]
    # the whole flow ran: parcels were handed over, and verifiers met each other's claims
    assert report["orders_handed_over"] > 0
    assert report["refusals"].get("verify_open:claimed_elsewhere", 0) > 0


def test_the_server_stopped_and_started_in_the_middle_loses_nothing(tmp_path):
    """The same floor on a server of the harness's own, stopped 20 s into the run for 15 s:
    every station rides it out (the lost connection is logged and retried), and afterwards
    nothing is lost or doubled and the chain is intact."""
    report = run_load(
        stations=20,
        orders_per_hour=10_000,
        minutes=1.0,
        outage=(20.0, 15.0),
        workdir=tmp_path,
        warmup_s=20,
    )
    assert report["exit_codes"] == [0] * 20, report
    assert report["events_lost"] == 0, report["problems"]
    assert report["duplicates"] == 0, report["problems"]
    assert report["impossible_states"] == 0, report["problems"]
    assert report["chain_intact"]
    assert sum(report["errors"].values()) > 0  # the stations did meet the outage
    assert report["orders_handed_over"] > 0
