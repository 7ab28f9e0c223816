"""Printing a batch, reprinting, voiding: the print station's use cases end to end, without Qt.

``print_batch`` = ``allocate_batch`` (numbers, one transaction) → ``waybill_infos`` → printing's
document data (sender from the shop, goods, expected grams, 三段码/大头笔/集包地 from the routing
table, gift note from the seller remark) → ``render_waybills`` → ``backend.send`` →
``record_print``. A failed send is recorded as failed; the orders keep their numbers and the
retry (``print_batch(order_nos=…)``) prints the same numbers. After the waybills, the outbound
slips (same order) and the batch's pick list go to ``slips_backend`` (the waybill backend when
none is given), each recorded as print jobs (``slip``, ``picklist``).

Everything here blocks (PDF building ≈10 ms a label, a printer can hang until its timeout):
call it from a worker thread, never from the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, FloorSetting, Order, OrderStatus, PrintJob, utcnow
from app.domain import floortime, privacy
from app.domain.batching import MAX_BATCH
from app.domain.stations import SUPERVISOR_ACT
from app.services.floortime import read_floor_zone
from app.services.operators import require_role, sign_in
from app.services.orders import ServiceError
from app.services.platform_print import (
    ComponentProblem,
    PlatformDoc,
    component_documents,
    is_component,
    platform_print_data,
    send_to_component,
)
from app.services.waybills import (
    REPRINT_REASONS,
    WaybillInfo,
    allocate_batch,
    check_reprint,
    record_print,
    void_waybill,
    waybill_infos,
)
from printing import (
    LABEL_FORMATS,
    Backend,
    GoodsLine,
    Party,
    PickLine,
    PickListData,
    RoutingError,
    RoutingTable,
    SlipData,
    SlipLine,
    WaybillData,
    render_pick_list,
    render_slips,
    render_waybills,
)
from printing.i18n import tr as print_tr
from printing.routing import COLUMNS as ROUTING_COLUMNS
from printing.routing import Route

#: The reason words the floor uses, mapped to the recorded reason codes.
REASON_WORDS: dict[str, str] = {
    "卡纸": "jammed",
    "夹纸": "jammed",
    "模糊": "smudged",
    "不清楚": "smudged",
    "丢失": "lost",
    "遗失": "lost",
    "改地址": "address_changed",
    "地址变更": "address_changed",
    "修改地址": "address_changed",
    "其他": "other",
    "其它": "other",
}

#: Words in a seller remark that make it a gift note (赠送插垫, 送小礼品, 礼品卡).
GIFT_MARKS = ("赠", "送", "礼")

SLIP_SIZE = "100x150"
ROUTING_KEY = "routing"


# --- results ----------------------------------------------------------------------------------


@dataclass
class PrintBatchResult:
    """What a print run did. ``ok`` is the waybills' result; the numbers in ``waybills`` stay
    with their orders whatever happened. ``refused`` lists (order_no, reason code)."""

    batch: str
    waybills: list[dict[str, str]] = field(default_factory=list)
    ok: bool = True
    message: str = ""
    refused: list[tuple[str, str]] = field(default_factory=list)
    job_id: str | None = None  # the backend's id (CUPS request, file written)
    slips_ok: bool | None = None  # None: no slips sent (nothing printed or waybills failed)
    slips_message: str = ""
    pick_list_ok: bool | None = None
    pick_list_message: str = ""
    pick_lines: int = 0  # merged pick-list lines
    #: components that took none of their documents (not running, unknown printer, …)
    component_problems: list[ComponentProblem] = field(default_factory=list)
    #: (waybill, the component's words) of each document the component could not print
    documents_failed: list[tuple[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON (docs/dev/contract.md ``print waybills``), with extra keys."""
        return {
            "batch": self.batch,
            "waybills": list(self.waybills),
            "ok": self.ok,
            "message": self.message,
            "refused": [{"order_no": o, "reason": r} for o, r in self.refused],
            "slips": {"ok": self.slips_ok, "message": self.slips_message},
            "pick_list": {
                "ok": self.pick_list_ok,
                "message": self.pick_list_message,
                "lines": self.pick_lines,
            },
        }


