"""The daily report (发货日报): the dashboard's day as a document, with the chain head.

The counts are the dashboard's (``app.services.dashboard.day_summary``); the report adds the
evidence chain head at the end of the day — the sequence number and hash of the last event
before local midnight (or of the latest event, for today) — so the paper can be checked
against the database later, as the stub register is. That head is kept as a checkpoint
(``chain_checkpoints``, once per seq): ``verify-log --since last`` checks only the events after
it, from the hash on the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from app.db.chain import record_checkpoint
from app.db.engine import Database
from app.db.models import ChainCheckpoint, Event
from app.services.dashboard import day_summary
from printing.documents import DailyReportData, render_daily_report


def daily_report(
    db: Database,
    day: dt.date | None = None,
    *,
    warehouse: str = "",
    word: Callable[[str], str] = str,
    now: dt.datetime | None = None,
) -> DailyReportData:
    """The report's data for one day of the floor (default today), on the floor's clock. ``word`` turns a hold reason code
    into the reader's words (the UI passes its translation; the CLI keeps the codes)."""
    summary = day_summary(db, day, now=now)
    with db.read() as s:
        last = s.execute(
            select(Event.seq, Event.hash)
            .where(Event.at < summary.end)
            .order_by(Event.seq.desc())
            .limit(1)
        ).first()
        recorded = last is None or s.scalar(
            select(ChainCheckpoint.id).where(ChainCheckpoint.seq == last.seq)
        )
    if not recorded:  # the head on this page becomes a checkpoint for `verify-log --since`
        with db.write() as s:
            record_checkpoint(s, last.seq, last.hash, f"daily {summary.day.isoformat()}")
    return DailyReportData(
        day=summary.day,
        warehouse=warehouse,
        hours=summary.hours,
        totals=summary.totals,
        operators=tuple(
            (f"{o.name} ({o.code})" if o.name else (o.code or "—"), o.counts)
            for o in summary.operators
        ),
        holds_by_reason=tuple((word(r) if r else "—", n) for r, n in summary.holds_by_reason),
        chain_seq=last.seq if last else None,
        chain_head=last.hash if last else "",
        generated_at=summary.generated_at,
        tz=summary.zone,
    )


def daily_report_pdf(data: DailyReportData, lang: str = "zh_CN") -> bytes:
    return render_daily_report(data, lang)
