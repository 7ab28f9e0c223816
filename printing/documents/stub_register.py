"""Stub register (底单登记表): the sheet bound with a closed bundle of waybill stubs.

One row per stub position: waybill, order, recorded weight, verdict, operator, time. The head
carries the bundle number as a Code 128, the count check (parcels weighed vs. stubs) and the
evidence chain head at closing, so the paper and the database can be checked against each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from printing.barcodes import code128_width_modules
from printing.documents.common import fmt_time, local_time, paper_size, zone_offset
from printing.documents.table import Column, TableStyle, signature_line, table_pages
from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, snap_mm
from printing.i18n import norm_lang
from printing.layout import Barcode, FontModel, Line, Page, Text

_WORDS = {
    "zh_CN": {
        "title": "底单登记表",
        "bundle": "第 {n} 捆",
        "station": "称重台：",
        "stubs": "底单数：",
        "parcels": "发货数：",
        "counted": "清点数：",
        "match": "发货数量与返单数量匹配",
        "mismatch": "数量不符！",
        "opened": "开捆：",
        "closed": "封捆：",
        "chain": "证据链：",
        "pos": "张",
        "waybill": "运单号",
        "order": "订单号",
        "grams": "重量 (g)",
        "verdict": "结果",
        "operator": "称重员",
        "time": "时间",
        "sign": "装订人签字：",
        "page": "第{i}/{n}页",
        "ok": "通过",
        "hold": "挂起",
        "override": "主管放行",
    },
    "en": {
        "title": "Stub register",
        "bundle": "Bundle {n}",
        "station": "Station: ",
        "stubs": "Stubs: ",
        "parcels": "Parcels weighed: ",
        "counted": "Counted: ",
        "match": "parcels weighed match stubs returned",
        "mismatch": "COUNTS DIFFER!",
        "opened": "Opened: ",
        "closed": "Closed: ",
        "chain": "Evidence chain: ",
        "pos": "Pos",
        "waybill": "Waybill",
        "order": "Order",
        "grams": "Weight (g)",
        "verdict": "Verdict",
        "operator": "Operator",
        "time": "Time",
        "sign": "Bound by: ",
        "page": "page {i}/{n}",
        "ok": "OK",
        "hold": "hold",
        "override": "override",
    },
}


def _w(key: str, lang: str, **kw: object) -> str:
    text = _WORDS[norm_lang(lang)].get(key, key)
    return text.format(**kw) if kw else text


@dataclass(frozen=True, slots=True)
class StubRegisterEntry:
    position: int
    waybill_no: str
    order_no: str
    grams: int
    verdict: str
    operator: str = ""
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StubRegisterData:
    bundle: int
    station: str = ""
    entries: Sequence[StubRegisterEntry] = field(default_factory=tuple)
    parcels: int | None = None  # parcels weighed into the bundle (None: = entries)
    counted: int | None = None  # stubs the clerk counted
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    chain_head: str = ""
    chain_seq: int | None = None
    tz: tzinfo | None = None  # the floor's time zone its times are printed in (None: UTC)

    @property
    def matches(self) -> bool:
        n = len(self.entries)
        return (self.parcels is None or self.parcels == n) and (
            self.counted is None or self.counted == n
        )


def bundle_code(bundle: int) -> str:
    """The bundle's barcode value (``STUB-000003``)."""
    return f"STUB-{int(bundle):06d}"


