"""Realistic demo data: products, carriers with number pools, operators, N paid orders.

Deterministic for a given seed. Products carry valid EAN-13 barcodes (GS1 China prefix 69x)
and plausible unit weights from 80 g to 5 kg.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select

from app.db.engine import Database
from app.db.models import (
    Carrier,
    Carton,
    Operator,
    Order,
    OrderLine,
    Product,
    ProductBarcode,
    Role,
    Shop,
    Station,
    WaybillNumber,
    WaybillPool,
    utcnow,
)
from app.domain import floortime
from app.domain.orders import phone_tail
from app.domain.pins import hash_pin
from app.services.floortime import floor_zone

# code, name, waybill pattern (full match), number maker
CARRIERS: list[tuple[str, str, str]] = [
    ("ZTO", "中通快递", r"7\d{11}|7\d{13}"),
    ("YTO", "圆通速递", r"YT\d{13}"),
    ("STO", "申通快递", r"77\d{11}"),
    ("YUNDA", "韵达快递", r"4[36]\d{11}"),
    ("SF", "顺丰速运", r"SF\d{13}"),
    ("JD", "京东快递", r"JD[A-Z]{2}\d{11}"),
    ("EMS", "中国邮政EMS", r"1\d{12}|[A-Z]{2}\d{9}CN"),
]
NOT_SERVED = {"YUNDA": ["西藏自治区"], "STO": ["西藏自治区", "新疆维吾尔自治区/阿里地区"]}


# carton code (its barcode), name, tare g, filler allowance g, inner size mm, max load g
CARTONS: list[tuple[str, str, int, int, tuple[int, int, int], int]] = [
    ("CTN-BAG-S", "快递袋 小", 15, 0, (250, 350, 1), 1000),
    ("CTN-BAG-L", "快递袋 大", 25, 0, (400, 500, 1), 3000),
    ("CTN-1", "1号纸箱", 120, 20, (200, 150, 100), 3000),
    ("CTN-3", "3号纸箱", 220, 40, (300, 250, 200), 8000),
    ("CTN-5", "5号纸箱", 380, 60, (450, 350, 300), 15000),
]


def ean13_check(digits12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def ean13(rng: random.Random) -> str:
    body = "69" + "".join(str(rng.randrange(10)) for _ in range(10))
    return body + ean13_check(body)


def _waybill(code: str, n: int) -> str:
    match code:
        case "ZTO":
            return f"7{780000000000 + n:013d}"
        case "YTO":
            return f"YT{8800000000000 + n:013d}"
        case "STO":
            return f"77{30000000000 + n:011d}"
        case "YUNDA":
            return f"43{12000000000 + n:011d}"
        case "SF":
            return f"SF{1400000000000 + n:013d}"
        case "JD":
            return f"JDVA{20000000000 + n:011d}"
        case _:
            return f"1{100000000000 + n:012d}"


PRODUCTS: list[tuple[str, str, int, bool, bool]] = [
    # sku, name, grams, serial tracked, fragile
    ("BED-PIL-MEM", "记忆棉枕头", 410, False, False),
    ("BED-PIL-LTX", "乳胶枕 60x40", 1150, False, False),
    ("BED-QLT-150", "春秋被 150x200", 1850, False, False),
    ("BED-QLT-200", "冬被 200x230", 3600, False, False),
    ("BED-SHT-4PC", "纯棉四件套 1.8m", 2300, False, False),
    ("BED-PAD-INS", "插垫（赠品）", 80, False, False),
    ("BED-MAT-TPR", "床垫保护罩", 950, False, False),
    ("BED-BLK-FLC", "法兰绒毯 150x200", 1400, False, False),
    ("CLO-TSH-M", "纯棉T恤 M", 180, False, False),
    ("CLO-TSH-L", "纯棉T恤 L", 195, False, False),
    ("CLO-HOD-L", "连帽卫衣 L", 620, False, False),
    ("CLO-JKT-XL", "羽绒服 XL", 980, False, False),
    ("CLO-SCK-5P", "棉袜五双装", 150, False, False),
    ("CLO-JNS-32", "牛仔裤 32", 640, False, False),
    ("CLO-PJM-L", "睡衣套装 L", 420, False, False),
    ("ELE-EAR-BT", "蓝牙耳机", 95, True, True),
    ("ELE-PWB-10K", "移动电源 10000mAh", 230, True, False),
    ("ELE-CHG-65W", "65W 充电器", 130, True, False),
    ("ELE-CBL-C1M", "USB-C 数据线 1m", 45, False, False),
    ("ELE-KBD-MEC", "机械键盘", 980, True, False),
    ("ELE-MSE-WL", "无线鼠标", 88, True, False),
    ("ELE-SPK-BT", "蓝牙音箱", 540, True, True),
    ("ELE-LMP-DSK", "LED 台灯", 1250, False, True),
    ("ELE-KET-17", "电热水壶 1.7L", 1150, True, True),
    ("ELE-RCK-3L", "电饭煲 3L", 3100, True, True),
    ("ELE-FAN-DSK", "桌面风扇", 1600, False, False),
    ("HOM-TWL-BTH", "浴巾", 480, False, False),
    ("HOM-TWL-FAC", "毛巾两条装", 210, False, False),
    ("HOM-CUP-GLS", "玻璃杯 4只装", 880, False, True),
    ("HOM-STR-BOX", "收纳箱 30L", 1450, False, False),
    ("HOM-HGR-20", "衣架 20只装", 760, False, False),
    ("HOM-SLP-42", "拖鞋 42码", 330, False, False),
    ("HOM-MAT-DR", "地垫 50x80", 1050, False, False),
    ("HOM-CRT-SET", "窗帘一对", 2400, False, False),
    ("HOM-DUM-5K", "哑铃 5kg", 5000, False, False),
    ("BTY-LOT-200", "身体乳 200ml", 260, False, False),
    ("BTY-SHP-500", "洗发水 500ml", 590, False, False),
    ("BTY-MSK-10", "面膜 10片", 320, False, False),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文雨欣怡浩宇子轩梓涵一诺佳琪思远晨阳雪梅"
PLACES = [
    ("浙江省", "杭州市", "西湖区", "文三路"),
    ("浙江省", "宁波市", "鄞州区", "天童南路"),
    ("江苏省", "南京市", "鼓楼区", "中山北路"),
    ("江苏省", "苏州市", "工业园区", "星湖街"),
    ("上海", "上海市", "浦东新区", "张江路"),
    ("上海", "上海市", "徐汇区", "漕溪北路"),
    ("北京", "北京市", "朝阳区", "建国路"),
    ("广东省", "深圳市", "南山区", "科技园路"),
    ("广东省", "广州市", "天河区", "天河北路"),
    ("四川省", "成都市", "武侯区", "人民南路"),
    ("湖北省", "武汉市", "洪山区", "珞喻路"),
    ("山东省", "青岛市", "市南区", "香港中路"),
    ("河南省", "郑州市", "金水区", "花园路"),
    ("安徽省", "合肥市", "蜀山区", "长江西路"),
    ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", "解放南路"),
    ("西藏自治区", "拉萨市", "城关区", "北京中路"),
    ("内蒙古自治区", "呼和浩特市", "新城区", "新华大街"),
]
MESSAGES = [
    "",
    "",
    "",
    "",
    "请尽快发货",
    "周末不在家，请放快递柜",
    "送人的，不要放价格单",
    "需要发票",
]
REMARKS = [
    "",
    "",
    "",
    "",
    "赠送插垫",
    "赠送插垫",
    "开发票：个人",
    "易碎品，多加填充",
    "老客户，送小礼品",
]

OPERATORS = [
    ("1001", "主管 周敏", Role.SUPERVISOR),
    ("1002", "打单员 李娜", Role.PRINT_OPERATOR),
    ("1003", "配货员 王强", Role.PICKER),
    ("1004", "校验员 陈静", Role.VERIFIER),
    ("1005", "打包员 刘洋", Role.PACKER),
    ("1006", "称重员 赵磊", Role.WEIGHER),
    ("1007", "售后客服 孙丽", Role.AFTER_SALES),
    ("1008", "管理员 郭涛", Role.ADMIN),
]
PRIVILEGED = {Role.SUPERVISOR, Role.ADMIN}
DEMO_PIN = "0000"


@dataclass(frozen=True)
class DemoSummary:
    products: int
    carriers: int
    operators: int
    orders: int
    waybill_numbers: int


def _ensure_master_data(db: Database, rng: random.Random, pool_size: int) -> None:
    with db.write() as s:
        if s.scalar(select(func.count()).select_from(Carrier)):
            return
        carriers = {}
        for code, name, pattern in CARRIERS:
            c = Carrier(
                code=code,
                name=name,
                waybill_pattern=pattern,
                excluded_areas=NOT_SERVED.get(code, []),
            )
            s.add(c)
            carriers[code] = c
        s.flush()
        for code, c in carriers.items():
            numbers = [_waybill(code, n) for n in range(1, pool_size + 1)]
            pool = WaybillPool(
                carrier_id=c.id,
                first_no=numbers[0],
                last_no=numbers[-1],
                count=len(numbers),
                source="demo",
            )
            s.add(pool)
            s.flush()
            s.execute(
                insert(WaybillNumber),
                [
                    {"carrier_id": c.id, "pool_id": pool.id, "number": x, "status": "free"}
                    for x in numbers
                ],
            )
        s.add_all(
            [
                Shop(
                    code="棉眠家纺旗舰店",
                    name="棉眠家纺旗舰店",
                    platform="taobao",
                    sender_name="棉眠家纺",
                    sender_phone="0571-88880000",
                    sender_address="浙江省 杭州市 余杭区 仓前街道 良睦路 1399 号 3 号仓",
                    primary_carrier_id=carriers["ZTO"].id,
                    secondary_carrier_id=carriers["EMS"].id,
                ),
                Shop(
                    code="数码优选京东店",
                    name="数码优选京东店",
                    platform="jd",
                    sender_name="数码优选",
                    sender_phone="0571-88880001",
                    sender_address="浙江省 杭州市 余杭区 仓前街道 良睦路 1399 号 3 号仓",
                    primary_carrier_id=carriers["JD"].id,
                    secondary_carrier_id=carriers["SF"].id,
                ),
            ]
        )
        for i, (sku, name, grams, serial, fragile) in enumerate(PRODUCTS):
            aisle = "ABCD"[i % 4]
            p = Product(
                sku=sku,
                name=name,
                unit_grams=grams,
                bin_location=f"{aisle}-{i // 4 + 1:02d}-{i % 3 + 1:02d}",
                serial_tracked=serial,
                fragile=fragile,
            )
            p.barcodes.append(ProductBarcode(code=ean13(rng)))
            if i % 5 == 0:
                p.barcodes.append(ProductBarcode(code=ean13(rng)))
            s.add(p)
        for code, name, role in OPERATORS:
            s.add(
                Operator(
                    code=code,
                    name=name,
                    role=role.value,
                    badge=f"OP{code}",
                    pin_hash=hash_pin(DEMO_PIN) if role in PRIVILEGED else None,
                )
            )
        for code, name, tare, filler, dims, cap in CARTONS:
            s.add(
                Carton(
                    code=code,
                    name=name,
                    tare_grams=tare,
                    filler_grams=filler,
                    length_mm=dims[0],
                    width_mm=dims[1],
                    height_mm=dims[2],
                    max_grams=cap,
                )
            )
        for name, kind in (
            ("打单台 1", "print"),
            ("配货 1", "pick"),
            ("校验台 1", "verify"),
            ("打包台 1", "pack"),
            ("称重台 1", "weigh"),
            ("交接 1", "handover"),
            ("售后 1", "dispute"),
        ):
            s.add(Station(name=name, kind=kind))


def make_demo_data(
    db: Database, orders: int, seed: int = 1, on_chunk: Callable[[int], None] | None = None
) -> DemoSummary:
    """Fill the database; orders are added on top of what is there (numbers stay unique).
    ``on_chunk(k)`` is called after each chunk of ``k`` orders (a progress bar)."""
    rng = random.Random(seed)
    _ensure_master_data(db, rng, pool_size=max(2000, orders // 2))
    with db.write() as s:
        shops = list(s.scalars(select(Shop).order_by(Shop.id)))
        products = list(s.execute(select(Product.id, Product.sku, Product.name)).all())
        already = s.scalar(select(func.count()).select_from(Order)) or 0
        zone = floor_zone(s)  # paid between the floor's midnight and 16:00 today
        today = floortime.at_floor(floortime.today(zone=zone), dt.time(0), zone)
        now = utcnow()
        start_no = 3_781_245_190_217_600_000 + seed * 10_000_000 + already
        for base in range(0, orders, 5000):
            order_rows, pending_lines = [], []
            for k in range(base, min(orders, base + 5000)):
                shop = shops[k % len(shops)]
                prov, city, dist, road = rng.choice(PLACES)
                phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
                paid = today + dt.timedelta(seconds=rng.randrange(0, 16 * 3600))
                n_lines = rng.choices((1, 2, 3, 4, 5), weights=(50, 25, 13, 8, 4))[0]
                picks = rng.sample(products, n_lines)
                remark = rng.choice(REMARKS)
                lines = []
                for ln, (pid, sku, name) in enumerate(picks, start=1):
                    qty = rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
                    lines.append((ln, pid, sku, name, qty, rng.randrange(990, 39900)))
                order_no = (
                    str(start_no + k)
                    if shop.platform == "taobao"
                    else str(300_000_000_000 + seed * 1_000_000 + already + k)
                )
                order_rows.append(
                    {
                        "platform": shop.platform,
                        "order_no": order_no,
                        "shop_id": shop.id,
                        "buyer": f"tb_{rng.randrange(10**8):08d}",
                        "receiver_name": rng.choice(SURNAMES)
                        + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                        "receiver_phone": phone,
                        "phone_tail": phone_tail(phone),
                        "province": prov,
                        "city": city,
                        "district": dist,
                        "address": f"{road}{rng.randrange(1, 999)}号{rng.randrange(1, 30)}幢{rng.randrange(101, 2805)}室",
                        "paid_at": paid.astimezone(dt.UTC),
                        "promised_ship_at": (paid + dt.timedelta(hours=48)).astimezone(dt.UTC),
                        "buyer_message": rng.choice(MESSAGES),
                        "seller_remark": remark,
                        "status": "paid",
                        "hold_reason": "",
                        "total_fen": sum(li[4] * li[5] for li in lines),
                        "item_count": sum(li[4] for li in lines),
                        "imported_at": now,
                        "updated_at": now,
                    }
                )
                pending_lines.append(lines)
            s.execute(insert(Order), order_rows)
            nos = [r["order_no"] for r in order_rows]
            ids = dict(
                s.execute(select(Order.order_no, Order.id).where(Order.order_no.in_(nos))).all()
            )
            s.execute(
                insert(OrderLine),
                [
                    {
                        "order_id": ids[r["order_no"]],
                        "line_no": ln,
                        "sku": sku,
                        "product_id": pid,
                        "title": name,
                        "attributes": "",
                        "qty": qty,
                        "price_fen": price,
                        "verified_qty": 0,
                    }
                    for r, lines in zip(order_rows, pending_lines, strict=True)
                    for (ln, pid, sku, name, qty, price) in lines
                ],
            )
            if on_chunk is not None:
                on_chunk(len(order_rows))
        summary = DemoSummary(
            products=s.scalar(select(func.count()).select_from(Product)) or 0,
            carriers=s.scalar(select(func.count()).select_from(Carrier)) or 0,
            operators=s.scalar(select(func.count()).select_from(Operator)) or 0,
            orders=s.scalar(select(func.count()).select_from(Order)) or 0,
            waybill_numbers=s.scalar(select(func.count()).select_from(WaybillNumber)) or 0,
        )
    return summary