@dataclass(frozen=True)
class ReprintResult:
    order_no: str
    waybill_no: str
    carrier: str
    reason: str
    ok: bool
    message: str
    job_id: str | None = None
    #: the component that could not take the document (the station words it)
    problem: ComponentProblem | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "problem"}


# --- reason words -----------------------------------------------------------------------------


def reprint_reason(text: str) -> str:
    """A reprint reason as recorded: a code (``jammed`` …) or ``other: <the words>``.

    Accepts the codes, the floor's Chinese words (卡纸/模糊/丢失/改地址) and free text (which
    becomes ``other: …``); an empty reason is refused (``reason_required``).
    """
    t = (text or "").strip()
    if not t:
        raise ServiceError("reason_required")
    low = t.lower().replace("-", "_").replace(" ", "_")
    if low in REPRINT_REASONS:
        return low
    if t in REASON_WORDS:
        return REASON_WORDS[t]
    for word, code in REASON_WORDS.items():
        if t.startswith(word):
            rest = t[len(word) :].strip(" :：,，")
            return f"{code}: {rest}"[:128] if rest and code == "other" else code
    return f"other: {t}"[:128]


def reason_code(reason: str) -> str:
    """The code part of a recorded reason (``other: paper torn`` → ``other``)."""
    return reason.split(":", 1)[0].strip()


# --- routing ----------------------------------------------------------------------------------

_demo_lock = threading.Lock()
_demo_table: RoutingTable | None = None


def demo_routing() -> RoutingTable:
    global _demo_table
    with _demo_lock:
        if _demo_table is None:
            _demo_table = RoutingTable.demo()
        return _demo_table


def load_routing(db: Database) -> RoutingTable:
    """The imported routing table (floor setting ``routing``), else printing's demo table.

    An imported table covers the carriers it names; other carriers use the demo rows.
    """
    with db.read() as s:
        row = s.get(FloorSetting, ROUTING_KEY)
        value = dict(row.value or {}) if row is not None else {}
    rows = value.get("rows") or []
    if not rows:
        return demo_routing()
    mine = {str(r[0]).strip().upper() for r in rows}
    keep = [r for r in _demo_rows() if r[0].upper() not in mine]
    return RoutingTable(
        (r[0], r[1], r[2], Route(r[3], r[4], r[5])) for r in [*keep, *rows] if len(r) >= 6
    )


def _demo_rows() -> list[list[str]]:
    import csv

    from printing.routing import DEMO_CSV

    with open(DEMO_CSV, encoding="utf-8-sig", newline="") as f:
        return [[row[c] or "" for c in ROUTING_COLUMNS] for row in csv.DictReader(f)]


