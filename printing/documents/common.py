"""Small helpers shared by the document builders: formats, times, weights.

Times: the database keeps UTC; a document shows them on the floor's clock. The floor's zone is
the application's setting, which this library does not read: whoever gathers a document's data
passes the zone in (a ``tz`` field or argument, a `tzinfo` such as ``ZoneInfo("Asia/Shanghai")``).
Without one a document prints UTC, and every printed time says which zone it is in
(``2026-12-04 08:37 CST (UTC+08:00)``), so paper can never be read eight hours off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from printing.geometry import MM_PER_DOT


@dataclass(frozen=True, slots=True)
class LabelFormat:
    """A thermal label: ``width`` × ``height`` mm, the top ``main_height`` mm the waybill proper,
    the rest (``stub_height``) the sender's stub (底单) below a perforation."""

    name: str
    width: float
    height: float
    main_height: float

    @property
    def stub_height(self) -> float:
        return self.height - self.main_height

    @property
    def has_stub(self) -> bool:
        return self.stub_height > 0

    @property
    def width_dots(self) -> int:
        return int(round(self.width / MM_PER_DOT))

    @property
    def height_dots(self) -> int:
        return int(round(self.height / MM_PER_DOT))


#: The contract's three label formats (docs/dev/contract.md, "Label formats").
LABEL_FORMATS: dict[str, LabelFormat] = {
    "76x130": LabelFormat("76x130", 76.0, 130.0, 130.0),
    "100x150": LabelFormat("100x150", 100.0, 150.0, 150.0),
    "100x180": LabelFormat("100x180", 100.0, 180.0, 120.0),
}

#: Paper sizes for office documents (slips, pick lists, manifests), portrait, in mm.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "100x150": (100.0, 150.0),
    "100x180": (100.0, 180.0),
}


def label_format(fmt: str) -> LabelFormat:
    """The :class:`LabelFormat` called ``fmt`` (``"100x180"``); ``ValueError`` otherwise."""
    try:
        return LABEL_FORMATS[fmt.lower().replace("×", "x").replace(" ", "")]
    except KeyError:
        raise ValueError(
            f"unknown label format {fmt!r}; expected one of {', '.join(LABEL_FORMATS)}"
        ) from None


def paper_size(size: str) -> tuple[float, float]:
    try:
        return PAPER_SIZES[size.upper() if size[:1].lower() == "a" else size]
    except KeyError:
        raise ValueError(
            f"unknown paper size {size!r}; expected one of {', '.join(PAPER_SIZES)}"
        ) from None


def local_time(at: datetime | None, tz: tzinfo | None = None) -> datetime:
    """``at`` (aware; ``None`` = now) on the clock of ``tz``, the floor's zone (``None``: UTC).
    Naive datetimes are refused: the database stores UTC and a naive value would print hours
    off without anyone noticing."""
    if at is None:
        at = datetime.now(UTC)
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"datetime {at!r} has no timezone; pass an aware datetime (UTC)")
    return at.astimezone(tz or UTC)


def zone_offset(at: datetime) -> str:
    """``UTC+08:00``: the offset of an aware ``at``."""
    off = at.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_text(at: datetime) -> str:
    """The zone of an aware ``at`` as printed: ``CST (UTC+08:00)``; ``UTC+00:00`` for UTC or a
    zone whose abbreviation is only a number (``+08``)."""
    offset = zone_offset(at)
    abbr = at.tzname() or ""
    return f"{abbr} ({offset})" if abbr.isalpha() and abbr != "UTC" else offset


def fmt_time(
    at: datetime | None, tz: tzinfo | None = None, seconds: bool = False, zone: bool = True
) -> str:
    """``2024-05-21 14:03 CST (UTC+08:00)``: ``at`` on ``tz``'s clock (the floor's zone;
    ``None``: UTC), with the zone unless ``zone`` is false (a table whose header names it)."""
    t = local_time(at, tz)
    text = t.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{text} {zone_text(t)}" if zone else text


def fmt_grams(grams: int) -> str:
    """``1234 g (1.234 kg)``; integer arithmetic, no float rounding."""
    g = int(grams)
    sign = "-" if g < 0 else ""
    a = abs(g)
    return f"{g} g ({sign}{a // 1000}.{a % 1000:03d} kg)"


def fmt_kg(grams: int) -> str:
    """``1.234 kg``."""
    g = int(grams)
    sign = "-" if g < 0 else ""
    a = abs(g)
    return f"{sign}{a // 1000}.{a % 1000:03d} kg"
