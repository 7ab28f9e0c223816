"""Barcode content rules: GTIN check digits, GS1 element strings, carrier waybill numbers.

* EAN-13 / EAN-8 / UPC-A (GTIN-13/8/12) and GTIN-14: the GS1 mod-10 check digit (GS1 General
  Specifications §7.9: weights 3 and 1 from the right, excluding the check digit). A code that
  looks like a GTIN but fails its check digit is a misread and is refused.
* GS1-128 / GS1 DataMatrix element strings (GS1 General Specifications §3 and §7.8): an
  optional symbology identifier (``]C1`` GS1-128, ``]d2`` GS1 DataMatrix, ``]Q3`` GS1 QR,
  ``]e0`` DataBar), then AIs; variable-length fields end with FNC1, which scanners send as
  GS (``\\x1d``). Parentheses form ``(01)...(10)...`` is accepted too.
* Waybill numbers of the common Chinese carriers. Formats vary by period and outlet; these
  patterns follow the public numbering the carriers and the big tracking aggregators
  (Kuaidi100, Cainiao) use to auto-detect the carrier, and may match more than one carrier:
  :func:`match_carrier` returns all candidates, the station decides with the order's carrier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# -- GTIN --------------------------------------------------------------------------------------


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for ``body`` (the digits without the check digit)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += (ord(ch) - 48) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def check_gtin(code: str) -> bool:
    """True when ``code`` is 8, 12, 13 or 14 digits with a correct GS1 check digit."""
    if len(code) not in (8, 12, 13, 14) or not code.isascii() or not code.isdigit():
        return False
    return gtin_check_digit(code[:-1]) == ord(code[-1]) - 48


# -- GS1 element strings -------------------------------------------------------------------------

GS = "\x1d"

#: AI -> (name, fixed length or None, max length). Fixed-length AIs per GS1 GenSpecs Fig. 5.10.1-1
_AI_TABLE: dict[str, tuple[str, int | None, int]] = {
    "00": ("sscc", 18, 18),
    "01": ("gtin", 14, 14),
    "02": ("content_gtin", 14, 14),
    "10": ("batch", None, 20),
    "11": ("prod_date", 6, 6),
    "12": ("due_date", 6, 6),
    "13": ("pack_date", 6, 6),
    "15": ("best_before", 6, 6),
    "16": ("sell_by", 6, 6),
    "17": ("expiry", 6, 6),
    "20": ("variant", 2, 2),
    "21": ("serial", None, 20),
    "22": ("cpv", None, 20),
    "30": ("var_count", None, 8),
    "37": ("count", None, 8),
    "240": ("additional_id", None, 30),
    "241": ("customer_part", None, 30),
    "250": ("secondary_serial", None, 30),
    "400": ("order_number", None, 30),
    "401": ("ginc", None, 30),
    "402": ("gsin", 17, 17),
    "410": ("ship_to_gln", 13, 13),
    "414": ("location_gln", 13, 13),
    "420": ("ship_to_post", None, 20),
    "422": ("origin", 3, 3),
    "8004": ("giai", None, 30),
    "8020": ("payment_ref", None, 25),
    "90": ("internal", None, 30),
}
# AIs with a decimal-point digit: 310n-369n (measures, 6 digits), 390n-395n (amounts, var)
_AI4_FIXED6 = re.compile(r"3[1-6][0-9][0-9]")
_AI4_VAR = re.compile(r"39[0-5][0-9]")
_SYMBOLOGY = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_GS1_SYMBOLOGIES = ("]C1", "]d2", "]Q3", "]e0", "]J1")


@dataclass(frozen=True)
class GS1:
    """Parsed GS1 element string: ``ais`` maps AI -> value, in scan order."""

    ais: dict[str, str]

    @property
    def gtin(self) -> str | None:
        return self.ais.get("01") or self.ais.get("02")

    @property
    def batch(self) -> str | None:
        return self.ais.get("10")

    @property
    def serial(self) -> str | None:
        return self.ais.get("21")

    @property
    def expiry(self) -> str | None:
        """YYMMDD as scanned (DD 00 = end of month)."""
        return self.ais.get("17")


def _ai_at(s: str, i: int) -> tuple[str, int | None, int] | None:
    for n in (2, 3, 4):
        ai = s[i : i + n]
        if len(ai) < n or not ai.isdigit():
            return None
        if ai in _AI_TABLE:
            _, fixed, maxlen = _AI_TABLE[ai]
            return ai, fixed, maxlen
        if n == 4 and _AI4_FIXED6.fullmatch(ai):
            return ai, 6, 6
        if n == 4 and _AI4_VAR.fullmatch(ai):
            return ai, None, 18
        if n == 2 and ai[0] == "9":
            return ai, None, 90
    return None


def parse_gs1(code: str) -> GS1 | None:
    """Parse a GS1 element string (with or without ``]C1``/``]d2`` and GS separators, or in
    ``(01)..`` form). None when it is not one (unknown AI, wrong length, bad GTIN check)."""
    s = code.strip("\r\n")
    if s.startswith(_GS1_SYMBOLOGIES):
        s = s[3:]
    elif _SYMBOLOGY.match(s):
        return None  # another symbology (]C0 plain Code 128, ]E0 EAN ...)
    s = s.lstrip(GS)
    if s.startswith("("):
        parts = re.findall(r"\((\d{2,4})\)([^(]*)", s)
        if not parts or "".join(f"({a}){v}" for a, v in parts) != s:
            return None
        s = GS.join(a + v for a, v in parts)
    ais: dict[str, str] = {}
    i = 0
    n = len(s)
    while i < n:
        if s[i] == GS:
            i += 1
            continue
        spec = _ai_at(s, i)
        if spec is None:
            return None
        ai, fixed, maxlen = spec
        i += len(ai)
        if fixed is not None:
            value = s[i : i + fixed]
            if len(value) != fixed or (ai != "90" and not value.isdigit() and ai != "20"):
                return None
            i += fixed
        else:
            end = s.find(GS, i)
            end = n if end < 0 else end
            value = s[i:end]
            if not value or len(value) > maxlen:
                return None
            i = end
        ais[ai] = value
    if not ais:
        return None
    for key in ("01", "02"):
        if key in ais and not check_gtin(ais[key]):
            return None
    return GS1(ais)


# -- waybills ------------------------------------------------------------------------------------

#: carrier code -> patterns (full match, upper-cased input)
CARRIER_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    # SF Express: "SF" + 13 digits (2019+), older 12 pure digits
    "SF": (re.compile(r"SF\d{12,13}"),),
    # ZTO: 12 digits (older, 5/6/7/…), 14 digits starting 73/75/76/78 (current)
    "ZTO": (re.compile(r"7[3568]\d{12}"), re.compile(r"(?:5|6|7)\d{11}")),
    # YTO: "YT" + 13 (current 15-char numbers) or up to 15 digits; older 10 digits + letter
    "YTO": (re.compile(r"YT\d{13,15}"),),
    # STO: 12-13 digits starting 77/66/88/55/36/46/56/58/22, 15 digits starting 77
    "STO": (re.compile(r"(?:77|66|88|55|36|46|56|58|22|33)\d{10,11}"), re.compile(r"77\d{13}")),
    # Yunda: 13 digits starting 10/12/19/31/33/38/39/43/46/55/88/91, 15 digits 43/46/31/32
    "YUNDA": (
        re.compile(r"(?:10|12|19|31|33|38|39|43|46|55|88|91)\d{11}"),
        re.compile(r"(?:31|32|43|46)\d{13}"),
    ),
    # EMS: UPU S10 (2 letters, 8 digits + check, "CN") and domestic 13 digits 10/11/50/51/95/97/98
    "EMS": (
        re.compile(r"E[A-Z]\d{9}CN"),
        re.compile(r"(?:10|11|50|51|95|97|98|99)\d{11}"),
    ),
    # JD Logistics: "JD" + 13-15 digits; JDV/JDX/JDK/JDAZ/JDVA… + 11-13 digits
    "JD": (re.compile(r"JD\d{13,15}"), re.compile(r"JD[A-Z]{1,2}\d{11,13}")),
}


def _s10_ok(code: str) -> bool:
    """UPU S10 check digit (weights 8 6 4 2 3 5 9 7; 11 - sum mod 11, 10 -> 0, 11 -> 5)."""
    digits = code[2:10]
    total = sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    c = 11 - total % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return c == int(code[10])


def match_carrier(code: str) -> list[str]:
    """Carrier codes (SF, ZTO, YTO, STO, YUNDA, EMS, JD) whose waybill format ``code`` fits."""
    s = code.strip().upper()
    out: list[str] = []
    for carrier, patterns in CARRIER_PATTERNS.items():
        for p in patterns:
            if p.fullmatch(s):
                if carrier == "EMS" and s[:1] == "E" and s[1:2].isalpha() and not _s10_ok(s):
                    continue
                out.append(carrier)
                break
    return out


# -- classification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Classified:
    """What a scanned code is. ``kind``: 'ean13' | 'ean8' | 'upca' | 'gs1' | 'waybill' |
    'other'. ``code``: the code without symbology identifier / whitespace. ``carriers``: waybill
    carriers the code fits (also filled for a GTIN that happens to fit one). ``gtin``: the GTIN
    (EAN/UPC itself, or AI 01 of a GS1 string). ``refused``: why the code must not be used
    (``'bad_check_digit'``: a misread EAN/UPC), else None."""

    kind: str
    code: str
    carriers: list[str] = field(default_factory=list)
    gtin: str | None = None
    gs1: GS1 | None = None
    refused: str | None = None

    @property
    def carrier(self) -> str | None:
        """The carrier when exactly one fits."""
        return self.carriers[0] if len(self.carriers) == 1 else None


_EAN_SYMBOLOGY = ("]E0", "]E1", "]E2", "]E3", "]E4", "]X0")
_GTIN_KIND = {13: "ean13", 8: "ean8", 12: "upca"}


def classify(code: str) -> Classified:
    """Classify a scan: GS1 element string, EAN/UPC (check digit verified), carrier waybill,
    or other. A 8/12/13-digit code with a wrong check digit that fits no carrier (or that
    came with an EAN symbology identifier) is refused as a misread."""
    raw = code.strip("\r\n\t ")
    sym = raw[:3] if _SYMBOLOGY.match(raw) else ""
    body = raw[3:] if sym else raw
    if GS in body or sym in _GS1_SYMBOLOGIES or body.startswith("(0"):
        g = parse_gs1(raw)
        if g is not None:
            return Classified("gs1", body.replace(GS, ""), gtin=g.gtin, gs1=g)
        if sym in _GS1_SYMBOLOGIES or GS in body:
            return Classified("other", body, refused="bad_gs1")
    if body.isascii() and body.isdigit() and len(body) in _GTIN_KIND:
        carriers = [] if sym in _EAN_SYMBOLOGY else match_carrier(body)
        if check_gtin(body):
            return Classified(_GTIN_KIND[len(body)], body, carriers, gtin=body)
        if carriers:
            return Classified("waybill", body, carriers)
        return Classified("other", body, refused="bad_check_digit")
    if sym in _EAN_SYMBOLOGY:
        return Classified("other", body, refused="bad_check_digit")
    carriers = match_carrier(body)
    if carriers:
        return Classified("waybill", body.upper(), carriers)
    if len(body) == 14 and body.isdigit() and check_gtin(body):
        return Classified("gs1", body, gtin=body, gs1=GS1({"01": body}))
    return Classified("other", body)
