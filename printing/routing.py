"""Carrier routing: province/city → sort code (三段码), destination (大头笔), hub (集包地).

In the field the carrier's e-waybill service returns these with the number; here they come from
a per-carrier table the supervisor imports as CSV with the columns
``carrier,province,city,sort_code,destination,hub``. A row with a blank ``city`` is the
province default. ``printing/data/routing_demo.csv`` is a plausible (invented) table for ZTO,
YTO, STO, YUNDA, SF, JD and EMS covering all 31 mainland provinces, used by ``--demo``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEMO_CSV = Path(__file__).resolve().parent / "data" / "routing_demo.csv"
COLUMNS = ("carrier", "province", "city", "sort_code", "destination", "hub")

_PROVINCE_SUFFIX = re.compile(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$")
_CITY_SUFFIX = re.compile(r"(市|地区|盟)$")


def norm_province(name: str) -> str:
    """``浙江省`` → ``浙江``, ``广西壮族自治区`` → ``广西``, ``北京市`` → ``北京``."""
    return _PROVINCE_SUFFIX.sub("", name.strip())


def norm_city(name: str) -> str:
    """``杭州市`` → ``杭州``; autonomous prefectures keep their full name."""
    n = name.strip()
    return _CITY_SUFFIX.sub("", n) if len(n) > 2 else n


@dataclass(frozen=True, slots=True)
class Route:
    sort_code: str
    destination: str
    hub: str


class RoutingError(ValueError):
    """A routing CSV that cannot be used; the message names the file and line."""


class RoutingTable:
    """Lookup table; build it with :meth:`from_csv` or :meth:`demo`. Immutable once built."""

    def __init__(self, rows: Iterable[tuple[str, str, str, Route]] = ()) -> None:
        self._routes: dict[tuple[str, str, str], Route] = {}
        for carrier, province, city, route in rows:
            key = (carrier.strip().upper(), norm_province(province), norm_city(city))
            self._routes[key] = route

    def __len__(self) -> int:
        return len(self._routes)

    @property
    def carriers(self) -> list[str]:
        return sorted({k[0] for k in self._routes})

    def provinces(self, carrier: str) -> list[str]:
        c = carrier.strip().upper()
        return sorted({k[1] for k in self._routes if k[0] == c})

    def lookup(self, carrier: str, province: str, city: str = "") -> Route | None:
        """The route for the city if the table has one, else the province default, else None."""
        c = carrier.strip().upper()
        p = norm_province(province)
        if city:
            hit = self._routes.get((c, p, norm_city(city)))
            if hit is not None:
                return hit
        return self._routes.get((c, p, ""))

    @classmethod
    def from_csv(cls, source: str | os.PathLike[str] | io.TextIOBase) -> RoutingTable:
        """Read a routing CSV (UTF-8, BOM tolerated). Raises :class:`RoutingError`."""
        name = getattr(source, "name", None) or str(source)
        if isinstance(source, io.TextIOBase):
            text = source.read()
        else:
            try:
                text = Path(source).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise RoutingError(f"{name}: cannot read routing table: {exc}") from exc
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RoutingError(f"{name}: missing column(s) {', '.join(missing)}")
        rows: list[tuple[str, str, str, Route]] = []
        for row in reader:
            line = reader.line_num
            carrier = (row["carrier"] or "").strip()
            province = (row["province"] or "").strip()
            if not carrier or not province:
                raise RoutingError(f"{name}:{line}: carrier and province are required")
            route = Route(
                (row["sort_code"] or "").strip(),
                (row["destination"] or "").strip(),
                (row["hub"] or "").strip(),
            )
            rows.append((carrier, province, (row["city"] or "").strip(), route))
        return cls(rows)

    @classmethod
    def demo(cls) -> RoutingTable:
        """The shipped demo table."""
        return cls.from_csv(DEMO_CSV)
