"""The dispute desk (售后核实): a parcel's record checked against a claim.

Findings, per the manuals (docs/dev/floor.md "Why weights are recorded"):

- with a destination weight: destination vs recorded weight — ``consistent`` within the
  tolerance, else ``short`` (lighter at destination: something left the parcel on the way) or
  ``over``;
- without one: recorded vs expected — did the parcel leave complete?
- ``no_weighing`` when the record has no weighing for the parcel.

The difference is explained by the units that best fit it, with how sure that is: the same
search and the same candidates as at the scale (`app.services.weighing.explain_difference`),
so a parcel's story does not depend on where its weight was read. `dispute_check` reads only;
`register_case` records the case (报表登记) as evidence.

Beyond the contract's keys the findings carry ``dispatch`` (recorded vs expected, always told
when there is a weighing: did the parcel leave complete?), ``confidence``, ``claim``,
``carrier``, ``carton``, ``handover``, ``lines``, each suspect's ``name`` (the SKUs
``@carton`` and ``@filler`` stand for packing material) and the evidence chain: ``evidence``
(the order's last event, whose hash covers everything recorded before it) and ``chain_head``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, literal, null, select, text, union_all
from sqlalchemy.orm import Session

from app.db.chain import append_event, read_together
from app.db.engine import Database
from app.db.models import (
    Carrier,
    Carton,
    ChainHead,
    DisputeCase,
    Event,
    Handover,
    HandoverItem,
    Order,
    PrintJob,
    ScanEvent,
    Shop,
    Weighing,
    utcnow,
)
from app.domain import floortime
from app.domain.stations import station_roles
from app.domain.weight import Expected
from app.services.errors import ServiceError
from app.services.floortime import floor_zone
from app.services.operators import require_role
from app.services.orders import (
    GOODS,
    LAST_EXPECTATION,
    computed_expectation,
    find_order_ids,
    order_goods,
)
from app.services.weighing import explain_difference

CLAIMS = ("missing", "broken", "wrong", "not-received")
FINDINGS = ("consistent", "short", "over", "no_weighing")
#: Who may register and settle cases.
DESK_ROLES = station_roles("dispute")


def _check_role(db: Database, operator: str) -> None:
    """Stations pass the signed-in operator; the headless CLI (no operator) is trusted."""
    if operator:
        require_role(db, operator, DESK_ROLES)


def _verdict(difference: int, tolerance: int) -> str:
    if abs(difference) <= tolerance:
        return "consistent"
    return "short" if difference < 0 else "over"


def _iso(t: dt.datetime | None) -> str | None:
    return t.astimezone(dt.UTC).isoformat() if t else None


def _one_order(s: Session, key: str) -> int:
    ids = find_order_ids(s, key)
    if not ids:
        raise ServiceError("order_not_found", key=key)
    if len(ids) > 1:
        # a phone tail may match several parcels: prefer the only one that left the warehouse
        gone = list(
            s.scalars(
                select(Order.id).where(
                    Order.id.in_(ids), Order.status.in_(("handed_over", "shipped", "weighed"))
                )
            )
        )
        if len(gone) == 1:
            return gone[0]
        raise ServiceError("ambiguous_key", key=key, count=len(ids))
    return ids[0]


# The story of one parcel is read with statements built once: the desk answers a waybill
# scan in a few milliseconds, and building the statements cost more than SQLite takes to
# run them.
_EV = Event.__table__
_ORDER = (
    select(
        Order.id,
        Order.order_no,
        Order.waybill_no,
        Order.status,
        Shop.tolerance_abs_grams,
        Shop.tolerance_permille,
        Carrier.code.label("carrier_code"),
        Carrier.name.label("carrier_name"),
        Carton.code.label("carton_code"),
        Carton.name.label("carton_name"),
    )
    .outerjoin(Shop, Shop.id == Order.shop_id)
    .outerjoin(Carrier, Carrier.id == Order.carrier_id)
    .outerjoin(Carton, Carton.id == Order.carton_id)
    .where(Order.id == bindparam("oid"))
)
_LAST_WEIGHING = (
    select(
        Weighing.grams,
        Weighing.expected_grams,
        Weighing.tolerance_grams,
        Weighing.verdict,
        Weighing.stub_bundle,
        Weighing.stub_position,
        Event.at,
        Event.detail,
        # what every screen shows as the order's expectation (`order_expectation`)
        LAST_EXPECTATION.with_only_columns(Weighing.expected_grams)
        .scalar_subquery()
        .label("shown_expected"),
        LAST_EXPECTATION.with_only_columns(Weighing.tolerance_grams)
        .scalar_subquery()
        .label("shown_tolerance"),
    )
    .join(Event, Event.id == Weighing.event_id)
    .where(Weighing.order_id == bindparam("oid"))
    .order_by(Weighing.id.desc())
    .limit(1)
)
_LAST_EVENT = (
    select(Event.seq, Event.hash)
    .where(Event.order_id == bindparam("oid"))
    .order_by(Event.order_id, Event.at.desc(), Event.seq.desc())
    .limit(1)
)
_WHO = (Event.seq, Event.operator, Event.station, Event.at)


def _step(n: int, kind: str, *, text1=None, text2=None, number=None) -> tuple:
    """One part of `_HISTORY`: ``n`` orders the parts where two share an event; ``text1``,
    ``text2``, ``number`` are the part's own columns (NULL where it has none)."""
    return (
        literal(n).label("part"),
        literal(kind).label("kind"),
        *_WHO,
        (text1 if text1 is not None else null()).label("text1"),
        (text2 if text2 is not None else null()).label("text2"),
        (number if number is not None else null()).label("number"),
    )


