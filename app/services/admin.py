"""The admin's edits: products, carriers and shops' carrier rules, waybill pools, operators and
the floor settings (管理员).

Every function that changes something:

* is refused (``not_allowed``) unless ``operator`` is an active admin — decided here by
  `require_role`, not only by the screen that hides the button;
* is one transaction that also appends one ``admin_changed`` event to the evidence hash chain,
  whose detail is ``{"entity", "key", "action", "before", "after"}`` (only the fields that
  changed; a PIN is never written, only that it was set or reset), so `verify-log` covers the
  audit trail like any other evidence;
* refuses bad input with a `ServiceError` code the UI words (``invalid_value`` with the
  ``field``, ``duplicate_sku``, ``duplicate_barcode``, …) and writes nothing then.

Nothing is ever deleted: an operator or carrier is deactivated (events name them), and a
waybill number, once in the table, stays there whatever its pool — adding a range that
overlaps numbers already known skips those numbers, so a used number is never issued again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import (
    Carrier,
    Event,
    Operator,
    Product,
    ProductBarcode,
    Role,
    Shop,
    WaybillNumber,
    WaybillPool,
)
from app.domain import floortime as floortime_domain
from app.domain.floortime import SETTING_KEY, ZONE_FIELD, is_zone_name
from app.domain.pins import hash_pin
from app.domain.stations import station_roles
from app.services import floor_settings as fs
from app.services import floortime
from app.services.operators import PIN_ROLES, require_role
from app.services.orders import ServiceError
from app.services.weighing import DEFAULT_BUNDLE_SIZE

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


# --- products --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name: str
    barcodes: tuple[str, ...]
    unit_grams: int
    adopted_grams: int | None
    bin_location: str
    serial_tracked: bool
    fragile: bool


@dataclass(frozen=True)
class ProductEdit:
    """What the admin's form sends; ``sku`` names the product (it cannot be renamed)."""

    sku: str
    name: str
    barcodes: tuple[str, ...] = ()
    unit_grams: int = 0
    bin_location: str = ""
    serial_tracked: bool = False
    fragile: bool = False


def _product_row(p: Product) -> ProductRow:
    return ProductRow(
        p.id,
        p.sku,
        p.name,
        tuple(b.code for b in p.barcodes),
        p.unit_grams,
        p.adopted_grams,
        p.bin_location,
        p.serial_tracked,
        p.fragile,
    )


def _product_values(p: Product) -> dict[str, Any]:
    return {
        "name": p.name,
        "barcodes": [b.code for b in p.barcodes],
        "unit_grams": p.unit_grams,
        "bin_location": p.bin_location,
        "serial_tracked": p.serial_tracked,
        "fragile": p.fragile,
    }


def list_products(db: Database, text: str = "", limit: int = 500) -> list[ProductRow]:
    """Products whose SKU, name, bin or barcode contains ``text`` (all when empty), by SKU."""
    q = select(Product).options(selectinload(Product.barcodes)).order_by(Product.sku).limit(limit)
    t = text.strip()
    if t:
        like = f"%{t}%"
        q = q.where(
            or_(
                Product.sku.ilike(like),
                Product.name.ilike(like),
                Product.bin_location.ilike(like),
                Product.id.in_(
                    select(ProductBarcode.product_id).where(ProductBarcode.code.ilike(like))
                ),
            )
        )
    with db.read() as s:
        return [_product_row(p) for p in s.scalars(q)]


def _clean_product(edit: ProductEdit) -> ProductEdit:
    sku = _text(edit.sku, "sku", 64)
    if not _CODE.match(sku):
        raise ServiceError("invalid_value", field="sku", value=sku)
    codes: list[str] = []
    for c in edit.barcodes:
        c = c.strip()
        if not c:
            continue
        if not _CODE.match(c) or len(c) > 64:
            raise ServiceError("invalid_value", field="barcode", value=c)
        if c not in codes:
            codes.append(c)
    return ProductEdit(
        sku=sku,
        name=_text(edit.name, "name", 200),
        barcodes=tuple(codes),
        unit_grams=_int(edit.unit_grams, "unit_grams", 0, MAX_GRAMS),
        bin_location=_text(edit.bin_location, "bin_location", 32, required=False),
        serial_tracked=bool(edit.serial_tracked),
        fragile=bool(edit.fragile),
    )


