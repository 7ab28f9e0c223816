"""Round trips to PostgreSQL per station action (#24): a scan's verdict waits on each of them,
and on a busy machine each costs far more than the statement itself.

Counted exactly: libpq traces the connection's protocol messages, and the server ends each
round trip (a simple query, or an extended query's Sync) with one ``ReadyForQuery``. What is
recorded is held unchanged by the services' own tests (tests/db/test_scanning_service.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import bindparam, event, select, text, update

from app.db.engine import Database
from app.db.models import Event, Order, ScanEvent, Weighing
from app.services import scanning as sc
from app.services.errors import ServiceError
from tests.floor import (
    WEIGH_STATION,
    foreign_barcode,
    goods,
    pick,
    printed_batch,
    verify,
    weigh,
)

ST = {"station": "verify-1", "operator": "1004"}


@pytest.fixture
def pg(db) -> Database:
    if db.is_sqlite:
        pytest.skip("round trips to a server: PostgreSQL only")
    return db


def _round_trips(
    db: Database, folder: Path, fn: Callable[[], object], *, checkouts: int = 1
) -> int:
    """The round trips ``fn`` makes (on the pooled connection it checks out ``checkouts``
    times), the pool's check of the connection included: the connection is traced from its
    check-in before ``fn`` to its last check-in in it."""
    from psycopg import pq

    path = folder / "libpq.trace"
    path.unlink(missing_ok=True)
    sink = path.open("w")
    tracing = [True]
    left = [checkouts + 1]

    def on_checkin(dbapi_conn, _record) -> None:
        dbapi_conn.pgconn.untrace()  # what was traced is in the file now
        left[0] -= 1
        if tracing[0] or left[0] > 0:
            dbapi_conn.pgconn.trace(sink.fileno())
            dbapi_conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

    event.listen(db.engine, "checkin", on_checkin)
    try:
        with db.read() as s:  # the connection fn will have, traced from its check-in
            s.execute(text("SELECT 1"))
        tracing[0] = False
        fn()
    finally:
        event.remove(db.engine, "checkin", on_checkin)
        sink.close()
    return path.read_text().count("ReadyForQuery")


def test_a_transaction_is_checked_by_its_begin(pg, tmp_path):
    """The pool's check of a connection is the transaction's BEGIN: an empty write
    transaction is BEGIN, the statement, COMMIT (was a SELECT 1 and a BEGIN of psycopg's own
    before the statement)."""

    def one() -> None:
        with pg.write() as s:
            assert s.execute(text("SELECT 1")).scalar() == 1

    assert _round_trips(pg, tmp_path, one) == 3


def test_a_verify_scan_costs_three_round_trips(pg, tmp_path):
    """The BEGIN with the event's id, the scan's reads in one round trip (the order locked,
    its lines with their barcodes, an id for a ``verified`` event), then the writes, the
    events and the COMMIT in one: 3 (were 11, then 4 with a round trip per read; opening the
    order, its lines and its releases from a hold read together: 3, were 12, then 5). A wrong
    item asks whether the code is a product (one more)."""
    printed_batch(pg)
    g = pick(pg, serial=False, units=2)
    code = g.lines[0][2]
    n_open = _round_trips(
        pg, tmp_path, lambda: sc.open_order(pg, g.waybill_no, step="verify", **ST)
    )
    n_item = _round_trips(pg, tmp_path, lambda: sc.scan_item(pg, g.order_id, code, **ST))
    wrong = foreign_barcode(pg, g)
    n_wrong = _round_trips(pg, tmp_path, lambda: sc.scan_item(pg, g.order_id, wrong, **ST))
    rest = [c for _, q, c, _ in g.lines for _ in range(q)][1:]
    (last,) = rest
    n_last = _round_trips(pg, tmp_path, lambda: sc.scan_item(pg, g.order_id, last, **ST))
    # the last one appends two events (the scan, ``verified``): the id taken with the reads
    assert (n_open, n_item, n_wrong, n_last) == (3, 3, 4, 3)
    # and all of it is on the record, the order verified
    with pg.read() as s:
        verdicts = s.scalars(
            select(ScanEvent.verdict).where(ScanEvent.order_id == g.order_id).order_by(ScanEvent.id)
        ).all()
        assert verdicts[0] == "opened" and verdicts[2:] == ["wrong_item", "order_complete"]
        assert s.scalar(select(Order.status).where(Order.id == g.order_id)) == "verified"
        kinds = s.scalars(
            select(Event.kind).where(Event.order_id == g.order_id).order_by(Event.seq)
        ).all()
        assert kinds[-5:] == ["scan", "scan", "scan", "scan", "verified"]


def test_kept_writes_are_seen_by_the_transaction_and_gone_with_its_rollback(pg):
    """`write_at_commit` keeps a write for the commit's round trip; a statement sent before
    that sends it first (the transaction reads what it wrote), a rollback sends nothing."""
    from app.db.chain import write_at_commit

    printed_batch(pg)
    g = pick(pg, serial=False)
    claim = update(Order).where(Order.id == bindparam("key"))
    with pg.write() as s:
        write_at_commit(s, claim, {"key": g.order_id, "claimed_by": "verify-9"})
        assert s.scalar(select(Order.claimed_by).where(Order.id == g.order_id)) == "verify-9"
    with pytest.raises(RuntimeError), pg.write() as s:
        write_at_commit(s, claim, {"key": g.order_id, "claimed_by": "verify-8"})
        raise RuntimeError("the action failed")
    with pg.read() as s:
        assert s.scalar(select(Order.claimed_by).where(Order.id == g.order_id)) == "verify-9"


def test_a_scanned_code_is_recorded_as_it_was_read(pg):
    """The kept writes carry their values as SQL text (quoted by libpq): a code with quotes,
    percent signs and backslashes is recorded exactly, and is only a code."""
    code = "WB'); DELETE FROM orders; --%s%%\\'"
    with pytest.raises(ServiceError):
        sc.open_order(pg, code, step="verify", **ST)
    with pg.read() as s:
        assert s.scalars(select(ScanEvent.code)).all() == [code]
        assert s.scalars(select(Event.detail)).all()[-1]["code"] == code


def test_a_dispute_lookup_reads_the_parcels_story_in_one_statement(pg, tmp_path):
    """The dispute desk's answer to a waybill: the waybill found; then the order, its goods,
    its last weighing with the expectation it set and who handled the parcel (its prints,
    scans, weighings and handover), its last event and the chain head, in one round trip:
    4 round trips with the BEGIN and the ROLLBACK (were 7 with a round trip per read, 13
    before the story was one statement)."""
    from app.services.dispute import dispute_check

    printed_batch(pg)
    g = pick(pg, serial=False)
    verify(pg, g.order_id)
    weigh(pg, g.order_id)
    found: list[dict] = []
    n = _round_trips(pg, tmp_path, lambda: found.append(dispute_check(pg, g.waybill_no)))
    assert n == 4
    assert [h["step"] for h in found[0]["handled_by"]] == ["print", "verify", "weigh"]
    assert found[0]["evidence"]["seq"] <= found[0]["chain_head"]["seq"]


def test_a_weighing_commits_in_three_round_trips(pg, tmp_path):
    """The capture: the BEGIN with the event's id; the order locked, its goods with its
    packing, the floor's setting, its stub, the station's open bundle and the weighing's id
    in one round trip; the stub's place, the order's status and the weighing row sent with
    the seal and the COMMIT: 3 round trips for a good weighing (were 12, then 8 with a round
    trip per read); the parcel weighed, its stub placed, its weighing on the chain with the
    id the result names."""
    from app.services import weighing as wg

    printed_batch(pg)
    first, g = [x for x in goods(pg) if not x.serial][:2]
    verify(pg, first.order_id)
    weigh(pg, first.order_id, verdict="ok")  # the station's stub bundle is open
    verify(pg, g.order_id)
    ctx = wg.start_weighing(pg, g.waybill_no, operator="1006", station=WEIGH_STATION)
    got: list = []
    n = _round_trips(
        pg,
        tmp_path,
        lambda: got.append(
            wg.record_weighing(pg, g.waybill_no, ctx.expected_grams, 1, "1006", WEIGH_STATION)
        ),
    )
    assert n == 3
    (r,) = got
    assert (r.verdict, r.status, r.stub is not None) == ("ok", "weighed", True)
    with pg.read() as s:
        w = s.get(Weighing, r.weighing_id)
        assert (w.order_id, w.grams, w.verdict) == (g.order_id, ctx.expected_grams, "ok")
        assert (w.stub_bundle, w.stub_position) == (r.stub.bundle, r.stub.position)
        assert s.get(Event, w.event_id).seq == r.event_seq
        assert s.get(Order, g.order_id).status == "weighed"


def test_a_parcel_put_on_a_cart_costs_three_round_trips(pg, tmp_path):
    """The handover station's scan: the BEGIN with the event's id, one read (the order
    locked, its carrier, its last weighing, whether it was handed over), then the writes,
    the event and the COMMIT in one round trip (were 9). What it checks and records is the
    handover service's tests' (tests/db/test_handover_service.py)."""
    from app.services import handover

    printed_batch(pg)
    g = pick(pg, serial=False)
    verify(pg, g.order_id)
    weigh(pg, g.order_id)
    with pg.read() as s:
        carrier = s.scalar(
            text(
                "SELECT c.code FROM carriers c JOIN orders o ON o.carrier_id = c.id WHERE o.id = :i"
            ),
            {"i": g.order_id},
        )
    cart = handover.open_cart(pg, carrier, operator="1006", station=WEIGH_STATION)
    results = []
    n = _round_trips(
        pg,
        tmp_path,
        lambda: results.append(
            handover.scan_parcel(pg, cart, g.waybill_no, operator="1006", station=WEIGH_STATION)
        ),
    )
    assert n == 3
    assert results[0].verdict == "accepted" and cart.count == 1
    with pg.read() as s:
        assert s.scalar(select(Order.claimed_by).where(Order.id == g.order_id)) == (
            "handover:" + cart.cart_id
        )
        step = s.scalars(
            select(ScanEvent.step).where(ScanEvent.order_id == g.order_id).order_by(ScanEvent.id)
        ).all()[-1]
        assert step == "handover"


def test_a_parcel_at_the_scale_costs_three_round_trips_and_its_weight_three(pg, tmp_path):
    """The weigh station's scan (`start_weighing`): the BEGIN with an event id for a refusal;
    the order, its goods and packing, the floor's setting, its weighings so far with its
    stub's place in one round trip (were 4); the COMMIT. The capture (`record_weighing`): the
    BEGIN with the event's id; the order locked, its goods and packing, the setting, its
    stub, its station's open bundle (opened by the parcel before), the weighing's id in one
    (were 6); then the writes, the event and the COMMIT."""
    from app.services import weighing as wg

    printed_batch(pg)
    first = pick(pg, serial=False)
    verify(pg, first.order_id)
    weigh(pg, first.order_id, verdict="ok")  # the station's stub bundle is open
    g = pick(pg, serial=False)
    verify(pg, g.order_id)
    ctxs = []
    n_scan = _round_trips(
        pg,
        tmp_path,
        lambda: ctxs.append(
            wg.start_weighing(pg, g.waybill_no, operator="1006", station=WEIGH_STATION)
        ),
    )
    (ctx,) = ctxs
    assert ctx.weighings == 0 and ctx.stub is None
    n_weight = _round_trips(
        pg,
        tmp_path,
        lambda: wg.record_weighing(pg, g.waybill_no, ctx.expected_grams, 1, "1006", WEIGH_STATION),
    )
    assert (n_scan, n_weight) == (3, 3)
    again = wg.start_weighing(pg, g.waybill_no, operator="1006", station=WEIGH_STATION)
    assert again.weighings == 1 and again.stub is not None and again.stub.position == 2


def test_a_write_goes_on_where_its_begin_cannot_take_an_event_id(db_url):
    """The event id a write's BEGIN takes is an extra: a database not migrated yet (no
    ``events``) and a login without the sequence's grant still write; the latter is refused
    only when it appends an event, with the server's own reason."""
    from sqlalchemy.exc import ProgrammingError

    from app.db.chain import append_event
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from tests.pgroles import STATION_ROLE, station_url

    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's BEGIN")
    owner = open_database(db_url)
    try:
        with owner.write() as s:  # no schema yet
            assert s.execute(text("SELECT 1")).scalar() == 1
        upgrade(owner)
        station = open_database(station_url(db_url))
        with owner.write() as s:
            s.execute(text(f"REVOKE USAGE ON SEQUENCE events_id_seq FROM {STATION_ROLE}"))
        try:
            with station.write() as s:
                assert s.execute(text("SELECT count(*) FROM events")).scalar() == 0
            with (
                pytest.raises(ProgrammingError, match="permission denied"),
                station.write() as s,
            ):
                append_event(s, "note", station="t", operator="1004", detail={})
        finally:
            station.dispose()
    finally:
        owner.dispose()


