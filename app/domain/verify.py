"""Scan matching for picking and verification (校验 / 扫码出库), and packing hints.

Pure rules: no Qt, no database. The service hands in the order's lines with their products'
barcodes and the scanned code; :func:`match_item` says what the scan means.

Verdict codes (stored in ``scan_events.verdict``):

* ``ok`` — one unit counted; ``line_complete`` — it completed its line; ``order_complete`` —
  it completed the whole order;
* ``wrong_item`` (错发) — a product that is not in the order; ``extra_unit`` (多发) — the line
  is already complete; ``bad_check_digit`` — a misread EAN/UPC (refused without lookup);
  ``unknown_code`` — no product has this code;
* ``need_serial`` — a serial-tracked product: the serial number must be scanned next;
  ``serial_duplicate`` — that serial number has already been shipped (in another parcel);
  ``serial_in_parcel`` — that serial number was already counted in this parcel.

A refusal never changes a count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from devices.barcodes import classify

OK = "ok"
LINE_COMPLETE = "line_complete"
ORDER_COMPLETE = "order_complete"
WRONG_ITEM = "wrong_item"
EXTRA_UNIT = "extra_unit"
BAD_CHECK_DIGIT = "bad_check_digit"
UNKNOWN_CODE = "unknown_code"
NEED_SERIAL = "need_serial"
SERIAL_DUPLICATE = "serial_duplicate"
SERIAL_IN_PARCEL = "serial_in_parcel"

#: verdicts that counted one unit
COUNTED = frozenset({OK, LINE_COMPLETE, ORDER_COMPLETE})
#: verdicts refused loudly
REFUSED = frozenset(
    {WRONG_ITEM, EXTRA_UNIT, BAD_CHECK_DIGIT, UNKNOWN_CODE, SERIAL_DUPLICATE, SERIAL_IN_PARCEL}
)
#: refusals of a serial number: the station still waits for the item's serial number
SERIAL_REFUSED = frozenset({SERIAL_DUPLICATE, SERIAL_IN_PARCEL})

#: reasons an order is put on hold at a scanning station (supervisor's queue)
#: ``offline_conflict``: a scan kept at a station while the server was gone and refused when it
#: was replayed (the order changed meanwhile): a person checks the parcel.
HOLD_REASONS = (
    "shortage",
    "wrong_item",
    "damaged",
    "address_problem",
    "incomplete",
    "offline_conflict",
)


@dataclass(frozen=True)
class LineState:
    """One order line as the matcher sees it."""

    line_id: int
    sku: str
    name: str
    qty: int
    done: int  # units counted so far
    barcodes: tuple[str, ...] = ()
    serial_tracked: bool = False
    product_id: int | None = None

    @property
    def complete(self) -> bool:
        return self.done >= self.qty


@dataclass(frozen=True)
class ScanCode:
    """A scanned code made ready for matching: the lookup keys, or why it is refused."""

    raw: str
    code: str
    keys: tuple[str, ...] = ()
    refused: str | None = None  # bad_check_digit / unknown_code
    serial: str | None = None  # GS1 AI 21 carried in the same scan


def gtin_keys(code: str) -> tuple[str, ...]:
    """The forms one GTIN may be stored in: GTIN-14 and its shorter EAN-13/UPC/EAN-8 forms."""
    if not (code.isascii() and code.isdigit() and len(code) in (8, 12, 13, 14)):
        return (code,)
    g14 = code.zfill(14)
    out = [g14]
    for n in (13, 12, 8):
        if g14[: 14 - n] == "0" * (14 - n):
            out.append(g14[14 - n :])
    return tuple(dict.fromkeys([code, *out]))


def read_scan(raw: str) -> ScanCode:
    """Classify a scan: a misread EAN is refused here, before any lookup."""
    c = classify(raw)
    if c.refused == "bad_check_digit":
        return ScanCode(raw, c.code, refused=BAD_CHECK_DIGIT)
    if c.refused:
        return ScanCode(raw, c.code, refused=UNKNOWN_CODE)
    keys: list[str] = [c.code]
    if c.gtin:
        keys += gtin_keys(c.gtin)
    serial = c.gs1.serial if c.gs1 is not None else None
    return ScanCode(raw, c.code, tuple(dict.fromkeys(keys)), serial=serial)


def _line_keys(line: LineState) -> set[str]:
    out: set[str] = set()
    for b in line.barcodes:
        out.update(gtin_keys(b))
    return out


@dataclass(frozen=True)
class Match:
    verdict: str
    line_id: int | None = None
    lines: tuple[LineState, ...] = ()  # the lines after this scan
    serial: str | None = None

    @property
    def counted(self) -> bool:
        return self.verdict in COUNTED

    @property
    def refused(self) -> bool:
        return self.verdict in REFUSED


def matching_lines(lines: Sequence[LineState], scan: ScanCode) -> list[LineState]:
    keys = set(scan.keys)
    return [li for li in lines if keys & _line_keys(li)]


def count_unit(lines: Sequence[LineState], line_id: int, serial: str | None = None) -> Match:
    """Count one unit on ``line_id`` (already matched and checked)."""
    new = tuple(replace(li, done=li.done + 1) if li.line_id == line_id else li for li in lines)
    line = next(li for li in new if li.line_id == line_id)
    if all(li.complete for li in new):
        verdict = ORDER_COMPLETE
    elif line.complete:
        verdict = LINE_COMPLETE
    else:
        verdict = OK
    return Match(verdict, line_id, new, serial)


def match_item(
    lines: Sequence[LineState],
    scan: ScanCode,
    *,
    known_product: bool = False,
    serial: str | None = None,
    shipped_serials: Iterable[str] = (),
    parcel_serials: Iterable[str] = (),
) -> Match:
    """What one item scan means for an order.

    ``known_product``: whether some product (not in the order) has this code — decides
    ``wrong_item`` against ``unknown_code``. ``serial``: the serial number scanned for a
    serial-tracked item (or carried in the GS1 string); ``shipped_serials``: serials already
    shipped in other parcels, ``parcel_serials``: serials already counted in this parcel;
    both are refused, each with its own verdict.
    """
    lines = tuple(lines)
    if scan.refused:
        return Match(scan.refused, None, lines)
    found = matching_lines(lines, scan)
    if not found:
        return Match(WRONG_ITEM if known_product else UNKNOWN_CODE, None, lines)
    open_lines = [li for li in found if not li.complete]
    if not open_lines:
        return Match(EXTRA_UNIT, found[0].line_id, lines)
    line = open_lines[0]
    serial = serial or scan.serial
    if line.serial_tracked:
        if not serial:
            return Match(NEED_SERIAL, line.line_id, lines)
        if serial in set(parcel_serials):
            return Match(SERIAL_IN_PARCEL, line.line_id, lines, serial)
        if serial in set(shipped_serials):
            return Match(SERIAL_DUPLICATE, line.line_id, lines, serial)
    return count_unit(lines, line.line_id, serial if line.serial_tracked else None)


# --- packing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CartonSpec:
    code: str
    name: str
    tare_grams: int
    filler_grams: int
    length_mm: int | None = None
    width_mm: int | None = None
    height_mm: int | None = None
    max_grams: int | None = None

    @property
    def is_bag(self) -> bool:
        return bool(self.height_mm is not None and self.height_mm <= 5)

    @property
    def volume(self) -> int | None:
        if self.length_mm and self.width_mm and self.height_mm:
            return self.length_mm * self.width_mm * self.height_mm
        return None


@dataclass(frozen=True)
class ItemSpec:
    grams: int
    qty: int
    fragile: bool = False
    dims_mm: tuple[int, int, int] | None = None


def suggest_carton(items: Sequence[ItemSpec], cartons: Sequence[CartonSpec]) -> str | None:
    """The smallest carton that carries the goods.

    By weight against ``max_grams`` always; by volume (with 20 % room) and longest side when
    every item has dimensions. Fragile goods never go in a bag.
    """
    if not items or not cartons:
        return None
    grams = sum(i.grams * i.qty for i in items)
    fragile = any(i.fragile for i in items)
    with_dims = all(i.dims_mm for i in items)
    vol = sum(i.dims_mm[0] * i.dims_mm[1] * i.dims_mm[2] * i.qty for i in items if i.dims_mm)
    longest = max((max(i.dims_mm) for i in items if i.dims_mm), default=0)

    def fits(c: CartonSpec) -> bool:
        if c.max_grams is not None and grams > c.max_grams:
            return False
        if fragile and c.is_bag:
            return False
        if with_dims and not c.is_bag and c.volume is not None:
            inner = sorted((c.length_mm or 0, c.width_mm or 0, c.height_mm or 0))
            if vol * 12 > c.volume * 10 or longest > inner[-1]:
                return False
        return True

    def size(c: CartonSpec) -> tuple[int, int]:
        return (c.max_grams or 10**9, c.volume or 0)

    ok = sorted((c for c in cartons if fits(c)), key=size)
    if ok:
        return ok[0].code
    return max(cartons, key=size).code


@dataclass(frozen=True)
class Reminders:
    """What the packer must not forget for this parcel."""

    gifts: tuple[str, ...] = ()
    invoice: bool = False
    fragile: tuple[str, ...] = ()  # names of fragile items
    extra_filler: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


_GIFT_MARKS = ("赠送", "赠品", "送", "gift")
_INVOICE_MARKS = ("发票", "invoice")
_FILLER_MARKS = ("填充", "易碎", "filler", "fragile")


def _split_remark(text: str) -> list[str]:
    parts = []
    for sep in ("；", ";", "，", ",", "。", "\n"):
        text = text.replace(sep, "|")
    for p in text.split("|"):
        if p.strip():
            parts.append(p.strip())
    return parts


def packing_reminders(
    seller_remark: str, buyer_message: str, fragile_names: Iterable[str]
) -> Reminders:
    """Gifts from the remark (赠送插垫), an invoice (发票) on top, fragile items and filler."""
    gifts = tuple(p for p in _split_remark(seller_remark) if any(m in p for m in _GIFT_MARKS))
    text = f"{seller_remark} {buyer_message}".lower()
    invoice = any(m in text for m in _INVOICE_MARKS)
    fragile = tuple(dict.fromkeys(fragile_names))
    extra_filler = bool(fragile) or any(m in text for m in _FILLER_MARKS)
    return Reminders(gifts=gifts, invoice=invoice, fragile=fragile, extra_filler=extra_filler)
