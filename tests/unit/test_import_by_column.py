"""Reading a batch of rows a field at a time gives exactly what reading them row by row gives:
the same orders, lines, errors and skipped counts, on clean files and on files with bad rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from app.bench.datasets import TAOBAO_DETAIL_COLUMNS, TAOBAO_ORDER_COLUMNS, taobao_files
from app.importers import orders
from app.importers.orders import parse_chunks
from tests.fixtures.platform_files import write_csv


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("gb18030"), newline="")))[1:]


def _parsed(o: Path, d: Path | None, **kw) -> tuple[list, list, list, int, int]:
    rows, lines, errors, skipped, chunks = [], [], [], 0, 0
    for ch in parse_chunks(o, lines_path=d, **kw):
        rows += ch.rows
        lines += ch.lines
        errors += ch.errors
        skipped += ch.skipped
        chunks += 1
    return rows, lines, errors, skipped, chunks


def _both(monkeypatch, o: Path, d: Path | None, **kw) -> tuple[tuple, tuple, int]:
    """(by column, by row, batches read by column)."""
    taken = []
    by_orders, by_lines = orders._orders_by_column, orders._lines_by_column

    def orders_spy(*a):
        out = by_orders(*a)
        taken.append(out is not None)
        return out

    def lines_spy(*a):
        out = by_lines(*a)
        taken.append(out is not None)
        return out

    with monkeypatch.context() as m:
        m.setattr(orders, "_orders_by_column", orders_spy)
        m.setattr(orders, "_lines_by_column", lines_spy)
        fast = _parsed(o, d, **kw)
    with monkeypatch.context() as m:
        m.setattr(orders, "_orders_by_column", lambda *a: None)
        m.setattr(orders, "_lines_by_column", lambda *a: None)
        slow = _parsed(o, d, **kw)
    return fast[:4], slow[:4], sum(taken)


def test_a_clean_taobao_pair_reads_the_same_by_column(monkeypatch, tmp_path):
    o, d = taobao_files(tmp_path, 4500)
    fast, slow, taken = _both(monkeypatch, o, d)
    assert fast == slow
    assert len(fast[0]) == 4500 and fast[2] == [] and taken >= 6  # 3 batches of each file


def test_bad_rows_read_the_same_by_column(monkeypatch, tmp_path):
    o, d = taobao_files(tmp_path, 4500)
    head, rows = TAOBAO_ORDER_COLUMNS, _read(o)
    rows[5][13], rows[5][12] = "", "'13800001111"  # 联系手机 empty: 联系电话
    rows[6][13] = "\t' 13912345678 "  # padding around the guard
    rows[2100][6] = "九十九"  # money
    rows[2200][15] = "2026-02-30 10:00:00"  # time
    rows[2300][0] = rows[2299][0]  # a number twice
    rows[2400][7] = "卖家已发货，等待买家确认"  # gone already
    rows[2500][0] = "3.9E+18"  # a spreadsheet's float
    rows[2600] = rows[2600][:5]  # short
    rows[4000][7] = "卖家已发货，等待买家确认"  # gone, in an otherwise clean batch
    write_csv(o, head, rows)
    lines = _read(d)
    lines[10][3] = "0"  # quantity
    lines[2100][2] = "abc"  # price
    lines[2200] = lines[2200][:2]  # short
    lines[3000][9], lines[3000][4] = "", "EXT-1"  # 商家编码 empty: 外部系统编号
    write_csv(d, TAOBAO_DETAIL_COLUMNS, lines)
    fast, slow, taken = _both(monkeypatch, o, d)
    assert fast == slow
    assert len(fast[2]) == 6 and fast[3] == 2 and taken >= 2


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_with_its_own_place_columns_reads_the_same_by_column(monkeypatch, tmp_path, kind):
    head = [
        "订单号",
        "收货人",
        "手机",
        "省",
        "市",
        "区",
        "街道",
        "详细地址",
        "付款时间",
        "实付金额",
    ]
    rows = [
        [f"G{k:05d}", "孙八", f"1360000{k:04d}", "上海", "上海市", "浦东新区", "张江镇"]
        + [f"世纪大道{k}号" if k % 3 else "", "2026-11-23 09:15:02", f"{k}.50"]
        for k in range(2500)
    ]
    rows[7][3] = rows[7][4] = ""  # no province, no city: from the address
    rows[7][7] = "浙江省 杭州市 西湖区 文三路1号(310012)"
    d_head = ["订单号", "商家编码", "数量", "价格"]
    d_rows = [[f"G{k:05d}", "BED-PIL-MEM", 2, 9.9] for k in range(2500)]
    if kind == "csv":
        o = write_csv(tmp_path / "o.csv", head, rows, "utf-8-sig")
        d = write_csv(tmp_path / "d.csv", d_head, [[str(c) for c in r] for r in d_rows])
    else:
        from openpyxl import Workbook

        o, d = tmp_path / "o.xlsx", tmp_path / "d.xlsx"
        for path, h, rs in ((o, head, rows), (d, d_head, d_rows)):
            wb = Workbook()
            ws = wb.active
            ws.append(h)
            for r in rs:
                ws.append(r)
            wb.save(path)
    fast, slow, taken = _both(monkeypatch, o, d, platform="generic")
    assert fast == slow
    assert len(fast[0]) == 2500 and len(fast[1]) == 2500 and taken >= 4
    assert fast[0][7][8:12] == ("浙江省", "杭州市", "西湖区", "文三路1号")
