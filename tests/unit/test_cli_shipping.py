"""`export shipments` and `dispute` as scripts use them: files, JSON, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader

from app.__main__ import main
from app.db.engine import open_database
from app.db.migrate import upgrade
from tests.floor import printed_parcels, verify, weigh, weighed_parcels

CONTRACT_KEYS = {
    "waybill_no",
    "order_no",
    "recorded_grams",
    "expected_grams",
    "dest_grams",
    "difference_grams",
    "tolerance_grams",
    "finding",
    "suspects",
    "stub",
    "handled_by",
}


@pytest.fixture
def floor(tmp_path):
    url = f"sqlite:///{tmp_path / 'floor.db'}"
    db = open_database(url)
    upgrade(db)
    parcels = weighed_parcels(db, 8, seed=41)
    unweighed = printed_parcels(db, 2, seed=42)
    db.dispose()
    return url, parcels, unweighed


def _csv(path, encoding):
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding))))


def test_export_shipments_once_only_and_again(floor, tmp_path, capsys):
    url, parcels, unweighed = floor
    out = tmp_path / "pdd.csv"
    assert (
        main(["--db", url, "export", "shipments", "--platform", "taobao", "--out", str(out)]) == 0
    )
    summary = json.loads(capsys.readouterr().out)
    taobao = {p.order_no: p.waybill_no for p in parcels if p.platform == "taobao"}
    assert summary["exported"] == len(taobao) and summary["platform"] == "taobao"
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # Taobao's upload is GBK, no BOM
    rows = _csv(out, "gbk")
    assert rows[0] == ["订单编号", "物流公司", "运单号"]
    assert {r[0]: r[2] for r in rows[1:]} == taobao
    assert not {p.order_no for p in unweighed} & {r[0] for r in rows}
    assert {r[1] for r in rows[1:]} <= {"中通快递", "EMS", "顺丰速运", "京东快递", "圆通速递"}

    assert (
        main(["--db", url, "export", "shipments", "--platform", "taobao", "--out", str(out)]) == 0
    )
    assert json.loads(capsys.readouterr().out)["exported"] == 0
    assert len(_csv(out, "gbk")) == 1
    args = [
        "--db",
        url,
        "export",
        "shipments",
        "--platform",
        "taobao",
        "--out",
        str(out),
        "--again",
    ]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["again"] is True
    assert {r[0] for r in _csv(out, "gbk")[1:]} == set(taobao)


def test_export_usage_errors(floor, tmp_path, capsys):
    url, *_ = floor
    bad = ["--db", url, "export", "shipments", "--platform", "amazon", "--out", "x.csv"]
    assert main(bad) == 2
    assert "amazon" in capsys.readouterr().err
    nowhere = str(tmp_path / "no" / "such" / "dir.csv")
    assert main(["--db", url, "export", "shipments", "--platform", "jd", "--out", nowhere]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dir.csv" in err


def test_dispute_json_has_the_contract_keys(floor, tmp_path, capsys):
    url, parcels, _ = floor
    p = parcels[0]
    assert main(["--db", url, "dispute", p.waybill_no, "--dest-weight", "100", "--json"]) == 0
    f = json.loads(capsys.readouterr().out)
    assert set(f) >= CONTRACT_KEYS
    assert f["finding"] == "short" and f["dest_grams"] == 100
    assert f["difference_grams"] == 100 - f["recorded_grams"]
    assert set(f["stub"]) == {"bundle", "position"}
    for s in f["suspects"]:
        assert set(s) >= {"sku", "qty", "grams"}
    for h in f["handled_by"]:
        assert set(h) >= {"step", "operator", "station", "at"}
    assert f["finding"] in ("consistent", "short", "over", "no_weighing")

    unweighed = tmp_path / "r.pdf"
    args = ["--db", url, "--lang", "en", "dispute", p.order_no, "--claim", "missing"]
    assert main([*args, "--out", str(unweighed), "--register", "--json"]) == 0
    f = json.loads(capsys.readouterr().out)
    assert f["claim"] == "missing" and isinstance(f["case_id"], int)
    text = "".join(page.extract_text() for page in PdfReader(unweighed).pages)
    assert p.waybill_no in text and "Dispute evidence report" in text


def test_dispute_exit_codes(floor, capsys):
    url, parcels, unweighed = floor
    assert main(["--db", url, "dispute", "NO-SUCH-PARCEL", "--json"]) == 1
    assert "NO-SUCH-PARCEL" in capsys.readouterr().err
    assert main(["--db", url, "dispute", parcels[0].waybill_no]) == 2  # neither --json nor --out
    assert main(["--db", url, "dispute", parcels[0].waybill_no, "--json", "--register"]) == 2
    assert "--claim" in capsys.readouterr().err
    bad_claim = ["--db", url, "dispute", parcels[0].waybill_no, "--claim", "lost", "--json"]
    assert main(bad_claim) == 2
    assert (
        main(["--db", url, "dispute", parcels[0].waybill_no, "--dest-weight", "-5", "--json"]) == 2
    )
    capsys.readouterr()
    assert main(["--db", url, "dispute", unweighed[0].waybill_no, "--json"]) == 0
    f = json.loads(capsys.readouterr().out)
    assert f["finding"] == "no_weighing" and f["recorded_grams"] is None


def test_weighed_after_a_hold_override(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'o.db'}"
    db = open_database(url)
    upgrade(db)
    p = printed_parcels(db, 1, seed=43)[0]
    verify(db, p.order_id)
    weigh(db, p.order_id, delta=-300, verdict="override")
    db.dispose()
    assert main(["--db", url, "dispute", p.waybill_no, "--json"]) == 0
    f = json.loads(capsys.readouterr().out)
    assert f["finding"] == "short" and f["difference_grams"] == -300
