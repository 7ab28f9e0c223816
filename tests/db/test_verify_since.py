"""verify-log at scale: the fast walk says what the old one said, the daily report's chain head
is kept as a checkpoint, and ``verify-log --since`` checks only what came after it, from a
checkpoint that must itself still be on the chain. Both engines."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text

from app.__main__ import main
from app.db.chain import append_event, resolve_checkpoint, verify_chain
from app.db.models import ChainCheckpoint, Event
from app.services.daily_report import daily_report


@pytest.fixture
def db(owner_db):
    """On PostgreSQL these tests connect as the database's owner: they alter the chain
    behind the program's back, which only the owner's login can."""
    return owner_db


def _append(db, n: int, **kw) -> None:
    with db.write() as s:
        for k in range(n):
            append_event(s, "note", station="称重台 1", detail={"k": k, "备注": "✓"}, **kw)


def _alter(db, seq: int) -> None:
    """What a stray script does: the append-only trigger dropped, a detail changed."""
    with db.engine.begin() as c:
        if db.is_sqlite:
            c.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
            c.execute(text(f"UPDATE events SET detail = '{{\"k\": 99}}' WHERE seq = {seq}"))
        else:
            c.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
            c.execute(text(f"UPDATE events SET detail = '{{\"k\": 99}}' WHERE seq = {seq}"))
            c.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))


def test_the_fast_walk_finds_what_the_old_one_found(db):
    _append(db, 30, at=dt.datetime(2026, 12, 4, 1, 2, 3, tzinfo=dt.UTC))
    _append(db, 30)
    seen: list[int] = []
    with db.read() as s:
        rep = verify_chain(s, progress=seen.append)
    assert rep.intact and rep.events == 60 and seen[-1] == 60
    _alter(db, 42)
    with db.read() as s:
        rep = verify_chain(s)
    assert not rep.intact and rep.event_seq == 42 and rep.events == 41
    assert rep.problem == "event #42 (note) was altered after it was recorded"


def test_the_daily_report_keeps_its_chain_head_as_a_checkpoint(db):
    _append(db, 5)
    data = daily_report(db)
    daily_report(db)  # printed again: one checkpoint
    with db.read() as s:
        rows = s.execute(select(ChainCheckpoint.seq, ChainCheckpoint.hash)).all()
        assert [(r.seq, r.hash) for r in rows] == [(data.chain_seq, data.chain_head)]
        assert resolve_checkpoint(s, "last") == (5, data.chain_head)
        assert resolve_checkpoint(s, "5") == (5, data.chain_head)
        assert resolve_checkpoint(s, data.chain_head.upper()) == (5, data.chain_head)


def test_verify_log_since_the_last_checkpoint_checks_only_the_events_after_it(db, capsys):
    _append(db, 20)
    head = daily_report(db).chain_head
    _append(db, 7)
    assert main(["--db", db.url, "verify-log", "--since", "last"]) == 0
    out = capsys.readouterr().out
    assert "intact since checkpoint #20: 7 events checked" in out
    assert main(["--db", db.url, "verify-log", "--since", head]) == 0
    # an alteration before the checkpoint is the full check's to find
    _alter(db, 3)
    assert main(["--db", db.url, "verify-log", "--since", "20"]) == 0
    assert main(["--db", db.url, "verify-log"]) == 1
    assert "BROKEN at event #3" in capsys.readouterr().out
    # ... one after it is found from the checkpoint too
    _alter(db, 25)
    assert main(["--db", db.url, "verify-log", "--since", "last"]) == 1
    assert "BROKEN at event #25" in capsys.readouterr().out


def test_the_checkpoint_itself_must_still_be_on_the_chain(db, capsys):
    _append(db, 10)
    daily_report(db)
    _append(db, 3)
    _alter(db, 10)  # the checkpoint's own event changed
    assert main(["--db", db.url, "verify-log", "--since", "last"]) == 1
    assert "BROKEN at event #10" in capsys.readouterr().out


@pytest.mark.parametrize("ref", ["last", "4", "ab" * 32, "yesterday"])
def test_since_without_such_a_checkpoint_is_a_usage_error(db, capsys, ref):
    _append(db, 3)
    assert main(["--db", db.url, "verify-log", "--since", ref]) == 2
    err = capsys.readouterr().err
    assert "verify-log --since" in err and "Traceback" not in err
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 3


def test_the_fast_walk_hashes_awkward_values_as_the_canonical_form_does(db):
    """Quotes, backslashes, control characters, line separators, emoji, numbers, nesting."""
    from tests.floor import add_many

    (wb,) = add_many(db, 1)
    from app.db.models import Order

    with db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.waybill_no == wb))
    assert order_id is not None
    awkward = ['a"b', "c\\d", "e\nf\tg", "h\u2028i", "😀", "\x01", ""]
    with db.write() as s:
        for k, v in enumerate(awkward):
            append_event(
                s,
                "note",
                order_id=order_id if k % 2 else None,
                station=v,
                operator=v,
                detail={"z": v, "a": [1, 2.5, None, True], "m": {"y": v, "b": -3}, wb: k},
            )
    with db.read() as s:
        assert verify_chain(s, workers=1).intact


def _delete(db, seq: int) -> None:
    with db.engine.begin() as c:
        if db.is_sqlite:
            c.execute(text("DROP TRIGGER IF EXISTS events_no_delete"))
            c.execute(text(f"DELETE FROM events WHERE seq = {seq}"))
        else:
            c.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))  # no check left for the commit
            c.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
            c.execute(text(f"DELETE FROM events WHERE seq = {seq}"))
            c.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))


@pytest.mark.parametrize(
    "harm", ["none", "alter 7", "alter 8", "alter 15", "delete 14", "delete 21"]
)
def test_the_walk_in_chunks_by_several_processes_reports_what_one_walk_does(db, harm):
    """Chunks of 7 events (a chunk starts from the stored hash of the event before it): a
    change at a chunk's edge, or a missing event there, is reported as one walk reports it."""
    _append(db, 21)
    what, _, seq = harm.partition(" ")
    if what == "alter":
        _alter(db, int(seq))
    elif what == "delete":
        _delete(db, int(seq))
    with db.read() as s:
        one = verify_chain(s, workers=1)
    with db.read() as s:
        parallel = verify_chain(s, workers=2, chunk=7)
    assert parallel == one
    assert one.intact == (what == "none")


