"""A paginating table on :class:`printing.layout.Page` objects, for slips, pick lists, manifests.

Cells wrap (up to ``max_lines``); a cell may instead hold a barcode. Rows never split across
pages; the header row repeats on every page and the page header callback draws the document
head (title, barcode, meta data) on each page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, snap_mm
from printing.layout import LEADING, Anchor, Barcode, FontModel, Line, Page, Text, wrap

_NUM = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders embedded numbers by value: ``A-2 < A-02b < A-10``, case-insensitive."""
    parts = _NUM.split(text.strip().lower())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p != "")


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    align: Anchor = "start"
    max_lines: int = 2
    bold: bool = False


@dataclass(frozen=True, slots=True)
class BarcodeCell:
    """A Code 128 in a table cell (module width in dots, bar height in mm)."""

    value: str
    module_dots: int = 1
    height: float = 5.0


Cell = str | BarcodeCell


@dataclass
class TableStyle:
    size: float = 3.0
    header_size: float = 2.8
    pad: float = 1.0
    line: float = 0.2


def table_pages(
    *,
    width: float,
    height: float,
    margin: float,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    head: Callable[[Page, int], float],
    fm: FontModel,
    style: TableStyle | None = None,
    footer_height: float = 0.0,
    tail: Callable[[Page, float], float] | None = None,
    tail_height: float = 0.0,
    page_label: Callable[[int, int], str] | None = None,
) -> list[Page]:
    """Lay ``rows`` out over as many pages as needed.

    ``head(page, index)`` draws the page head and returns the y where the table starts.
    ``tail(page, y)`` draws what follows the table on the last page (totals, signatures); it
    gets ``tail_height`` mm, and a new page is started if the last one lacks that room.
    ``page_label(i, n)`` text is printed bottom right of every page.
    """
    st = style or TableStyle()
    total_w = sum(c.width for c in columns)
    x0 = margin
    bottom = height - margin - footer_height - (4.0 if page_label else 0.0)
    pages: list[Page] = []
    s = fm.size(st.size)
    hs = fm.size(st.header_size)

    def new_page() -> tuple[Page, float]:
        page = Page(width, height)
        y = head(page, len(pages))
        pages.append(page)
        # header row
        hh = hs + 2 * st.pad
        x = x0
        for col in columns:
            page.add(
                Text(_ax(x, col, st.pad), y + st.pad, col.title, hs, bold=True, anchor=col.align)
            )
            x += col.width
        page.add(Line(x0, y, x0 + total_w, y, st.line * 2))
        page.add(Line(x0, y + hh, x0 + total_w, y + hh, st.line * 2))
        return page, y + hh

    page, y = new_page()
    for row in rows:
        cells: list[list[str] | BarcodeCell] = []
        row_h = s + 2 * st.pad
        for col, cell in zip(columns, row, strict=True):
            if isinstance(cell, BarcodeCell):
                cells.append(cell)
                row_h = max(row_h, cell.height + 2 * st.pad)
            else:
                lines = wrap(cell, col.width - 2 * st.pad, s, fm, col.max_lines) or [""]
                cells.append(lines)
                row_h = max(row_h, s + (len(lines) - 1) * s * LEADING + 2 * st.pad)
        if y + row_h > bottom:
            page, y = new_page()
        x = x0
        for col, cell in zip(columns, cells, strict=True):
            if isinstance(cell, BarcodeCell):
                _barcode_cell(page, cell, x, y + st.pad, col.width)
            else:
                for i, ln in enumerate(cell):
                    page.add(
                        Text(
                            _ax(x, col, st.pad),
                            y + st.pad + i * s * LEADING,
                            ln,
                            s,
                            bold=col.bold,
                            anchor=col.align,
                        )
                    )
            x += col.width
        y += row_h
        page.add(Line(x0, y, x0 + total_w, y, st.line))
    if tail is not None:
        if y + tail_height > bottom:
            page, y = new_page()
        tail(page, y)
    if page_label is not None:
        n = len(pages)
        ps = fm.size(2.4)
        for i, p in enumerate(pages):
            p.add(
                Text(width - margin, height - margin - ps, page_label(i + 1, n), ps, anchor="end")
            )
    return pages


def _ax(x: float, col: Column, pad: float) -> float:
    if col.align == "start":
        return x + pad
    if col.align == "end":
        return x + col.width - pad
    return x + col.width / 2


def _barcode_cell(page: Page, cell: BarcodeCell, x: float, y: float, w: float) -> None:
    from printing.barcodes import code128_width_modules

    mods = code128_width_modules(cell.value)
    dots = cell.module_dots
    while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > w:
        dots -= 1
    bw = mods * dots * MM_PER_DOT
    page.add(Barcode(snap_mm(x + (w - bw) / 2), snap_mm(y), cell.value, dots, snap_mm(cell.height)))


def signature_line(
    page: Page, fm: FontModel, x: float, y: float, label: str, end: float, size: float
) -> None:
    """``label`` followed by a line to sign on, up to ``end`` (mm)."""
    s = fm.size(size)
    page.add(Text(x, y, label, s))
    lx = x + fm.width(label, s) + 1
    page.add(Line(lx, y + s + 0.6, end, y + s + 0.6, 0.3))
