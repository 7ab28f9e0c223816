"""Helpers for the printing tests: sample data, real rasterisation (pdftoppm) and real decoding
(zxing-cpp). No Qt."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import zxingcpp
from PIL import Image

from printing.documents import GoodsLine, Party, WaybillData

AT = datetime(2024, 5, 21, 6, 3, 7, tzinfo=UTC)  # 14:03:07 in Shanghai
#: the floor's time zone the sample documents are printed in
SHANGHAI = ZoneInfo("Asia/Shanghai")


def raster(pdf: bytes, page: int = 1, dpi: int = 203) -> Image.Image:
    """One page of ``pdf`` as an 8-bit grey image, rendered by poppler's pdftoppm."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("pdftoppm not found: the printing tests need poppler-utils")
    out = subprocess.run(
        [exe, "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(out)).convert("L")


def decode(img: Image.Image) -> list[tuple[str, str, int]]:
    """``(format, text, top y)`` of every barcode zxing-cpp finds, top to bottom."""
    found = [(r.format.name, r.text, r.position.top_left.y) for r in zxingcpp.read_barcodes(img)]
    return sorted(found, key=lambda f: f[2])


def make_waybill(i: int = 0, *, long: bool = False, **kw: object) -> WaybillData:
    goods = [GoodsLine("TS-RED-M", 2, "T恤 红 M"), GoodsLine("MUG-350", 1, "马克杯")]
    if long:
        goods += [GoodsLine(f"SKU-{k:03d}", k % 3 + 1) for k in range(14)]
    street = "文三路 478 号华星时代广场 A 座 1203 室"
    if long:
        street += "（请放快递柜，电话联系不上请放门卫室，谢谢）" * 3
    fields: dict[str, object] = dict(
        waybill_no=f"YT{7712345678900 + i}",
        carrier_code="YTO",
        carrier_name="圆通速递",
        order_no=f"TB2024052100{i:04d}",
        receiver=Party("王小雨", "13912341234", street, "浙江省", "杭州市", "西湖区"),
        sender=Party(
            "好物小店", "0571-88886666", "余杭区仓前街道良睦路 1399 号", "浙江省", "杭州市"
        ),
        goods=goods,
        expected_grams=1234,
        sort_code="571-W02 05",
        destination="杭州转西湖",
        hub="杭州转运中心",
        remark="周末送货，不要打电话" if long else "",
        gift_note="赠送插垫" if long else "",
        printed_at=AT,
        reprint_mark="补打" if long else "",
        service="标准快递",
        tz=SHANGHAI,
    )
    fields.update(kw)
    return WaybillData(**fields)  # type: ignore[arg-type]
