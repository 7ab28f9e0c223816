"""Scan matching rules: right item, wrong item (错发), one too many (多发), misreads, serials."""

from __future__ import annotations

from app.domain import verify as v
from app.domain.verify import CartonSpec, ItemSpec, LineState, match_item, read_scan

PILLOW = "6901234567892"  # valid EAN-13
TEE = "6920000000012"


def _ean(body12: str) -> str:
    from devices.barcodes import gtin_check_digit

    return body12 + str(gtin_check_digit(body12))


def lines(done_pillow=0, done_tee=0, serial=False):
    return [
        LineState(1, "BED-PIL", "枕头", 2, done_pillow, (PILLOW,)),
        LineState(2, "ELE-EAR", "耳机", 1, done_tee, (TEE, _ean("692000000002")), serial),
    ]


def test_each_scan_counts_one_unit_until_the_order_is_complete():
    m = match_item(lines(), read_scan(PILLOW))
    assert (m.verdict, m.line_id) == ("ok", 1)
    m = match_item(m.lines, read_scan(PILLOW))
    assert m.verdict == "line_complete"
    m = match_item(m.lines, read_scan(TEE))
    assert m.verdict == "order_complete" and all(li.complete for li in m.lines)


def test_any_barcode_of_the_product_and_a_gs1_gtin_match():
    second = _ean("692000000002")
    assert match_item(lines(), read_scan(second)).line_id == 2
    gs1 = "]C101" + "0" + TEE + "\x1d10LOT7"
    assert match_item(lines(), read_scan(gs1)).line_id == 2
    assert match_item(lines(), read_scan("(01)0" + PILLOW)).line_id == 1


def test_wrong_item_extra_unit_unknown_and_misread_are_refused_without_counting():
    other = _ean("690000000077")
    m = match_item(lines(), read_scan(other), known_product=True)
    assert m.verdict == "wrong_item" and m.refused and m.lines == tuple(lines())
    assert match_item(lines(), read_scan(other)).verdict == "unknown_code"
    m = match_item(lines(done_pillow=2), read_scan(PILLOW))
    assert m.verdict == "extra_unit" and m.lines[0].done == 2
    bad = PILLOW[:-1] + str((int(PILLOW[-1]) + 1) % 10)
    assert read_scan(bad).refused == "bad_check_digit"
    assert match_item(lines(), read_scan(bad), known_product=True).verdict == "bad_check_digit"


def test_serial_tracked_items_ask_for_the_serial_and_refuse_a_shipped_one():
    ls = lines(done_pillow=2, serial=True)
    assert match_item(ls, read_scan(TEE)).verdict == "need_serial"
    m = match_item(ls, read_scan(TEE), serial="SN-1", shipped_serials={"SN-1"})
    assert m.verdict == "serial_duplicate" and m.lines[1].done == 0
    m = match_item(ls, read_scan(TEE), serial="SN-2", shipped_serials={"SN-1"})
    assert m.verdict == "order_complete" and m.serial == "SN-2"
    gs1 = "]C101" + "0" + TEE + "21SN-3"
    assert match_item(ls, read_scan(gs1)).verdict == "order_complete"


def test_gtin_keys_cover_the_short_forms():
    assert v.gtin_keys("0" + PILLOW) == ("0" + PILLOW, PILLOW)
    assert "012345678905" in v.gtin_keys("00012345678905")


CARTONS = [
    CartonSpec("CTN-BAG-S", "bag s", 15, 0, 250, 350, 1, 1000),
    CartonSpec("CTN-BAG-L", "bag l", 25, 0, 400, 500, 1, 3000),
    CartonSpec("CTN-1", "1", 120, 20, 200, 150, 100, 3000),
    CartonSpec("CTN-3", "3", 220, 40, 300, 250, 200, 8000),
    CartonSpec("CTN-5", "5", 380, 60, 450, 350, 300, 15000),
]


def test_carton_suggestion_by_weight_fragility_and_size():
    assert v.suggest_carton([ItemSpec(180, 2)], CARTONS) == "CTN-BAG-S"
    assert v.suggest_carton([ItemSpec(1850, 1)], CARTONS) == "CTN-BAG-L"
    assert v.suggest_carton([ItemSpec(95, 1, fragile=True)], CARTONS) == "CTN-1"
    assert v.suggest_carton([ItemSpec(3600, 2)], CARTONS) == "CTN-3"
    big = ItemSpec(500, 1, dims_mm=(280, 200, 150))
    assert v.suggest_carton([big], [c for c in CARTONS if not c.is_bag]) == "CTN-3"
    assert v.suggest_carton([ItemSpec(99000, 1)], CARTONS) == "CTN-5"


def test_packing_reminders_from_the_remark_and_the_goods():
    r = v.packing_reminders("赠送插垫；开发票：个人", "", ["玻璃杯 4只装"])
    assert r.gifts == ("赠送插垫",) and r.invoice and r.fragile == ("玻璃杯 4只装",)
    assert r.extra_filler
    r = v.packing_reminders("", "请尽快发货", [])
    assert not (r.gifts or r.invoice or r.fragile or r.extra_filler)