#: Who handled the parcel, in one statement: its waybill prints, scans, weighings and
#: handovers, each with its event, in the order of the chain; and the evidence.
_HISTORY = union_all(
    select(
        *_step(0, "print", text1=PrintJob.result, text2=PrintJob.reason, number=PrintJob.reprint_of)
    )
    .join(Event, Event.id == PrintJob.event_id)
    .where(PrintJob.order_id == bindparam("oid"), PrintJob.document == "waybill"),
    select(*_step(1, "scan", text1=ScanEvent.step))
    .join(Event, Event.id == ScanEvent.event_id)
    .where(ScanEvent.order_id == bindparam("oid")),
    select(*_step(2, "weigh", text1=Weighing.verdict, number=Weighing.grams))
    .join(Event, Event.id == Weighing.event_id)
    .where(Weighing.order_id == bindparam("oid")),
    select(*_step(3, "handover", text1=Handover.manifest_no, text2=Handover.courier_name))
    .join(HandoverItem, HandoverItem.handover_id == Handover.id)
    .join(Event, Event.id == Handover.event_id)
    .where(HandoverItem.order_id == bindparam("oid")),
    # the evidence: the order's last event (its hash covers all of the above) and the chain
    # head, read with the story (the head is never older than a step it tells)
    select(
        literal(4).label("part"),
        literal("evidence").label("kind"),
        ChainHead.seq,
        null(),
        null(),
        null(),
        ChainHead.hash,
        _LAST_EVENT.with_only_columns(Event.hash).scalar_subquery(),
        _LAST_EVENT.with_only_columns(Event.seq).scalar_subquery(),
    ).where(ChainHead.id == 1),
).order_by(text("seq"), text("part"))


def _who(r) -> dict:
    return {"operator": r.operator, "station": r.station, "at": _iso(r.at)}


def _handled_by(history: Iterable[Any]) -> tuple[list[dict], dict | None, dict | None]:
    """Who handled the parcel, step by step in the order of the chain: a print (or reprint),
    one line per scanning step and person (not per scan), each weighing, the handover; and
    the order's last event and the chain head (``{"seq", "hash"}`` each, None when none).
    ``history``: `_HISTORY`'s rows."""
    steps: list[dict] = []
    evidence = head = None
    seen: set[tuple[str, str, str]] = set()
    for r in history:
        if r.kind == "print":
            step = "reprint" if r.number else "print"
            reason = {"reason": r.text2} if r.text2 else {}
            steps.append({"step": step, **_who(r), "result": r.text1, **reason})
        elif r.kind == "scan":
            if r.text1 in ("handover", "weigh"):
                continue  # told from their own records
            key = (r.text1, r.operator, r.station)
            if key in seen:
                continue  # one line per step and person, not per scan
            seen.add(key)
            steps.append({"step": r.text1, **_who(r)})
        elif r.kind == "weigh":
            steps.append({"step": "weigh", **_who(r), "verdict": r.text1, "grams": r.number})
        elif r.kind == "handover":
            steps.append(
                {"step": "handover", **_who(r), "manifest_no": r.text1, "courier": r.text2}
            )
        else:  # the evidence
            head = {"seq": r.seq, "hash": r.text1}
            if r.number is not None:
                evidence = {"seq": r.number, "hash": r.text2}
    return steps, evidence, head


