"""Reprinting a waybill with the same number (the reason words the floor uses) and voiding a
number for ever (a supervisor, with their PIN)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.db.engine import Database
from app.db.models import utcnow
from app.domain.stations import SUPERVISOR_ACT
from app.services.errors import ServiceError
from app.services.floortime import read_floor_zone
from app.services.operators import authorize
from app.services.platform_print import (
    ComponentProblem,
    component_documents,
    is_component,
    platform_print_data,
    send_to_component,
)
from app.services.print_jobs.batch import ComponentFor
from app.services.print_jobs.documents import (
    _printer_name,
    _send,
    check_format,
    gift_note,
    waybill_data,
)
from app.services.print_jobs.routing import load_routing
from app.services.waybills import (
    REPRINT_REASONS,
    check_reprint,
    record_print,
    void_waybill,
    waybill_infos,
)
from printing import Backend, RoutingTable, render_waybills
from printing.i18n import tr as print_tr

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
    operator = authorize(db, operator, pin, SUPERVISOR_ACT, station=station).code
    from app.services.platform_numbers import cancel_on_platform

    cancelled = cancel_on_platform(db, waybill_no.strip())
    return void_waybill(
        db, waybill_no, reason, operator=operator, station=station, platform=cancelled
    )
