"""Importing products from a file (SKU, barcode, name, weights)."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import OrderLine, Product, ProductBarcode
from app.importers.orders import RowError
from app.importers.tables import UnreadableFile, read_rows
from app.services.importing.result import ImportResult

PRODUCT_FIELDS = {
    "sku": ("sku", "商家编码", "SKU", "货号", "商品编码"),
    "name": ("name", "商品名称", "名称", "品名"),
    "barcodes": ("barcodes", "barcode", "条码", "条形码", "商品条码"),
    "unit_grams": (
        "unit_grams",
        "grams",
        "weight_g",
        "重量(g)",
        "重量（g）",
        "重量(克)",
        "重量（克）",
        "重量",
        "单重(g)",
        "单重(克)",
        "单重",
    ),
    "bin": ("bin", "bin_location", "库位", "货位"),
    "serial_tracked": ("serial_tracked", "序列号管理", "串号管理"),
    "fragile": ("fragile", "易碎"),
}
_TRUE = {"1", "true", "yes", "y", "是", "√", "x"}


def import_products(db: Database, path: str | Path) -> ImportResult:
    header, rows = read_rows(path)
    if not any(h in header for h in PRODUCT_FIELDS["sku"]):
        raise UnreadableFile(f"{path}: no SKU column (sku/商家编码)")
    result = ImportResult()
    with db.write() as s:
        products = {p.sku: p for p in s.scalars(select(Product))}
        taken = dict(s.execute(select(ProductBarcode.code, ProductBarcode.product_id)).all())
        for row in rows:
            try:
                if "__error__" in row.values:
                    raise ValueError(f"broken CSV record: {row.values['__error__']}")
                sku = row.get(*PRODUCT_FIELDS["sku"])
                if not sku:
                    raise ValueError("no SKU")
                name = row.get(*PRODUCT_FIELDS["name"]) or sku
                grams_text = row.get(*PRODUCT_FIELDS["unit_grams"]).lower().removesuffix("g")
                if grams_text and not re.fullmatch(r"\d+(\.\d+)?", grams_text.strip()):
                    raise ValueError(f"weight is not a number of grams: {grams_text!r}")
                grams = round(float(grams_text)) if grams_text else 0
                codes = [
                    c.strip()
                    for c in re.split(r"[;|,，；\s]+", row.get(*PRODUCT_FIELDS["barcodes"]))
                    if c.strip()
                ]
                bin_loc = row.get(*PRODUCT_FIELDS["bin"])
                serial = row.get(*PRODUCT_FIELDS["serial_tracked"]).lower() in _TRUE
                fragile = row.get(*PRODUCT_FIELDS["fragile"]).lower() in _TRUE
            except ValueError as exc:
                result.errors.append(RowError(row.line, str(exc)))
                continue
            p = products.get(sku)
            if p is None:
                p = Product(sku=sku, name=name, unit_grams=grams, bin_location=bin_loc)
                p.serial_tracked, p.fragile = serial, fragile
                s.add(p)
                s.flush()
                products[sku] = p
                result.imported += 1
            else:
                before = (p.name, p.unit_grams, p.bin_location, p.serial_tracked, p.fragile)
                after = (name, grams, bin_loc or p.bin_location, serial, fragile)
                changed = before != after
                p.name, p.unit_grams, p.bin_location, p.serial_tracked, p.fragile = after
                if changed:
                    result.updated += 1
                else:
                    result.skipped += 1
            for code in codes:
                owner = taken.get(code)
                if owner is None:
                    s.add(ProductBarcode(product_id=p.id, code=code))
                    taken[code] = p.id
                elif owner != p.id:
                    result.errors.append(
                        RowError(row.line, f"barcode {code} already belongs to another product")
                    )
        s.flush()
        # order lines imported before their products learn the product now
        s.execute(
            update(OrderLine)
            .where(OrderLine.product_id.is_(None))
            .where(OrderLine.sku == Product.sku)
            .values(product_id=Product.id)
        )
    return result