def dispute_check(
    db: Database,
    key: str,
    *,
    dest_grams: int | None = None,
    claim: str | None = None,
    order_id: int | None = None,
) -> dict:
    """The `dispute --json` object of docs/dev/contract.md plus the extras the module doc names.

    ``key`` is a waybill number, order number, receiver name or phone tail; when it matches
    several parcels ``ambiguous_key`` is raised (the desk then lets the clerk choose and passes
    ``order_id``)."""
    if claim is not None and claim not in CLAIMS:
        raise ServiceError("unknown_claim", claim=claim)
    if dest_grams is not None and dest_grams < 0:
        raise ServiceError("bad_weight", grams=dest_grams)
    with db.read() as s:
        oid = _one_order(s, key) if order_id is None else order_id
        at = {"oid": oid}
        # the order, its goods, its last weighing and its story: one round trip on PostgreSQL
        (orders, goods_rows, weighings, history), _ = read_together(
            s, (_ORDER, at), (GOODS, at), (_LAST_WEIGHING, at), (_HISTORY, at)
        )
        if not orders:
            raise ServiceError("order_not_found", key=str(order_id))
        o = orders[0]
        goods = order_goods(s, oid, goods_rows)
        w = weighings[0] if weighings else None
        # the expectation every screen shows: the last weighing's, else computed
        exp = (
            Expected(w.shown_expected, w.shown_tolerance)
            if w is not None and w.shown_expected is not None
            else computed_expectation(s, oid, goods)
        )
        expected, tolerance = exp.grams, exp.tolerance_grams
        recorded = w.grams if w else None
        finding, difference, confidence, suspects = "no_weighing", None, "none", []
        dispatch = None
        if recorded is not None:
            d0 = recorded - expected
            dispatch = {"difference_grams": d0, "finding": _verdict(d0, tolerance)}
            difference = (dest_grams - recorded) if dest_grams is not None else d0
            finding = _verdict(difference, tolerance)
        elif dest_grams is not None:
            difference = dest_grams - expected  # against the goods: the best there is
        if difference is not None and abs(difference) > tolerance:
            # the scale's division as recorded with the weighing (none: a 1 g scale)
            division = int(((w.detail or {}) if w else {}).get("division_grams") or 1)
            ex = explain_difference(s, oid, difference, tolerance, division=division, lines=goods)
            confidence = ex.confidence
            suspects = [
                {"sku": x.sku, "name": x.name, "qty": x.qty, "grams": x.grams} for x in ex.suspects
            ]
        handled, evidence, head = _handled_by(history)
        handover = next((d for d in handled if d["step"] == "handover"), None)
        return {
            "waybill_no": o.waybill_no,
            "order_no": o.order_no,
            "recorded_grams": recorded,
            "expected_grams": expected,
            "dest_grams": dest_grams,
            "difference_grams": difference,
            "tolerance_grams": tolerance,
            "finding": finding,
            "confidence": confidence,
            "suspects": suspects,
            "stub": {
                "bundle": w.stub_bundle if w else None,
                "position": w.stub_position if w else None,
            },
            "handled_by": handled,
            "dispatch": dispatch,
            "claim": claim,
            "status": o.status,
            "carrier": o.carrier_code,
            "carrier_name": o.carrier_name,
            "carton": {"code": o.carton_code, "name": o.carton_name} if o.carton_code else None,
            "handover": (
                {"manifest_no": handover["manifest_no"], "courier": handover["courier"]}
                if handover
                else None
            ),
            "weighed_at": _iso(w.at) if w else None,
            "weighing_verdict": w.verdict if w else None,
            "lines": [
                {"sku": sku, "name": name, "qty": qty, "unit_grams": g}
                for sku, name, g, qty in goods
            ],
            "evidence": evidence,
            "chain_head": head,
        }


def register_case(
    db: Database,
    findings: dict,
    claim: str,
    *,
    operator: str = "",
    station: str = "",
) -> int:
    """Record the case in the register (an event plus a `DisputeCase` row); returns its id."""
    if claim not in CLAIMS:
        raise ServiceError("unknown_claim", claim=claim)
    _check_role(db, operator)
    with db.write() as s:
        oid = None
        if findings.get("waybill_no"):
            oid = s.scalar(select(Order.id).where(Order.waybill_no == findings["waybill_no"]))
        if oid is None:
            oid = s.scalar(select(Order.id).where(Order.order_no == findings["order_no"]).limit(1))
        if oid is None:
            raise ServiceError("order_not_found", key=findings["order_no"])
        carrier_id = s.scalar(select(Order.carrier_id).where(Order.id == oid))
        ev = append_event(
            s,
            "dispute_registered",
            order_id=oid,
            station=station,
            operator=operator,
            detail={
                "claim": claim,
                "finding": findings["finding"],
                "difference_grams": findings["difference_grams"],
                "dest_grams": findings["dest_grams"],
            },
        )
        case = DisputeCase(
            event_id=ev.id,
            order_id=oid,
            waybill_no=findings.get("waybill_no") or "",
            carrier_id=carrier_id,
            claim=claim,
            dest_grams=findings["dest_grams"],
            recorded_grams=findings["recorded_grams"],
            expected_grams=findings["expected_grams"],
            difference_grams=findings["difference_grams"],
            finding=findings["finding"],
            findings={**findings, "claim": claim},
            operator=operator,
        )
        s.add(case)
        s.flush()
        return case.id


