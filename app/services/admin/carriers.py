"""The admin's carriers and the shops' carrier rules: lists and edits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Carrier, Shop, WaybillNumber
from app.services.admin.common import _CODE, _admin, _audit, _changes, _commit, _int, _text
from app.services.errors import ServiceError


@dataclass(frozen=True)
class CarrierRow:
    id: int
    code: str
    name: str
    waybill_pattern: str
    excluded_areas: tuple[str, ...]
    active: bool
    free: int  # waybill numbers left
    used: int
    void: int


@dataclass(frozen=True)
class CarrierEdit:
    code: str
    name: str
    waybill_pattern: str = ""
    excluded_areas: tuple[str, ...] = ()  # 超区: "省" or "省/市"
    active: bool = True


def _number_counts(s: Session, by) -> dict[tuple[int, str], int]:
    rows = s.execute(
        select(by, WaybillNumber.status, func.count()).group_by(by, WaybillNumber.status)
    )
    return {(k, st): n for k, st, n in rows if k is not None}


def list_carriers(db: Database) -> list[CarrierRow]:
    with db.read() as s:
        counts = _number_counts(s, WaybillNumber.carrier_id)
        return [
            CarrierRow(
                c.id,
                c.code,
                c.name,
                c.waybill_pattern,
                tuple(c.excluded_areas or ()),
                c.active,
                counts.get((c.id, "free"), 0),
                counts.get((c.id, "used"), 0),
                counts.get((c.id, "void"), 0),
            )
            for c in s.scalars(select(Carrier).order_by(Carrier.code))
        ]


def _carrier_values(c: Carrier) -> dict[str, Any]:
    return {
        "name": c.name,
        "waybill_pattern": c.waybill_pattern,
        "excluded_areas": list(c.excluded_areas or []),
        "active": c.active,
    }


def save_carrier(
    db: Database, edit: CarrierEdit, *, operator: str, station: str = "", create: bool = False
) -> None:
    """Create (``duplicate_carrier`` when the code exists) or change a carrier. A carrier is
    never deleted: waybills and handovers name it; ``active=False`` takes it out of use."""
    _admin(db, operator)
    code = _text(edit.code, "carrier_code", 16).upper()
    if not _CODE.match(code):
        raise ServiceError("invalid_value", field="carrier_code", value=code)
    pattern = _text(edit.waybill_pattern, "waybill_pattern", 200, required=False)
    if pattern:
        try:
            re.compile(pattern)
        except re.error:
            raise ServiceError("invalid_value", field="waybill_pattern", value=pattern) from None
    areas: list[str] = []
    for a in edit.excluded_areas:
        a = a.strip().strip("/")
        if a and a not in areas:
            areas.append(_text(a, "excluded_areas", 64))
    values = {
        "name": _text(edit.name, "carrier_name", 64),
        "waybill_pattern": pattern,
        "excluded_areas": areas,
        "active": bool(edit.active),
    }

    def write() -> None:
        with db.write() as s:
            c = s.scalars(select(Carrier).where(Carrier.code == code)).first()
            if create and c is not None:
                raise ServiceError("duplicate_carrier", carrier=code)
            if not create and c is None:
                raise ServiceError("unknown_carrier", carrier=code)
            before = _carrier_values(c) if c is not None else None
            if c is None:
                c = Carrier(code=code, name=values["name"])
                s.add(c)
            for k, v in values.items():
                setattr(c, k, v)
            s.flush()
            if before is None:
                _audit(
                    s, "carrier", code, "create", None, values, operator=operator, station=station
                )
            else:
                old, new = _changes(before, values)
                if new:
                    _audit(
                        s, "carrier", code, "update", old, new, operator=operator, station=station
                    )

    _commit(write, "duplicate_carrier", carrier=code)


@dataclass(frozen=True)
class ShopRow:
    id: int
    code: str
    name: str
    platform: str
    primary_carrier: str  # carrier code, "" for none
    secondary_carrier: str
    tolerance_abs_grams: int
    tolerance_permille: int  # tenths of a percent (30 = 3.0 %)


@dataclass(frozen=True)
class ShopEdit:
    code: str
    primary_carrier: str = ""
    secondary_carrier: str = ""
    tolerance_abs_grams: int = 50
    tolerance_permille: int = 30


def list_shops(db: Database) -> list[ShopRow]:
    with db.read() as s:
        codes = dict(s.execute(select(Carrier.id, Carrier.code)).all())
        return [
            ShopRow(
                sh.id,
                sh.code,
                sh.name,
                sh.platform,
                codes.get(sh.primary_carrier_id, ""),
                codes.get(sh.secondary_carrier_id, ""),
                sh.tolerance_abs_grams,
                sh.tolerance_permille,
            )
            for sh in s.scalars(select(Shop).order_by(Shop.code))
        ]


def save_shop(db: Database, edit: ShopEdit, *, operator: str, station: str = "") -> None:
    """A shop's primary and secondary default carrier and its weight tolerances."""
    _admin(db, operator)
    abs_g = _int(edit.tolerance_abs_grams, "tolerance_abs_grams", 0, 100_000)
    permille = _int(edit.tolerance_permille, "tolerance_permille", 0, 1000)
    primary = edit.primary_carrier.strip().upper()
    secondary = edit.secondary_carrier.strip().upper()
    if primary and primary == secondary:
        raise ServiceError("same_carrier_twice", carrier=primary)
    with db.write() as s:
        sh = s.scalars(select(Shop).where(Shop.code == edit.code)).first()
        if sh is None:
            raise ServiceError("shop_not_found", shop=edit.code)
        ids = dict(s.execute(select(Carrier.code, Carrier.id)).all())
        for c in (primary, secondary):
            if c and c not in ids:
                raise ServiceError("unknown_carrier", carrier=c)
        codes = {v: k for k, v in ids.items()}
        before = {
            "primary_carrier": codes.get(sh.primary_carrier_id, ""),
            "secondary_carrier": codes.get(sh.secondary_carrier_id, ""),
            "tolerance_abs_grams": sh.tolerance_abs_grams,
            "tolerance_permille": sh.tolerance_permille,
        }
        after = {
            "primary_carrier": primary,
            "secondary_carrier": secondary,
            "tolerance_abs_grams": abs_g,
            "tolerance_permille": permille,
        }
        sh.primary_carrier_id = ids.get(primary) if primary else None
        sh.secondary_carrier_id = ids.get(secondary) if secondary else None
        sh.tolerance_abs_grams, sh.tolerance_permille = abs_g, permille
        old, new = _changes(before, after)
        if new:
            _audit(s, "shop", sh.code, "update", old, new, operator=operator, station=station)