def save_product(
    db: Database, edit: ProductEdit, *, operator: str, station: str = "", create: bool = False
) -> ProductRow:
    """Create (``create=True``; ``duplicate_sku`` when the SKU exists) or change a product.

    A barcode that belongs to another product is refused (``duplicate_barcode``); a scan must
    name one product only.
    """
    _admin(db, operator)
    e = _clean_product(edit)

    def write() -> ProductRow:
        with db.write() as s:
            p = s.scalars(
                select(Product).where(Product.sku == e.sku).options(selectinload(Product.barcodes))
            ).first()
            if create and p is not None:
                raise ServiceError("duplicate_sku", sku=e.sku)
            if not create and p is None:
                raise ServiceError("unknown_product", sku=e.sku)
            if e.barcodes:
                owner = s.execute(
                    select(ProductBarcode.code, Product.sku)
                    .join(Product, Product.id == ProductBarcode.product_id)
                    .where(ProductBarcode.code.in_(e.barcodes), Product.sku != e.sku)
                ).first()
                if owner is not None:
                    raise ServiceError("duplicate_barcode", barcode=owner[0], sku=owner[1])
            before = _product_values(p) if p is not None else None
            if p is None:
                p = Product(sku=e.sku, name=e.name)
                s.add(p)
            p.name, p.unit_grams, p.bin_location = e.name, e.unit_grams, e.bin_location
            p.serial_tracked, p.fragile = e.serial_tracked, e.fragile
            have = {b.code: b for b in p.barcodes}
            for code, b in have.items():
                if code not in e.barcodes:
                    p.barcodes.remove(b)
            s.flush()  # a removed code may be given to a new row of the same product
            for code in e.barcodes:
                if code not in have:
                    p.barcodes.append(ProductBarcode(code=code))
            s.flush()
            after = _product_values(p)
            if before is None:
                _audit(
                    s, "product", e.sku, "create", None, after, operator=operator, station=station
                )
            else:
                old, new = _changes(before, after)
                if new:
                    _audit(
                        s, "product", e.sku, "update", old, new, operator=operator, station=station
                    )
            return _product_row(p)

    if create:
        return _commit(write, "duplicate_sku", sku=e.sku)
    return _commit(write, "duplicate_barcode", barcode=",".join(e.barcodes), sku=e.sku)


# --- carriers and shops' carrier rules -------------------------------------------------------


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


# --- waybill-number pools --------------------------------------------------------------------


@dataclass(frozen=True)
class PoolRow:
    id: int
    carrier: str
    first_no: str
    last_no: str
    count: int  # numbers this pool added
    free: int
    used: int
    void: int
    imported_at: dt.datetime
    source: str


@dataclass(frozen=True)
class PoolAdded:
    pool_id: int | None  # None when every number of the range was known already
    added: int
    skipped: int  # numbers already known (free, used or void): never issued twice


def list_pools(db: Database, carrier: str = "") -> list[PoolRow]:
    q = (
        select(WaybillPool, Carrier.code)
        .join(Carrier, Carrier.id == WaybillPool.carrier_id)
        .order_by(WaybillPool.id.desc())
    )
    if carrier:
        q = q.where(Carrier.code == carrier.upper())
    with db.read() as s:
        counts = _number_counts(s, WaybillNumber.pool_id)
        return [
            PoolRow(
                p.id,
                code,
                p.first_no,
                p.last_no,
                p.count,
                counts.get((p.id, "free"), 0),
                counts.get((p.id, "used"), 0),
                counts.get((p.id, "void"), 0),
                p.imported_at,
                p.source,
            )
            for p, code in s.execute(q)
        ]


_NUMBER = re.compile(r"^([A-Za-z]*)(\d+)$")