def import_routing(
    db: Database, carrier: str, path: str, *, operator: str = "", station: str = ""
) -> dict[str, Any]:
    """Store a carrier's routing CSV (columns ``carrier,province,city,sort_code,destination,
    hub``; the ``carrier`` column may be blank) as floor setting ``routing``, replacing that
    carrier's earlier rows. Raises :class:`printing.RoutingError` for an unusable file."""
    from app.db.chain import append_event

    code = carrier.strip().upper()
    if not code:
        raise RoutingError("--carrier must name a carrier code")
    import csv
    import io
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoutingError(f"{path}: cannot read routing table: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    need = [c for c in ROUTING_COLUMNS if c != "carrier"]
    missing = [c for c in need if c not in (reader.fieldnames or [])]
    if missing:
        raise RoutingError(f"{path}: missing column(s) {', '.join(missing)}")
    new_rows: list[list[str]] = []
    skipped = 0
    for row in reader:
        rc = (row.get("carrier") or "").strip().upper()
        if rc and rc != code:
            skipped += 1
            continue
        province = (row.get("province") or "").strip()
        if not province:
            raise RoutingError(f"{path}:{reader.line_num}: province is required")
        new_rows.append(
            [
                code,
                province,
                (row.get("city") or "").strip(),
                (row.get("sort_code") or "").strip(),
                (row.get("destination") or "").strip(),
                (row.get("hub") or "").strip(),
            ]
        )
    with db.write() as s:
        row = s.get(FloorSetting, ROUTING_KEY)
        if row is None:
            row = FloorSetting(key=ROUTING_KEY, value={})
            s.add(row)
        old = [r for r in (row.value or {}).get("rows", []) if str(r[0]).upper() != code]
        row.value = {"rows": old + new_rows}
        append_event(
            s,
            "routing_imported",
            station=station,
            operator=operator,
            detail={"carrier": code, "rows": len(new_rows)},
        )
    return {"imported": len(new_rows), "updated": 0, "skipped": skipped, "errors": []}


# --- document data ----------------------------------------------------------------------------


def gift_note(info: WaybillInfo) -> str:
    remark = info.seller_remark.strip()
    return remark if remark and any(m in remark for m in GIFT_MARKS) else ""


def invoice_title(info: WaybillInfo) -> str:
    """``开发票：个人`` → ``个人``; a buyer's ``需要发票`` → ``发票``."""
    for text in (info.seller_remark, info.buyer_message):
        if "发票" in text:
            for sep in ("：", ":"):
                if sep in text:
                    return text.split(sep, 1)[1].strip() or "发票"
            return "发票"
    return ""


def waybill_data(
    info: WaybillInfo,
    routing: RoutingTable,
    *,
    printed_at: dt.datetime,
    reprint_mark: str = "",
    waybill_no: str | None = None,
    tz: dt.tzinfo | None = None,
) -> WaybillData:
    """What one waybill prints; its time on the clock of ``tz`` (default: the floor zone).

    The stub shows the receiver masked (王*雨, 139****1234) always; the label's receiver area
    prints the phone masked too when the floor setting says so (``label_masks_phone``)."""
    route = routing.lookup(info.carrier_code, info.province, info.city) if routing else None
    phone = info.receiver_phone
    return WaybillData(
        waybill_no=waybill_no if waybill_no is not None else info.waybill_no,
        carrier_code=info.carrier_code,
        carrier_name=info.carrier_name,
        order_no=info.order_no,
        receiver=Party(
            info.receiver_name,
            privacy.mask_phone(phone) if info.label_masks_phone else phone,
            info.address,
            info.province,
            info.city,
            info.district,
        ),
        sender=Party(info.sender_name or info.shop, info.sender_phone, info.sender_address),
        goods=tuple(GoodsLine(g.sku, g.qty, g.name) for g in info.goods),
        expected_grams=info.expected_grams,
        sort_code=route.sort_code if route else "",
        destination=route.destination if route else "",
        hub=route.hub if route else "",
        remark=info.buyer_message.strip(),
        gift_note=gift_note(info),
        printed_at=printed_at,
        reprint_mark=reprint_mark,
        tz=tz or floortime.floor_zone(),
        stub_name=privacy.mask_name(info.receiver_name),
        stub_phone=privacy.mask_phone(phone),
    )


def slip_data(
    info: WaybillInfo,
    *,
    batch: str,
    seq: int,
    size: int,
    printed_at: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> SlipData:
    return SlipData(
        order_no=info.order_no,
        lines=tuple(
            SlipLine(g.sku, g.name, g.qty, g.bin_location, g.barcode, "赠品" in g.name)
            for g in info.goods
        ),
        shop=info.shop,
        platform=info.platform,
        receiver_name=info.receiver_name,
        receiver_phone=privacy.mask_phone(info.receiver_phone),
        receiver_city=f"{info.province}{info.city}",
        paid_at=info.paid_at,
        carrier_name=info.carrier_name,
        waybill_no=info.waybill_no,
        gift_note=gift_note(info),
        invoice_title=invoice_title(info),
        remark=info.buyer_message,
        seller_memo=info.seller_remark,
        batch_no=batch,
        seq=seq,
        batch_size=size,
        printed_at=printed_at,
        tz=tz or floortime.floor_zone(),
    )


def pick_list_data(
    infos: Iterable[WaybillInfo],
    *,
    batch: str,
    operator: str,
    printed_at: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> PickListData:
    infos = list(infos)
    carriers = {i.carrier_name for i in infos}
    return PickListData(
        batch_no=batch,
        lines=tuple(
            PickLine(g.sku, g.name, g.qty, g.bin_location, g.barcode, i.order_no)
            for i in infos
            for g in i.goods
        ),
        created_at=printed_at,
        printed_at=printed_at,
        operator=operator,
        carrier_name=carriers.pop() if len(carriers) == 1 else "",
        tz=tz or floortime.floor_zone(),
    )


def check_format(fmt: str) -> str:
    f = (fmt or "").lower().replace("×", "x").replace(" ", "")
    if f not in LABEL_FORMATS:
        raise ServiceError("bad_format", format=fmt, formats=", ".join(LABEL_FORMATS))
    return f


def _printer_name(backend: Backend) -> str:
    for attr in ("printer", "target", "host", "path"):
        v = getattr(backend, attr, None)
        if v:
            return f"{backend.name}:{v}"[:128]
    return str(getattr(backend, "name", type(backend).__name__))[:128]


def _send(
    backend: Backend, render: Callable[[], bytes], *, title: str, media: str
) -> tuple[bool, str, str | None]:
    try:
        data = render()
    except Exception as exc:  # a document that cannot be drawn is a failed job, not a crash
        return False, f"cannot build the document: {exc}", None
    try:
        res = backend.send(data, title=title, media=media)
    except Exception as exc:  # backends report trouble in the result; be safe anyway
        return False, str(exc) or type(exc).__name__, None
    return res.ok, res.message, res.job_id


# --- the use cases ----------------------------------------------------------------------------


def print_batch(
    db: Database,
    backend: Backend,
    *,
    fmt: str = "100x180",
    limit: int = MAX_BATCH,
    carrier: str | None = None,
    sku: str | None = None,
    shop_id: int | None = None,
    order_nos: list[str] | None = None,
    operator: str = "",
    station: str = "",
    lang: str = "zh_CN",
    slips_backend: Backend | None = None,
    routing: RoutingTable | None = None,
    now: dt.datetime | None = None,
    slips: bool = True,
    picklist_backend: Backend | None = None,
    on_progress: Callable[[str, int], None] | None = None,
    components: ComponentFor | None = None,
) -> PrintBatchResult:
    """Allocate the next batch, print its waybills, then its slips and pick list.

    Blocking; run on a worker thread. ``on_progress(stage, pages)`` reports rendering
    (stage ``waybill``/``slip``/``picklist``). ``slips=False`` prints the waybills only.
    The pick list goes to ``picklist_backend``, else to the slips' backend.

    Orders numbered by a platform print through its print component:
    ``components(platform, carrier)`` (the station's choice per carrier), else ``backend`` when
    it is one; our own numbers print on ``backend``. Slips and the pick list follow for the
    orders whose waybill printed.
    """
    fmt = check_format(fmt)
    now = now or utcnow()
    routing = routing or load_routing(db)
    batch = allocate_batch(
        db,
        limit=limit,
        carrier=carrier,
        sku=sku,
        shop_id=shop_id,
        order_nos=order_nos,
        operator=operator,
        station=station,
        now=now,
    )
    result = PrintBatchResult(batch=batch.code, refused=list(batch.refused))
    if not batch.lines:
        result.ok = True
        result.message = "nothing to print"
        return result
    ids = [li.order_id for li in batch.lines]
    infos = waybill_infos(db, ids)
    zone = read_floor_zone(db)
    # a platform's number prints only through its print component (the receiver of such an
    # order is the platform's, encrypted: we never print it); our own numbers never go there
    platform_docs = platform_print_data(db, ids)
    groups = _printers_for(infos, platform_docs, backend, components, result)
    result.waybills = [
        {"order_no": i.order_no, "waybill_no": i.waybill_no, "carrier": i.carrier_code}
        for i in infos
        if any(i in g for _b, g in groups.values())
    ]
    if not result.waybills:
        result.ok, result.message = True, "nothing to print on this printer"
        return result

    def progress(stage: str) -> Callable[[int], None] | None:
        if on_progress is None:
            return None
        return lambda n: on_progress(stage, n)

    printed: set[int] = set()
    messages: list[str] = []
    for key, (group_backend, group) in groups.items():
        if key is None:  # our own labels, one document
            ok, message, job_id = _send(
                group_backend,
                lambda group=group: render_waybills(
                    [waybill_data(i, routing, printed_at=now, tz=zone) for i in group],
                    fmt,
                    lang,
                    on_page=progress("waybill"),
                ),
                title=f"waybills {batch.code}",
                media=fmt,
            )
            result.job_id = job_id
            record_print(
                db, [i.order_id for i in group], document="waybill", batch_code=batch.code,
                printer=_printer_name(group_backend), ok=ok, message="" if ok else message,
                operator=operator, station=station,
            )  # fmt: skip
            good = {i.order_id for i in group} if ok else set()
        else:  # a platform's component, one task per document
            ok, message, good = _print_through_component(
                db, group_backend, group, platform_docs, batch_code=batch.code,
                operator=operator, station=station, problems=result.component_problems,
                failed=result.documents_failed,
            )  # fmt: skip
        printed |= good
        result.ok = result.ok and ok
        if message:
            messages.append(message)
    result.message = "; ".join(messages)
    done = [i for i in infos if i.order_id in printed]
    other = slips_backend or backend
    if not slips or not done or is_component(other):
        return result  # slips and the pick list need a paper printer
    n = len(done)
    ids = [i.order_id for i in done]
    s_ok, s_msg, _ = _send(
        other,
        lambda: render_slips(
            [
                slip_data(i, batch=batch.code, seq=k, size=n, printed_at=now, tz=zone)
                for k, i in enumerate(done, 1)
            ],
            SLIP_SIZE,
            lang,
            on_page=progress("slip"),
        ),
        title=f"slips {batch.code}",
        media=SLIP_SIZE,
    )
    result.slips_ok, result.slips_message = s_ok, s_msg
    record_print(
        db, ids, document="slip", batch_code=batch.code, printer=_printer_name(other),
        ok=s_ok, message="" if s_ok else s_msg, operator=operator, station=station,
    )  # fmt: skip
    from printing import merge_pick_lines

    pick = pick_list_data(done, batch=batch.code, operator=operator, printed_at=now, tz=zone)
    result.pick_lines = len(merge_pick_lines(pick.lines))
    pick_backend = picklist_backend or other
    p_ok, p_msg, _ = _send(
        pick_backend,
        lambda: render_pick_list(pick, lang, on_page=progress("picklist")),
        title=f"pick list {batch.code}",
        media="A4",
    )
    result.pick_list_ok, result.pick_list_message = p_ok, p_msg
    record_print(
        db, ids, document="picklist", batch_code=batch.code,
        printer=_printer_name(pick_backend), ok=p_ok, message="" if p_ok else p_msg,
        operator=operator, station=station,
    )  # fmt: skip
    return result


ComponentFor = Callable[[str, str], "Backend | None"]


def _printers_for(
    infos: list[WaybillInfo],
    docs: dict[int, PlatformDoc],
    backend: Backend,
    components: ComponentFor | None,
    result: PrintBatchResult,
) -> dict[tuple[str, str] | None, tuple[Backend, list[WaybillInfo]]]:
    """Each order's printer, in batch order: ``None`` → our labels on ``backend``;
    ``(platform, carrier)`` → that platform's component (``components(platform, carrier)``,
    else ``backend`` when it is a component). Orders with no fitting printer are refused
    (``needs_component`` / ``needs_label_printer``) and keep their numbers."""
    component = is_component(backend)
    groups: dict[tuple[str, str] | None, tuple[Backend, list[WaybillInfo]]] = {}
    for i in infos:
        doc = docs.get(i.order_id)
        if doc is None:
            if component:
                result.refused.append((i.order_no, "needs_label_printer"))
                continue
            groups.setdefault(None, (backend, []))[1].append(i)
            continue
        key = (doc.platform, i.carrier_code)
        if key not in groups:
            chosen = components(*key) if components is not None else None
            if chosen is None and component:
                chosen = backend
            if chosen is None or not is_component(chosen):
                result.refused.append((i.order_no, "needs_component"))
                continue
            groups[key] = (chosen, [])
        groups[key][1].append(i)
    return groups


def _print_through_component(
    db: Database,
    backend: Backend,
    infos: list[WaybillInfo],
    docs: dict[int, PlatformDoc],
    *,
    batch_code: str,
    operator: str,
    station: str,
    problems: list[ComponentProblem],
    failed: list[tuple[str, str]] | None = None,
) -> tuple[bool, str, set[int]]:
    """One task per waybill through the platform's component, in batch order; each
    document's result is recorded (printed, or failed with the component's words); a failed
    one is printed again later with the same number. (all ok, message, order ids printed)"""
    printer = _printer_name(backend)
    try:
        documents = component_documents(
            db, [(i, docs[i.order_id]) for i in infos], gift_note=gift_note
        )
        results, problem = send_to_component(backend, documents)
        error = str(problem) if problem else ""
        if problem:
            problems.append(problem)
    except ServiceError as exc:  # the account cannot be used to refresh a document
        results, error = {}, f"account:{exc.code}"
    if error:
        record_print(
            db, [i.order_id for i in infos], document="waybill", batch_code=batch_code,
            printer=printer, ok=False, message=error, operator=operator, station=station,
        )  # fmt: skip
        return False, error, set()
    good = [i.order_id for i in infos if results.get(i.waybill_no, (False, ""))[0]]
    bad = [i for i in infos if i.order_id not in good]
    if good:
        record_print(
            db, good, document="waybill", batch_code=batch_code, printer=printer, ok=True,
            operator=operator, station=station,
        )  # fmt: skip
    for i in bad:
        message = results.get(i.waybill_no, (False, "no_answer"))[1]
        if failed is not None:
            failed.append((i.waybill_no, message))
        record_print(
            db, [i.order_id], document="waybill", batch_code=batch_code, printer=printer,
            ok=False, message=message, operator=operator, station=station,
        )  # fmt: skip
    return not bad, "" if not bad else f"{len(bad)} document(s) failed at the component", set(good)


def reprint(
    db: Database,
    waybill_no: str,
    reason: str,
    backend: Backend,
    *,
    operator: str = "",
    station: str = "",
    fmt: str = "100x180",
    lang: str = "zh_CN",
    routing: RoutingTable | None = None,
    now: dt.datetime | None = None,
    force: bool = False,
    components: ComponentFor | None = None,
) -> ReprintResult:
    """Print the same number again, marked 补打, recorded with the reason.

    ``address_changed`` prints the order's current address and releases its
    address-change hold. Refuses an empty reason, an unknown number and a cancelled order;
    a parcel already handed over or shipped only with ``force`` (recorded as forced).
    """
    fmt = check_format(fmt)
    code = reprint_reason(reason)
    oid = check_reprint(db, waybill_no, code, force=force)
    now = now or utcnow()
    routing = routing or load_routing(db)
    (info,) = waybill_infos(db, [oid])
    zone = read_floor_zone(db)
    platform_doc = platform_print_data(db, [oid]).get(oid)
    if platform_doc is not None and components is not None:
        backend = components(platform_doc.platform, info.carrier_code) or backend
    if (platform_doc is not None) != is_component(backend):
        # a platform's number is printed only by its component; ours never goes there
        if platform_doc is not None:
            raise ServiceError(
                "needs_component", waybill=info.waybill_no, platform=platform_doc.platform
            )
        raise ServiceError("needs_label_printer", waybill=info.waybill_no)
    if platform_doc is not None:  # the platform's document again
        if code == "address_changed":  # the platform prints the new address: tell it first
            from app.services.platform_numbers import update_on_platform

            platform_doc = update_on_platform(
                db, oid, platform_doc, operator=operator, station=station, now=now
            )
        documents = component_documents(db, [(info, platform_doc)], gift_note=gift_note)
        results, problem = send_to_component(backend, documents)
        ok, message = results.get(info.waybill_no, (False, str(problem or "no_answer")))
        job_id = None
    else:
        problem = None
        ok, message, job_id = _reprint_ours(backend, info, routing, now, lang, zone, fmt)
    record_print(
        db,
        [oid],
        document="waybill",
        batch_code="",
        printer=_printer_name(backend),
        ok=ok,
        message="" if ok else message,
        operator=operator,
        station=station,
        reason=code,
        reprint=True,
        forced=force,
    )
    return ReprintResult(
        order_no=info.order_no,
        waybill_no=info.waybill_no,
        carrier=info.carrier_code,
        reason=code,
        ok=ok,
        message=message,
        job_id=job_id,
        problem=problem,
    )


def _reprint_ours(backend: Backend, info, routing, now, lang: str, zone, fmt: str):
    """Our own label for the same number again, marked 补打: (ok, message, job id)."""
    return _send(
        backend,
        lambda: render_waybills(
            [
                waybill_data(
                    info,
                    routing,
                    printed_at=now,
                    reprint_mark=print_tr("reprint", lang),
                    tz=zone,
                )
            ],
            fmt,
            lang,
        ),
        title=f"reprint {info.waybill_no}",
        media=fmt,
    )


def void(
    db: Database, waybill_no: str, reason: str, operator: str, *, pin: str | None, station: str = ""
) -> str:
    """A supervisor takes a number out of use for ever, with their own PIN; the order goes back
    to the queue. Returns the order number. Refuses (``not_allowed``) anyone but a supervisor or
    admin, and a missing or wrong PIN (``pin_required`` / ``wrong_pin``).

    A platform's number is cancelled on the platform first (its answer is recorded); if the
    platform refuses, nothing changes here and its reason is raised (``platform_refused``)."""
    require_role(db, operator, SUPERVISOR_ACT)
    sign_in(db, operator, pin)
    from app.services.platform_numbers import cancel_on_platform

    cancelled = cancel_on_platform(db, waybill_no.strip())
    return void_waybill(
        db, waybill_no, reason, operator=operator, station=station, platform=cancelled
    )


def preview_pdf(
    db: Database,
    order_id: int,
    *,
    fmt: str = "100x180",
    lang: str = "zh_CN",
    routing: RoutingTable | None = None,
) -> bytes:
    """One order's waybill as PDF bytes, nothing recorded. An order without a number yet is
    drawn with a placeholder number and a preview mark."""
    fmt = check_format(fmt)
    infos = waybill_infos(db, [order_id])
    if not infos:
        raise ServiceError("order_not_found", key=str(order_id))
    info = infos[0]
    doc = platform_print_data(db, [order_id]).get(order_id)
    if doc is not None:  # the platform's label: only its component draws it (`preview_platform`)
        raise ServiceError("needs_component", waybill=info.waybill_no, platform=doc.platform)
    mark, number = "", None
    if not info.waybill_no:
        mark = "样张" if lang != "en" else "PREVIEW"
        number = "0000000000"
    data = waybill_data(
        info,
        routing or load_routing(db),
        printed_at=utcnow(),
        reprint_mark=mark,
        waybill_no=number,
        tz=read_floor_zone(db),
    )
    return render_waybills([data], fmt, lang)


def platform_doc_of(db: Database, order_id: int) -> PlatformDoc | None:
    """The order's platform document, or None when its number is ours (or it has none)."""
    return platform_print_data(db, [order_id]).get(order_id)


def preview_platform(db: Database, order_id: int, components: ComponentFor):
    """A platform order's label as its component draws it (`printing.backends.component.
    Preview`: PDF or PNG); nothing printed, nothing recorded. ``needs_component`` when the
    station has no component for it."""
    (info,) = waybill_infos(db, [order_id])
    doc = platform_print_data(db, [order_id]).get(order_id)
    if doc is None:
        raise ServiceError("needs_label_printer", waybill=info.waybill_no)
    backend = components(doc.platform, info.carrier_code)
    if backend is None or not hasattr(backend, "preview"):
        raise ServiceError("needs_component", waybill=info.waybill_no, platform=doc.platform)
    (document,) = component_documents(db, [(info, doc)], gift_note=gift_note)
    return backend.preview(document)


# --- the job log ------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobRow:
    """One recorded print job for the station's log."""

    id: int
    at: dt.datetime
    order_id: int | None
    order_no: str
    waybill_no: str
    document: str
    batch: str
    printer: str
    result: str  # ok / failed
    message: str
    reason: str
    reprint: bool
    operator: str
    waiting_retry: bool  # failed waybill whose order still waits with its number


def recent_jobs(
    db: Database, *, limit: int = 200, documents: tuple[str, ...] = ("waybill",)
) -> list[JobRow]:
    """The newest print jobs first (waybills only by default)."""
    with db.read() as s:
        q = (
            select(
                PrintJob, Event.at, Event.operator, Order.order_no, Order.status, Order.waybill_no
            )
            .join(Event, Event.id == PrintJob.event_id)
            .outerjoin(Order, Order.id == PrintJob.order_id)
            .order_by(PrintJob.id.desc())
            .limit(limit)
        )
        if documents:
            q = q.where(PrintJob.document.in_(documents))
        out = []
        for pj, at, op, order_no, status, current_no in s.execute(q):
            out.append(
                JobRow(
                    id=pj.id,
                    at=at,
                    order_id=pj.order_id,
                    order_no=order_no or "",
                    waybill_no=pj.waybill_no or "",
                    document=pj.document,
                    batch=pj.batch_code,
                    printer=pj.printer,
                    result=pj.result,
                    message=pj.message,
                    reason=pj.reason,
                    reprint=pj.reprint_of is not None or bool(pj.reason),
                    operator=op or "",
                    waiting_retry=(
                        pj.result == "failed"
                        and status == OrderStatus.PAID.value
                        and bool(current_no)
                        and current_no == pj.waybill_no
                    ),
                )
            )
        return out


def retry_order_nos(db: Database) -> list[str]:
    """Orders holding a number whose waybill never printed (a failed print), first paid first."""
    with db.read() as s:
        return list(
            s.scalars(
                select(Order.order_no)
                .where(Order.status == OrderStatus.PAID.value, Order.waybill_no.is_not(None))
                .order_by(Order.paid_at, Order.id)
            )
        )


def shop_choices(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every shop, for the print station's shop filter."""
    from app.db.models import Shop

    with db.read() as s:
        return [(i, n) for i, n in s.execute(select(Shop.id, Shop.name).order_by(Shop.id))]


def find_shop(db: Database, name: str) -> int:
    """A shop's id by its name or code (``shop_not_found`` otherwise)."""
    from sqlalchemy import or_

    from app.db.models import Shop

    key = name.strip()
    with db.read() as s:
        sid = s.scalar(select(Shop.id).where(or_(Shop.name == key, Shop.code == key)).limit(1))
    if sid is None:
        raise ServiceError("shop_not_found", shop=name)
    return sid


def carrier_codes(db: Database) -> list[str]:
    from app.db.models import Carrier

    with db.read() as s:
        return list(s.scalars(select(Carrier.code).order_by(Carrier.code)))


@dataclass(frozen=True)
class DocumentPrint:
    ok: bool
    where: str  # the job id or file written, or the failure message
    printer: str


def print_document(
    db: Database,
    backend: Backend,
    render: Callable[[], bytes],
    *,
    document: str,
    ref: str,
    title: str,
    media: str = "A4",
    operator: str = "",
    station: str = "",
) -> DocumentPrint:
    """Print an office document (``stub_register``, ``manifest``) and record the attempt as
    an evidence event (``document_printed``: which document, printer, job or failure), so
    "was the register of bundle 12 printed, where, by whom" is answered from the record.
    Blocking: call from a worker thread."""
    from app.db.chain import append_event

    ok, message, job_id = _send(backend, render, title=title, media=media)
    printer = _printer_name(backend)
    with db.write() as s:
        append_event(
            s,
            "document_printed",
            station=station,
            operator=operator,
            detail={
                "document": document,
                "ref": ref,
                "ok": ok,
                "printer": printer,
                "job_id": job_id or "",
                "message": message[:500],
            },
        )
    return DocumentPrint(ok, (job_id or message) if ok else message, printer)
