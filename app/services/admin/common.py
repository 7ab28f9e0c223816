"""What every admin edit shares: the admin check, the audit event, the input checks and the
limits, and the commit that words a duplicate."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Role
from app.domain.stations import station_roles
from app.services.errors import ServiceError
from app.services.operators import authorize, require_role

ADMIN_ROLES = station_roles("admin")
AUDIT_KIND = "admin_changed"
ROLES = tuple(r.value for r in Role)

MAX_GRAMS = 1_000_000  # one tonne: no parcel product weighs more
MAX_BUNDLE_SIZE = 500
MAX_RANGE = 1_000_000
_CODE = re.compile(r"^[^\s]+$")  # barcodes, SKUs, badges: one word, no spaces
_PIN = re.compile(r"^\d{4,12}$")


def _admin(db: Database, operator: str) -> None:
    require_role(db, operator, ADMIN_ROLES)


def _admin_with_pin(db: Database, operator: str, pin: str | None, station: str) -> str:
    """An admin's act that asks their own PIN again (operators, floor settings, unlocking a
    badge): the admin's 工号 to record, checked with the PIN (`authorize`)."""
    return authorize(db, operator, pin, ADMIN_ROLES, station=station).code


def _audit(
    s: Session,
    entity: str,
    key: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    operator: str,
    station: str,
) -> None:
    append_event(
        s,
        AUDIT_KIND,
        station=station,
        operator=operator,
        detail={"entity": entity, "key": key, "action": action, "before": before, "after": after},
    )


def _changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in new if old.get(k) != new[k]]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def _text(value: str, field: str, max_len: int, *, required: bool = True) -> str:
    v = (value or "").strip()
    if required and not v:
        raise ServiceError("invalid_value", field=field, value=value)
    if len(v) > max_len:
        raise ServiceError("too_long", field=field, max=max_len)
    return v


def _int(value: int, field: str, lo: int, hi: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise ServiceError("out_of_range", field=field, value=value, low=lo, high=hi)
    return value


def _commit(fn, duplicate_code: str, **params: object):
    """Run a write; a unique constraint hit by a concurrent station becomes ``duplicate_code``."""
    try:
        return fn()
    except IntegrityError:
        raise ServiceError(duplicate_code, **params) from None
