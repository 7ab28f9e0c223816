"""Bad input never escapes as an exception and never writes half a file (hypothesis)."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.db.models import Order
from app.importers.tables import UnreadableFile
from app.services.importing import import_orders, import_products
from devices.barcodes import classify, parse_gs1
from devices.scales import get_protocol, protocol_names

HEADER = "订单编号,收货人姓名,联系手机,收货地址,商家编码,购买数量,订单状态\r\n"
cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=600))
def test_any_bytes_as_an_order_file_give_a_result_or_a_clear_error(sqlite_db_factory, data):
    db = sqlite_db_factory()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        path.write_bytes(data)
        try:
            res = import_orders(db, path)
        except UnreadableFile as exc:
            assert str(exc)
            return
    assert res.imported + res.updated + res.skipped + len(res.errors) >= 0


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.lists(cell, min_size=0, max_size=9), max_size=8))
def test_garbled_rows_import_the_good_ones_and_name_the_bad(sqlite_db_factory, rows):
    db = sqlite_db_factory()
    body = "".join(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\r\n" for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        path.write_bytes((HEADER + body).encode("utf-8-sig"))
        try:
            res = import_orders(db, path, platform="generic")
        except UnreadableFile:
            return
    with db.read() as s:
        stored = s.scalar(select(func.count()).select_from(Order))
    # every order in the database was reported as imported: nothing half-written
    assert stored == res.imported
    for e in res.errors:
        assert 2 <= e.line <= len(rows) + 1 + body.count("\n")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=400))
def test_any_bytes_as_a_product_file(sqlite_db_factory, data):
    db = sqlite_db_factory()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.csv"
        path.write_bytes(data)
        try:
            import_products(db, path)
        except UnreadableFile as exc:
            assert str(exc)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(protocol_names()), st.lists(st.binary(max_size=64), max_size=8))
def test_every_scale_parser_takes_any_bytes(name, chunks):
    proto = get_protocol(name)
    for chunk in chunks:
        for r in proto.feed(chunk):
            assert isinstance(r.grams, int)
    proto.flush()


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_barcode_rules_take_any_text(code):
    c = classify(code)
    assert c.kind
    with contextlib.suppress(ValueError):
        parse_gs1(code)