def test_a_failed_round_trip_leaves_no_statement_half_prepared(pg):
    """The stations' reads are prepared on the connection with their first use, in the same
    round trip. A round trip that fails before its ``PREPARE`` runs (a kept write refused by
    the server) must not leave the connection believing the statement prepared: the next
    action on that connection reads as ever (without the fix: "prepared statement does not
    exist" on every later scan of that station). A rollback keeps what was prepared."""
    from sqlalchemy.exc import IntegrityError

    from app.db.chain import read_together, write_at_commit

    printed_batch(pg)
    g = pick(pg, serial=False)
    fresh = select(Order.order_no).where(Order.id == bindparam("key"), Order.id > -1)
    with pytest.raises(IntegrityError), pg.write() as s:
        write_at_commit(
            s,
            update(Order).where(Order.id == bindparam("key")),
            {"key": g.order_id, "status": None},
        )
        read_together(s, (fresh, {"key": g.order_id}))  # fails at the write, before its PREPARE
    for _ in range(2):
        with pytest.raises(RuntimeError), pg.write() as s:
            ((row,),), _ = read_together(s, (fresh, {"key": g.order_id}))
            assert row.order_no
            raise RuntimeError("rolled back")
    with pg.read() as s:
        ((row,),), _ = read_together(s, (fresh, {"key": g.order_id}))
        assert s.scalar(select(Order.status).where(Order.id == g.order_id)) == "printed"


