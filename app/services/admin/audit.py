"""The admin's audit log: the ``admin_changed`` events, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event
from app.services.admin.common import AUDIT_KIND


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    operator: str
    station: str
    entity: str
    key: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def audit_log(db: Database, text: str = "", limit: int = 500) -> list[AuditRow]:
    """The admin changes, newest first; ``text`` filters on operator, entity, key or action."""
    q = select(Event).where(Event.kind == AUDIT_KIND).order_by(Event.seq.desc())
    t = text.strip().lower()
    out: list[AuditRow] = []
    with db.read() as s:
        for ev in s.scalars(q.execution_options(yield_per=1000)):
            d = ev.detail or {}
            row = AuditRow(
                ev.seq,
                ev.at,
                ev.operator,
                ev.station,
                str(d.get("entity", "")),
                str(d.get("key", "")),
                str(d.get("action", "")),
                d.get("before"),
                d.get("after"),
            )
            if t and t not in " ".join((row.operator, row.entity, row.key, row.action)).lower():
                continue
            out.append(row)
            if len(out) >= limit:
                break
    return out
