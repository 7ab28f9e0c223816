"""The admin's products: the list and the edit (SKU, barcode, weights, bundle size)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.db.engine import Database
from app.db.models import Product, ProductBarcode
from app.services.admin.common import (
    _CODE,
    MAX_GRAMS,
    _admin,
    _audit,
    _changes,
    _commit,
    _int,
    _text,
)
from app.services.errors import ServiceError


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
