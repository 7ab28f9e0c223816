"""The electronic waybill (电子面单) in the three contract formats, with the sender's stub.

Regions follow GB/T 41833-2022 快递电子运单: a code area (码号区: the waybill number as a
Code 128 barcode with its digits), a destination area (目的地信息区: sort code 三段码, destination
大头笔, consolidation point 集包地), receiver (收件人信息区) and sender (寄件人信息区) areas, a goods
area (内件信息区) and a signature area (签收区). ``100x180`` adds a second part below a
perforation: the sender's stub (底单), which the weighing clerk pulls and files; it repeats the
barcode and order number, the receiver masked (王*雨, 139****1234), the goods and the expected
weight, with blanks for the weighed weight and a signature.

The layout is computed once per waybill as a :class:`printing.layout.Page`; the same function
serves the PDF (:func:`render_waybills`) and the thermal label languages
(:mod:`printing.labels`), which pass their own font model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from printing.barcodes import check_value, code128_width_modules, qr_runs
from printing.documents.common import (
    LabelFormat,
    fmt_grams,
    fmt_time,
    label_format,
    local_time,
    zone_offset,
)
from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, QR_QUIET_MODULES, snap_mm
from printing.i18n import lbl, norm_lang, tr
from printing.layout import (
    LEADING,
    Badge,
    Barcode,
    FontModel,
    Line,
    Page,
    QRCode,
    Rect,
    Text,
    draw_lines,
    fit_paragraph,
    fit_size,
    summary_with_more,
    truncate,
    wrap,
)


@dataclass(frozen=True, slots=True)
class Party:
    """A receiver or sender. ``address`` is the street part; province/city/district are
    prepended when the address does not already start with them."""

    name: str
    phone: str
    address: str
    province: str = ""
    city: str = ""
    district: str = ""
    company: str = ""

    @property
    def full_address(self) -> str:
        addr = self.address.strip()
        head = ""
        for part in (self.province, self.city, self.district):
            part = part.strip()
            if part and part not in addr and part not in head:
                head += part
        return head + addr


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """One order line as printed: SKU × qty (``name`` shown on slips, not on the waybill)."""

    sku: str
    qty: int
    name: str = ""


@dataclass(frozen=True, slots=True)
class WaybillData:
    """Everything printed on one waybill. Weights in integer grams; ``printed_at`` aware (UTC),
    shown on the clock of ``tz`` (the floor's time zone; ``None``: UTC) with its zone printed
    next to it. ``reprint_mark`` (e.g. ``"补打"``) is printed in an inverse badge in
    the header when set."""

    waybill_no: str
    carrier_code: str
    carrier_name: str
    order_no: str
    receiver: Party
    sender: Party
    goods: Sequence[GoodsLine] = field(default_factory=tuple)
    expected_grams: int = 0
    sort_code: str = ""
    destination: str = ""
    hub: str = ""
    remark: str = ""
    gift_note: str = ""
    printed_at: datetime | None = None
    reprint_mark: str = ""
    service: str = ""
    tz: tzinfo | None = None
    #: the receiver as the stub prints it, masked by the caller (Parcelproof passes its own
    #: rule's values, ``app.domain.privacy``); ``None``: masked here (:func:`mask_name`,
    #: :func:`mask_phone`). The stub never prints the receiver's whole name or phone.
    stub_name: str | None = None
    stub_phone: str | None = None


# --------------------------------------------------------------------------- masking


def mask_name(name: str) -> str:
    """Receiver name for the stub: ``王小雨`` → ``王*雨``, ``王雨`` → ``王*``, ``欧阳小雨`` → ``欧**雨``.

    One ``*`` per hidden character; a one-character name becomes ``*``; a name with a ``*``
    in it is masked already and passes as it is. The library's own rule, for callers that
    give no :attr:`WaybillData.stub_name`.
    """
    if "*" in name:
        return name.strip()
    chars = list(name.strip())
    n = len(chars)
    if n == 0:
        return ""
    if n == 1:
        return "*"
    if n == 2:
        return chars[0] + "*"
    return chars[0] + "*" * (n - 2) + chars[-1]


_PHONE_EXT = re.compile(r"^(.*?)([-#转]\d{1,6})$")


def mask_phone(phone: str) -> str:
    """``13912341234`` → ``139****1234``; keeps a privacy-number extension (``-1234``) as is.

    Other numbers keep their first 3 and last 4 characters with the rest masked; numbers of 7
    characters or fewer show only their last 4 digits; a number with a ``*`` in it is masked
    already and passes as it is.
    """
    if "*" in phone:
        return phone.strip()
    p = re.sub(r"\s+", "", phone)
    if not p:
        return ""
    ext = ""
    m = _PHONE_EXT.match(p)
    if m and len(re.sub(r"\D", "", m.group(1))) >= 7:
        p, ext = m.group(1), m.group(2)
    if p.startswith("+86"):
        p = p[3:]
    if len(p) <= 7:
        return "*" * max(0, len(p) - 4) + p[-4:] + ext
    return p[:3] + "*" * (len(p) - 7) + p[-4:] + ext


# --------------------------------------------------------------------------- goods


def goods_entries(goods: Sequence[GoodsLine]) -> list[str]:
    """``["SKU×qty", ...]`` in order, same SKU merged."""
    merged: dict[str, int] = {}
    for g in goods:
        merged[g.sku] = merged.get(g.sku, 0) + int(g.qty)
    return [f"{sku}×{qty}" for sku, qty in merged.items()]


def goods_summary(
    goods: Sequence[GoodsLine],
    fits: Callable[[str], bool] | None = None,
    lang: str = "zh_CN",
) -> str:
    """``A×2，B×1``, or ``A×2…等6件`` when ``fits`` refuses the whole list (6 = all pieces)."""
    entries = goods_entries(goods)
    total = sum(int(g.qty) for g in goods)
    sep = "，" if norm_lang(lang) == "zh_CN" else ", "
    if not entries:
        return ""
    if fits is None:
        return sep.join(entries)
    return summary_with_more(entries, lambda: tr("more_items", lang, n=total), fits, sep)


# --------------------------------------------------------------------------- layout

M = 1.5  # frame inset from the label edge, mm (thermal heads do not print the last ~1 mm)
PAD = 1.2  # text inset inside a frame cell
FRAME = 0.3  # frame line width


@dataclass(frozen=True, slots=True)
class _Rows:
    header: float
    sort: float
    dest: float
    code: float
    receiver: float
    sender: float
    goods: float
    sign: float


_ROWS: dict[str, _Rows] = {
    "76x130": _Rows(8, 13, 10, 20, 24, 13, 30, 12),
    "100x150": _Rows(9, 15, 11, 24, 28, 15, 36, 12),
    "100x180": _Rows(8, 12, 9, 20, 21, 12, 28, 10),
}


def barcode_fit(
    value: str, available_mm: float, max_dots: int, modules: int | None = None
) -> tuple[int, float]:
    """Module width in whole dots (≤ ``max_dots``, ≥ 1) and symbol width in mm for ``value``
    such that symbol + quiet zones (10 modules each side) fit ``available_mm``."""
    mods = modules if modules is not None else code128_width_modules(value)
    dots = max_dots
    while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > available_mm:
        dots -= 1
    return dots, mods * dots * MM_PER_DOT


def layout_waybill(
    data: WaybillData,
    fmt: str | LabelFormat,
    fm: FontModel,
    lang: str = "zh_CN",
    *,
    code128_modules: Callable[[str], int] | None = None,
) -> Page:
    """The waybill as a :class:`Page` of ``fmt``'s size.

    ``code128_modules`` lets a label language that encodes the barcode itself (TSPL) reserve
    the width of *its* worst-case encoding.
    """
    lf = fmt if isinstance(fmt, LabelFormat) else label_format(fmt)
    lang = norm_lang(lang)
    check_value(data.waybill_no)
    rows = _ROWS[lf.name]
    W = lf.width
    page = Page(lf.width, lf.height)
    x0, x1 = M, W - M
    inner = x1 - x0
    small = lf.width < 90  # the 76 mm label: everything a notch smaller
    mods = code128_modules or code128_width_modules

    # frame of the main part
    page.add(Rect(x0, M, inner, lf.main_height - 2 * M, FRAME))
    y = M

    def hline(yy: float) -> None:
        page.add(Line(x0, yy, x1, yy, FRAME))

    # ---- header: carrier, service / reprint mark, print time
    h = rows.header
    name_size = fit_size(data.carrier_name, inner * 0.45, h * 0.62, 3.0, fm)
    s = fm.size(name_size)
    page.add(Text(x0 + PAD, y + (h - s) / 2, data.carrier_name, s, bold=True))
    name_w = fm.width(data.carrier_name, s)
    tx = x0 + PAD + name_w + 2.0
    if data.service:
        ss = fm.size(h * 0.32)
        page.add(Text(tx, y + (h - ss) / 2, truncate(data.service, inner * 0.2, ss, fm), ss))
        tx += fm.width(data.service, ss) + 1.5
    if data.reprint_mark:
        ss = fm.size(h * 0.4)
        bw = fm.width(data.reprint_mark, ss) + 2.0
        page.add(Badge(tx, y + (h - ss - 1.4) / 2, bw, ss + 1.4, data.reprint_mark, ss))
    ts = fm.size(2.2 if not small else 2.0)
    when = local_time(data.printed_at, data.tz)
    clock = f"{when:%H:%M:%S} {zone_offset(when)}"
    page.add(Text(x1 - PAD, y + h / 2 - ts * 1.1, when.strftime("%Y-%m-%d"), ts, anchor="end"))
    page.add(Text(x1 - PAD, y + h / 2 + 0.1 * ts, clock, ts, anchor="end"))
    y += h
    hline(y)

    # ---- sort code (三段码), huge
    h = rows.sort
    sort = data.sort_code or data.destination or "-"
    s = fm.size(fit_size(sort, inner - 2 * PAD, h * 0.8, 4.0, fm))
    page.add(Text(W / 2, y + (h - s) / 2, sort, s, bold=True, anchor="middle"))
    y += h
    hline(y)

    # ---- destination (大头笔) | hub (集包地)
    h = rows.dest
    split = x0 + inner * 0.58
    dest = data.destination or "-"
    s = fm.size(fit_size(dest, split - x0 - 2 * PAD, h * 0.7, 3.0, fm))
    page.add(
        Text(x0 + PAD, y + (h - s) / 2, truncate(dest, split - x0 - 2 * PAD, s, fm), s, bold=True)
    )
    page.add(Line(split, y, split, y + h, FRAME))
    bs = fm.size(h * 0.42)
    badge_w = fm.width(tr("hub", lang), bs) + 1.6
    page.add(Badge(split + 1.0, y + (h - bs - 1.6) / 2, badge_w, bs + 1.6, tr("hub", lang), bs))
    hx = split + 1.0 + badge_w + 1.2
    hub = data.hub or "-"
    s = fm.size(fit_size(hub, x1 - PAD - hx, h * 0.5, 2.4, fm))
    page.add(Text(hx, y + (h - s) / 2, truncate(hub, x1 - PAD - hx, s, fm), s, bold=True))
    y += h
    hline(y)

    # ---- barcode (码号区)
    h = rows.code
    num_size = fm.size(3.0 if small else 3.4)
    dots, bw = barcode_fit(data.waybill_no, inner - 2 * FRAME, 3, mods(data.waybill_no))
    bar_top = snap_mm(y + 1.2)
    bar_h = snap_mm(h - 1.2 - num_size - 1.6)
    bx = snap_mm((W - bw) / 2)
    page.add(Barcode(bx, bar_top, data.waybill_no, dots, bar_h))
    page.add(
        Text(
            W / 2,
            bar_top + bar_h + 0.6,
            _spaced(data.waybill_no),
            num_size,
            bold=True,
            anchor="middle",
        )
    )
    y += h
    hline(y)

    # ---- receiver (收)
    _party_block(
        page,
        data.receiver,
        tr("receiver", lang),
        x0,
        x1,
        y,
        rows.receiver,
        fm,
        name_size=4.2 if not small else 3.8,
        addr_max=3.6 if not small else 3.3,
        addr_min=2.6,
        bold_address=True,
    )
    y += rows.receiver
    hline(y)

    # ---- sender (寄)
    _party_block(
        page,
        data.sender,
        tr("sender", lang),
        x0,
        x1,
        y,
        rows.sender,
        fm,
        name_size=2.8,
        addr_max=2.6,
        addr_min=2.2,
        bold_address=False,
    )
    y += rows.sender
    hline(y)

    # ---- goods, order, remark | QR
    h = rows.goods
    qr_box = min(h - 2.0, inner * 0.3)
    qr_n, _ = qr_runs(data.waybill_no)
    qr_dots = max(1, int(qr_box / ((qr_n + 2 * QR_QUIET_MODULES) * MM_PER_DOT)))
    qr_size = qr_n * qr_dots * MM_PER_DOT
    qr_cell = qr_size + 2 * QR_QUIET_MODULES * qr_dots * MM_PER_DOT
    qsplit = x1 - qr_cell - 0.6
    page.add(Line(qsplit, y, qsplit, y + h, FRAME))
    page.add(
        QRCode(
            snap_mm(qsplit + (x1 - qsplit - qr_size) / 2),
            snap_mm(y + (h - qr_size) / 2),
            data.waybill_no,
            qr_dots,
        )
    )
    _goods_block(page, data, lang, x0 + PAD, y + PAD, qsplit - x0 - 2 * PAD, h - 2 * PAD, fm, small)
    y += h
    hline(y)

    # ---- signature (签收区)
    h = rows.sign
    s = fm.size(2.6 if not small else 2.4)
    page.add(Text(x0 + PAD, y + 1.0, lbl("sign", lang), s, bold=True))
    ns = fm.size(2.0)
    note_lines = wrap(
        tr("sign_note", lang), inner - 2 * PAD, ns, fm, max(1, int((h - s - 2.2) / (ns * LEADING)))
    )
    draw_lines(page, x0 + PAD, y + 1.0 + s + 0.8, note_lines, ns)

    if lf.has_stub:
        _stub(page, data, lf, fm, lang)
    return page


def _spaced(no: str) -> str:
    """Waybill digits grouped in fours for reading aloud: ``YT12 3456 7890 123``."""
    if len(no) <= 8 or " " in no:
        return no
    return " ".join(no[i : i + 4] for i in range(0, len(no), 4))


def _party_block(
    page: Page,
    party: Party,
    mark: str,
    x0: float,
    x1: float,
    y: float,
    h: float,
    fm: FontModel,
    *,
    name_size: float,
    addr_max: float,
    addr_min: float,
    bold_address: bool,
) -> None:
    bs = fm.size(min(5.0, h * 0.32))
    bw = max(bs + 1.6, fm.width(mark, bs) + 1.6)
    page.add(Badge(x0 + 1.0, y + 1.2, bw, bs + 1.6, mark, bs))
    tx = x0 + 1.0 + bw + 1.6
    w = x1 - PAD - tx
    ns = fm.size(name_size)
    head = f"{party.name}  {party.phone}".strip()
    page.add(Text(tx, y + 1.2, truncate(head, w, ns, fm), ns, bold=True))
    ay = y + 1.2 + ns + 0.9
    text = party.full_address
    if party.company:
        text = f"{party.company} {text}"
    s, lines = fit_paragraph(text, w, y + h - 0.8 - ay, addr_max, addr_min, fm)
    draw_lines(page, tx, ay, lines, s, bold=bold_address)


def _goods_block(
    page: Page,
    data: WaybillData,
    lang: str,
    x: float,
    y: float,
    w: float,
    h: float,
    fm: FontModel,
    small: bool,
) -> None:
    s = fm.size(2.8 if not small else 2.6)
    pitch = s * LEADING
    bottom = y + h
    label = lbl("goods", lang)
    # reserve lines for order no + remark/gift, give goods the rest (at most 3 lines)
    extra = [f"{lbl('order_no', lang)}{data.order_no}"]
    if data.gift_note:
        extra.append(f"{lbl('gift', lang)}{data.gift_note}")
    if data.remark:
        extra.append(f"{lbl('remark', lang)}{data.remark}")
    total_lines = max(1, int((h - s) / pitch + 1e-6) + 1)
    goods_lines = max(1, min(3, total_lines - len(extra)))

    def fits(t: str) -> bool:
        return len(wrap(label + t, w, s, fm)) <= goods_lines

    text = label + goods_summary(data.goods, fits, lang)
    yy = draw_lines(page, x, y, wrap(text, w, s, fm, goods_lines), s, bold=True)
    left = total_lines - goods_lines
    for i, t in enumerate(extra):
        if left <= 0 or yy + 0.4 * s + s > bottom + 1e-6:
            break
        # the last entry may take the remaining lines (a long remark)
        n = left if i == len(extra) - 1 else 1
        lines = wrap(t, w, s, fm, n)
        yy = draw_lines(page, x, yy + (pitch - s), lines, s)
        left -= len(lines)


def _stub(page: Page, data: WaybillData, lf: LabelFormat, fm: FontModel, lang: str) -> None:
    """The lower part of a two-part label: the sender's stub (底单)."""
    W = lf.width
    top = lf.main_height
    x0, x1 = M, W - M
    inner = x1 - x0
    # perforation: dashed line with a note in the middle
    ts = fm.size(2.0)
    note = f"{tr('tear_here', lang)}"
    nw = fm.width(note, ts) + 3
    page.add(Line(0.5, top, W / 2 - nw / 2, top, 0.25, dash=True))
    page.add(Line(W / 2 + nw / 2, top, W - 0.5, top, 0.25, dash=True))
    page.add(Text(W / 2, top - ts / 2, note, ts, anchor="middle"))

    y = top + 2.0
    bottom = lf.height - M
    page.add(Rect(x0, y, inner, bottom - y, FRAME))
    # title row
    s = fm.size(3.6)
    page.add(Text(x0 + PAD, y + 1.0, tr("stub_title", lang), s, bold=True))
    cs = fm.size(3.0)
    page.add(
        Text(
            x1 - PAD,
            y + 1.0 + (s - cs),
            truncate(data.carrier_name, inner * 0.4, cs, fm),
            cs,
            anchor="end",
        )
    )
    y += s + 2.0
    page.add(Line(x0, y, x1, y, FRAME))
    # barcode, smaller than the main one
    num = fm.size(2.8)
    dots, bw = barcode_fit(data.waybill_no, inner - 2 * FRAME, 2)
    bar_top = snap_mm(y + 1.2)
    bar_h = snap_mm(12.0)
    page.add(Barcode(snap_mm((W - bw) / 2), bar_top, data.waybill_no, dots, bar_h))
    page.add(
        Text(
            W / 2, bar_top + bar_h + 0.5, _spaced(data.waybill_no), num, bold=True, anchor="middle"
        )
    )
    y = bar_top + bar_h + 0.5 + num + 1.0
    page.add(Line(x0, y, x1, y, FRAME))
    y += 1.4
    x = x0 + PAD
    w = inner - 2 * PAD
    s = fm.size(3.2)
    pitch = s * LEADING + 0.3
    page.add(Text(x, y, truncate(f"{lbl('order_no', lang)}{data.order_no}", w, s, fm), s))
    y += pitch
    name = mask_name(data.receiver.name) if data.stub_name is None else data.stub_name
    phone = mask_phone(data.receiver.phone) if data.stub_phone is None else data.stub_phone
    who = f"{lbl('receiver_name', lang)}{name}  {phone}"
    page.add(Text(x, y, truncate(who, w, s, fm), s, bold=True))
    y += pitch
    gs = fm.size(2.8)
    label = lbl("goods", lang)

    def fits(t: str) -> bool:
        return len(wrap(label + t, w, gs, fm)) <= 2

    y = draw_lines(
        page, x, y, wrap(label + goods_summary(data.goods, fits, lang), w, gs, fm, 2), gs
    ) + (pitch - s)
    ws = fm.size(3.4)
    page.add(
        Text(x, y, f"{lbl('expected_weight', lang)}{fmt_grams(data.expected_grams)}", ws, bold=True)
    )
    y += ws * LEADING + 1.0
    fs = fm.size(3.0)
    blanks = f"{lbl('weighed', lang)}________ g    {lbl('signature', lang)}__________"
    page.add(Text(x, y, truncate(blanks, w, fs, fm), fs))
    ps = fm.size(2.2)
    if y + fs * LEADING + ps <= bottom - 0.5:
        page.add(
            Text(
                x1 - PAD,
                bottom - 0.8 - ps,
                f"{tr('printed_at', lang)} {fmt_time(data.printed_at, data.tz)}",
                ps,
                anchor="end",
            )
        )


# --------------------------------------------------------------------------- PDF


def render_waybills(
    items: Iterable[WaybillData],
    fmt: str = "100x180",
    lang: str = "zh_CN",
    *,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes: one page per waybill, in the given order, each page exactly ``fmt`` in mm.

    Blocking (≈10 ms a label); run it on a worker thread. ``on_page(n)`` reports progress.
    """
    from printing.pdf import PDF_FONTS, render_pages

    lf = label_format(fmt)
    pages = (layout_waybill(d, lf, PDF_FONTS, lang) for d in items)
    return render_pages(pages, title=f"waybills {lf.name}", on_page=on_page)
