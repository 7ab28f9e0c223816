"""Courier handover manifest (快递交接单): the list the courier signs at pickup.

One manifest per carrier pickup: every waybill with its recorded weight, the count and total
weight, the courier's name, signature and date lines, and the manifest number as a Code 128 so
the handover can be found again by a scan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from printing.barcodes import check_value, code128_width_modules
from printing.documents.common import fmt_grams, fmt_time, paper_size
from printing.documents.table import Column, TableStyle, table_pages
from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, snap_mm
from printing.i18n import lbl, norm_lang, tr
from printing.layout import Barcode, FontModel, Line, Page, Text


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    waybill_no: str
    grams: int
    order_no: str = ""
    destination: str = ""
    #: released by a supervisor's override at the scale: marked, with the expected weight
    overridden: bool = False
    expected_grams: int | None = None


@dataclass(frozen=True, slots=True)
class ManifestData:
    manifest_no: str
    carrier_code: str
    carrier_name: str
    entries: Sequence[ManifestEntry] = field(default_factory=tuple)
    courier_name: str = ""
    warehouse: str = ""
    operator: str = ""
    created_at: datetime | None = None
    tz: tzinfo | None = None  # the floor's time zone its times are printed in (None: UTC)

    @property
    def total_grams(self) -> int:
        return sum(int(e.grams) for e in self.entries)


def layout_manifest(
    data: ManifestData, fm: FontModel, lang: str = "zh_CN", size: str = "A4"
) -> list[Page]:
    lang = norm_lang(lang)
    W, H = paper_size(size)
    margin = 12.0 if W > 180 else 7.0
    inner = W - 2 * margin
    check_value(data.manifest_no)
    count = len(data.entries)
    total = data.total_grams

    def head(page: Page, index: int) -> float:
        y = margin
        ts = fm.size(7.0 if W > 180 else 5.5)
        title = tr("manifest_title", lang) + (tr("continued", lang) if index else "")
        page.add(Text(margin, y, title, ts, bold=True))
        mods = code128_width_modules(data.manifest_no)
        dots = 2
        while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > inner * 0.5:
            dots -= 1
        bw = mods * dots * MM_PER_DOT
        bh = 12.0
        bx = snap_mm(W - margin - CODE128_QUIET_MODULES * dots * MM_PER_DOT - bw)
        page.add(Barcode(bx, snap_mm(y), data.manifest_no, dots, snap_mm(bh)))
        ns = fm.size(3.0)
        page.add(Text(bx + bw / 2, y + bh + 0.5, data.manifest_no, ns, anchor="middle"))
        ms = fm.size(3.4)
        yy = y + ts + 2.0
        meta = [
            f"{lbl('manifest_no', lang)}{data.manifest_no}",
            f"{lbl('carrier', lang)}{data.carrier_name} ({data.carrier_code})",
            f"{lbl('count', lang)}{count}   {lbl('total_weight', lang)}{fmt_grams(total)}",
        ]
        if data.warehouse or data.created_at:
            meta.append(
                "   ".join(
                    x
                    for x in (
                        data.warehouse,
                        f"{lbl('created_at', lang)}{fmt_time(data.created_at, data.tz)}"
                        if data.created_at
                        else "",
                    )
                    if x
                )
            )
        for i, m in enumerate(meta):
            page.add(Text(margin, yy + i * ms * 1.3, m, ms))
        y = max(y + bh + ns + 2.0, yy + len(meta) * ms * 1.3 + 1.0)
        page.add(Line(margin, y, W - margin, y, 0.5))
        return y + 1.5

    columns = [
        Column(tr("no", lang), 12, align="end", max_lines=1),
        Column(tr("waybill_no", lang), 52, bold=True, max_lines=1),
        Column(tr("order_no", lang), 52, max_lines=1),
        Column(tr("destination", lang), inner - 12 - 52 - 52 - 30, max_lines=1),
        Column(tr("weight", lang) + " (g)", 30, align="end", max_lines=1),
    ]
    rows = [
        [
            str(i + 1),
            e.waybill_no + (" *" if e.overridden else ""),
            e.order_no,
            e.destination,
            f"{int(e.grams)}",
        ]
        for i, e in enumerate(data.entries)
    ]
    # every overridden parcel is named under the table, with what it weighed against what it
    # should have: the courier signs for it knowing
    notes = [
        tr(
            "override_note",
            lang,
            waybill=e.waybill_no,
            grams=fmt_grams(int(e.grams)),
            expected=fmt_grams(int(e.expected_grams)) if e.expected_grams is not None else "?",
        )
        for e in data.entries
        if e.overridden
    ]

    def tail(page: Page, y: float) -> float:
        s = fm.size(3.8)
        y += 2.0
        page.add(Text(margin, y, f"{lbl('count', lang)}{count}", s, bold=True))
        page.add(
            Text(
                W - margin - 1,
                y,
                f"{lbl('total_weight', lang)}{fmt_grams(total)}",
                s,
                bold=True,
                anchor="end",
            )
        )
        y += s + 3.0
        ns = fm.size(3.2)
        for note in notes:
            page.add(Text(margin, y, note, ns))
            y += ns * 1.4
        y += 4.0
        ls = fm.size(3.6)
        courier = data.courier_name or ""
        lines = [
            (f"{lbl('courier', lang)}", courier),
            (f"{lbl('courier_sign', lang)}", ""),
            (f"{lbl('warehouse_sign', lang)}", data.operator),
            (f"{lbl('date', lang)}", ""),
        ]
        half = inner / 2
        for i, (label, value) in enumerate(lines):
            col, row = i % 2, i // 2
            x = margin + col * half
            yy = y + row * 12.0
            page.add(Text(x, yy, label, ls))
            lx = x + fm.width(label, ls) + 1
            page.add(Line(lx, yy + ls + 0.6, x + half - 6, yy + ls + 0.6, 0.3))
            if value:
                page.add(Text(lx + 1, yy, value, ls))
        return y + 24.0

    return table_pages(
        width=W,
        height=H,
        margin=margin,
        columns=columns,
        rows=rows,
        head=head,
        fm=fm,
        style=TableStyle(size=3.3, header_size=3.0, pad=1.2),
        tail=tail,
        tail_height=36.0 + 5.0 * len(notes),
        page_label=lambda i, n: tr("page", lang, i=i, n=n),
    )


def render_manifest(
    data: ManifestData,
    lang: str = "zh_CN",
    *,
    size: str = "A4",
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes of the handover manifest (A4 by default)."""
    from printing.pdf import PDF_FONTS, render_pages

    return render_pages(
        layout_manifest(data, PDF_FONTS, lang, size),
        title=f"manifest {data.manifest_no}",
        on_page=on_page,
    )
