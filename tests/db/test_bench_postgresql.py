"""``parcelproof bench --engine postgresql`` measures the suite on PostgreSQL.

Nothing is timed: only that the CLI runs the quick suite on the test server, prints the same
figures as on SQLite with ``engine`` naming PostgreSQL, and leaves the server as it found it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.e2e.cli_support import ROOT

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# the figures every run prints, whatever the engine (docs/dev/contract.md)
KEYS = {
    "engine",
    "orders_in_db",
    "phone_tail_lookup_p99_ms",
    "dispute_lookup_p99_ms",
    "browser_search_p99_ms",
    "scan_verdict_p99_ms",
    "weigh_commit_p99_ms",
    "db_roundtrip_p99_ms",
    "import_orders_per_s",
    "scan_to_paint_p99_ms",
    "cold_start_ms",
    "station_rss_mb",
    "label_ms_per_label",
    "scale_frames_per_s",
}


def _databases(url: str) -> set[str]:
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def test_quick_bench_on_postgresql_prints_the_figures_and_drops_its_databases(
    pg_server_url, tmp_path
):
    before = _databases(pg_server_url)
    env = {**os.environ, "PARCELPROOF_BENCH_DIR": str(tmp_path / "cache")}
    env.pop("PARCELPROOF_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--db", pg_server_url, "bench", "--json", "--quick",
         "--engine", "postgresql"],
        capture_output=True, text=True, env=env, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(proc.stdout)
    assert figures.keys() >= KEYS, KEYS - figures.keys()
    assert figures["engine"] == "postgresql"
    assert figures["orders_in_db"] >= 100_000
    assert not [k for k in figures if k.endswith("_error")], figures
    # the evidence chain's figures are PostgreSQL's: its events loaded into that server, no
    # SQLite chain built for them; the floor's writers worked on the same server
    assert figures["verify_log_events"] == 1_000_000
    assert figures["verify_log_events_per_s"] > 0
    assert not list((tmp_path / "cache").glob("chain_*.db"))
    assert figures["floor_events"] > 0
    # the dataset is cached as a dump for the next run
    assert list((tmp_path / "cache").glob("pg_100000_*.dump"))
    # the bench worked in databases of its own on that server, and dropped them
    assert _databases(pg_server_url) == before
