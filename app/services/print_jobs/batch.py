"""Printing a batch: numbers, waybills (ours or through the platform's component), then
the outbound slips and the pick list, each recorded as print jobs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.db.engine import Database
from app.db.models import utcnow
from app.domain.batching import MAX_BATCH
from app.services.errors import ServiceError
from app.services.floortime import read_floor_zone
from app.services.platform_print import (
    ComponentProblem,
    PlatformDoc,
    component_documents,
    is_component,
    platform_print_data,
    send_to_component,
)
from app.services.print_jobs.documents import (
    SLIP_SIZE,
    _printer_name,
    _send,
    check_format,
    gift_note,
    pick_list_data,
    slip_data,
    waybill_data,
)
from app.services.print_jobs.routing import load_routing
from app.services.waybills import WaybillInfo, allocate_batch, record_print, waybill_infos
from printing import Backend, RoutingTable, render_pick_list, render_slips, render_waybills


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
    placed = {i.order_id for _b, group in groups.values() for i in group}
    result.waybills = [
        {"order_no": i.order_no, "waybill_no": i.waybill_no, "carrier": i.carrier_code}
        for i in infos
        if i.order_id in placed
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
