"""kill -9 of a station in each step of the flow: print batch, verify scan, pack confirm, weigh,
handover.

The station is the load test's station program (``tests/bench/load_floor.py``) run as its own
OS process; it prints a JSON line to stdout for each step only after the step's commit. The
test lets it work, kills it with SIGKILL at several moments (right after a reported step, and a
little later, inside the next one), restarts it under the same station name until it runs out
of work, then checks the database against everything the killed and the restarted processes
reported: every reported step is there exactly once, nothing is half-done (a number without
its printed waybill, an order verified without its scans, a cart handed over in part or left
claimed), and the evidence chain is intact. SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import threading
import time

import pytest

from tests.bench.load_floor import ROOT, Station, check_floor, prepare_floor, station_command
from tests.pgroles import stations_url

#: the flow before each step: the roles run in-process to bring orders to that step
BEFORE = {
    "print": (),
    "verify": ("print",),
    "pack": ("print", "verify"),
    "weigh": ("print", "verify", "pack"),
    "handover": ("print", "verify", "pack", "weigh"),
}
#: the done line that marks one unit of the role's work
UNIT = {
    "print": "print",
    "verify": "verify_scan",
    "pack": "pack",
    "weigh": "weigh",
    "handover": "handover_scan",
}
#: seconds after a reported step at which the station is killed (one run each)
MOMENTS = (0.0, 0.12, 0.3)
ORDERS = 24


class StationProc:
    """A station process; its stdout JSON lines are collected on a thread."""

    def __init__(self, role: str, db_url: str, name: str, **opts) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("PARCELPROOF_DB", None)
        self.proc = subprocess.Popen(
            station_command(role, db_url, name, log="-", **opts),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict] = []
        self.err: list[str] = []
        self._new = threading.Condition()
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read_out(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut by the kill was never a report
            with self._new:
                self.lines.append(rec)
                self._new.notify_all()

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.err.append(line)

    def count(self, step: str) -> int:
        return sum(1 for r in self.lines if r.get("kind") == "done" and r["step"] == step)

    def wait_for(self, step: str, n: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        with self._new:
            while self.count(step) < n:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError(
                        f"no {n} x {step} (got {self.count(step)}); stderr:\n" + "".join(self.err)
                    )
                self._new.wait(min(left, 0.5))

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        time.sleep(0.2)  # the reader thread drains what was written before the kill

    def wait(self, timeout: float = 120.0) -> int:
        rc = self.proc.wait(timeout)
        time.sleep(0.2)
        return rc


def _advance(db_url: str, roles: tuple[str, ...], records: list[dict], tmp_path) -> None:
    """Run the steps before the one under test in this process until they run out of work."""
    for role in roles:
        out = io.StringIO()
        Station(
            role, db_url, f"{role}-prep", out, idle_exit=0.8, pdf_dir=str(tmp_path / "pdf")
        ).run()
        records += [json.loads(x) for x in out.getvalue().splitlines()]


@pytest.mark.parametrize("role", ["print", "verify", "pack", "weigh", "handover"])
def test_kill_9_in_each_step_loses_nothing_and_leaves_nothing_half_done(role, db_url, tmp_path):
    # printing goes 8-25 orders a batch: enough that three killed runs cannot print them all
    prepare_floor(db_url, ORDERS * 10 if role == "print" else ORDERS, seed=3, paid=True)
    owner_url, db_url = db_url, stations_url(db_url)  # the stations sign in as stations
    records: list[dict] = []
    _advance(db_url, BEFORE[role], records, tmp_path)
    name = f"{role}-1"
    pause = 0.05  # a unit of work, then a breath: each kill lands with work still to do
    pdf = str(tmp_path / "pdf-station")
    killed = 0
    for k, moment in enumerate(MOMENTS):
        st = StationProc(role, db_url, name, pdf_dir=pdf, pause=pause, seed=k)
        try:
            st.wait_for(UNIT[role], 1)
            time.sleep(moment)
            st.kill9()
            killed += 1
        finally:
            if st.proc.poll() is None:
                st.proc.kill()
                st.proc.wait(10)
        assert st.proc.returncode == -signal.SIGKILL
        records += st.lines
    # the restarted station carries on with the same database until there is no work left
    st = StationProc(role, db_url, name, pdf_dir=pdf, idle_exit=1.5, seed=9)
    assert st.wait() == 0, "".join(st.err)
    records += st.lines
    assert st.count(UNIT[role]) >= 1, "".join(st.err)  # it did carry on
    assert not [r for r in st.lines if r.get("kind") == "error"], st.lines

    fc = check_floor(owner_url, records, settled=True)
    assert fc.ok, fc.problems
    assert (fc.lost, fc.duplicates, fc.impossible) == (0, 0, 0)
    assert fc.chain_intact
    # nothing waits at the step under test any more: the restart finished the killed work
    waiting = {"print": "paid", "verify": "printed", "pack": "verified", "weigh": "packed"}
    if role in waiting:
        assert fc.statuses.get(waiting[role], 0) == 0, fc.statuses
    else:
        assert fc.statuses.get("weighed", 0) == 0, fc.statuses  # all handed over
    assert killed == len(MOMENTS)
