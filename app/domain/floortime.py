"""The floor's time zone: the one wall clock every screen, document, report and export shows.

Times are stored in UTC. Whenever one becomes a wall-clock time or a day (today's cut-off, a
day's report, a month's claims, a batch code), it goes through this module, so a print station,
the dashboard and the paper they print agree on the hour.

The zone is a floor setting (``floor_settings`` row ``floor_time`` = ``{"zone": "Asia/Shanghai"}``,
edited on the admin station; `app.services.floortime` reads and writes it). Empty means the
system's zone. This module holds the zone the process last read (`use_floor_zone`) for code that
has no database session at hand (the screens' formatting); services read the row itself.

The importers do not use it: a platform's export file means Beijing time whatever the floor's
clock says, and that is interpretation of input, not display. No Qt, no database here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The ``floor_settings`` row and its field.
SETTING_KEY = "floor_time"
ZONE_FIELD = "zone"


class _SystemZone(dt.tzinfo):
    """The C library's local time (``time.localtime``): the system's zone when it has no IANA
    name we can find (a POSIX ``TZ`` string, Windows without ``tzdata``)."""

    def fromutc(self, d: dt.datetime) -> dt.datetime:
        ts = (d.replace(tzinfo=dt.UTC) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).total_seconds()
        off = dt.timedelta(seconds=time.localtime(int(ts // 1)).tm_gmtoff)
        return (d + off).replace(tzinfo=self)

    def _local(self, d: dt.datetime | None) -> time.struct_time:
        if d is None:
            return time.localtime()
        # the fields, not d.timetuple(): that asks this zone's dst() again
        stamp = time.mktime((d.year, d.month, d.day, d.hour, d.minute, d.second, 0, 0, -1))
        return time.localtime(stamp)

    def utcoffset(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(seconds=self._local(d).tm_gmtoff)

    def dst(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=1) if self._local(d).tm_isdst > 0 else dt.timedelta(0)

    def tzname(self, d: dt.datetime | None) -> str:
        return self._local(d).tm_zone

    def __repr__(self) -> str:
        return "_SystemZone()"


def _zoneinfo_name(path: str) -> str:
    """``Asia/Shanghai`` from ``/usr/share/zoneinfo/Asia/Shanghai`` (or ``""``)."""
    marker = "zoneinfo" + os.sep
    i = path.rfind(marker)
    return path[i + len(marker) :].replace(os.sep, "/") if i >= 0 else ""


@lru_cache(maxsize=8)
def _system_zone(tz_env: str | None) -> dt.tzinfo:
    names: list[str] = []
    if tz_env:
        names.append(_zoneinfo_name(tz_env[1:]) if tz_env.startswith(":/") else tz_env.lstrip(":"))
    else:
        with contextlib.suppress(OSError):
            names.append(_zoneinfo_name(os.path.realpath("/etc/localtime")))
        with contextlib.suppress(OSError, ValueError):
            names.append(Path("/etc/timezone").read_text(encoding="ascii").strip())
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return _SystemZone()


def system_zone() -> dt.tzinfo:
    """The zone of this machine (``$TZ``, else ``/etc/localtime``), as a `ZoneInfo` when it has
    an IANA name, else the C library's local time."""
    return _system_zone(os.environ.get("TZ"))


def zone_named(name: str | None) -> dt.tzinfo:
    """The zone called ``name`` (IANA, ``"Asia/Shanghai"``); empty: the system's zone.
    ``ValueError`` for a name the time-zone database does not know."""
    name = (name or "").strip()
    if not name:
        return system_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {name!r}") from None


def is_zone_name(name: str) -> bool:
    """Whether ``name`` is empty (the system's zone) or a zone the database knows."""
    try:
        zone_named(name)
    except ValueError:
        return False
    return True


_floor_zone: dt.tzinfo | None = None


def use_floor_zone(zone: dt.tzinfo | str | None) -> dt.tzinfo:
    """Make ``zone`` (a tzinfo, an IANA name; ``None``/``""`` = the system's) this process's
    floor zone, as read from the floor settings; returns it."""
    global _floor_zone
    _floor_zone = zone if isinstance(zone, dt.tzinfo) else (zone_named(zone) if zone else None)
    return floor_zone()


def floor_zone() -> dt.tzinfo:
    """The floor zone this process last read (`use_floor_zone`), else the system's."""
    return _floor_zone if _floor_zone is not None else system_zone()


def zone_name(zone: dt.tzinfo) -> str:
    """The IANA name of ``zone`` (``"Asia/Shanghai"``), else its abbreviation now."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else (zone.tzname(dt.datetime.now(zone)) or "")


def as_utc(t: dt.datetime) -> dt.datetime:
    """``t`` as aware UTC; a naive value is UTC (the database stores UTC)."""
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t.astimezone(dt.UTC)


def to_floor(t: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """``t`` (aware, or naive UTC) on the floor's wall clock."""
    return as_utc(t).astimezone(zone or floor_zone())


def floor_date(t: dt.datetime, zone: dt.tzinfo | None = None) -> dt.date:
    """The floor's calendar day ``t`` falls on."""
    return to_floor(t, zone).date()


def today(now: dt.datetime | None = None, zone: dt.tzinfo | None = None) -> dt.date:
    """The floor's day at ``now`` (default: this instant)."""
    return floor_date(now or dt.datetime.now(dt.UTC), zone)


def at_floor(day: dt.date, clock: dt.time, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The instant (aware, in the floor zone) the floor's clock shows ``clock`` on ``day``."""
    return dt.datetime.combine(day, clock, tzinfo=zone or floor_zone())


def day_bounds(day: dt.date, zone: dt.tzinfo | None = None) -> tuple[dt.datetime, dt.datetime]:
    """``[start, end)`` of the floor's ``day``, in UTC (23 or 25 hours across a DST change)."""
    z = zone or floor_zone()
    start = at_floor(day, dt.time(0), z).astimezone(dt.UTC)
    end = at_floor(day + dt.timedelta(days=1), dt.time(0), z).astimezone(dt.UTC)
    return start, end


def month_bounds(
    year: int, month: int, zone: dt.tzinfo | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """``[start, end)`` of the floor's calendar month, in UTC."""
    z = zone or floor_zone()
    start = dt.datetime(year, month, 1, tzinfo=z)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=z)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def offset_text(t: dt.datetime) -> str:
    """``UTC+08:00`` for an aware ``t``'s offset."""
    off = t.utcoffset() or dt.timedelta(0)
    sign = "-" if off < dt.timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
