"""Previewing one order's waybill: our own label as PDF, or a platform's label as its
component draws it; nothing printed, nothing recorded."""

from __future__ import annotations

from app.db.engine import Database
from app.db.models import utcnow
from app.services.errors import ServiceError
from app.services.floortime import read_floor_zone
from app.services.platform_print import (
    ComponentFailed,
    ComponentProblem,
    component_documents,
    platform_print_data,
)
from app.services.print_jobs.batch import ComponentFor
from app.services.print_jobs.documents import check_format, gift_note, waybill_data
from app.services.print_jobs.routing import load_routing
from app.services.waybills import waybill_infos
from printing import RoutingTable, render_waybills


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


def preview_platform(db: Database, order_id: int, components: ComponentFor):
    """A platform order's label as its component draws it (`printing.backends.component.
    Preview`: PDF or PNG); None when the order's number is ours (`preview_pdf` draws it).
    Nothing printed, nothing recorded. ``needs_component`` when the station has no component
    for it; `ComponentFailed` when the component could not draw it."""
    from printing.backends.component import ComponentError

    doc = platform_print_data(db, [order_id]).get(order_id)
    if doc is None:
        return None
    (info,) = waybill_infos(db, [order_id])
    backend = components(doc.platform, info.carrier_code)
    if backend is None or not hasattr(backend, "preview"):
        raise ServiceError("needs_component", waybill=info.waybill_no, platform=doc.platform)
    (document,) = component_documents(db, [(info, doc)], gift_note=gift_note)
    try:
        return backend.preview(document)
    except ComponentError as exc:
        problem = ComponentProblem(exc.code, doc.platform, exc.component, exc.detail)
        raise ComponentFailed(problem) from exc
