from __future__ import annotations

import pytest

from devices.barcodes import (
    GS,
    check_gtin,
    classify,
    gtin_check_digit,
    match_carrier,
    parse_gs1,
)


@pytest.mark.parametrize(
    "code",
    ["6901234567892", "4006381333931", "96385074", "036000291452", "09501101530003"],
)
def test_valid_gtins(code):
    assert check_gtin(code)


@pytest.mark.parametrize("code", ["6901234567891", "4006381333932", "96385075", "03600029145X", ""])
def test_invalid_gtins(code):
    assert not check_gtin(code)


def test_check_digit():
    assert gtin_check_digit("400638133393") == 1
    assert gtin_check_digit("9638507") == 4


def test_classify_eans_and_misread():
    assert classify("6901234567892").kind == "ean13"
    assert classify("96385074").kind == "ean8"
    assert classify("036000291452").kind == "upca"
    bad = classify("6901234567891")
    assert bad.kind == "other" and bad.refused == "bad_check_digit"
    assert classify("]E06901234567891").refused == "bad_check_digit"
    assert classify("]E06901234567892").kind == "ean13"


def test_gs1_128_with_fnc1_and_symbology():
    scan = "]C1" + "0109501101530003" + "17251231" + "10LOT-7" + GS + "21SER42"
    c = classify(scan)
    assert c.kind == "gs1" and c.gtin == "09501101530003"
    g = c.gs1
    assert g is not None
    assert (g.gtin, g.expiry, g.batch, g.serial) == ("09501101530003", "251231", "LOT-7", "SER42")


def test_gs1_datamatrix_and_parentheses():
    g = parse_gs1("]d2" + "0109501101530003" + "21ABC" + GS + "10B1" + GS + "3103001250")
    assert g is not None and g.ais == {
        "01": "09501101530003",
        "21": "ABC",
        "10": "B1",
        "3103": "001250",
    }
    g = parse_gs1("(01)09501101530003(17)260101(10)X")
    assert g is not None and g.expiry == "260101" and g.batch == "X"


def test_gs1_refuses_bad_gtin_and_garbage():
    assert parse_gs1("]C10109501101530004") is None  # check digit wrong
    assert parse_gs1("]C1017") is None  # cut
    assert classify("]C10109501101530004").refused == "bad_gs1"
    assert parse_gs1("hello") is None


@pytest.mark.parametrize(
    "code, carrier",
    [
        ("SF1234567890123", "SF"),
        ("sf1234567890123", "SF"),
        ("73100012345678", "ZTO"),
        ("78123456789012", "ZTO"),
        ("YT1234567890123", "YTO"),
        ("773012345678901", "STO"),
        ("4312345678901", "YUNDA"),
        ("462123456789012", "YUNDA"),
        ("JD0012345678901", "JD"),
        ("JDVA00123456789", "JD"),
        ("JDX012345678901", "JD"),
        ("9812345678901", "EMS"),
        ("EA123456785CN", "EMS"),
    ],
)
def test_waybills(code, carrier):
    assert carrier in match_carrier(code)
    c = classify(code)
    assert c.kind == "waybill" and carrier in c.carriers


def test_waybill_negative_cases():
    assert match_carrier("EA123456789CN") == []  # S10 check digit wrong (5 expected)
    assert match_carrier("SF12") == []
    assert match_carrier("HELLO") == []
    assert classify("HELLO").kind == "other"