def settle_case(
    db: Database,
    case_id: int,
    outcome: str,
    responsible: str,
    *,
    operator: str = "",
    station: str = "",
) -> None:
    """Write the outcome and the responsible party (courier, station, operator); an event."""
    if not outcome.strip():
        raise ServiceError("reason_required")
    _check_role(db, operator)
    with db.write() as s:
        case = s.get(DisputeCase, case_id)
        if case is None:
            raise ServiceError("case_not_found", case=case_id)
        case.outcome, case.responsible = outcome.strip(), responsible.strip()
        case.settled_at = utcnow()
        append_event(
            s,
            "dispute_settled",
            order_id=case.order_id,
            station=station,
            operator=operator,
            detail={"case": case_id, "outcome": case.outcome, "responsible": case.responsible},
        )


@dataclass(frozen=True)
class CaseRow:
    id: int
    created_at: dt.datetime
    waybill_no: str
    order_no: str
    carrier: str
    claim: str
    finding: str
    difference_grams: int | None
    outcome: str
    responsible: str
    operator: str


def list_cases(
    db: Database,
    *,
    claim: str | None = None,
    carrier: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 1000,
) -> list[CaseRow]:
    with db.read() as s:
        q = (
            select(DisputeCase, Order.order_no, Carrier.code)
            .join(Order, Order.id == DisputeCase.order_id)
            .outerjoin(Carrier, Carrier.id == DisputeCase.carrier_id)
            .order_by(DisputeCase.id.desc())
            .limit(limit)
        )
        if claim:
            q = q.where(DisputeCase.claim == claim)
        if carrier:
            q = q.where(Carrier.code == carrier)
        if since:
            q = q.where(DisputeCase.created_at >= since)
        if until:
            q = q.where(DisputeCase.created_at < until)
        return [
            CaseRow(
                c.id,
                c.created_at,
                c.waybill_no,
                no,
                code or "",
                c.claim,
                c.finding,
                c.difference_grams,
                c.outcome,
                c.responsible,
                c.operator,
            )
            for c, no, code in s.execute(q)
        ]


def month_range(month: str, zone: dt.tzinfo | None = None) -> tuple[dt.datetime, dt.datetime]:
    """``"2024-05"`` → the UTC bounds of that month on the floor's clock (``zone``: default
    the floor zone), for `list_cases`' since/until."""
    try:
        y, m = (int(x) for x in month.split("-"))
        return floortime.month_bounds(y, m, zone)
    except ValueError:
        raise ServiceError("bad_month", month=month) from None


def monthly_counts(db: Database) -> list[tuple[str, str, str, int]]:
    """(month YYYY-MM, claim, carrier code, cases), months on the floor's clock."""
    out: dict[tuple[str, str, str], int] = {}
    with db.read() as s:
        zone = floor_zone(s)
        for at, claim, code in s.execute(
            select(DisputeCase.created_at, DisputeCase.claim, Carrier.code).outerjoin(
                Carrier, Carrier.id == DisputeCase.carrier_id
            )
        ):
            month = floortime.to_floor(at, zone).strftime("%Y-%m")
            k = (month, claim, code or "")
            out[k] = out.get(k, 0) + 1
    return sorted((m, c, k, n) for (m, c, k), n in out.items())


CSV_HEADER = (
    "id",
    "created_at",
    "waybill_no",
    "order_no",
    "carrier",
    "claim",
    "finding",
    "difference_grams",
    "outcome",
    "responsible",
    "operator",
)


def export_cases(db: Database, out: str | Path, **filters) -> int:
    """The register as CSV (UTF-8 with BOM, opens in Excel) or XLSX (by the file's suffix).
    ``created_at`` is on the floor's clock, as the screens and the evidence report show it."""
    rows = list_cases(db, **filters)
    with db.read() as s:
        zone = floor_zone(s)
    values = [
        [
            r.id,
            floortime.to_floor(r.created_at, zone).strftime("%Y-%m-%d %H:%M"),
            r.waybill_no,
            r.order_no,
            r.carrier,
            r.claim,
            r.finding,
            r.difference_grams,
            r.outcome,
            r.responsible,
            r.operator,
        ]
        for r in rows
    ]
    path = Path(out)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(list(CSV_HEADER))
        for v in values:
            ws.append(v)
        wb.save(path)
    else:
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(CSV_HEADER)
        w.writerows(values)
        path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return len(values)


def case_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(DisputeCase)) or 0)
