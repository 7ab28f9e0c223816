"""Office documents (stub register, manifest) printed and recorded as evidence events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.db.engine import Database
from app.services.print_jobs.documents import _printer_name, _send
from printing import Backend


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
