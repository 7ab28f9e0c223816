"""Daily report (发货日报): the floor's day on one A4 sheet, for the supervisor's file.

Counts per hour and per operator (printed, verified, weighed, held, handed over), holds by
reason, and — like the stub register — the evidence chain head at the end of the day (sequence
number and hash of the last event of the day), so a printed report and the database can be
checked against each other: `parcelproof verify-log` reproduces that hash unless an event of
that day or before was altered, removed or inserted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from printing.documents.common import fmt_time, paper_size
from printing.documents.table import Column, TableStyle, signature_line, table_pages
from printing.i18n import norm_lang
from printing.layout import FontModel, Line, Page, Text

#: the columns, in order (keys of the count dicts)
METRICS = ("printed", "verified", "weighed", "held", "handed_over")

_WORDS = {
    "zh_CN": {
        "title": "发货日报",
        "warehouse": "仓库：",
        "generated": "生成时间：",
        "totals": "全天合计",
        "hour": "时段",
        "operator": "操作员",
        "printed": "打单",
        "verified": "校验",
        "weighed": "称重",
        "held": "挂起",
        "handed_over": "交接",
        "holds": "挂起原因：",
        "no_holds": "挂起原因：无",
        "chain": "证据链（当日最后一条）：",
        "no_chain": "证据链：当日无事件",
        "sign": "主管签字：",
        "page": "第{i}/{n}页",
    },
    "en": {
        "title": "Daily dispatch report",
        "warehouse": "Warehouse: ",
        "generated": "Generated: ",
        "totals": "Whole day",
        "hour": "Hour",
        "operator": "Operator",
        "printed": "Printed",
        "verified": "Verified",
        "weighed": "Weighed",
        "held": "Held",
        "handed_over": "Handed over",
        "holds": "Holds by reason: ",
        "no_holds": "Holds by reason: none",
        "chain": "Evidence chain (last event of the day): ",
        "no_chain": "Evidence chain: no events this day",
        "sign": "Supervisor: ",
        "page": "page {i}/{n}",
    },
}


def _w(key: str, lang: str, **kw: object) -> str:
    text = _WORDS[norm_lang(lang)].get(key, key)
    return text.format(**kw) if kw else text


@dataclass(frozen=True, slots=True)
class DailyReportData:
    day: date
    warehouse: str = ""
    hours: Sequence[dict[str, int]] = field(default_factory=tuple)  # 24 dicts, hour 0..23
    totals: dict[str, int] = field(default_factory=dict)
    operators: Sequence[tuple[str, dict[str, int]]] = field(default_factory=tuple)  # label, counts
    holds_by_reason: Sequence[tuple[str, int]] = field(default_factory=tuple)  # worded reason
    chain_seq: int | None = None
    chain_head: str = ""
    generated_at: datetime | None = None
    tz: tzinfo | None = None  # the floor's time zone its times are printed in (None: UTC)


def layout_daily_report(
    data: DailyReportData, fm: FontModel, lang: str = "zh_CN", size: str = "A4"
) -> list[Page]:
    lang = norm_lang(lang)
    W, H = paper_size(size)
    margin = 12.0
    inner = W - 2 * margin

    def head(page: Page, index: int) -> float:
        y = margin
        ts = fm.size(7.0)
        page.add(Text(margin, y, f"{_w('title', lang)} · {data.day.isoformat()}", ts, bold=True))
        ms = fm.size(3.4)
        yy = y + ts + 2.0
        meta = []
        if data.warehouse:
            meta.append(f"{_w('warehouse', lang)}{data.warehouse}")
        if data.generated_at:
            meta.append(f"{_w('generated', lang)}{fmt_time(data.generated_at, data.tz)}")
        if data.chain_head:
            meta.append(f"{_w('chain', lang)}#{data.chain_seq} {data.chain_head}")
        else:
            meta.append(_w("no_chain", lang))
        for i, m in enumerate(meta):
            page.add(Text(margin, yy + i * ms * 1.3, m, ms))
        y = yy + len(meta) * ms * 1.3 + 1.0
        page.add(Line(margin, y, W - margin, y, 0.5))
        return y + 1.5

    first = max(inner - 5 * 24, 30)
    columns = [Column(_w("hour", lang), first, max_lines=1, bold=True)] + [
        Column(_w(m, lang), 24, align="end", max_lines=1) for m in METRICS
    ]

    def counts(c: dict[str, int]) -> list[str]:
        return [str(int(c.get(m, 0))) for m in METRICS]

    rows: list[list[str]] = []
    for h, c in enumerate(data.hours):
        if any(c.get(m, 0) for m in METRICS):  # quiet hours are left out
            rows.append([f"{h:02d}:00–{(h + 1) % 24:02d}:00", *counts(c)])
    rows.append([_w("totals", lang), *counts(data.totals)])
    if data.operators:
        rows.append([""] * 6)
        rows.append([_w("operator", lang)] + [_w(m, lang) for m in METRICS])
        rows.extend([label, *counts(c)] for label, c in data.operators)

    def tail(page: Page, y: float) -> float:
        s = fm.size(3.4)
        y += 4.0
        if data.holds_by_reason:
            text = _w("holds", lang) + "；".join(f"{r} {n}" for r, n in data.holds_by_reason)
        else:
            text = _w("no_holds", lang)
        page.add(Text(margin, y, text[:160], s))
        signature_line(page, fm, margin, y + 8.0, _w("sign", lang), margin + inner / 2, 3.4)
        return y + 18.0

    return table_pages(
        width=W,
        height=H,
        margin=margin,
        columns=columns,
        rows=rows,
        head=head,
        fm=fm,
        style=TableStyle(size=3.4, header_size=3.2, pad=1.2),
        tail=tail,
        tail_height=24.0,
        page_label=lambda i, total: _w("page", lang, i=i, n=total),
    )


def render_daily_report(
    data: DailyReportData,
    lang: str = "zh_CN",
    *,
    size: str = "A4",
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes of the daily report (A4)."""
    from printing.pdf import PDF_FONTS, render_pages

    return render_pages(
        layout_daily_report(data, PDF_FONTS, lang, size),
        title=f"daily report {data.day.isoformat()}",
        on_page=on_page,
    )
