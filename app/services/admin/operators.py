"""The admin's operators: the list, adding, updating, resetting a PIN, (de)activating."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Operator, Role
from app.domain.pins import hash_pin, pin_length_ok
from app.services import floor_settings as fs
from app.services import pin_guard
from app.services.admin.common import (
    _CODE,
    _PIN,
    ROLES,
    _admin_with_pin,
    _audit,
    _changes,
    _commit,
    _text,
)
from app.services.errors import ServiceError
from app.services.operators import PIN_ROLES


@dataclass(frozen=True)
class OperatorRow:
    id: int
    code: str
    name: str
    role: str
    badge: str
    active: bool
    has_pin: bool


def list_operators(db: Database, text: str = "") -> list[OperatorRow]:
    q = select(Operator).order_by(Operator.code)
    if text.strip():
        like = f"%{text.strip()}%"
        q = q.where(
            or_(Operator.code.ilike(like), Operator.name.ilike(like), Operator.badge.ilike(like))
        )
    with db.read() as s:
        return [
            OperatorRow(o.id, o.code, o.name, o.role, o.badge, o.active, bool(o.pin_hash))
            for o in s.scalars(q)
        ]


def _role(role: str) -> str:
    if role not in ROLES:
        raise ServiceError("invalid_value", field="role", value=role)
    return role


def _pin(db: Database, pin: str) -> str:
    if not _PIN.match(pin or ""):
        raise ServiceError("bad_pin")
    if not pin_length_ok(pin, six_digits=fs.get(db, fs.SIX_DIGIT_PINS)):
        raise ServiceError("pin_six_digits")
    return pin


def _get_operator(s: Session, code: str) -> Operator:
    o = s.scalars(select(Operator).where(Operator.code == code.strip()).with_for_update()).first()
    if o is None:
        raise ServiceError("unknown_operator", operator=code)
    return o


def _other_admins(s: Session, code: str) -> int:
    return (
        s.scalar(
            select(func.count())
            .select_from(Operator)
            .where(Operator.role == Role.ADMIN.value, Operator.active, Operator.code != code)
        )
        or 0
    )


def add_operator(
    db: Database,
    code: str,
    name: str,
    role: str,
    *,
    badge: str = "",
    pin: str = "",
    operator: str,
    admin_pin: str | None = None,
    station: str = "",
) -> OperatorRow:
    """A new operator (工号 unique, badge unique; badge defaults to ``OP`` + 工号). Supervisors
    and admins need a PIN (4–12 digits), stored as a scrypt hash."""
    operator = _admin_with_pin(db, operator, admin_pin, station)
    code = _text(code, "operator_code", 32)
    if not _CODE.match(code):
        raise ServiceError("invalid_value", field="operator_code", value=code)
    name = _text(name, "operator_name", 64)
    role = _role(role)
    badge = _text(badge or f"OP{code}", "badge", 64)
    if not _CODE.match(badge):
        raise ServiceError("invalid_value", field="badge", value=badge)
    if role in PIN_ROLES and not pin:
        raise ServiceError("pin_needed", operator=code)
    if pin:
        _pin(db, pin)

    def write() -> OperatorRow:
        with db.write() as s:
            if s.scalar(select(Operator.id).where(Operator.code == code)) is not None:
                raise ServiceError("duplicate_operator", operator=code)
            if s.scalar(
                select(Operator.code).where(or_(Operator.badge == badge, Operator.code == badge))
            ):
                raise ServiceError("duplicate_badge", badge=badge)
            o = Operator(
                code=code,
                name=name,
                role=role,
                badge=badge,
                pin_hash=hash_pin(pin) if pin else None,
                active=True,
            )
            s.add(o)
            s.flush()
            after = {"name": name, "role": role, "badge": badge, "active": True, "pin": bool(pin)}
            _audit(s, "operator", code, "create", None, after, operator=operator, station=station)
            return OperatorRow(o.id, code, name, role, badge, True, bool(pin))

    return _commit(write, "duplicate_operator", operator=code)


def update_operator(
    db: Database,
    code: str,
    *,
    name: str | None = None,
    role: str | None = None,
    badge: str | None = None,
    pin: str = "",
    operator: str,
    admin_pin: str | None = None,
    station: str = "",
) -> None:
    """Change an operator's name, role or badge (a move to supervisor or admin needs a PIN if
    the operator has none yet: ``pin_needed``). The last active admin keeps the role
    (``last_admin``), so the floor can never lock itself out of its own settings."""
    operator = _admin_with_pin(db, operator, admin_pin, station)
    new_name = _text(name, "operator_name", 64) if name is not None else None
    new_role = _role(role) if role is not None else None
    new_badge = _text(badge, "badge", 64) if badge is not None else None
    if new_badge is not None and not _CODE.match(new_badge):
        raise ServiceError("invalid_value", field="badge", value=new_badge)
    if pin:
        _pin(db, pin)

    def write() -> None:
        with db.write() as s:
            o = _get_operator(s, code)
            before = {"name": o.name, "role": o.role, "badge": o.badge}
            after = dict(before)
            if new_name is not None:
                after["name"] = new_name
            if new_role is not None:
                after["role"] = new_role
            if new_badge is not None:
                after["badge"] = new_badge
                clash = s.scalar(
                    select(Operator.code).where(
                        or_(Operator.badge == new_badge, Operator.code == new_badge),
                        Operator.id != o.id,
                    )
                )
                if clash:
                    raise ServiceError("duplicate_badge", badge=new_badge)
            if (
                o.role == Role.ADMIN.value
                and after["role"] != Role.ADMIN.value
                and not _other_admins(s, o.code)
            ):
                raise ServiceError("last_admin", operator=o.code)
            if after["role"] in PIN_ROLES and not o.pin_hash and not pin:
                raise ServiceError("pin_needed", operator=o.code)
            o.name, o.role, o.badge = after["name"], after["role"], after["badge"]
            old, new = _changes(before, after)
            if pin:
                old["pin"], new["pin"] = bool(o.pin_hash), "changed"
                o.pin_hash = hash_pin(pin)
            if new:
                _audit(
                    s, "operator", o.code, "update", old, new, operator=operator, station=station
                )

    _commit(write, "duplicate_badge", badge=new_badge or "")


def reset_pin(
    db: Database,
    code: str,
    pin: str,
    *,
    operator: str,
    admin_pin: str | None = None,
    station: str = "",
) -> None:
    """A new PIN (4–12 digits, 6–12 where the floor requires) for an operator; the audit says
    that it was reset, never what. A lock after wrong PINs is lifted with it (``badge_unlocked``):
    the forgotten PIN is the usual reason for both."""
    operator = _admin_with_pin(db, operator, admin_pin, station)
    _pin(db, pin)
    with db.write() as s:
        o = _get_operator(s, code)
        o.pin_hash = hash_pin(pin)
        pin_guard.lift(s, o.id, o.code, by=operator, station=station, quiet=True)
        _audit(
            s,
            "operator",
            o.code,
            "reset_pin",
            None,
            {"pin": "reset"},
            operator=operator,
            station=station,
        )


def set_operator_active(
    db: Database,
    code: str,
    active: bool,
    *,
    operator: str,
    admin_pin: str | None = None,
    station: str = "",
) -> None:
    """Deactivate (or reactivate) an operator. Operators are never deleted: events name them.
    An admin cannot deactivate the last active admin (``last_admin``)."""
    operator = _admin_with_pin(db, operator, admin_pin, station)
    with db.write() as s:
        o = _get_operator(s, code)
        if o.active == active:
            return
        if not active and o.role == Role.ADMIN.value and not _other_admins(s, o.code):
            raise ServiceError("last_admin", operator=o.code)
        o.active = active
        _audit(
            s,
            "operator",
            o.code,
            "activate" if active else "deactivate",
            {"active": not active},
            {"active": active},
            operator=operator,
            station=station,
        )


def unlock_badge(
    db: Database, code: str, *, operator: str, admin_pin: str | None = None, station: str = ""
) -> int:
    """An admin lifts the lock on a badge after too many wrong PINs (or clears a count of wrong
    PINs), with the admin's own PIN; ``badge_unlocked`` names the admin. Returns the wrong PINs
    that were counted; ``badge_not_locked`` when there was nothing to lift."""
    operator = _admin_with_pin(db, operator, admin_pin, station)
    with db.write() as s:
        o = s.scalars(select(Operator).where(Operator.code == code.strip())).first()
        if o is None:
            raise ServiceError("unknown_operator", operator=code)
        return pin_guard.lift(s, o.id, o.code, by=operator, station=station)


def locked_badges(db: Database) -> dict[str, str]:
    """Badges locked now: 工号 → until (the floor's wall clock)."""
    return pin_guard.lock_state(db)
