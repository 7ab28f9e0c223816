"""Signing in: a badge scan (or 工号), with a PIN for the privileged roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.db.engine import Database
from app.db.models import Operator, Role
from app.domain.pins import check_pin
from app.domain.stations import role_may
from app.services.errors import ServiceError

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


def sign_in(db: Database, badge_or_code: str, pin: str | None = None) -> OperatorInfo:
    """Check badge and, for supervisors and admins, the PIN. Raises `ServiceError`."""
    info = find_operator(db, badge_or_code)
    if info.needs_pin:
        if not pin:
            raise ServiceError("pin_required", operator=info.code)
        with db.read() as s:
            stored = s.get(Operator, info.id).pin_hash  # type: ignore[union-attr]
        if not check_pin(pin, stored):
            raise ServiceError("wrong_pin", operator=info.code)
    return info


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
