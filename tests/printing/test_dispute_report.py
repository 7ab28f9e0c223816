"""The dispute evidence report: a real PDF whose waybill barcode scans and whose text reads."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from printing import render_dispute_report
from printing.documents import finding_text
from tests.printing.support import AT, decode, raster

FINDINGS = {
    "waybill_no": "YT7712345678900",
    "order_no": "TB20240521000001",
    "recorded_grams": 2310,
    "expected_grams": 2310,
    "dest_grams": 1900,
    "difference_grams": -410,
    "tolerance_grams": 69,
    "finding": "short",
    "confidence": "sure",
    "suspects": [{"sku": "BED-PIL-MEM", "qty": 1, "grams": 410}],
    "stub": {"bundle": 12, "position": 37},
    "handled_by": [
        {"step": "print", "operator": "1002", "station": "打单台 1", "at": "2024-05-21T01:00:00+00:00"},
        {"step": "reprint", "operator": "1002", "station": "打单台 1",
         "at": "2024-05-21T01:05:00+00:00", "reason": "jammed"},
        {"step": "verify", "operator": "1004", "station": "校验台 1", "at": "2024-05-21T02:00:00+00:00"},
        {"step": "weigh", "operator": "1006", "station": "称重台 1", "at": "2024-05-21T03:00:00+00:00",
         "verdict": "ok", "grams": 2310},
        {"step": "handover", "operator": "1006", "station": "交接 1",
         "at": "2024-05-21T08:00:00+00:00", "manifest_no": "HO2405210000123", "courier": "张师傅"},
    ],
    "dispatch": {"difference_grams": 0, "finding": "consistent"},
    "claim": "missing",
    "carrier": "YTO",
    "carrier_name": "圆通速递",
    "weighed_at": "2024-05-21T03:00:00+00:00",
    "weighing_verdict": "ok",
    "lines": [{"sku": "BED-PIL-MEM", "name": "记忆棉枕头", "qty": 1, "unit_grams": 410}],
    "handover": {"manifest_no": "HO2405210000123", "courier": "张师傅"},
    "evidence": {"seq": 4711, "hash": "ab" * 32},
    "chain_head": {"seq": 5000, "hash": "cd" * 32},
}  # fmt: skip


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_report_barcode_scans_and_text_reads(lang):
    pdf = render_dispute_report(FINDINGS, lang=lang, made_at=AT)
    assert ("Code128", "YT7712345678900") in [(f, t) for f, t, _ in decode(raster(pdf, dpi=300))]
    text = _text(pdf)
    for needle in (
        "YT7712345678900",
        "TB20240521000001",
        "BED-PIL-MEM",
        "ab" * 32,
        "HO2405210000123",
    ):
        assert needle in text
    assert "2310 g" in text and "1900 g" in text and "-410 g" in text
    if lang == "en":
        assert "Dispute evidence report" in text
        assert "Lighter at the destination by 410 g" in text
        assert "bundle 12, position 37" in text
        assert "sure" in text and "paper jam" in text
    else:
        assert "售后核实报告" in text
        assert "目的地比出库轻 410 克" in text
        assert "第 12 捆 第 37 张" in text
        assert "少件" in text and "校验" in text


def test_no_weighing_and_a_long_timeline_paginate():
    f = dict(
        FINDINGS,
        recorded_grams=None,
        dest_grams=None,
        difference_grams=None,
        finding="no_weighing",
        confidence="none",
        suspects=[],
        stub={"bundle": None, "position": None},
        dispatch=None,
        handled_by=FINDINGS["handled_by"] * 20,
    )
    pdf = render_dispute_report(f, lang="en", made_at=AT)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (210, 297)
    text = _text(pdf)
    assert "No weighing on record" in text and "no stub on record" in text
    assert finding_text(f, "zh_CN") == "无称重记录"


def test_findings_without_a_barcode_safe_waybill_still_print():
    f = dict(FINDINGS, waybill_no=None)
    assert _text(render_dispute_report(f, lang="en", made_at=AT)).count("TB20240521000001") >= 1


@pytest.mark.parametrize(("lang", "carton"), [("zh_CN", "纸箱"), ("en", "carton")])
def test_extra_goods_and_packing_read_by_name(lang, carton):
    # a parcel that left heavy: a product of the print batch (not one of the order's lines,
    # so its name comes with the suspect) and a second carton
    f = dict(
        FINDINGS,
        finding="over",
        dest_grams=None,
        difference_grams=1520,
        suspects=[
            {"sku": "BED-BLK-FLC", "name": "法兰绒毯 150x200", "qty": 1, "grams": 1400},
            {"sku": "@carton", "name": "", "qty": 1, "grams": 120},
        ],
    )
    text = _text(render_dispute_report(f, lang=lang, made_at=AT))
    assert "BED-BLK-FLC 法兰绒毯 150x200 × 1" in text
    assert f"{carton} × 1" in text and "@carton" not in text
