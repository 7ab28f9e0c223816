"""The chain head taken at the commit (app/db/chain.py): what must not change did not.

One total order (seq gapless and unique) under appends from several processes at once; the
hashes those of the old algorithm (a copy of it below) for the same events; an outbox action
recorded once however often it is replayed; a station killed with SIGKILL in the middle of a
transaction leaves nothing half-appended and the others go on. Both engines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.db.chain import ChainNotSealed, append_event, seal_now, station_event, verify_chain
from app.db.models import ChainHead, Event, Weighing
from app.services import weighing as svc
from tests.floor import add_many

ROOT = Path(__file__).resolve().parents[2]

# --- the algorithm as it was before the change (kept here as the reference) ------------------


def old_canonical(seq, uid, at, kind, order_id, station, operator, detail) -> bytes:
    body = {
        "seq": seq,
        "uid": uid,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "kind": kind,
        "order_id": order_id,
        "station": station,
        "operator": operator,
        "detail": detail,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def old_link(prev_hash: str, body: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + body).hexdigest()


def _events(db) -> list:
    """Every event as a plain row, in chain order."""
    cols = [getattr(Event, c) for c in ("id", "seq", "uid", "at", "kind", "order_id")]
    cols += [Event.station, Event.operator, Event.detail, Event.prev_hash, Event.hash]
    with db.read() as s:
        return list(s.execute(select(*cols).order_by(Event.seq)))


def test_the_hashes_are_those_of_the_old_algorithm(db):
    at = dt.datetime(2026, 12, 4, 9, 30, 0, 123456, tzinfo=dt.UTC)
    details = [{}, {"waybill_no": "SF1", "grams": 551}, {"note": "破损 ✓", "nested": {"b": 1}}]
    with db.write() as s:  # three events in one transaction
        for k, d in enumerate(details):
            append_event(s, "note", station="称重台 1", operator="1006", detail=d, at=at)
            at += dt.timedelta(microseconds=k + 1)
    with db.write() as s:  # one more, sealed early
        ev = append_event(s, "note", detail={"x": [1, 2]}, at=at)
        seal_now(s)
        assert ev.seq == 4
    prev = ""
    evs = _events(db)
    assert [e.seq for e in evs] == [1, 2, 3, 4]
    for e in evs:
        body = old_canonical(
            e.seq, e.uid, e.at, e.kind, e.order_id, e.station, e.operator, e.detail
        )
        assert e.prev_hash == prev
        assert e.hash == old_link(prev, body)
        prev = e.hash
    with db.read() as s:
        assert s.scalar(select(ChainHead.hash)) == prev
        assert verify_chain(s).intact


def test_an_events_place_is_known_after_the_commit_or_after_seal_now(db):
    with db.write() as s:
        ev = append_event(s, "note")
        assert ev.id > 0  # rows that point at it can be written at once
        with pytest.raises(ChainNotSealed):
            _ = ev.seq
        # a query of the events in the same transaction reads it (it is sealed first)
        assert s.scalar(select(Event.seq).where(Event.id == ev.id)) == 1
        assert ev.seq == 1
    with db.write() as s:
        later = append_event(s, "note")
    assert (later.seq, later.prev_hash) == (2, ev.hash)


def test_a_transaction_rolled_back_leaves_no_event_and_no_gap(db):
    with pytest.raises(RuntimeError), db.write() as s:
        append_event(s, "note")
        raise RuntimeError("the station's action failed")
    with db.write() as s:
        append_event(s, "note")
    assert [e.seq for e in _events(db)] == [1]


# --- several processes at once ------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import random, sys, time
    from app.db.chain import append_event
    from app.db.engine import open_database
    url, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    db = open_database(url)
    rng = random.Random(name)
    for k in range(n):
        with db.write() as s:
            for j in range(rng.randint(1, 3)):
                append_event(s, "note", station=name, detail={"k": k, "j": j})
                time.sleep(rng.random() * 0.003)  # the rest of the station's work
    db.dispose()
    """
)


def test_concurrent_appends_from_several_processes_make_one_gapless_order(db):
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, db.url, f"w{i}", "40"], cwd=ROOT)
        for i in range(4)
    ]
    assert [p.wait(180) for p in procs] == [0, 0, 0, 0]
    evs = _events(db)
    assert [e.seq for e in evs] == list(range(1, len(evs) + 1))  # gapless, unique
    assert len(evs) >= 4 * 40
    for i in range(4):  # each writer's events in the order it wrote them
        mine = [(e.detail["k"], e.detail["j"]) for e in evs if e.station == f"w{i}"]
        assert mine == sorted(mine) and len({k for k, _ in mine}) == 40
    # a transaction's events are consecutive: nobody's event inside another's
    by_tx = [(e.station, e.detail["k"]) for e in evs]
    runs = [by_tx[0]] + [b for a, b in zip(by_tx, by_tx[1:], strict=False) if a != b]
    assert len(runs) == len(set(runs))
    with db.read() as s:
        assert verify_chain(s).intact


# --- outbox: exactly once ---------------------------------------------------------------------


def test_a_station_action_is_recorded_once_however_often_it_is_replayed(db):
    """The unique uid refuses the second recording of an action (now at the commit, when the
    events are inserted): one weighing, one event, the chain intact."""
    (wb,) = add_many(db, 1)
    uid = str(uuid.uuid4())
    with station_event(uid):
        svc.record_weighing(db, wb, 551, 1, "1006", "称重台 1")
    with pytest.raises(IntegrityError), station_event(uid):
        svc.record_weighing(db, wb, 551, 1, "1006", "称重台 1")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.uid == uid)) == 1
        assert s.scalar(select(func.count()).select_from(Weighing)) == 1
        assert verify_chain(s).intact


# --- kill -9 in the middle of a transaction -------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from app.db.chain import append_event, seal_now
    from app.db.engine import open_database
    url, moment = sys.argv[1], sys.argv[2]
    db = open_database(url)
    with db.write() as s:
        for k in range(3):
            append_event(s, "note", station="killed", detail={"k": k})
        if moment == "holding":
            seal_now(s)  # the head is this transaction's now
        print("ready", flush=True)
        time.sleep(60)
    """
)


@pytest.mark.parametrize("moment", ["appending", "holding"])
def test_kill_9_mid_transaction_leaves_the_chain_intact_and_others_go_on(db, moment):
    with db.write() as s:
        append_event(s, "note", station="before")
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db.url, moment], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    other = subprocess.run(
        [sys.executable, "-c", WRITER, db.url, "after", "5"], cwd=ROOT, timeout=120
    )
    assert other.returncode == 0
    evs = _events(db)
    assert [e.seq for e in evs] == list(range(1, len(evs) + 1))
    assert {e.station for e in evs} == {"before", "after"}  # nothing of the killed one
    with db.read() as s:
        assert verify_chain(s).intact
