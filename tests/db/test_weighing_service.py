"""The weighing station's services on SQLite and PostgreSQL: verdicts, holds with their
explanation, refusals, stubs and bundles, batch weighing, overrides, learned weights and
tamper detection of the evidence chain."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from app.db.chain import verify_chain
from app.db.models import Event, Order, Override, Product, StubBundle, Weighing
from app.services import weighing as svc
from app.services.errors import ServiceError
from app.services.orders import intercept
from tests.floor import add_many, add_order, seed_floor, set_status

ST = "称重台 1"


class _O:
    def __init__(self, status, hold_reason):
        self.status, self.hold_reason = status, hold_reason


def _order(db, wb):
    with db.read() as s:
        o = s.scalars(select(Order).where(Order.waybill_no == wb)).one()
        return _O(o.status, o.hold_reason)


def test_scan_shows_expected_weight_and_tolerance(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2)])
    ctx = svc.start_weighing(db, " WB1 ")
    # 410 + 2×180 + carton 120 + filler 20
    assert ctx.expected_grams == 910
    assert ctx.tolerance_grams == 50  # max(50 g, 3 % of 910 = 27 g)
    assert ctx.order_no == "OWB1" and ctx.weighings == 0 and ctx.stub is None
    assert [(li.sku, li.qty, li.unit_grams) for li in ctx.lines] == [
        ("BED-PIL-MEM", 1, 410),
        ("CLO-TSH-M", 2, 180),
    ]


def test_ok_weighing_is_committed_with_a_stub_place(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1)])
    add_order(db, "WB2", [("BED-PIL-MEM", 1)])
    r1 = svc.record_weighing(db, "WB1", 553, 1, "1006", ST)
    r2 = svc.record_weighing(db, "WB2", 548, 1, "1006", ST)
    assert (r1.verdict, r1.reason, r1.expected_grams) == ("ok", "", 550)
    assert r1.tolerance_grams == 51  # widened by the 1 g division
    assert (r1.stub.bundle, r1.stub.position) == (1, 1)
    assert (r2.stub.bundle, r2.stub.position) == (1, 2)
    o = _order(db, "WB1")
    assert o.status == "weighed"
    with db.read() as s:
        w = s.scalars(select(Weighing).where(Weighing.waybill_no == "WB1")).one()
        ev = s.get(Event, w.event_id)
        assert (w.grams, w.verdict, w.stub_bundle, w.stub_position) == (553, "ok", 1, 1)
        assert ev.kind == "weighed" and ev.operator == "1006" and ev.detail["grams"] == 553
    loc = svc.find_stub(db, "WB2")
    assert (loc.bundle, loc.position, loc.closed, loc.grams) == (1, 2, False, 548)


def test_light_parcel_is_held_with_the_missing_unit_named(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2), ("ELE-CBL-C1M", 1)])
    # expected 410+360+45+140 = 955; weighed 543: light 412 g ≈ one pillow
    r = svc.record_weighing(db, "WB1", 543, 1, "1006", ST)
    assert (r.verdict, r.reason, r.difference_grams) == ("hold", "light", -412)
    assert [(s.sku, s.qty, s.unit_grams) for s in r.suspects] == [("BED-PIL-MEM", 1, 410)]
    assert not r.explanation.ambiguous
    assert r.stub is None  # a held parcel keeps its stub: it goes back to verification
    o = _order(db, "WB1")
    assert (o.status, o.hold_reason) == ("held", "weight")
    assert r.as_json()["suspects"] == [{"sku": "BED-PIL-MEM", "qty": 1}]
    again = svc.last_weighing(db, "WB1")
    assert again.suspects[0].sku == "BED-PIL-MEM"


def test_heavy_parcel_names_a_product_of_the_same_batch(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1)], batch="P1")
    add_order(db, "WB2", [("HOM-SLP-42", 1)], batch="P1")
    r = svc.record_weighing(db, "WB1", 550 + 331, 1, "1006", ST)
    assert (r.verdict, r.reason) == ("hold", "heavy")
    assert [(s.sku, s.qty) for s in r.suspects] == [("HOM-SLP-42", 1)]


def test_ambiguous_hold_says_so(db):
    add_order(db, "WB1", [("CLO-TSH-M", 2), ("BED-PIL-MEM", 1)])
    set_status(db, "WB1", "verified")
    with db.write() as s:  # a product weighing exactly two T-shirts makes it undecidable
        s.scalars(select(Product).where(Product.sku == "BED-PIL-MEM")).one().adopted_grams = 360
    r = svc.record_weighing(db, "WB1", 360 + 140, 1, "1006", ST)
    assert r.verdict == "hold" and r.explanation.ambiguous


@pytest.mark.parametrize(
    ("status", "code"),
    [("printed", "not_verified"), ("picked", "not_verified"), ("held", "held")],
)
def test_only_verified_parcels_are_weighed(db, status, code):
    add_order(db, "WB1", [("BED-PIL-MEM", 1)], status=status)
    with pytest.raises(ServiceError) as exc:
        svc.start_weighing(db, "WB1", operator="1006", station=ST)
    assert exc.value.code == code and exc.value.params["status"] == status
    # weighed anyway (the headless line): a hold with the reason; the status is untouched
    r = svc.record_weighing(db, "WB1", 550, 1, "1006", ST)
    assert (r.verdict, r.reason) == ("hold", code)
    assert _order(db, "WB1").status == status
    with db.read() as s:
        kinds = list(s.scalars(select(Event.kind).order_by(Event.seq)))
    assert kinds == ["weigh_refused", "weighed"]


def test_packing_step_requires_packed(db):
    from app.db.models import FloorSetting

    add_order(db, "WB1", [("BED-PIL-MEM", 1)])
    with db.write() as s:
        s.add(FloorSetting(key="packing_step", value={"on": True}))
    with pytest.raises(ServiceError) as exc:
        svc.start_weighing(db, "WB1")
    assert exc.value.code == "not_verified"
    set_status(db, "WB1", "packed")
    assert svc.start_weighing(db, "WB1").status == "packed"


def test_intercepted_parcel_is_stopped(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1)])
    intercept(db, "WB1", "买家退款")
    with pytest.raises(ServiceError) as exc:
        svc.start_weighing(db, "WB1")
    assert exc.value.code == "intercepted"
    r = svc.record_weighing(db, "WB1", 550, 1, "1006", ST)
    assert (r.verdict, r.reason, r.status) == ("hold", "intercepted", "cancelled")
    with pytest.raises(ServiceError) as exc:
        svc.override(db, "WB1", "发走", "OP1001", "0000")
    assert exc.value.code == "cannot_override"


def test_unknown_waybill(db):
    seed_floor(db)
    with pytest.raises(ServiceError) as exc:
        svc.start_weighing(db, "NOPE")
    assert exc.value.code == "not_found"
    with pytest.raises(ServiceError) as exc:
        svc.record_weighing(db, "NOPE", 500, 1, "1006", ST)
    assert exc.value.code == "not_found"
    with db.read() as s:  # still on record
        assert s.scalar(select(Event.kind)) == "weigh_refused"


def test_reweigh_is_a_new_event_and_keeps_the_stub(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1)])
    first = svc.record_weighing(db, "WB1", 551, 1, "1006", ST)
    again = svc.record_weighing(db, "WB1", 549, 1, "1006", ST)
    assert again.stub == first.stub and again.weighing_id != first.weighing_id
    with db.read() as s:
        assert [w.grams for w in s.scalars(select(Weighing).order_by(Weighing.id))] == [551, 549]
    assert svc.current_bundle(db, ST).filled == 1


def test_override_needs_a_supervisor_and_records_everything(db):
    add_order(db, "WB1", [("BED-PIL-MEM", 1)])
    held = svc.record_weighing(db, "WB1", 700, 1, "1006", ST)
    assert held.verdict == "hold"
    with pytest.raises(ServiceError) as exc:
        svc.override(db, "WB1", "赠品加重", "OP1006", None)
    assert exc.value.code == "not_allowed"
    with pytest.raises(ServiceError) as exc:
        svc.override(db, "WB1", "赠品加重", "OP1001", "9999")
    assert exc.value.code == "wrong_pin"
    with pytest.raises(ServiceError) as exc:
        svc.override(db, "WB1", "  ", "OP1001", "0000")
    assert exc.value.code == "reason_required"
    r = svc.override(db, "WB1", "赠品加重", "OP1001", "0000", operator="1006", station=ST)
    assert r.verdict == "override" and r.stub is not None and r.status == "weighed"
    with db.read() as s:
        ov = s.scalars(select(Override)).one()
        assert ov.supervisor == "1001" and ov.reason == "赠品加重"
        held_ev = s.scalars(select(Weighing).where(Weighing.verdict == "hold")).one().event_id
        assert ov.target_event_id == held_ev
    with pytest.raises(ServiceError) as exc:
        svc.override(db, "WB1", "again", "OP1001", "0000")
    assert exc.value.code == "nothing_to_override"


def test_batch_weighing_covers_identical_parcels(db):
    for wb in ("WB1", "WB2", "WB3"):
        add_order(db, wb, [("CLO-TSH-M", 2)], carton="CTN-BAG-S")
    add_order(db, "WB9", [("CLO-TSH-M", 1)], carton="CTN-BAG-S")
    with pytest.raises(ServiceError) as exc:
        svc.record_weighing(db, "WB1", 376, 1, "1006", ST, batch_waybills=["WB2", "WB9"])
    assert exc.value.code == "batch_not_identical" and exc.value.params["waybill"] == "WB9"
    r = svc.record_weighing(db, "WB1", 376, 1, "1006", ST, batch_waybills=["WB2", "WB3", "WB1"])
    assert r.verdict == "ok" and [c.waybill_no for c in r.covered] == ["WB2", "WB3"]
    assert [c.stub.position for c in r.covered] == [2, 3]
    with db.read() as s:
        rows = list(s.scalars(select(Weighing).order_by(Weighing.id)))
        assert [w.batch_of for w in rows] == [None, rows[0].id, rows[0].id]
        assert [w.reason for w in rows] == ["", "batch", "batch"]
        assert {o.status for o in s.scalars(select(Order).where(Order.waybill_no != "WB9"))} == {
            "weighed"
        }


def test_bundles_fill_close_and_register(db):
    from app.db.models import FloorSetting

    seed_floor(db)
    with db.write() as s:
        s.add(FloorSetting(key="weighing", value={"bundle_size": 3}))
    wbs = add_many(db, 5)
    places = [svc.record_weighing(db, wb, 552, 1, "1006", ST).stub for wb in wbs]
    assert [(p.bundle, p.position) for p in places] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]
    with pytest.raises(ServiceError) as exc:
        svc.close_bundle(db, ST, operator="1006", counted=2)
    assert exc.value.code == "stub_count_mismatch"
    rep = svc.close_bundle(db, ST, operator="1006", counted=3)
    assert rep.bundle == 1 and rep.matches and rep.stubs == rep.parcels == 3
    assert [e.waybill_no for e in rep.entries] == wbs[:3]
    assert [e.position for e in rep.entries] == [1, 2, 3]
    with db.read() as s:
        assert verify_chain(s).head == rep.chain_head or rep.chain_seq > 0
        ev = s.scalars(select(Event).where(Event.kind == "bundle_closed")).one()
        assert ev.hash == rep.chain_head
    assert svc.find_stub(db, wbs[1]).closed
    assert svc.current_bundle(db, ST).bundle == 2
    with pytest.raises(ServiceError) as exc:
        svc.close_bundle(db, "other station")
    assert exc.value.code == "no_open_bundle"


def test_stub_places_are_unique_under_concurrent_stations(db):
    wbs = add_many(db, 24)
    errors = []

    def work(chunk, station):
        try:
            for wb in chunk:
                svc.record_weighing(db, wb, 550, 1, "1006", station)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(wbs[i::3], f"S{i}")) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with db.read() as s:
        places = s.execute(select(Weighing.stub_bundle, Weighing.stub_position)).all()
        assert len(set(places)) == 24
        assert s.scalar(select(func.count()).select_from(StubBundle)) == 3
        assert verify_chain(s).intact


def test_learned_weight_and_adoption(db):
    wbs = add_many(db, 5)
    for wb, g in zip(wbs, (572, 570, 575, 571, 150), strict=True):  # the last one is empty
        svc.record_weighing(db, wb, g, 1, "1006", ST)
    learned = {lw.sku: lw for lw in svc.learned_weights(db)}
    lw = learned["BED-PIL-MEM"]
    assert (lw.master_grams, lw.learned_grams, lw.samples) == (410, 431, 5)
    with pytest.raises(ServiceError) as exc:
        svc.adopt_weight(db, "BED-PIL-MEM", 431, "1006")
    assert exc.value.code == "not_allowed"
    svc.adopt_weight(db, "BED-PIL-MEM", 431, "1001", station=ST)
    add_order(db, "WBX", [("BED-PIL-MEM", 2)])
    assert svc.start_weighing(db, "WBX").expected_grams == 2 * 431 + 140
    with db.read() as s:
        ev = s.scalars(select(Event).where(Event.kind == "weight_adopted")).one()
        assert ev.detail["adopted_grams"] == 431 and ev.operator == "1001"


# --- tamper detection ------------------------------------------------------------------------


def _drop_guards(db, s, table):
    if db.is_sqlite:
        s.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_update"))
        s.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_delete"))
    else:
        s.execute(text(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"))


def _weighed(db, n=3):
    wbs = add_many(db, n)
    return [svc.record_weighing(db, wb, 551 + i, 1, "1006", ST) for i, wb in enumerate(wbs)]


def _verify_log(db):
    from app.__main__ import main

    return main(["--db", db.url, "verify-log"])


def test_guards_refuse_changes_to_weighings(db):
    _weighed(db, 1)
    # the triggers refuse it (SQLite; PostgreSQL's owner: test_schema), and on PostgreSQL the
    # stations' role may not even try
    pattern = "(?i)append|evidence|not allowed|abort|forbid|only|permission denied"
    with pytest.raises(Exception, match=pattern), db.write() as s:
        s.execute(text("UPDATE weighings SET grams = 999"))


@pytest.mark.parametrize("how", ["edit", "delete", "insert", "edit_row", "delete_row"])
def test_tampering_behind_the_apps_back_is_named(owner_db, how, capsys):
    db = owner_db  # behind the app's back: someone with the owner's login
    results = _weighed(db, 3)
    target = results[1].event_seq
    with db.write() as s:
        _drop_guards(db, s, "events")
        _drop_guards(db, s, "weighings")
        if how == "edit":  # make the recorded weight look right after a dispute
            s.execute(
                text(
                    "UPDATE events SET detail = :d WHERE seq = :q",
                ),
                {"d": '{"grams": 600, "verdict": "ok"}', "q": target},
            )
        elif how == "edit_row":  # only the table screens read, not the chained event
            s.execute(
                text("UPDATE weighings SET grams = 600 WHERE event_id IN "
                     "(SELECT id FROM events WHERE seq = :q)"), {"q": target},
            )  # fmt: skip
        elif how == "delete_row":
            s.execute(
                text("DELETE FROM weighings WHERE event_id IN "
                     "(SELECT id FROM events WHERE seq = :q)"), {"q": target},
            )  # fmt: skip
        elif how == "delete":
            s.execute(text("DELETE FROM weighings WHERE event_id IN "
                           "(SELECT id FROM events WHERE seq = :q)"), {"q": target})  # fmt: skip
            s.execute(text("DELETE FROM events WHERE seq = :q"), {"q": target})
        else:  # a forged event slipped in between: later events are renumbered
            s.execute(text("UPDATE events SET seq = seq + 1000 WHERE seq >= :q"), {"q": target})
            s.execute(text("UPDATE events SET seq = seq - 999 WHERE seq >= :q"), {"q": target})
            s.execute(
                text(
                    "INSERT INTO events (seq, uid, at, kind, order_id, station, operator, detail,"
                    " prev_hash, hash) SELECT :q, 'forged', at, kind, order_id, station, operator,"
                    " detail, prev_hash, hash FROM events WHERE seq = :q1"
                ),
                {"q": target, "q1": target + 1},
            )
    with db.read() as s:
        rep = verify_chain(s)
    assert not rep.intact and f"#{target}" in rep.problem
    assert _verify_log(db) == 1
    assert f"#{target}" in capsys.readouterr().out
