"""Waybill rendering benchmark: ``python -m printing.bench [--n 100] [--fmt 100x180]``.

Prints one JSON object. ``ms_per_label`` is measured on a warm process (font loaded once, as in
the running application); ``first_batch_ms`` includes the one-time font load. The thermal
printer figure is what the batch costs at the head: ``label length / print speed`` per label.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, datetime

from benchstats import best_of
from printing.documents.common import label_format
from printing.documents.waybill import GoodsLine, Party, WaybillData, render_waybills

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["小雨", "伟", "芳", "秀英", "敏", "静", "丽娟", "强", "磊", "军", "洋", "勇", "艳", "杰"]
_PLACES = [
    ("浙江省", "杭州市", "西湖区", "文三路 478 号华星时代广场 A 座 1203 室"),
    ("广东省", "深圳市", "南山区", "科技南十二路 2 号金蝶软件园 B10 栋"),
    ("北京市", "北京市", "朝阳区", "建国路 88 号 SOHO 现代城 2 号楼 1808"),
    ("四川省", "成都市", "武侯区", "天府大道北段 1700 号环球中心 W6 区"),
    ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", "解放北路 188 号"),
]


def sample_waybills(n: int, seed: int = 0) -> list[WaybillData]:
    """``n`` varied, realistic waybills (deterministic)."""
    at = datetime(2024, 5, 21, 6, 3, tzinfo=UTC)
    out = []
    for i in range(n):
        k = i + seed
        prov, city, dist, street = _PLACES[k % len(_PLACES)]
        name = _SURNAMES[k % len(_SURNAMES)] + _GIVEN[k % len(_GIVEN)]
        goods = [
            GoodsLine(f"SKU-{(k * 7 + j) % 500:04d}", 1 + (k + j) % 3) for j in range(k % 6 + 1)
        ]
        out.append(
            WaybillData(
                waybill_no=f"YT{7700000000000 + k}",
                carrier_code="YTO",
                carrier_name="圆通速递",
                order_no=f"TB{202405210000 + k}",
                receiver=Party(name, f"139{k:08d}", street, prov, city, dist),
                sender=Party(
                    "好物小店", "0571-88886666", "余杭区仓前街道良睦路 1399 号", "浙江省", "杭州市"
                ),
                goods=goods,
                expected_grams=350 + 137 * (k % 11),
                sort_code=f"{571 + k % 9}-W{k % 90:02d} {k % 50:02d}",
                destination=f"{city[:2]}转{dist[:2]}",
                hub=f"{city[:2]}转运中心",
                remark="周末送货" if k % 4 == 0 else "",
                gift_note="赠送插垫" if k % 5 == 0 else "",
                printed_at=at,
                service="标准快递",
            )
        )
    return out


def ms_per_label(n: int = 100, fmt: str = "100x180", repeat: int = 3) -> float:
    """Best-of-``repeat`` wall time per label for an ``n``-label batch of new waybill numbers,
    in a warm process (font already loaded), in ms."""
    render_waybills(sample_waybills(2, seed=10**9), fmt)  # warm: font load, imports
    # fresh waybill numbers each round: the per-value barcode/QR caches must not help
    rounds = iter([sample_waybills(n, seed=(r + 1) * 1_000_000) for r in range(repeat)])
    return best_of(lambda: render_waybills(next(rounds), fmt), repeat) * 1000.0 / n


def run(n: int = 100, fmt: str = "100x180", speed_mm_s: float = 150.0) -> dict[str, object]:
    t = time.perf_counter()
    items = sample_waybills(n)
    pdf = render_waybills(items, fmt)
    first = (time.perf_counter() - t) * 1000.0
    per = ms_per_label(n, fmt)
    lf = label_format(fmt)
    head_s = lf.height / speed_mm_s
    return {
        "format": fmt,
        "labels": n,
        "ms_per_label": round(per, 2),
        "batch_ms": round(per * n, 1),
        "first_batch_ms": round(first, 1),
        "pdf_bytes": len(pdf),
        "printer_speed_mm_s": speed_mm_s,
        "printer_s_per_label": round(head_s, 3),
        "printer_batch_s": round(head_s * n, 1),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--fmt", default="100x180")
    ap.add_argument("--speed", type=float, default=150.0, help="printer speed, mm/s")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.n, args.fmt, args.speed), ensure_ascii=False))


if __name__ == "__main__":
    main()
