"""The floor time zone: one clock for screens, documents and day boundaries (no Qt, no DB)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app.domain import floortime
from tests.floortime_support import system_zone

UTC = dt.UTC
MOMENT = dt.datetime(2026, 12, 4, 0, 37, tzinfo=UTC)  # 08:37 in Shanghai


def test_no_setting_means_the_systems_zone():
    with system_zone("Asia/Shanghai"):
        assert floortime.zone_name(floortime.floor_zone()) == "Asia/Shanghai"
        assert floortime.to_floor(MOMENT).strftime("%H:%M") == "08:37"
    with system_zone("UTC"):
        assert floortime.to_floor(MOMENT).strftime("%H:%M") == "00:37"


def test_the_setting_wins_over_the_systems_zone():
    with system_zone("UTC"):
        floortime.use_floor_zone("Asia/Shanghai")
        assert floortime.to_floor(MOMENT).strftime("%H:%M") == "08:37"
        assert floortime.today(MOMENT - dt.timedelta(hours=1)) == dt.date(2026, 12, 4)
        floortime.use_floor_zone("")
        assert floortime.today(MOMENT - dt.timedelta(hours=1)) == dt.date(2026, 12, 3)


def test_naive_times_are_utc():
    floortime.use_floor_zone("Asia/Shanghai")
    assert floortime.to_floor(MOMENT.replace(tzinfo=None)).hour == 8


def test_day_and_month_bounds_are_the_floors_midnights():
    china = ZoneInfo("Asia/Shanghai")
    assert floortime.day_bounds(dt.date(2026, 12, 4), china) == (
        dt.datetime(2026, 12, 3, 16, tzinfo=UTC),
        dt.datetime(2026, 12, 4, 16, tzinfo=UTC),
    )
    assert floortime.month_bounds(2026, 12, china) == (
        dt.datetime(2026, 11, 30, 16, tzinfo=UTC),
        dt.datetime(2026, 12, 31, 16, tzinfo=UTC),
    )
    # a day with a clock change is 23 hours long, not 24
    berlin = ZoneInfo("Europe/Berlin")
    start, end = floortime.day_bounds(dt.date(2026, 3, 29), berlin)
    assert end - start == dt.timedelta(hours=23)


def test_unknown_names_are_refused():
    assert floortime.is_zone_name("") and floortime.is_zone_name("Asia/Shanghai")
    assert not floortime.is_zone_name("Mars/Olympus_Mons")
    with pytest.raises(ValueError):
        floortime.zone_named("Beijing")


def test_a_posix_tz_string_falls_back_to_the_c_librarys_clock():
    with system_zone("CST-8"):
        zone = floortime.system_zone()
        assert floortime.to_floor(MOMENT, zone).strftime("%H:%M") == "08:37"
        assert floortime.offset_text(floortime.to_floor(MOMENT, zone)) == "UTC+08:00"
        assert floortime.at_floor(dt.date(2026, 12, 4), dt.time(8, 37), zone) == MOMENT
