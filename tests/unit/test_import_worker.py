"""Big files are parsed in worker processes while the importer writes: what a user sees when
those processes cannot help is the same import, or the same clear error, never half a file."""

from __future__ import annotations

import logging
import sys

import pytest
from sqlalchemy import func, select

from app.bench.datasets import taobao_files
from app.db.models import Order, OrderLine
from app.importers.orders import parse_chunks
from app.importers.tables import UnreadableFile
from app.importers.worker import WorkerFailed, parse_in_worker
from app.services.importing import import_orders


def _counts(db) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Order)) or 0,
            s.scalar(select(func.count()).select_from(OrderLine)) or 0,
        )


def test_a_worker_that_dies_is_reported(tmp_path, monkeypatch):
    o, d = taobao_files(tmp_path, 5)
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with pytest.raises(WorkerFailed, match="exit 1"):
        list(parse_in_worker(o, lines_path=d))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    with pytest.raises(WorkerFailed, match="could not start"):
        list(parse_in_worker(o, lines_path=d))


def test_when_the_workers_fail_the_file_is_parsed_here_and_imported_once(
    sqlite_db, tmp_path, monkeypatch, caplog
):
    o, d = taobao_files(tmp_path, 2500)  # more than one chunk had been written when it died
    real = parse_in_worker

    def dies_midway(*args, **kwargs):
        for n, chunk in enumerate(real(*args, **kwargs)):
            if n == 1:
                raise WorkerFailed("the parsing process stopped (exit -9): killed")
            yield chunk

    monkeypatch.setattr("app.services.importing.parse_in_worker", dies_midway)
    with caplog.at_level(logging.WARNING):
        res = import_orders(sqlite_db, o, lines_path=d, parallel=True)
    assert (res.imported, res.errors) == (2500, [])
    assert _counts(sqlite_db)[0] == 2500
    assert "parsing here instead" in caplog.text


def test_an_unreadable_detail_file_imports_nothing(sqlite_db, tmp_path):
    o, d = taobao_files(tmp_path, 2500)
    d.write_bytes(b"\x00\x01 not a table")
    with pytest.raises(UnreadableFile, match=d.name):
        import_orders(sqlite_db, o, lines_path=d, parallel=True)
    assert _counts(sqlite_db) == (0, 0)


def test_a_detail_file_beside_a_file_of_one_row_per_line_is_left_unread(tmp_path):
    """As `parse_chunks` does: the lines are in the order file; whatever the detail file
    holds (here nothing readable) changes nothing and is not an error."""
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_no,sku,title,qty,price,receiver_name,receiver_phone,address\n"
        "A1,SKU-1,杯子,2,9.90,张三,13800001111,浙江省 杭州市 西湖区 文三路1号\n",
        encoding="utf-8",
    )
    junk = tmp_path / "details.csv"
    junk.write_bytes(b"\x00\x01 not a table")
    here = [c.rows for c in parse_chunks(path, lines_path=junk)]
    there = [c.rows for c in parse_in_worker(path, lines_path=junk)]
    assert there == here and here[0][0][1] == "A1"


@pytest.mark.parametrize("parallel", [True, False])
@pytest.mark.parametrize("damaged", ["orders", "lines"])
def test_bytes_that_are_not_gb18030_far_into_a_file_import_nothing(
    sqlite_db, tmp_path, parallel, damaged
):
    """A GBK file is decoded as it is read: bytes no encoding takes, thousands of rows in,
    still make the whole import the clear "not UTF-8 or GB18030" error, with nothing kept."""
    o, d = taobao_files(tmp_path, 3000)
    path = o if damaged == "orders" else d
    data = path.read_bytes()
    cut = data.index(b"\r\n", len(data) * 4 // 5)
    path.write_bytes(data[:cut] + b"\x80\xff" + data[cut:])  # no GB18030 byte starts with 0xff
    with pytest.raises(UnreadableFile, match="not UTF-8 or GB18030"):
        import_orders(sqlite_db, o, lines_path=d, parallel=parallel)
    assert _counts(sqlite_db) == (0, 0)