def expand_range(first: str, last: str) -> list[str]:
    """``first``…``last`` of one carrier: same letter prefix, same digit count; codes
    ``invalid_range`` / ``range_too_large``."""
    a, b = _NUMBER.match(first.strip()), _NUMBER.match((last or first).strip())
    if not a or not b or a.group(1) != b.group(1) or len(a.group(2)) != len(b.group(2)):
        raise ServiceError("invalid_range", first=first, last=last)
    lo, hi, width = int(a.group(2)), int(b.group(2)), len(a.group(2))
    if hi < lo:
        raise ServiceError("invalid_range", first=first, last=last)
    if hi - lo + 1 > MAX_RANGE:
        raise ServiceError("range_too_large", max=MAX_RANGE)
    return [f"{a.group(1)}{n:0{width}d}" for n in range(lo, hi + 1)]


def add_pool(
    db: Database, carrier: str, first: str, last: str, *, operator: str, station: str = ""
) -> PoolAdded:
    """Add the numbers ``first``…``last`` the carrier issued. Numbers the database already
    knows (in any state) are skipped, so a used or voided number is never issued again;
    ``numbers_known`` when nothing is left to add."""
    _admin(db, operator)
    numbers = expand_range(first, last)
    code = carrier.strip().upper()
    with db.write() as s:
        c = s.scalars(select(Carrier).where(Carrier.code == code)).first()
        if c is None:
            raise ServiceError("unknown_carrier", carrier=code)
        if c.waybill_pattern:
            pat = re.compile(c.waybill_pattern)
            bad = next((x for x in numbers if not pat.fullmatch(x)), None)
            if bad is not None:
                raise ServiceError("not_carrier_number", number=bad, carrier=code)
        known: set[str] = set()
        for i in range(0, len(numbers), 5000):
            part = numbers[i : i + 5000]
            known |= set(
                s.scalars(select(WaybillNumber.number).where(WaybillNumber.number.in_(part)))
            )
        fresh = [x for x in numbers if x not in known]
        if not fresh:
            raise ServiceError("numbers_known", first=numbers[0], last=numbers[-1])
        pool = WaybillPool(
            carrier_id=c.id,
            first_no=numbers[0],
            last_no=numbers[-1],
            count=len(fresh),
            source=f"admin {operator}",
        )
        s.add(pool)
        s.flush()
        for i in range(0, len(fresh), 5000):
            s.execute(
                insert(WaybillNumber),
                [
                    {"carrier_id": c.id, "pool_id": pool.id, "number": x, "status": "free"}
                    for x in fresh[i : i + 5000]
                ],
            )
        _audit(
            s,
            "waybill_pool",
            f"{code} {numbers[0]}-{numbers[-1]}",
            "add_range",
            None,
            {"pool": pool.id, "added": len(fresh), "skipped": len(known)},
            operator=operator,
            station=station,
        )
        return PoolAdded(pool.id, len(fresh), len(known))


# --- operators -------------------------------------------------------------------------------


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


def _pin(pin: str) -> str:
    if not _PIN.match(pin or ""):
        raise ServiceError("bad_pin")
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
    station: str = "",
) -> OperatorRow:
    """A new operator (工号 unique, badge unique; badge defaults to ``OP`` + 工号). Supervisors
    and admins need a PIN (4–12 digits), stored as a scrypt hash."""
    _admin(db, operator)
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
        _pin(pin)

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
    station: str = "",
) -> None:
    """Change an operator's name, role or badge (a move to supervisor or admin needs a PIN if
    the operator has none yet: ``pin_needed``). The last active admin keeps the role
    (``last_admin``), so the floor can never lock itself out of its own settings."""
    _admin(db, operator)
    new_name = _text(name, "operator_name", 64) if name is not None else None
    new_role = _role(role) if role is not None else None
    new_badge = _text(badge, "badge", 64) if badge is not None else None
    if new_badge is not None and not _CODE.match(new_badge):
        raise ServiceError("invalid_value", field="badge", value=new_badge)
    if pin:
        _pin(pin)

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


