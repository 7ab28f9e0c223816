"""Wrong PINs: a growing wait before the next try, and after five in a row a locked badge.

The state lives in the database (`PinGuard`, one row per operator), so every station of the
floor counts the same tries: a script cannot guess at one station while waiting at another.
Each failed PIN (``pin_failed``), each lock (``badge_locked``) and each unlock
(``badge_unlocked``) is also an event on the evidence chain. None of them names the person
whose badge was tried as the one who acted (the events' ``operator`` is empty: nobody was
authenticated); the badge's 工号 is in the detail as ``code``. The typed PIN is never stored.

The scrypt check (slow on purpose) runs outside any write transaction: the row is read first
(refused at once while locked or too early), and written only when the answer changes it.
The schedule is `app.domain.pins` (`PIN_DELAYS`, `LOCK_AFTER`, `LOCK_MINUTES`); the clock is
`now` here, so tests move time instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Operator, PinGuard, utcnow
from app.domain import pins
from app.domain.floortime import to_floor
from app.services import floor_settings as fs
from app.services.errors import ServiceError

#: the floor setting: PINs must have 6 digits (or more); a shorter one is refused at sign-in
SIX_DIGIT_PINS = fs.SIX_DIGIT_PINS


def now() -> dt.datetime:
    """The guard's clock (UTC); tests replace it to move time on."""
    return utcnow()


def until_text(t: dt.datetime) -> str:
    """A lock's end as the floor's wall clock, ``YYYY-MM-DD HH:MM``."""
    return to_floor(t).strftime("%Y-%m-%d %H:%M")


def _locked(code: str, until: dt.datetime) -> ServiceError:
    return ServiceError("badge_locked", operator=code, until=until_text(until))


def _refuse_now(g: PinGuard | None, code: str, at: dt.datetime) -> None:
    """Refuse a try while the badge is locked or before its wait is over."""
    if g is None:
        return
    if g.locked_until is not None and g.locked_until > at:
        raise _locked(code, g.locked_until)
    if g.locked_until is None and g.retry_at is not None and g.retry_at > at:
        wait = math.ceil((g.retry_at - at).total_seconds())
        raise ServiceError("pin_wait", operator=code, wait=max(wait, 1))


def _guard(s: Session, operator_id: int, *, lock: bool = False) -> PinGuard | None:
    if lock:  # the operator's row serialises two stations' tries of one badge
        s.execute(select(Operator.id).where(Operator.id == operator_id).with_for_update())
    return s.get(PinGuard, operator_id)


def check_pin_guarded(
    db: Database, operator_id: int, code: str, pin: str, *, station: str = ""
) -> None:
    """Check ``pin`` for the operator; refuse (`ServiceError`) while locked or too early,
    count a wrong PIN (``wrong_pin`` with ``wait`` seconds before the next try and ``left``
    tries before the lock; the fifth locks: ``badge_locked`` with ``until``), reset the count
    on the right one, and then refuse a PIN shorter than the floor requires
    (``pin_too_short``)."""
    with db.read() as s:
        g = _guard(s, operator_id)
        _refuse_now(g, code, now())
        stored = s.scalar(select(Operator.pin_hash).where(Operator.id == operator_id))
        counted = bool(g and (g.failures or g.locked_until or g.retry_at))
        six = fs.read(s, SIX_DIGIT_PINS)
    right = pins.check_pin(pin, stored)
    if right and not counted:
        _length(pin, code, six)
        return
    with db.write() as s:
        at = now()
        g = _guard(s, operator_id, lock=True)
        if g is not None and g.locked_until is not None and g.locked_until <= at:
            g.failures, g.locked_until, g.retry_at = 0, None, None  # the lock ran out
        if right:
            # a right PIN never lifts a lock that started while it was being checked
            if g is not None and g.locked_until is not None and g.locked_until > at:
                locked_until = g.locked_until
            else:
                locked_until = None
                if g is not None:
                    g.failures, g.retry_at = 0, None
        else:
            if g is None:
                g = PinGuard(operator_id=operator_id, failures=0)
                s.add(g)
            if g.locked_until is not None and g.locked_until > at:
                locked_until = g.locked_until  # locked meanwhile: not one more failure
            else:
                g.failures = (g.failures or 0) + 1
                append_event(
                    s,
                    "pin_failed",
                    station=station,
                    detail={"code": code, "failures": g.failures},
                )
                if g.failures >= pins.LOCK_AFTER:
                    g.locked_until = at + dt.timedelta(minutes=pins.LOCK_MINUTES)
                    g.retry_at = None
                    append_event(
                        s,
                        "badge_locked",
                        station=station,
                        detail={
                            "code": code,
                            "failures": g.failures,
                            "until": g.locked_until.isoformat(),
                        },
                    )
                    locked_until = g.locked_until
                else:
                    locked_until = None
                    wait = pins.pin_delay(g.failures)
                    g.retry_at = at + dt.timedelta(seconds=wait) if wait else None
            failures = g.failures
    if locked_until is not None:
        raise _locked(code, locked_until)
    if not right:
        raise ServiceError(
            "wrong_pin",
            operator=code,
            wait=pins.pin_delay(failures),
            left=max(pins.LOCK_AFTER - failures, 0),
        )
    _length(pin, code, six)


def _length(pin: str, code: str, six: bool) -> None:
    if six and len(pin) < pins.LONG_PIN:
        raise ServiceError("pin_too_short", operator=code, digits=pins.LONG_PIN)


def lock_state(db: Database) -> dict[str, str]:
    """Badges locked now: 工号 → until (the floor's wall clock), for the admin's list."""
    at = now()
    with db.read() as s:
        rows = s.execute(
            select(Operator.code, PinGuard.locked_until)
            .join(PinGuard, PinGuard.operator_id == Operator.id)
            .where(PinGuard.locked_until.is_not(None))
        ).all()
    return {code: until_text(t) for code, t in rows if t is not None and t > at}


def lift(
    s: Session, operator_id: int, code: str, *, by: str, station: str, quiet: bool = False
) -> int:
    """Lift a lock (or a count of wrong PINs) in the caller's transaction: ``badge_unlocked``
    names the admin who did it. Returns the failures that were counted; ``badge_not_locked``
    when there was nothing to lift (``quiet``: 0, nothing recorded)."""
    at = now()
    g = _guard(s, operator_id, lock=True)
    if g is None or not (g.failures or (g.locked_until is not None and g.locked_until > at)):
        if quiet:
            return 0
        raise ServiceError("badge_not_locked", operator=code)
    failures = g.failures
    was_locked = g.locked_until is not None and g.locked_until > at
    g.failures, g.retry_at, g.locked_until = 0, None, None
    append_event(
        s,
        "badge_unlocked",
        station=station,
        operator=by,
        detail={"code": code, "failures": failures, "was_locked": was_locked},
    )
    return failures
