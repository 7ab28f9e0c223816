"""The import's fast paths store exactly what the ORM would, and read what the slow path read."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import insert, text

from app.bench.datasets import taobao_files
from app.db.models import Order, utcnow
from app.domain.orders import phone_tail, split_address
from app.importers.orders import _utc_text, parse_money, parse_qty, parse_time
from app.importers.rows import utc_text
from app.importers.tables import clean
from app.services.importing import _bulk_insert, import_orders


def test_bulk_insert_stores_rows_as_core_insert_does(db):
    """SQLite's executemany of driver values and PostgreSQL's COPY store what Core does."""
    now = utcnow()
    whole = now.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    row = {"platform": "taobao", "status": "paid", "paid_at": now, "promised_ship_at": whole}
    row.update(imported_at=now, updated_at=now)
    with db.write() as s:
        s.execute(insert(Order.__table__), [{**row, "order_no": "core"}])
        fast = {**row, "order_no": "fast"}
        _bulk_insert(s, Order.__table__, tuple(fast), [tuple(fast.values())])
    with db.engine.connect() as c:
        core, fast = (
            tuple(r)[2:] for r in c.execute(text("SELECT * FROM orders ORDER BY id")).all()
        )
    assert core[1:] == fast[1:] and (core[0], fast[0]) == ("core", "fast")


def test_a_taobao_pair_imports_whole_and_again_imports_nothing(sqlite_db, tmp_path):
    o, d = taobao_files(tmp_path, 50)
    first = import_orders(sqlite_db, o, lines_path=d)
    assert (first.imported, first.errors) == (50, [])
    with sqlite_db.read() as s:
        paid = dict(s.execute(text("SELECT order_no, paid_at FROM orders")).all())
        lines = s.execute(text("SELECT count(*) FROM order_lines")).scalar()
    rows = list(csv.reader(io.StringIO(o.read_bytes().decode("gb18030"))))[1:]
    beijing = {r[0].strip('="'): dt.datetime.fromisoformat(r[15]) for r in rows}
    assert paid == {
        no: (t - dt.timedelta(hours=8)).isoformat(" ", "microseconds") for no, t in beijing.items()
    }
    assert lines >= 50
    again = import_orders(sqlite_db, o, lines_path=d)
    assert (again.imported, again.updated, again.skipped) == (0, 0, 50)


def test_imported_times_are_the_files_times_on_either_engine(db, tmp_path):
    """PostgreSQL's COPY takes the parsed UTC text with its zone; the stored instants are the
    file's Beijing times, as on SQLite, to the microsecond."""
    o, d = taobao_files(tmp_path, 40, seed=5)
    assert import_orders(db, o, lines_path=d).imported == 40
    with db.read() as s:
        stored = {o.order_no: o.paid_at for o in s.query(Order)}
    rows = list(csv.reader(io.StringIO(o.read_bytes().decode("gb18030"))))[1:]
    beijing = dt.timezone(dt.timedelta(hours=8))
    for r in rows:
        paid = dt.datetime.fromisoformat(r[15]).replace(tzinfo=beijing)
        got = stored[r[0].strip('="')]
        assert got == paid and got.utcoffset() == dt.timedelta(0)


def test_money_and_quantities_read_as_before():
    assert [parse_money(x) for x in ("99.00", "0.5", "-3", "1,299.9", "¥12", "")] == [
        9900,
        50,
        -300,
        129990,
        1200,
        0,
    ]
    assert [parse_qty(x) for x in ("1", "12", "01", "2.0", " 3 ", "")] == [1, 12, 1, 2, 3, 1]


def test_each_imported_line_belongs_to_its_own_order(db, tmp_path):
    """The ids of new orders are chosen (SQLite) or read back (PostgreSQL); either way every
    line lands on the order the detail file names, after orders already in the database."""
    o, d = taobao_files(tmp_path, 30, seed=9)
    import_orders(db, o, lines_path=d)
    (tmp_path / "more").mkdir()
    o2, d2 = taobao_files(tmp_path / "more", 40, seed=11)  # 10 more orders, same numbers first
    res = import_orders(db, o2, lines_path=d2)
    assert (res.imported, res.errors) == (10, [])
    want: dict[str, int] = {}
    for row in csv.reader(io.StringIO(d2.read_bytes().decode("gb18030"))):
        if row[0] != "订单编号":
            want[row[0].strip('="')] = want.get(row[0].strip('="'), 0) + 1
    with db.read() as s:
        got = dict(
            s.execute(
                text(
                    "SELECT o.order_no, count(l.id) FROM orders o "
                    "JOIN order_lines l ON l.order_id = o.id GROUP BY o.order_no"
                )
            ).all()
        )
    assert got == want


