"""Device-independent page layout: a page is a list of primitives in millimetres.

Every document is laid out once into :class:`Page` objects (origin top-left, y down, all in mm)
and then drawn by a renderer: :mod:`printing.pdf` (reportlab canvas), :mod:`printing.labels.zpl`
and :mod:`printing.labels.tspl`. That is how a ZPL label and a PDF label show the same layout.

Text layout depends on the fonts the renderer has, so the layout functions take a
:class:`FontModel`: ``size()`` says which em size the device really prints for a requested size
(a thermal printer's bitmap font comes in steps) and ``width()`` measures text at that size.
Line breaking and truncation use the model, so text never runs out of its box on any device.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

from printing.geometry import text_width_mm

Anchor = Literal["start", "middle", "end"]

#: Baseline position inside an em box, measured from its top (CJK faces: ascent ≈ 0.8-0.88 em).
BASELINE = 0.84
#: Line pitch as a multiple of the em size for wrapped text.
LEADING = 1.18


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text; ``y`` is the top of its em box, ``x`` the anchor point."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    anchor: Anchor = "start"
    white: bool = False


@dataclass(frozen=True, slots=True)
class Barcode:
    """A Code 128 symbol; ``x`` is the left edge of the first bar (quiet zones are outside)."""

    x: float
    y: float
    value: str
    module_dots: int
    height: float


@dataclass(frozen=True, slots=True)
class QRCode:
    """A QR symbol; ``x``/``y`` is the top-left of the first module (quiet zone outside)."""

    x: float
    y: float
    value: str
    module_dots: int
    level: str = "M"


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.25
    dash: bool = False


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle: stroked with ``line_width`` or filled black when ``fill``."""

    x: float
    y: float
    w: float
    h: float
    line_width: float = 0.25
    fill: bool = False


@dataclass(frozen=True, slots=True)
class Badge:
    """White text centred on a filled black box (the "收" / "寄" / "集" markers)."""

    x: float
    y: float
    w: float
    h: float
    text: str
    size: float


@dataclass(frozen=True, slots=True)
class Picture:
    """A photograph (JPEG or PNG bytes) scaled into ``w`` × ``h`` mm; PDF pages only (a
    video's key frame in the evidence report), never a label."""

    x: float
    y: float
    w: float
    h: float
    data: bytes


Item = Text | Barcode | QRCode | Line | Rect | Badge | Picture


@dataclass(slots=True)
class Page:
    """One page (or label) of ``width`` × ``height`` mm."""

    width: float
    height: float
    items: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)

    def texts(self) -> Iterator[Text]:
        for it in self.items:
            if isinstance(it, Text):
                yield it


class FontModel(Protocol):
    """What a renderer's fonts can do (see module docstring)."""

    def size(self, requested_mm: float) -> float:
        """The em size actually printed for ``requested_mm``."""
        ...

    def width(self, text: str, size_mm: float) -> float:
        """Width of ``text`` printed at ``size(size_mm)``."""
        ...


class EmFontModel:
    """Monospaced CJK metric (1 em wide, ½ em narrow chars) with sizes in whole printer dots.

    Fits printers' scalable CJK fonts (ZPL ``^A@``).
    """

    def __init__(self, dot_mm: float = 25.4 / 203, min_mm: float = 1.5) -> None:
        self.dot_mm = dot_mm
        self.min_mm = min_mm

    def size(self, requested_mm: float) -> float:
        s = max(self.min_mm, requested_mm)
        return max(1, int(s / self.dot_mm + 1e-6)) * self.dot_mm

    def width(self, text: str, size_mm: float) -> float:
        return text_width_mm(text, self.size(size_mm))


class StepFontModel(EmFontModel):
    """A bitmap font of ``base_dots`` that only scales by whole multipliers (TSPL TSS24.BF2).

    Requested sizes are rounded *down* to the nearest available step (never below one step), so a
    thermal label never has larger type than the PDF, only sometimes smaller.
    """

    def __init__(self, base_dots: int = 24, dot_mm: float = 25.4 / 203, max_mul: int = 8) -> None:
        super().__init__(dot_mm)
        self.base_dots = base_dots
        self.max_mul = max_mul

    def multiplier(self, requested_mm: float) -> int:
        mul = int(requested_mm / (self.base_dots * self.dot_mm) + 0.15)
        return max(1, min(self.max_mul, mul))

    def size(self, requested_mm: float) -> float:
        return self.multiplier(requested_mm) * self.base_dots * self.dot_mm


# --------------------------------------------------------------------------- text helpers


def truncate(text: str, width: float, size: float, fm: FontModel, ellipsis: str = "…") -> str:
    """``text`` cut to fit ``width`` mm at ``size``, ending in ``ellipsis`` when cut."""
    if fm.width(text, size) <= width + 1e-6:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if fm.width(text[:mid].rstrip() + ellipsis, size) <= width + 1e-6:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ellipsis


#: Characters that must not begin a line (Chinese line-breaking rules, 避头点).
NO_LINE_START = frozenset("，。、；：！？）】》」』”’…·,.;:!?)]}%")


