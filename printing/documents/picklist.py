"""Pick list (拣货单) for a print batch: one line per SKU and bin, in walking order.

The picker walks the aisles once per batch, so order lines are merged by SKU (and bin) with the
number of orders that need it, and sorted by bin location in natural order (A-02 before A-10).
The batch number is a Code 128 in the head so the pick station can open the batch by a scan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from printing.barcodes import check_value, code128_width_modules
from printing.documents.common import fmt_time, paper_size
from printing.documents.table import Column, TableStyle, natural_key, table_pages
from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, snap_mm
from printing.i18n import lbl, norm_lang, tr
from printing.layout import Barcode, FontModel, Line, Page, Text


@dataclass(frozen=True, slots=True)
class PickLine:
    """One order line to pick."""

    sku: str
    name: str
    qty: int
    bin_location: str = ""
    barcode: str = ""
    order_no: str = ""


@dataclass(frozen=True, slots=True)
class MergedPickLine:
    """All of a batch's demand for one SKU in one bin."""

    sku: str
    name: str
    barcode: str
    bin_location: str
    qty: int
    order_count: int
    order_nos: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PickListData:
    batch_no: str
    lines: Sequence[PickLine] = field(default_factory=tuple)
    created_at: datetime | None = None
    printed_at: datetime | None = None
    operator: str = ""
    carrier_name: str = ""
    tz: tzinfo | None = None  # the floor's time zone its times are printed in (None: UTC)


def merge_pick_lines(lines: Iterable[PickLine]) -> list[MergedPickLine]:
    """Merge by (SKU, bin); sort by bin in natural order (blank bins last), then SKU.

    ``order_count`` counts distinct order numbers (lines without one count once each).
    """
    acc: dict[tuple[str, str], dict] = {}
    anon = 0
    for ln in lines:
        key = (ln.sku, ln.bin_location.strip())
        a = acc.setdefault(key, {"name": ln.name, "barcode": ln.barcode, "qty": 0, "orders": {}})
        a["qty"] += int(ln.qty)
        if not a["name"] and ln.name:
            a["name"] = ln.name
        if not a["barcode"] and ln.barcode:
            a["barcode"] = ln.barcode
        if ln.order_no:
            a["orders"][ln.order_no] = None
        else:
            anon += 1
            a["orders"][f"\0{anon}"] = None
    out = [
        MergedPickLine(
            sku=sku,
            name=a["name"],
            barcode=a["barcode"],
            bin_location=bin_,
            qty=a["qty"],
            order_count=len(a["orders"]),
            order_nos=tuple(o for o in a["orders"] if not o.startswith("\0")),
        )
        for (sku, bin_), a in acc.items()
    ]
    out.sort(
        key=lambda m: (m.bin_location == "", natural_key(m.bin_location), natural_key(m.sku), m.sku)
    )
    return out


def layout_pick_list(
    data: PickListData, fm: FontModel, lang: str = "zh_CN", size: str = "A4"
) -> list[Page]:
    lang = norm_lang(lang)
    W, H = paper_size(size)
    margin = 10.0 if W > 180 else 6.0
    inner = W - 2 * margin
    check_value(data.batch_no)
    merged = merge_pick_lines(data.lines)
    orders = {ln.order_no for ln in data.lines if ln.order_no}
    total = sum(m.qty for m in merged)

    def head(page: Page, index: int) -> float:
        y = margin
        ts = fm.size(7.0 if W > 180 else 5.5)
        title = tr("picklist_title", lang) + (tr("continued", lang) if index else "")
        page.add(Text(margin, y, title, ts, bold=True))
        mods = code128_width_modules(data.batch_no)
        dots = 2
        avail = inner * 0.5
        while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > avail:
            dots -= 1
        bw = mods * dots * MM_PER_DOT
        bh = 12.0
        bx = snap_mm(W - margin - CODE128_QUIET_MODULES * dots * MM_PER_DOT - bw)
        page.add(Barcode(bx, snap_mm(y), data.batch_no, dots, snap_mm(bh)))
        ns = fm.size(3.0)
        page.add(Text(bx + bw / 2, y + bh + 0.5, data.batch_no, ns, anchor="middle"))
        ms = fm.size(3.2)
        yy = y + ts + 2.0
        meta = [
            f"{lbl('batch', lang)}{data.batch_no}",
            f"{lbl('orders', lang)}{len(orders)}   {lbl('lines', lang)}{len(merged)}   "
            f"{lbl('total_qty', lang)}{total}",
        ]
        extra = []
        if data.carrier_name:
            extra.append(f"{lbl('carrier', lang)}{data.carrier_name}")
        if data.operator:
            extra.append(f"{lbl('operator', lang)}{data.operator}")
        if data.created_at:
            extra.append(f"{lbl('created_at', lang)}{fmt_time(data.created_at, data.tz)}")
        if extra:
            meta.append("   ".join(extra))
        for i, m in enumerate(meta):
            page.add(Text(margin, yy + i * ms * 1.3, m, ms))
        y = max(y + bh + ns + 2.0, yy + len(meta) * ms * 1.3 + 1.0)
        page.add(Line(margin, y, W - margin, y, 0.5))
        return y + 1.5

    wide = W > 180
    fixed = 24 + 30 + 14 + 14 + 14 + (36 if wide else 0)
    columns = [
        Column(tr("bin", lang), 24, bold=True, max_lines=2),
        Column(tr("sku", lang), 30, max_lines=2),
        Column(tr("name", lang), inner - fixed, max_lines=2),
    ]
    if wide:
        columns.append(Column(tr("barcode", lang), 36, max_lines=1))
    columns += [
        Column(tr("qty", lang), 14, align="end", bold=True, max_lines=1),
        Column(tr("order_count", lang), 14, align="end", max_lines=1),
        Column(tr("picked", lang), 14, align="middle", max_lines=1),
    ]
    rows: list[list[str]] = []
    for m in merged:
        row = [m.bin_location or "—", m.sku, m.name]
        if wide:
            row.append(m.barcode)
        row += [str(m.qty), str(m.order_count), "□"]
        rows.append(row)

    def tail(page: Page, y: float) -> float:
        s = fm.size(3.6)
        page.add(
            Text(
                W - margin - 1,
                y + 1.5,
                f"{lbl('total_qty', lang)}{total}",
                s,
                bold=True,
                anchor="end",
            )
        )
        if data.printed_at:
            ps = fm.size(2.6)
            page.add(
                Text(
                    margin,
                    y + 1.5 + s - ps,
                    f"{tr('printed_at', lang)} {fmt_time(data.printed_at, data.tz)}",
                    ps,
                )
            )
        return y + s + 3

    return table_pages(
        width=W,
        height=H,
        margin=margin,
        columns=columns,
        rows=rows,
        head=head,
        fm=fm,
        style=TableStyle(size=3.4, header_size=3.0, pad=1.3),
        tail=tail,
        tail_height=8.0,
        page_label=lambda i, n: tr("page", lang, i=i, n=n),
    )


def render_pick_list(
    data: PickListData,
    lang: str = "zh_CN",
    *,
    size: str = "A4",
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes of the batch's pick list (A4 by default; ``A5`` works too)."""
    from printing.pdf import PDF_FONTS, render_pages

    return render_pages(
        layout_pick_list(data, PDF_FONTS, lang, size),
        title=f"pick list {data.batch_no}",
        on_page=on_page,
    )