def test_closing_a_cart_costs_the_same_round_trips_for_any_number_of_parcels(pg, tmp_path):
    """Closing a cart reads its parcels' last weighings in one statement, takes their events'
    ids in one and puts their events on the chain in one (was a round trip each for all
    three, for every parcel on the cart); the manifest, its parcels and events as before."""
    from app.services import handover

    printed_batch(pg)
    by_carrier: dict[str, list] = {}
    with pg.read() as s:
        for g in goods(pg):
            if not g.serial:
                code = s.scalar(
                    text(
                        "SELECT c.code FROM carriers c JOIN orders o ON o.carrier_id = c.id"
                        " WHERE o.id = :i"
                    ),
                    {"i": g.order_id},
                )
                by_carrier.setdefault(code, []).append(g)
    carrier, plain = max(by_carrier.items(), key=lambda kv: len(kv[1]))
    assert len(plain) >= 4
    trips = []
    for parcels in (plain[:1], plain[1:4]):
        for g in parcels:
            verify(pg, g.order_id)
            weigh(pg, g.order_id)
        cart = handover.open_cart(pg, carrier, operator="1006", station=WEIGH_STATION)
        for g in parcels:
            handover.scan_parcel(pg, cart, g.waybill_no, operator="1006", station=WEIGH_STATION)
        closed = []
        trips.append(
            _round_trips(
                pg,
                tmp_path,
                lambda cart=cart, closed=closed: closed.append(
                    handover.close_cart(pg, cart, "张师傅", operator="1006", station=WEIGH_STATION)
                ),
                checkouts=2,  # the operator's role, read on its own; the closing
            )
        )
        assert len(closed[0].parcels) == len(parcels)
        with pg.read() as s:
            for g in parcels:
                assert s.scalar(select(Order.status).where(Order.id == g.order_id)) == (
                    "handed_over"
                )
                kinds = s.scalars(
                    select(Event.kind).where(Event.order_id == g.order_id).order_by(Event.seq)
                ).all()
                assert kinds[-1] == "handed_over"
    print(trips)
    assert trips[0] == trips[1]