def _tokens(text: str) -> list[str]:
    """Break opportunities: each CJK char alone, runs of non-space narrow chars, single spaces."""
    out: list[str] = []
    buf = ""
    for ch in text:
        if ch == " " or ord(ch) >= 0x2E80:
            if buf:
                out.append(buf)
                buf = ""
            out.append(ch)
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def wrap(
    text: str, width: float, size: float, fm: FontModel, max_lines: int | None = None
) -> list[str]:
    """Greedy line breaking of mixed Chinese/Latin text into lines no wider than ``width``.

    Chinese breaks between any two characters; a Latin/digit run (house number, phone, SKU) moves
    to the next line whole when it fits there, otherwise it is split. With ``max_lines`` the last
    kept line is truncated with an ellipsis when text remains.
    """
    text = " ".join(text.split())
    if not text:
        return []
    lines: list[str] = []
    cur: list[str] = []  # tokens of the current line
    cur_w = 0.0  # advances are additive: the label fonts have no kerning
    widths: dict[str, float] = {}
    limit = width + 1e-6

    def wd(t: str) -> float:
        w = widths.get(t)
        if w is None:
            w = widths[t] = fm.width(t, size)
        return w

    for tok in _tokens(text):
        tw = wd(tok)
        if cur_w + tw <= limit:
            cur.append(tok)
            cur_w += tw
            continue
        if tok == " ":
            lines.append("".join(cur))
            cur, cur_w = [], 0.0
            continue
        if tok[0] in NO_LINE_START and len(cur) >= 2 and wd(cur[-1]) + tw <= limit:
            # 禁则: a comma or closing bracket never starts a line; take the char before along
            lines.append("".join(cur[:-1]))
            cur = [cur[-1], tok]
            cur_w = wd(cur[0]) + tw
            continue
        if tw > width or (cur and tw > width / 2):
            for ch in tok:
                cw = wd(ch)
                if cur and cur_w + cw > limit:
                    lines.append("".join(cur))
                    cur, cur_w = [], 0.0
                cur.append(ch)
                cur_w += cw
            continue
        lines.append("".join(cur))
        cur, cur_w = [tok], tw
    if cur:
        lines.append("".join(cur))
    lines = [ln.strip() for ln in lines if ln.strip()]
    if max_lines is not None and len(lines) > max_lines:
        if max_lines <= 0:
            return []
        rest = " ".join(lines[max_lines - 1 :])
        last = truncate(rest, width, size, fm)
        if not last.endswith("…"):
            last = truncate(last + "…", width, size, fm)
        lines = lines[: max_lines - 1] + [last]
    return lines


def fit_size(text: str, width: float, max_size: float, min_size: float, fm: FontModel) -> float:
    """Largest requested size in [min_size, max_size] whose printed width fits ``width``."""
    size = max_size
    while size > min_size:
        if fm.width(text, size) <= width + 1e-6:
            return size
        size = max(min_size, size * 0.92)
    return min_size


def paragraph(
    page: Page,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    size: float,
    fm: FontModel,
    *,
    bold: bool = False,
    max_lines: int | None = None,
) -> float:
    """Wrap ``text`` into the box (x, y, w, h); returns the y below the last line drawn."""
    s = fm.size(size)
    pitch = s * LEADING
    room = _room(h, s) if h >= s else 0
    if max_lines is not None:
        room = min(room, max_lines)
    y_end = y
    for i, ln in enumerate(wrap(text, w, size, fm, room)):
        page.add(Text(x, y + i * pitch, ln, s, bold=bold))
        y_end = y + i * pitch + s
    return y_end


def fit_paragraph(
    text: str,
    w: float,
    h: float,
    max_size: float,
    min_size: float,
    fm: FontModel,
) -> tuple[float, list[str]]:
    """Largest size in [min_size, max_size] at which ``text`` wraps into the box without loss.

    At ``min_size`` the text is truncated (with an ellipsis) to the lines that fit.
    Returns ``(printed_size, lines)``.
    """
    sizes: list[float] = []
    size = max_size
    while size > min_size:
        sizes.append(size)
        size *= 0.93
    sizes.append(min_size)
    seen: set[float] = set()
    s, room = fm.size(min_size), 1
    for size in sizes:
        s = fm.size(size)
        if round(s, 4) in seen:
            continue
        seen.add(round(s, 4))
        room = _room(h, s)
        lines = wrap(text, w, size, fm)
        if len(lines) <= room:
            return s, lines
    s = fm.size(min_size)
    return s, wrap(text, w, min_size, fm, _room(h, s))


def _room(h: float, s: float) -> int:
    """How many lines of printed size ``s`` fit a box ``h`` high (at least one)."""
    return max(1, int((h - s) / (s * LEADING) + 1e-6) + 1) if h >= s else 1


def draw_lines(
    page: Page, x: float, y: float, lines: list[str], size: float, **kw: object
) -> float:
    """Add ``lines`` at ``size`` from ``y`` down; returns the y below the last one."""
    pitch = size * LEADING
    for i, ln in enumerate(lines):
        page.add(Text(x, y + i * pitch, ln, size, **kw))  # type: ignore[arg-type]
    return y + (len(lines) - 1) * pitch + size if lines else y


def summary_with_more(
    entries: list[str], total_label: Callable[[], str], fits: Callable[[str], bool], sep: str
) -> str:
    """Join as many ``entries`` as ``fits`` allows; if some are left out end with ``total_label``.

    Used for the goods line: ``A×2，B×1…等6件``.
    """
    full = sep.join(entries)
    if fits(full):
        return full
    tail = total_label()
    for k in range(len(entries) - 1, 0, -1):
        cand = sep.join(entries[:k]) + tail
        if fits(cand):
            return cand
    return entries[0] + tail if entries else tail
