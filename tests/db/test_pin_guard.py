"""Wrong PINs on the floor: a growing wait, a lock after five in a row, an admin's unlock,
6-digit PINs, and the chain naming only people who typed their own PIN (both engines)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import Event
from app.services import pin_guard
from app.services.errors import ServiceError
from app.services.operators import sign_in

SUP, ADMIN, PIN = "1001", "1008", "0000"


class Clock:
    def __init__(self) -> None:
        self.t = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.t

    def wait(self, seconds: float) -> None:
        self.t += dt.timedelta(seconds=seconds)


@pytest.fixture
def floor(db):
    from app.services.demo import make_demo_data

    make_demo_data(db, 0, seed=1)
    return db


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(pin_guard, "now", c)
    return c


def _refused(db, code: str, pin: str, station: str = "pick-2") -> ServiceError:
    with pytest.raises(ServiceError) as exc:
        sign_in(db, code, pin, station=station)
    return exc.value


class _Ev:
    def __init__(self, e: Event) -> None:
        self.kind, self.operator, self.station, self.detail = (
            e.kind,
            e.operator,
            e.station,
            e.detail,
        )


def _pin_events(db) -> list[_Ev]:
    with db.read() as s:
        return [
            _Ev(e)
            for e in s.scalars(
                select(Event)
                .where(Event.kind.in_(("pin_failed", "badge_locked", "badge_unlocked")))
                .order_by(Event.seq)
            )
        ]


def test_five_wrong_pins_in_a_row_lock_the_badge_with_growing_waits(floor, clock):
    waits = []
    for _ in range(4):
        err = _refused(floor, SUP, "9999")
        assert err.code == "wrong_pin"
        waits.append(err.params["wait"])
        if err.params["wait"]:  # too soon: not even the right PIN is checked
            early = _refused(floor, SUP, PIN)
            assert (early.code, early.params["wait"]) == ("pin_wait", err.params["wait"])
        clock.wait(err.params["wait"])
    assert waits == [0, 1, 2, 4]
    locked = _refused(floor, SUP, "9999")
    assert locked.code == "badge_locked"
    until = locked.params["until"]
    clock.wait(60)
    refused = _refused(floor, SUP, PIN)  # the right PIN, while locked
    assert refused.code == "badge_locked" and refused.params["until"] == until
    kinds = [(e.kind, e.operator, e.detail.get("code"), e.station) for e in _pin_events(floor)]
    assert kinds == [("pin_failed", "", SUP, "pick-2")] * 5 + [("badge_locked", "", SUP, "pick-2")]
    assert all(PIN not in str(e.detail) and "9999" not in str(e.detail) for e in _pin_events(floor))


def test_early_tries_do_not_count_and_a_right_pin_resets_the_count(floor, clock):
    for _ in range(2):  # no wait after the first
        assert _refused(floor, SUP, "9999").code == "wrong_pin"
    assert _refused(floor, SUP, "9999").code == "pin_wait"  # after the second: one second
    clock.wait(10)
    assert sign_in(floor, SUP, PIN).code == SUP
    for _ in range(4):  # four more wrong ones: counted from zero again, no lock yet
        assert _refused(floor, SUP, "9999").code == "wrong_pin"
        clock.wait(10)
    assert sign_in(floor, SUP, PIN).code == SUP
    assert [e.kind for e in _pin_events(floor)] == ["pin_failed"] * 6


def test_a_lock_ends_after_fifteen_minutes(floor, clock):
    for _ in range(5):
        _refused(floor, SUP, "9999")
        clock.wait(10)
    assert _refused(floor, SUP, PIN).code == "badge_locked"
    clock.wait(15 * 60)
    assert sign_in(floor, SUP, PIN).code == SUP


def test_an_admin_unlocks_a_badge_with_their_own_pin(floor, clock):
    from app.services.admin import locked_badges, unlock_badge

    for _ in range(5):
        _refused(floor, SUP, "9999")
        clock.wait(10)
    assert SUP in locked_badges(floor)
    with pytest.raises(ServiceError) as no_pin:
        unlock_badge(floor, SUP, operator=ADMIN, station="admin-pc")
    assert no_pin.value.code == "pin_required"
    with pytest.raises(ServiceError) as not_admin:
        unlock_badge(floor, SUP, operator="1007", admin_pin=PIN, station="admin-pc")
    assert not_admin.value.code == "not_allowed"
    assert unlock_badge(floor, SUP, operator=ADMIN, admin_pin=PIN, station="admin-pc") == 5
    assert locked_badges(floor) == {}
    assert sign_in(floor, SUP, PIN).code == SUP
    last = _pin_events(floor)[-1]
    assert (last.kind, last.operator, last.detail["code"]) == ("badge_unlocked", ADMIN, SUP)
    with pytest.raises(ServiceError) as again:
        unlock_badge(floor, SUP, operator=ADMIN, admin_pin=PIN)
    assert again.value.code == "badge_not_locked"


def test_the_lock_is_one_for_every_station_of_the_floor(floor, db_url, clock):
    from app.db.engine import open_database

    other = open_database(db_url)  # a second station on the same database
    try:
        for i in range(5):
            _refused(floor if i % 2 else other, SUP, "9999", station=f"s{i}")
            clock.wait(10)
        assert _refused(other, SUP, PIN).code == "badge_locked"
    finally:
        other.dispose()


def test_six_digit_pins_when_the_floor_requires_them(floor, clock):
    from dataclasses import replace

    from app.services.admin import floor_settings, reset_pin, save_floor_settings

    six = replace(floor_settings(floor), six_digit_pins=True)
    with pytest.raises(ServiceError) as no_pin:
        save_floor_settings(floor, six, operator=ADMIN)
    assert no_pin.value.code == "pin_required"
    with pytest.raises(ServiceError) as own_first:  # the admin would lock themselves out
        save_floor_settings(floor, six, operator=ADMIN, admin_pin=PIN)
    assert own_first.value.code == "own_pin_six_digits"
    assert not floor_settings(floor).six_digit_pins
    reset_pin(floor, ADMIN, "135790", operator=ADMIN, admin_pin=PIN)
    save_floor_settings(floor, six, operator=ADMIN, admin_pin="135790")
    assert floor_settings(floor).six_digit_pins
    err = _refused(floor, SUP, PIN)  # the right 4-digit PIN: refused, ask for a new one
    assert (err.code, err.params["digits"]) == ("pin_too_short", 6)
    with pytest.raises(ServiceError) as short:
        reset_pin(floor, SUP, "4321", operator=ADMIN, admin_pin="135790")
    assert short.value.code == "pin_six_digits"
    reset_pin(floor, SUP, "246801", operator=ADMIN, admin_pin="135790")
    assert sign_in(floor, SUP, "246801").code == SUP


def test_a_new_pin_from_the_admin_lifts_the_lock(floor, clock):
    from app.services.admin import locked_badges, reset_pin

    for _ in range(5):
        _refused(floor, SUP, "9999")
        clock.wait(10)
    reset_pin(floor, SUP, "2468", operator=ADMIN, admin_pin=PIN, station="admin-pc")
    assert locked_badges(floor) == {}
    assert sign_in(floor, SUP, "2468").code == SUP
    last = _pin_events(floor)[-1]
    assert (last.kind, last.operator, last.detail["code"]) == ("badge_unlocked", ADMIN, SUP)