def reset_pin(db: Database, code: str, pin: str, *, operator: str, station: str = "") -> None:
    """A new PIN (4–12 digits) for an operator; the audit says that it was reset, never what."""
    _admin(db, operator)
    _pin(pin)
    with db.write() as s:
        o = _get_operator(s, code)
        o.pin_hash = hash_pin(pin)
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
    db: Database, code: str, active: bool, *, operator: str, station: str = ""
) -> None:
    """Deactivate (or reactivate) an operator. Operators are never deleted: events name them.
    An admin cannot deactivate the last active admin (``last_admin``)."""
    _admin(db, operator)
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


# --- floor settings --------------------------------------------------------------------------


@dataclass(frozen=True)
class FloorSettings:
    """The floor-wide settings the stations read (``floor_settings`` rows): stub bundle size
    (``weighing.bundle_size``), whether a parcel must be packed before weighing
    (``packing_step.on``), the floor's time zone (``floor_time.zone``, an IANA name; empty:
    the system's) and whether our own label prints the receiver's phone masked
    (``label_privacy.mask_phone``; off: whole, as couriers call the receiver). Weight
    tolerances are per shop (`save_shop`)."""

    bundle_size: int = DEFAULT_BUNDLE_SIZE
    packing_required: bool = False
    time_zone: str = ""
    label_masks_phone: bool = False


def floor_settings(db: Database) -> FloorSettings:
    with db.read() as s:
        return FloorSettings(
            bundle_size=fs.read(s, fs.BUNDLE_SIZE),
            packing_required=fs.read(s, fs.PACKING_REQUIRED),
            time_zone=floortime.zone_setting(s),
            label_masks_phone=fs.read(s, fs.LABEL_MASKS_PHONE),
        )


def save_floor_settings(
    db: Database, new: FloorSettings, *, operator: str, station: str = ""
) -> None:
    _admin(db, operator)
    size = _int(new.bundle_size, "bundle_size", 1, MAX_BUNDLE_SIZE)
    zone = (new.time_zone or "").strip()
    if not is_zone_name(zone):
        raise ServiceError("invalid_value", field="time_zone", value=new.time_zone)
    changes: Iterable[tuple[fs.Setting[Any], object]] = (
        (fs.BUNDLE_SIZE, size),
        (fs.PACKING_REQUIRED, bool(new.packing_required)),
        (fs.LABEL_MASKS_PHONE, bool(new.label_masks_phone)),
    )
    with db.write() as s:
        for setting, value in changes:
            current = fs.write(s, setting, value)
            if current == value:
                continue
            _audit(
                s,
                "floor_setting",
                setting.name,
                "update",
                {setting.field: current},
                {setting.field: value},
                operator=operator,
                station=station,
            )
        old_zone, zone = floortime.set_zone_setting(s, zone)
        if old_zone != zone:
            _audit(
                s,
                "floor_setting",
                f"{SETTING_KEY}.{ZONE_FIELD}",
                "update",
                {ZONE_FIELD: old_zone},
                {ZONE_FIELD: zone},
                operator=operator,
                station=station,
            )
    floortime_domain.use_floor_zone(zone)


# --- the audit log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    operator: str
    station: str
    entity: str
    key: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def audit_log(db: Database, text: str = "", limit: int = 500) -> list[AuditRow]:
    """The admin changes, newest first; ``text`` filters on operator, entity, key or action."""
    q = select(Event).where(Event.kind == AUDIT_KIND).order_by(Event.seq.desc())
    t = text.strip().lower()
    out: list[AuditRow] = []
    with db.read() as s:
        for ev in s.scalars(q.execution_options(yield_per=1000)):
            d = ev.detail or {}
            row = AuditRow(
                ev.seq,
                ev.at,
                ev.operator,
                ev.station,
                str(d.get("entity", "")),
                str(d.get("key", "")),
                str(d.get("action", "")),
                d.get("before"),
                d.get("after"),
            )
            if t and t not in " ".join((row.operator, row.entity, row.key, row.action)).lower():
                continue
            out.append(row)
            if len(out) >= limit:
                break
    return out
