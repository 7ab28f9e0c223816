"""Outbound slip (出库单): one per order, printed with the waybill, picked from and packed with.

Lines are listed in walking order (bin location, natural sort). Gift (赠品) and invoice (发票)
reminders are printed in a black box so the packer cannot miss them. The order number is a
Code 128 in the head, so the verification station can scan the slip instead of the waybill.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from printing.barcodes import check_value, code128_width_modules
from printing.documents.common import fmt_time, paper_size
from printing.documents.table import BarcodeCell, Column, TableStyle, natural_key, table_pages
from printing.documents.waybill import mask_phone
from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, snap_mm
from printing.i18n import lbl, norm_lang, tr
from printing.layout import (
    LEADING,
    Barcode,
    FontModel,
    Line,
    Page,
    Rect,
    Text,
    draw_lines,
    truncate,
    wrap,
)


@dataclass(frozen=True, slots=True)
class SlipLine:
    sku: str
    name: str
    qty: int
    bin_location: str = ""
    barcode: str = ""
    is_gift: bool = False


@dataclass(frozen=True, slots=True)
class SlipData:
    """One order's slip. ``invoice_title`` non-empty means an invoice must go in the parcel;
    ``seq``/``batch_size`` print as "3/100" beside the batch number."""

    order_no: str
    lines: Sequence[SlipLine] = field(default_factory=tuple)
    shop: str = ""
    platform: str = ""
    receiver_name: str = ""
    receiver_phone: str = ""
    receiver_city: str = ""
    paid_at: datetime | None = None
    carrier_name: str = ""
    waybill_no: str = ""
    gift_note: str = ""
    invoice_title: str = ""
    remark: str = ""
    seller_memo: str = ""
    batch_no: str = ""
    seq: int = 0
    batch_size: int = 0
    printed_at: datetime | None = None
    tz: tzinfo | None = None  # the floor's time zone its times are printed in (None: UTC)


def slip_lines_in_walk_order(lines: Iterable[SlipLine]) -> list[SlipLine]:
    """Lines sorted by bin location (natural order, blank bins last), gifts after goods."""
    return sorted(
        lines,
        key=lambda ln: (
            ln.is_gift,
            ln.bin_location == "",
            natural_key(ln.bin_location),
            natural_key(ln.sku),
        ),
    )


def layout_slip(data: SlipData, size: str, fm: FontModel, lang: str = "zh_CN") -> list[Page]:
    lang = norm_lang(lang)
    W, H = paper_size(size)
    small = W < 120
    margin = 4.0 if small else 7.0
    inner = W - 2 * margin
    check_value(data.order_no)

    def head(page: Page, index: int) -> float:
        y = margin
        ts = fm.size(5.0 if small else 6.0)
        title = tr("slip_title", lang) + (tr("continued", lang) if index else "")
        page.add(Text(margin, y, title, ts, bold=True))
        # order barcode, top right
        mods = code128_width_modules(data.order_no)
        dots = 2
        avail = inner * (0.62 if small else 0.55)
        while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > avail:
            dots -= 1
        bw = mods * dots * MM_PER_DOT
        bh = 9.0 if small else 11.0
        bx = snap_mm(W - margin - CODE128_QUIET_MODULES * dots * MM_PER_DOT - bw)
        page.add(Barcode(bx, snap_mm(y), data.order_no, dots, snap_mm(bh)))
        ns = fm.size(2.6)
        page.add(Text(bx + bw / 2, y + bh + 0.4, data.order_no, ns, anchor="middle"))
        s = fm.size(2.8 if small else 3.2)
        yy = y + ts + 1.2
        if data.batch_no:
            seq = f" {data.seq}/{data.batch_size}" if data.seq and data.batch_size else ""
            page.add(Text(margin, yy, f"{tr('batch', lang)} {data.batch_no}{seq}", s, bold=True))
        y = max(y + bh + ns + 1.4, yy + s + 1.2)
        page.add(Line(margin, y, W - margin, y, 0.4))
        y += 1.2
        meta: list[str] = [f"{lbl('order_no', lang)}{data.order_no}"]
        if data.shop or data.platform:
            meta.append(
                f"{lbl('shop', lang)}{' '.join(p for p in (data.platform, data.shop) if p)}"
            )
        if data.paid_at:
            meta.append(f"{lbl('paid_at', lang)}{fmt_time(data.paid_at, data.tz)}")
        if data.carrier_name or data.waybill_no:
            meta.append(f"{lbl('carrier', lang)}{data.carrier_name} {data.waybill_no}".rstrip())
        if data.receiver_name:
            who = f"{data.receiver_name} {mask_phone(data.receiver_phone)} {data.receiver_city}"
            meta.append(f"{lbl('receiver_name', lang)}{who.strip()}")
        ms = fm.size(2.6 if small else 3.0)
        cols = 1 if small else 2
        cw = inner / cols
        for i, m in enumerate(meta):
            r, c = divmod(i, cols)
            page.add(Text(margin + c * cw, y + r * ms * LEADING, truncate(m, cw - 1, ms, fm), ms))
        rows_n = (len(meta) + cols - 1) // cols
        return y + rows_n * ms * LEADING + 1.5

    lines = slip_lines_in_walk_order(data.lines)
    if small:
        columns = [
            Column(tr("bin", lang), 17, bold=True, max_lines=2),
            Column(tr("name", lang) + " / " + tr("sku", lang), inner - 17 - 11, max_lines=3),
            Column(tr("qty", lang), 11, align="end", bold=True, max_lines=1),
        ]
    else:
        columns = [
            Column(tr("bin", lang), 20, bold=True, max_lines=2),
            Column(tr("sku", lang), 28, max_lines=2),
            Column(tr("name", lang), inner - 20 - 28 - 34 - 12, max_lines=3),
            Column(tr("barcode", lang), 34, align="middle", max_lines=1),
            Column(tr("qty", lang), 12, align="end", bold=True, max_lines=1),
        ]
    rows: list[list[str | BarcodeCell]] = []
    for ln in lines:
        gift = f"【{tr('gift', lang)}】" if ln.is_gift else ""
        if small:
            rows.append([ln.bin_location, f"{gift}{ln.name} / {ln.sku}", f"×{ln.qty}"])
        else:
            code: str | BarcodeCell = (
                BarcodeCell(ln.barcode, 2, 5.0)
                if ln.barcode and _barcodeable(ln.barcode)
                else ln.barcode
            )
            rows.append([ln.bin_location, ln.sku, gift + ln.name, code, f"×{ln.qty}"])
    total = sum(ln.qty for ln in lines)
    reminders: list[str] = []
    if data.gift_note:
        reminders.append(tr("gift_reminder", lang, note=data.gift_note))
    if data.invoice_title:
        reminders.append(tr("invoice_reminder", lang, title=data.invoice_title))
    notes: list[str] = []
    if data.remark:
        notes.append(f"{lbl('buyer_remark', lang)}{data.remark}")
    if data.seller_memo:
        notes.append(f"{lbl('seller_memo', lang)}{data.seller_memo}")
    rs = fm.size(3.0 if small else 3.4)
    ns = fm.size(2.6 if small else 3.0)
    rem_lines = [wrap(r, inner - 4, rs, fm, 3) for r in reminders]
    note_lines = [wrap(n, inner, ns, fm, 3) for n in notes]
    tail_h = (
        6.0
        + sum(len(r) * rs * LEADING + 2.4 for r in rem_lines)
        + sum(len(n) * ns * LEADING + 0.6 for n in note_lines)
        + 4.0
    )

    def tail(page: Page, y: float) -> float:
        ts = fm.size(3.2 if small else 3.6)
        y += 1.2
        page.add(
            Text(W - margin - 1, y, f"{lbl('total_qty', lang)}{total}", ts, bold=True, anchor="end")
        )
        y += ts + 2.0
        for r in rem_lines:
            h = len(r) * rs * LEADING + 1.6
            page.add(Rect(margin, y, inner, h, 0, fill=True))
            for i, t in enumerate(r):
                page.add(Text(margin + 2, y + 0.9 + i * rs * LEADING, t, rs, bold=True, white=True))
            y += h + 0.8
        for n in note_lines:
            y = draw_lines(page, margin, y, n, ns) + 0.6 + (ns * LEADING - ns)
        if data.printed_at:
            ps = fm.size(2.4)
            page.add(
                Text(
                    margin,
                    y + 0.6,
                    f"{tr('printed_at', lang)} {fmt_time(data.printed_at, data.tz)}",
                    ps,
                )
            )
        return y

    return table_pages(
        width=W,
        height=H,
        margin=margin,
        columns=columns,
        rows=rows,
        head=head,
        fm=fm,
        style=TableStyle(size=3.0 if small else 3.2, header_size=2.6 if small else 3.0),
        tail=tail,
        tail_height=tail_h,
        page_label=lambda i, n: tr("page", lang, i=i, n=n) if n > 1 else "",
    )


def _barcodeable(value: str) -> bool:
    try:
        check_value(value)
    except ValueError:
        return False
    return True


def render_slips(
    items: Iterable[SlipData],
    size: str = "100x150",
    lang: str = "zh_CN",
    *,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes with the slips in the given order; ``size`` is ``100x150`` or ``A5``
    (``A4`` also works). A slip with many lines continues on further pages."""
    from printing.pdf import PDF_FONTS, render_pages

    paper_size(size)  # validate early

    def pages() -> Iterable[Page]:
        for d in items:
            yield from layout_slip(d, size, PDF_FONTS, lang)

    return render_pages(pages(), title=f"slips {size}", on_page=on_page)
