"""Order, product and waybill-number import on files written the way the platforms write them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.__main__ import main
from app.db.models import Event, Order, OrderLine, Product, WaybillNumber
from app.importers.orders import Chunk
from app.services import importing
from app.services.demo import make_demo_data
from app.services.importing import import_orders, import_products, import_waybill_numbers
from app.services.orders import find_order_ids
from tests.fixtures.platform_files import (
    TAOBAO_DETAIL_HEADER,
    TAOBAO_ORDER_HEADER,
    taobao_detail_row,
    taobao_order_row,
    write_csv,
)


@pytest.fixture(autouse=True, params=["here", "worker"])
def parse_mode(request, monkeypatch):
    """Every import here runs twice: parsed in this process, and in worker processes (what
    a big file gets) while this one writes."""
    if request.param == "worker":
        monkeypatch.setattr("app.services.importing.PARALLEL_BYTES", 0)
    return request.param


NO1 = "3781245190217638451"  # 19 digits: must never become a float
NO2 = "378124519021763845"  # 18 digits


def taobao_pair(tmp_path: Path, encoding: str = "gbk", orders=None, details=None):
    orders = orders or [
        taobao_order_row(NO1, message="周末不在家，放快递柜", count=3),
        taobao_order_row(
            NO2,
            name="李四",
            phone="13800001111",
            address="北京 北京市 朝阳区 建国路88号(100022)",
            count=1,
        ),
    ]
    details = details or [
        taobao_detail_row(NO1, "BED-PIL-MEM", 2),
        taobao_detail_row(NO1, "HOM-STR-BOX", 1, title='收纳箱, 30L "大号"\n加厚'),
        taobao_detail_row(NO2, "BED-PIL-MEM", 1),
    ]
    o = write_csv(
        tmp_path / "ExportOrderList202611230915.csv", TAOBAO_ORDER_HEADER, orders, encoding
    )
    d = write_csv(
        tmp_path / "ExportOrderDetailList202611230915.csv", TAOBAO_DETAIL_HEADER, details, encoding
    )
    return o, d


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_taobao_pair_in_each_encoding(sqlite_db, tmp_path, encoding):
    o, d = taobao_pair(tmp_path, encoding)
    res = import_orders(sqlite_db, o, lines_path=d)
    assert res.as_json() == {"imported": 2, "updated": 0, "skipped": 0, "errors": []}
    with sqlite_db.read() as s:
        order = s.scalars(select(Order).where(Order.order_no == NO1)).one()
        assert order.platform == "taobao"
        assert order.status == "paid"
        assert order.receiver_name == "王小雨"
        assert order.receiver_phone == "13912341234"  # the ' guard is gone
        assert order.phone_tail == "1234"
        assert (order.province, order.city, order.district) == ("浙江省", "杭州市", "西湖区")
        assert '3幢"东"门' in order.address  # quotes and commas inside a quoted field survive
        assert order.buyer_message == "周末不在家，放快递柜"
        assert order.paid_at.isoformat() == "2026-11-23T01:15:02+00:00"  # Beijing → UTC
        lines = sorted((li.sku, li.qty) for li in order.lines)
        assert lines == [("BED-PIL-MEM", 2), ("HOM-STR-BOX", 1)]
        assert any("\n" in li.title for li in order.lines)  # a line break inside a field
        assert s.scalar(select(Order.order_no).where(Order.order_no == NO2)) == NO2


def test_order_number_stays_text_and_status_words_decide(sqlite_db, tmp_path):
    rows = [
        taobao_order_row("1000000000000000001"),
        taobao_order_row("1000000000000000002", status="交易关闭"),
        taobao_order_row("1000000000000000003", status="等待买家付款"),
        taobao_order_row("1000000000000000004", status="卖家已发货，等待买家确认"),
        taobao_order_row("1000000000000000005", status="交易成功"),
    ]
    o, d = taobao_pair(tmp_path, orders=rows, details=[taobao_detail_row("1000000000000000001")])
    res = import_orders(sqlite_db, o, lines_path=d)
    assert (res.imported, res.skipped, res.errors) == (3, 2, [])
    with sqlite_db.read() as s:
        got = dict(s.execute(select(Order.order_no, Order.status)).all())
    assert got == {
        "1000000000000000001": "paid",
        "1000000000000000002": "cancelled",
        "1000000000000000003": "unpaid",
    }


def test_bad_row_is_reported_with_its_line_and_the_rest_imported(sqlite_db, tmp_path):
    rows = [
        taobao_order_row(NO1),
        taobao_order_row("", name="无单号"),
        taobao_order_row("3781245190217638452", paid="昨天下午"),
        taobao_order_row("3781245190217638453", status="奇怪的状态"),
        taobao_order_row("3.78124519021764E+18"),
        taobao_order_row(NO2),
    ]
    o, d = taobao_pair(tmp_path, orders=rows, details=[taobao_detail_row(NO1)])
    res = import_orders(sqlite_db, o, lines_path=d).as_json()
    assert res["imported"] == 2
    lines = [e["line"] for e in res["errors"]]
    assert lines == [3, 4, 5, 6]  # line 1 is the header
    assert "float" in res["errors"][3]["message"]
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 2


def test_reimport_imports_nothing_twice_and_records_a_change(sqlite_db, tmp_path):
    o, d = taobao_pair(tmp_path)
    import_orders(sqlite_db, o, lines_path=d)
    again = import_orders(sqlite_db, o, lines_path=d).as_json()
    assert again == {"imported": 0, "updated": 0, "skipped": 2, "errors": []}
    changed = tmp_path / "changed"
    changed.mkdir()
    o2, d2 = taobao_pair(
        changed,
        orders=[
            taobao_order_row(NO1, message="周末不在家，放快递柜", count=3, remark="送小礼品"),
            taobao_order_row(
                NO2,
                status="交易关闭",
                name="李四",
                phone="13800001111",
                address="北京 北京市 朝阳区 建国路88号(100022)",
            ),
        ],
    )
    res = import_orders(sqlite_db, o2, lines_path=d2).as_json()
    assert (res["imported"], res["updated"]) == (0, 2)
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 2
        assert s.scalar(select(func.count()).select_from(OrderLine)) == 3
        o1 = s.scalars(select(Order).where(Order.order_no == NO1)).one()
        assert o1.seller_remark == "送小礼品"
        kinds = dict(
            s.execute(
                select(Order.order_no, Event.kind).join(Event, Event.order_id == Order.id)
            ).all()
        )
        assert kinds[NO1] == "order_updated"
        assert kinds[NO2] == "cancelled"
        ev = s.scalars(select(Event).where(Event.kind == "order_updated")).one()
        assert ev.detail["changes"]["seller_remark"] == ["", "送小礼品"]


def test_cancellation_of_a_printed_order_is_an_interception(sqlite_db, tmp_path):
    o, d = taobao_pair(tmp_path)
    import_orders(sqlite_db, o, lines_path=d)
    with sqlite_db.write() as s:
        s.scalars(select(Order).where(Order.order_no == NO1)).one().status = "printed"
    again = tmp_path / "again"
    again.mkdir()
    o2, d2 = taobao_pair(
        again,
        orders=[taobao_order_row(NO1, status="交易关闭", count=3, message="周末不在家，放快递柜")],
    )
    import_orders(sqlite_db, o2, lines_path=d2)
    with sqlite_db.read() as s:
        order = s.scalars(select(Order).where(Order.order_no == NO1)).one()
        assert order.status == "cancelled"
        assert s.scalar(select(Event.kind).where(Event.order_id == order.id)) == "intercepted"


JD_HEADER = [
    "订单号",
    "商品ID",
    "商品名称",
    "订购数量",
    "支付方式",
    "下单时间",
    "京东价",
    "订单金额",
    "应付金额",
    "订单状态",
    "下单帐号",
    "客户姓名",
    "客户地址",
    "联系电话",
    "订单备注",
    "商家SKUID",
    "付款确认时间",
]


def jd_row(no, sku, qty, status="等待出库", name="张三", phone="13722223333"):
    return [
        no,
        "100012345678",
        "记忆棉枕头",
        str(qty),
        "在线支付",
        "2026-11-23 10:00:00",
        "99.00",
        "198.00",
        "198.00",
        status,
        "jd_buyer",
        name,
        "广东深圳市南山区粤海街道科技园南区1栋",
        phone,
        "",
        sku,
        "2026-11-23 10:00:05",
    ]


def test_jd_export_row_per_line(sqlite_db, tmp_path):
    path = write_csv(
        tmp_path / "jd.csv",
        JD_HEADER,
        [
            jd_row("300001234567", "BED-PIL-MEM", 2),
            jd_row("300001234567", "HOM-STR-BOX", 1),
            jd_row("300001234568", "BED-PIL-MEM", 1, status="已完成"),
            jd_row("300001234569", "BED-PIL-MEM", "x"),
        ],
        "gbk",
    )
    res = import_orders(sqlite_db, path).as_json()
    assert (res["imported"], res["skipped"]) == (1, 1)
    assert [e["line"] for e in res["errors"]] == [5]
    with sqlite_db.read() as s:
        o = s.scalars(select(Order).where(Order.order_no == "300001234567")).one()
        assert o.platform == "jd"
        assert o.item_count == 3
        assert o.province.startswith("广东") and o.city.startswith("深圳")


PDD_HEADER = [
    "商品",
    "订单号",
    "订单状态",
    "商品总价(元)",
    "用户实付金额(元)",
    "商品数量(件)",
    "收货人",
    "手机",
    "省",
    "市",
    "区",
    "街道",
    "支付时间",
    "承诺发货时间",
    "商品规格",
    "商家编码-SKU维度",
    "商家备注",
    "售后状态",
]


def test_pdd_export_with_after_sale_refund(sqlite_db, tmp_path):
    rows = [
        [
            "收纳箱",
            "261123-123456789012345",
            "待发货",
            "49.00",
            "49.00",
            "1",
            "赵六",
            "15900001111",
            "四川省",
            "成都市",
            "武侯区",
            "天府大道100号",
            "2026-11-23 08:00:00",
            "2026-11-25 08:00:00",
            "30L",
            "HOM-STR-BOX",
            "",
            "无售后或售后取消",
        ],
        [
            "收纳箱",
            "261123-123456789012346",
            "待发货",
            "49.00",
            "49.00",
            "1",
            "钱七",
            "15900002222",
            "四川省",
            "成都市",
            "武侯区",
            "天府大道101号",
            "2026-11-23 08:01:00",
            "",
            "30L",
            "HOM-STR-BOX",
            "",
            "退款成功",
        ],
    ]
    path = write_csv(tmp_path / "pdd.csv", PDD_HEADER, rows, "utf-8-sig")
    res = import_orders(sqlite_db, path).as_json()
    assert res["imported"] == 2 and res["errors"] == []
    with sqlite_db.read() as s:
        got = dict(s.execute(select(Order.order_no, Order.status)).all())
        o = s.scalars(select(Order).where(Order.order_no == "261123-123456789012345")).one()
        assert o.platform == "pdd" and o.promised_ship_at is not None
        assert (o.province, o.city, o.district) == ("四川省", "成都市", "武侯区")
    assert got["261123-123456789012346"] == "cancelled"


def test_generic_xlsx_with_column_map(sqlite_db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["单号", "人", "电话", "地址", "货号", "件数"])
    ws.append(
        ["G-0001", "孙八", "13600001234", "上海市 上海市 浦东新区 世纪大道1号", "BED-PIL-MEM", 2]
    )
    ws.append(
        ["G-0002", "周九", "13600005678", "上海市 上海市 浦东新区 世纪大道2号", "HOM-STR-BOX", 1]
    )
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    colmap = {
        "order_no": "单号",
        "receiver_name": "人",
        "receiver_phone": "电话",
        "address": "地址",
        "sku": "货号",
        "qty": "件数",
    }
    res = import_orders(sqlite_db, path, platform="generic", colmap=colmap).as_json()
    assert res == {"imported": 2, "updated": 0, "skipped": 0, "errors": []}
    with sqlite_db.read() as s:
        assert find_order_ids(s, "5678") == [
            s.scalar(select(Order.id).where(Order.order_no == "G-0002"))
        ]


def test_products_and_waybill_ranges(sqlite_db, tmp_path):
    make_demo_data(sqlite_db, 0, seed=1)
    prod = tmp_path / "products.csv"
    prod.write_bytes(
        "商家编码,商品名称,条码,重量(克),库位\r\nNEW-1,新枕头,6901234567892;6901234567908,"
        "410,A-01-02\r\nNEW-2,坏重量,,很重,A-01-03\r\n".encode("gbk")
    )
    res = import_products(sqlite_db, prod).as_json()
    assert res["imported"] == 1 and [e["line"] for e in res["errors"]] == [3]
    with sqlite_db.read() as s:
        p = s.scalars(select(Product).where(Product.sku == "NEW-1")).one()
        assert p.unit_grams == 410 and sorted(b.code for b in p.barcodes) == [
            "6901234567892",
            "6901234567908",
        ]
    wb = tmp_path / "zto.txt"
    wb.write_text("运单号\n731000000001-731000000100\n731000000200\n12\n", encoding="utf-8")
    res = import_waybill_numbers(sqlite_db, "ZTO", wb).as_json()
    assert res["imported"] == 101 and [e["line"] for e in res["errors"]] == [4]
    assert import_waybill_numbers(sqlite_db, "ZTO", wb).as_json()["imported"] == 0
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).where(WaybillNumber.number.like("731000000%"))) == 101


def test_cli_import_output_and_exit_codes(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    o, d = taobao_pair(tmp_path)
    capsys.readouterr()
    assert main(["--db", url, "import", "orders", str(o), "--lines", str(d)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"imported": 2, "updated": 0, "skipped": 0, "errors": []}
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x00\xff\xfe\x00PK\x03\x04 not a table")
    assert main(["--db", url, "import", "orders", str(garbage)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "garbage.csv" in err and "Traceback" not in err
    assert main(["--db", url, "import", "orders", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err


def _lines_first(parse):
    """The chunks of ``parse`` with all of the detail file's lines first and then the orders
    one by one: an order in which they can arrive when the two files are parsed side by
    side."""

    def reordered(*args, **kwargs):
        chunks = list(parse(*args, **kwargs))
        rows = [r for c in chunks for r in c.rows]
        yield Chunk(
            lines=[t for c in chunks for t in c.lines],
            errors=[e for c in chunks for e in c.errors],
            skipped=sum(c.skipped for c in chunks),
        )
        for n, r in enumerate(rows, start=1):
            yield Chunk(rows=[r], lines_follow=True, orders_complete=n == len(rows))

    return reordered


@pytest.mark.parametrize("arrival", ["orders first", "lines first"])
def test_lines_of_a_changed_order_wait_for_the_detail_file(
    sqlite_db, tmp_path, monkeypatch, arrival
):
    """A re-imported order whose detail lines changed is compared with its lines whole, and
    an order file without counts gets them from its lines, in whichever order the two files'
    parts arrive; a line of an order the file does not have is not imported."""
    o, d = taobao_pair(tmp_path)
    import_orders(sqlite_db, o, lines_path=d)
    if arrival == "lines first":
        real = importing.parse_chunks
        monkeypatch.setattr(importing, "parse_chunks", _lines_first(real))
    changed = tmp_path / "changed"
    changed.mkdir()
    rows = [taobao_order_row(NO1, message="周末不在家，放快递柜", count=3, remark="加急")]
    rows.append(taobao_order_row("3781245190217638459", count=0))
    rows[-1][TAOBAO_ORDER_HEADER.index("宝贝总数量")] = ""
    details = [  # the detail file in another order than the order file
        taobao_detail_row("3781245190217630000", "HOM-STR-BOX", 9),  # no such order
        taobao_detail_row("3781245190217638459", "BED-PIL-MEM", 2),
        taobao_detail_row(NO1, "BED-PIL-MEM", 1),
        taobao_detail_row("3781245190217638459", "HOM-STR-BOX", 3),
        taobao_detail_row(NO1, "HOM-STR-BOX", 2),
    ]
    o2, d2 = taobao_pair(changed, orders=rows, details=details)
    res = import_orders(sqlite_db, o2, lines_path=d2).as_json()
    assert (res["imported"], res["updated"], res["errors"]) == (1, 1, [])
    with sqlite_db.read() as s:
        new = s.scalars(select(Order).where(Order.order_no == "3781245190217638459")).one()
        assert new.item_count == 5
        assert [(li.line_no, li.sku, li.qty) for li in new.lines] == [
            (1, "BED-PIL-MEM", 2),
            (2, "HOM-STR-BOX", 3),
        ]
        old = s.scalars(select(Order).where(Order.order_no == NO1)).one()
        assert [(li.sku, li.qty) for li in old.lines] == [("BED-PIL-MEM", 1), ("HOM-STR-BOX", 2)]
        assert s.scalar(select(func.count()).where(OrderLine.qty == 9)) == 0
