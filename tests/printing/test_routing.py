from __future__ import annotations

import io

import pytest

from printing.routing import RoutingError, RoutingTable, norm_province

PROVINCES = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
]


def test_demo_table_covers_every_carrier_and_province() -> None:
    table = RoutingTable.demo()
    assert len(PROVINCES) == 31
    assert table.carriers == sorted(["ZTO", "YTO", "STO", "YUNDA", "SF", "JD", "EMS"])
    for carrier in table.carriers:
        assert table.provinces(carrier) == sorted(PROVINCES)
        for p in PROVINCES:
            route = table.lookup(carrier, p)
            assert route is not None and route.sort_code and route.destination and route.hub


def test_city_row_wins_over_province_default_and_names_are_normalised() -> None:
    table = RoutingTable.demo()
    shenzhen = table.lookup("zto", "广东省", "深圳市")
    guangdong = table.lookup("ZTO", "广东", "")
    assert shenzhen is not None and guangdong is not None
    assert shenzhen != guangdong and "深圳" in shenzhen.destination
    assert table.lookup("ZTO", "广东省", "汕头市") == guangdong  # no city row: default
    assert table.lookup("ZTO", "新疆维吾尔自治区", "乌鲁木齐市") == table.lookup("ZTO", "新疆")
    assert table.lookup("NOPE", "广东") is None
    assert norm_province("广西壮族自治区") == "广西" and norm_province("北京市") == "北京"


def test_csv_errors_name_file_and_line() -> None:
    bad = io.StringIO("carrier,province,city,sort_code,destination,hub\nZTO,,,1,2,3\n")
    with pytest.raises(RoutingError, match=":2:"):
        RoutingTable.from_csv(bad)
    with pytest.raises(RoutingError, match="missing column"):
        RoutingTable.from_csv(io.StringIO("carrier,province\nZTO,浙江\n"))
    table = RoutingTable.from_csv(
        io.StringIO(
            "\ufeffcarrier,province,city,sort_code,destination,hub\nSF,浙江省,,571W,杭州,杭州集散\n"
        )
    )
    assert table.lookup("SF", "浙江", "杭州").sort_code == "571W"