@pytest.mark.parametrize(
    "value",
    [
        {"z": 'a"b', "a": [1, 2.5, None, True, False], "m": {"y": "😀\u2028\x01", "b": -3}},
        {"1e400": 1e300, "f": 0.1, "neg": -0.0, "big": 10**30, "nan": float("nan")},
        {"3": 1, "10": 2, "": [], "x": {}},
        "a plain string 第 1 件 ✓",
        [1, "two", {"b": 1, "a": 2}],
        None,
        42,
        2.5,
        True,
    ],
)
def test_the_walk_writes_a_detail_exactly_as_the_canonical_form_does(value):
    """The walk's encoder (made once, for speed) writes every JSON value as ``canonical``
    does with ``json.dumps``: sorted keys, no spaces, non-ASCII as is."""
    from app.db.chain import _CANON, _canonical_detail

    stored = json.loads(json.dumps(value))  # what the walk gets back from the database
    assert _canonical_detail(stored) == json.dumps(stored, **_CANON)


def _restore_details(db, write) -> None:
    """Each event's detail stored again as ``write(parsed)`` writes it (what an older version
    of the program, or another tool, stored), the chain's hashes untouched."""
    with db.engine.begin() as c:
        rows = c.execute(text("SELECT id, detail FROM events")).all()
        if db.is_sqlite:
            c.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
        else:
            c.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
        for eid, detail in rows:
            value = json.loads(detail) if isinstance(detail, str) else detail
            c.execute(
                text("UPDATE events SET detail = :d WHERE id = :id"), {"d": write(value), "id": eid}
            )
        if not db.is_sqlite:
            c.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))


def test_details_are_stored_as_the_chain_hashes_them(db):
    """An event's detail is stored in the chain's canonical JSON, so verify-log hashes the
    stored text as it is (parsing it only when that does not match)."""
    _append(db, 3)
    cast = "detail" if db.is_sqlite else "detail::text"
    with db.engine.connect() as c:
        stored = c.execute(text(f"SELECT {cast} FROM events ORDER BY seq")).scalars().all()
    assert stored == [
        json.dumps({"k": k, "备注": "✓"}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        for k in range(3)
    ]
    # a detail altered in that same form is found as any other alteration
    with db.engine.begin() as c:
        if not db.is_sqlite:
            c.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
        else:
            c.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
        c.execute(text("UPDATE events SET detail = :d WHERE seq = 2"), {"d": '{"k":1,"备注":"✗"}'})
        if not db.is_sqlite:
            c.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))
    with db.read() as s:
        rep = verify_chain(s, workers=1)
    assert not rep.intact and rep.event_seq == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chain_stored_the_older_way_still_verifies_and_an_alteration_is_still_found(
    db, capsys, workers
):
    """Details stored with json.dumps' defaults (spaces, escaped non-ASCII: what versions
    before the canonical storage wrote) are parsed and hashed canonically; a detail altered in
    either form is found."""
    _append(db, 600)  # more than the walk's retry span after a stored detail that misses
    _restore_details(db, json.dumps)
    with db.read() as s:
        assert verify_chain(s, workers=workers).intact
    assert main(["--db", db.url, "verify-log"]) == 0
    # an alteration written in the canonical form itself, well past the first misses
    with db.engine.begin() as c:
        if db.is_sqlite:
            c.execute(text("UPDATE events SET detail = :d WHERE seq = 400"), {"d": '{"k":99}'})
        else:
            c.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
            c.execute(text("UPDATE events SET detail = :d WHERE seq = 400"), {"d": '{"k":99}'})
            c.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))
    with db.read() as s:
        rep = verify_chain(s, workers=workers)
    assert not rep.intact and rep.event_seq == 400
    capsys.readouterr()
    assert main(["--db", db.url, "verify-log"]) == 1
    assert "BROKEN at event #400" in capsys.readouterr().out
