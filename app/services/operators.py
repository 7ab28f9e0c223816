"""Signing in: a badge scan (or 工号), with a PIN for the privileged roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.db.engine import Database
from app.db.models import Operator, Role
from app.domain.stations import role_may
from app.services.errors import ServiceError
from app.services.pin_guard import check_pin_guarded

#: Roles whose sign-in needs a PIN as well as the badge.
PIN_ROLES = frozenset({Role.SUPERVISOR.value, Role.ADMIN.value})


@dataclass(frozen=True)
class OperatorInfo:
    id: int
    code: str
    name: str
    role: str

    @property
    def needs_pin(self) -> bool:
        return self.role in PIN_ROLES


def find_operator(db: Database, badge_or_code: str) -> OperatorInfo:
    """The active operator with this badge code or 工号; ``unknown_badge`` otherwise."""
    key = badge_or_code.strip()
    if not key:
        raise ServiceError("unknown_badge", badge=key)
    with db.read() as s:
        op = s.scalars(
            select(Operator).where(or_(Operator.badge == key, Operator.code == key))
        ).first()
        if op is None:
            raise ServiceError("unknown_badge", badge=key)
        if not op.active:
            raise ServiceError("operator_inactive", operator=op.code)
        return OperatorInfo(op.id, op.code, op.name, op.role)


def sign_in(
    db: Database, badge_or_code: str, pin: str | None = None, *, station: str = ""
) -> OperatorInfo:
    """Check badge and, for supervisors and admins, the PIN. Raises `ServiceError`.

    A wrong PIN counts against the badge on every station of the floor (`app.services.pin_guard`):
    a growing wait, then a lock after five in a row; each is an event on the chain."""
    info = find_operator(db, badge_or_code)
    if info.needs_pin:
        if not pin:
            raise ServiceError("pin_required", operator=info.code)
        check_pin_guarded(db, info.id, info.code, pin, station=station)
    return info


def authorize(
    db: Database,
    operator: str,
    pin: str | None,
    roles: tuple[str, ...] | frozenset[str],
    *,
    station: str = "",
) -> OperatorInfo:
    """A privileged act: ``operator`` holds one of ``roles`` and has typed their own PIN now.

    The role is checked first (``not_allowed``: no PIN is counted against someone who may not
    act anyway), then the PIN as at sign-in. The code returned is the one to record."""
    info = find_operator(db, operator)
    require_role(db, info.code, roles)
    if not pin:
        raise ServiceError("pin_required", operator=info.code)
    if not info.needs_pin:  # a role without a PIN cannot be granted a privileged act
        raise ServiceError("not_allowed", operator=info.code, roles=",".join(sorted(roles)))
    return sign_in(db, info.code, pin, station=station)


def require_role(db: Database, operator_code: str, roles: tuple[str, ...] | frozenset[str]) -> None:
    """Refuse (``not_allowed``) unless the operator holds one of ``roles`` (admin always may).

    Permissions are decided here, in the services, not only by hiding buttons.
    """
    with db.read() as s:
        role = s.scalar(
            select(Operator.role).where(Operator.code == operator_code, Operator.active)
        )
    if role is None or not role_may(role, roles):
        raise ServiceError("not_allowed", operator=operator_code, roles=",".join(sorted(roles)))