def layout_stub_register(
    data: StubRegisterData, fm: FontModel, lang: str = "zh_CN", size: str = "A4"
) -> list[Page]:
    lang = norm_lang(lang)
    W, H = paper_size(size)
    margin = 12.0 if W > 180 else 7.0
    inner = W - 2 * margin
    code = bundle_code(data.bundle)
    n = len(data.entries)

    def head(page: Page, index: int) -> float:
        y = margin
        ts = fm.size(7.0 if W > 180 else 5.5)
        title = f"{_w('title', lang)} · {_w('bundle', lang, n=data.bundle)}"
        page.add(Text(margin, y, title, ts, bold=True))
        mods = code128_width_modules(code)
        dots = 2
        while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > inner * 0.45:
            dots -= 1
        bw, bh = mods * dots * MM_PER_DOT, 12.0
        bx = snap_mm(W - margin - CODE128_QUIET_MODULES * dots * MM_PER_DOT - bw)
        page.add(Barcode(bx, snap_mm(y), code, dots, snap_mm(bh)))
        ns = fm.size(3.0)
        page.add(Text(bx + bw / 2, y + bh + 0.5, code, ns, anchor="middle"))
        ms = fm.size(3.4)
        yy = y + ts + 2.0
        counts = f"{_w('stubs', lang)}{n}   {_w('parcels', lang)}{n if data.parcels is None else data.parcels}"
        if data.counted is not None:
            counts += f"   {_w('counted', lang)}{data.counted}"
        counts += "   " + (_w("match", lang) if data.matches else _w("mismatch", lang))
        meta = [counts]
        when = []
        if data.station:
            when.append(f"{_w('station', lang)}{data.station}")
        if data.opened_at:
            when.append(f"{_w('opened', lang)}{fmt_time(data.opened_at, data.tz)}")
        if data.closed_at:
            when.append(f"{_w('closed', lang)}{fmt_time(data.closed_at, data.tz)}")
        if when:
            meta.append("   ".join(when))
        if data.chain_head:
            seq = f"#{data.chain_seq} " if data.chain_seq is not None else ""
            meta.append(f"{_w('chain', lang)}{seq}{data.chain_head}")
        for i, m in enumerate(meta):
            page.add(Text(margin, yy + i * ms * 1.3, m, ms, bold=i == 0 and not data.matches))
        y = max(y + bh + ns + 2.0, yy + len(meta) * ms * 1.3 + 1.0)
        page.add(Line(margin, y, W - margin, y, 0.5))
        return y + 1.5

    fixed = 12 + 44 + 44 + 22 + 18 + 30
    # the rows' times are on the floor's clock; the column names its zone once
    stamp = data.opened_at or next((e.at for e in data.entries if e.at), None)
    zone = zone_offset(local_time(stamp, data.tz))
    columns = [
        Column(_w("pos", lang), 12, align="end", max_lines=1),
        Column(_w("waybill", lang), 44, bold=True, max_lines=1),
        Column(_w("order", lang), 44, max_lines=1),
        Column(_w("grams", lang), 22, align="end", max_lines=1),
        Column(_w("verdict", lang), 18, max_lines=1),
        Column(_w("operator", lang), max(inner - fixed, 12), max_lines=1),
        Column(f"{_w('time', lang)} {zone}", 30, max_lines=1),
    ]
    rows = [
        [
            str(e.position),
            e.waybill_no,
            e.order_no,
            str(int(e.grams)),
            _w(e.verdict, lang),
            e.operator,
            fmt_time(e.at, data.tz, zone=False) if e.at else "",
        ]
        for e in sorted(data.entries, key=lambda e: e.position)
    ]

    def tail(page: Page, y: float) -> float:
        signature_line(page, fm, margin, y + 6.0, _w("sign", lang), margin + inner / 2, 3.6)
        return y + 18.0

    return table_pages(
        width=W,
        height=H,
        margin=margin,
        columns=columns,
        rows=rows,
        head=head,
        fm=fm,
        style=TableStyle(size=3.2, header_size=3.0, pad=1.1),
        tail=tail,
        tail_height=16.0,
        page_label=lambda i, total: _w("page", lang, i=i, n=total),
    )


def render_stub_register(
    data: StubRegisterData,
    lang: str = "zh_CN",
    *,
    size: str = "A4",
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes of the stub register for one bundle (A4 by default)."""
    from printing.pdf import PDF_FONTS, render_pages

    return render_pages(
        layout_stub_register(data, PDF_FONTS, lang, size),
        title=f"stub register {data.bundle}",
        on_page=on_page,
    )