def test_addresses_and_phone_tails_read_as_before():
    """The postcode is the last bracketed group of six digits; phones keep their last four."""
    cases = {
        "浙江省 杭州市 西湖区 文三路100号,3幢(东)门(310012)": (
            "浙江省",
            "杭州市",
            "西湖区",
            "文三路100号,3幢(东)门",
            "310012",
        ),
        "上海 上海市 浦东新区 世纪大道1号 （ 200120 ）  ": (
            "上海市",
            "上海市",
            "浦东新区",
            "世纪大道1号",
            "200120",
        ),
        "广东省深圳市南山区科技园(12345)": ("广东省", "深圳市", "南山区", "科技园(12345)", ""),
        "北京市朝阳区建国路88号": ("北京市", "北京市", "朝阳区", "建国路88号", ""),
        "": ("", "", "", "", ""),
        "江苏省 南京市 鼓楼区 中山北路 8号（２１００００）": (
            "江苏省",
            "南京市",
            "鼓楼区",
            "中山北路 8号",
            "２１００００",
        ),
        "(210000)": ("", "", "", "", "210000"),
        "江苏 南京市 鼓楼区 中山北路(21000a)": (
            "江苏省",
            "南京市",
            "鼓楼区",
            "中山北路(21000a)",
            "",
        ),
    }
    assert {k: tuple(split_address(k)) for k in cases} == cases
    assert split_address("(210000)").postcode == "210000"
    tails = ["13948121821", "'+86 139-4812-1821", "０１２３４５", "123", "", "电话"]
    assert [phone_tail(p) for p in tails] == ["1821", "1821", "２３４５", "", "", ""]


def test_times_read_fast_are_the_times_parse_time_reads():
    """The importer's fast Beijing-to-UTC text gives what `parse_time` gives, bad or odd
    input included (the earlier fast path stored "…-02:00" for a time with an offset)."""
    cases = [
        "2026-11-23 09:15:02",
        "2026-11-23 07:15:02",
        "2026-01-01 00:00:00",
        "2024-03-01 03:59:59",
        "2026-11-23T09:15:02",
        "2026/11/23 09:15:02",
        "2026-11-23 09:15",
        "2026-11-23 09:15-02",
        "2026-11-23",
        "",
    ]
    assert [_utc_text(t) for t in cases] == [utc_text(parse_time(t)) for t in cases]
    for bad in ("2026-11-23 24:00:00", "2026-11-23 09:60:00", "2026-02-29 09:15:02", "2026-13-01"):
        with pytest.raises(ValueError):
            _utc_text(bad)


def test_guarded_cells_clean_as_before():
    """The quick ways for '13912341234 and ="3900…" give what the general way gives."""
    cases = {
        "'13912341234": "13912341234",
        "' 139 ": "139",
        "'": "",
        '="001"': "001",
        '=" 001 "': "001",
        '="001" ': "001",
        ' ="001"': "001",
        '="': "",
        "=1": "=1",
        "\t'12\t": "12",
        "plain": "plain",
    }
    assert {k: clean(k) for k in cases} == cases


@pytest.mark.postgres
def test_a_first_big_import_into_an_empty_postgresql_database_keeps_its_statistics(
    pg_server_url, tmp_path
):
    """The look-up of each chunk's numbers is planned from the table's statistics: an import
    into an empty table, in its one transaction, refreshes them as the table grows (else
    every chunk reads all the platform's orders: 400 orders/s at 100,000)."""
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from tests.conftest import _pg_database

    db = open_database(_pg_database(pg_server_url))
    upgrade(db)
    try:
        o, d = taobao_files(tmp_path, 9000)
        res = import_orders(db, o, lines_path=d, parallel=False)
        assert (res.imported, res.errors) == (9000, [])
        with db.read() as s:
            known = s.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'orders'"))
            assert known.scalar() >= 4000
            lines = s.execute(text("SELECT count(*) FROM order_lines")).scalar()
            assert lines >= 9000
            # every line on its own order, by the numbers the ids were taken with
            assert not s.execute(
                text("SELECT count(*) FROM order_lines l LEFT JOIN orders o ON o.id = l.order_id "
                     "WHERE o.id IS NULL")
            ).scalar()  # fmt: skip
    finally:
        db.dispose()
