"""The benchmarks' datasets, built on first use and cached: one million-order database builder
(`big_db`) and the Taobao export files the import figure reads (`taobao_files`).

The cache is one folder (`cache_dir`: ``$PARCELPROOF_BENCH_DIR``, else ``bench`` under the user
cache dir); ``parcelproof bench`` and the scripts under ``tests/bench/`` share it, so the
million orders are built once for all of them. A build takes minutes, with a progress bar on
stderr (a line per step when stderr is not a terminal, as in a log).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from app.db.engine import Database, open_database
from app.db.migrate import upgrade
from app.db.models import Order

Progress = Callable[[str], None]


def say(msg: str) -> None:
    """A progress line on stderr."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    """The one folder every benchmark dataset is cached in."""
    env = os.environ.get("PARCELPROOF_BENCH_DIR")
    if env:
        d = Path(env)
    else:
        from platformdirs import user_cache_dir

        d = Path(user_cache_dir("parcelproof", appauthor=False)) / "bench"
    d.mkdir(parents=True, exist_ok=True)
    return d


# --- the big database ----------------------------------------------------------------------------


class BuildBar:
    """Progress of a dataset build, counted in orders: a tqdm bar when stderr is a terminal;
    otherwise each step is one ``progress`` line with the share done (no carriage returns in
    a log)."""

    def __init__(self, total: int, what: str, progress: Progress = say) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._bar = None
        progress(what)
        if sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=" orders", unit_scale=True, file=sys.stderr)

    def step(self, label: str) -> None:
        """The build moves on to ``label``."""
        if self._bar is not None:
            self._bar.set_postfix_str(label)
        else:
            self._progress(f"{self.done / self.total:4.0%} {label}")

    def advance(self, orders: int) -> None:
        self.done += orders
        if self._bar is not None:
            self._bar.update(orders)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def big_db(n: int = 1_000_000, progress: Progress = say) -> Database:
    """The cached n-order database: n/10 demo orders (paid, waiting), then nine copies of them
    in SQL with fresh numbers and phones; copies are old (days back), handed over or shipped,
    with a waybill, a weighing and its event each."""
    # a tenth demo orders, nine tenths copies (so 100,000 and 1,000,000 have the same shape)
    base = n // 10 if n >= 100_000 else n
    name = f"bench_{n}.db" if base in (n, 100_000) else f"bench_{n}_base{base}.db"
    path = cache_dir() / name
    db = open_database(f"sqlite:///{path}", background_checkpoint=True)
    upgrade(db)
    with db.read() as s:
        have = s.scalar(select(func.count()).select_from(Order)) or 0
        weighed = s.scalar(text("SELECT count(*) FROM weighings")) or 0
    if have >= n and (n == base or weighed):
        return db
    bar = BuildBar(n, f"building the {n:,}-order database (once; cached in {path})", progress)
    try:
        _build(db, n, base, have, bar)
    finally:
        bar.close()
    return db


def _build(db: Database, n: int, base: int, have: int, bar: BuildBar) -> None:
    """Fill the bench database up to ``n`` orders (see `big_db`), from ``have`` there now."""
    from app.services.demo import make_demo_data

    bar.advance(min(have, base))
    if have < base:
        bar.step(f"{base:,} demo orders")
        make_demo_data(db, base - have, seed=9, on_chunk=bar.advance)
    copies = (n - base) // base
    with db.engine.begin() as conn:
        # the demo orders' highest id: copies carry a "-k" suffix on the order number
        max_id = conn.scalar(text("SELECT max(id) FROM orders WHERE order_no NOT LIKE '%-%'"))
        have_now = conn.scalar(text("SELECT count(*) FROM orders"))
        carrier = conn.scalar(text("SELECT min(id) FROM carriers"))
        for k in range(1, copies + 1):
            off = k * max_id
            if have_now >= base * (k + 1):
                bar.advance(base)
                continue
            bar.step(f"orders {k * base:,}–{(k + 1) * base:,} of {n:,}")
            conn.execute(
                text(
                    "INSERT INTO orders (id, platform, order_no, shop_id, buyer, receiver_name, "
                    "receiver_phone, phone_tail, province, city, district, address, paid_at, "
                    "promised_ship_at, buyer_message, seller_remark, status, hold_reason, "
                    "total_fen, item_count, carrier_id, waybill_no, imported_at, updated_at) "
                    "SELECT id + :off, platform, order_no || :suffix, shop_id, buyer, "
                    "receiver_name, substr(receiver_phone, 1, 3) || "
                    "printf('%08d', abs(random()) % 100000000), '', province, city, district, "
                    "address, datetime(paid_at, printf('-%d days', :k)), promised_ship_at, "
                    "buyer_message, seller_remark, "
                    "CASE WHEN :k % 3 = 0 THEN 'shipped' ELSE 'handed_over' END, hold_reason, "
                    "total_fen, item_count, :carrier, 'BW' || printf('%012d', id + :off), "
                    "imported_at, updated_at FROM orders WHERE id <= :max_id"
                ),
                {"off": off, "suffix": f"-{k}", "k": k, "max_id": max_id, "carrier": carrier},
            )
            conn.execute(
                text(
                    "INSERT INTO order_lines (order_id, line_no, sku, product_id, title, "
                    "attributes, qty, price_fen, verified_qty) SELECT order_id + :off, line_no, "
                    "sku, product_id, title, attributes, qty, price_fen, qty FROM order_lines "
                    "WHERE order_id <= :max_id"
                ),
                {"off": off, "max_id": max_id},
            )
            bar.advance(base)
        conn.execute(
            text("UPDATE orders SET phone_tail = substr(receiver_phone, -4) WHERE phone_tail = ''")
        )
        if n > base and not conn.scalar(text("SELECT count(*) FROM weighings")):
            bar.step("weighings and their events for the copied orders")
            # evidence for the bench only: triggers forbid UPDATE/DELETE, INSERT is fine
            seq0 = conn.scalar(text("SELECT coalesce(max(seq), 0) FROM events"))
            conn.execute(
                text(
                    "INSERT INTO events (seq, uid, at, kind, order_id, station, operator, "
                    "detail, prev_hash, hash) SELECT :seq0 + id - :max_id, "
                    "'bench-' || id, paid_at, 'weighed', id, '称重台 1', '1006', '{}', '', '' "
                    "FROM orders WHERE id > :max_id"
                ),
                {"seq0": seq0, "max_id": max_id},
            )
            conn.execute(
                text(
                    "INSERT INTO weighings (event_id, order_id, waybill_no, grams, "
                    "expected_grams, tolerance_grams, verdict, reason, stub_bundle, "
                    "stub_position) SELECT e.id, o.id, o.waybill_no, 1000 + o.id % 3000, "
                    "1000 + o.id % 3000, 50, 'ok', '', 1 + o.id / 50, 1 + o.id % 50 "
                    "FROM orders o JOIN events e ON e.uid = 'bench-' || o.id"
                )
            )
            conn.execute(
                text("UPDATE chain_head SET seq = (SELECT max(seq) FROM events) WHERE id = 1")
            )
    bar.step("ANALYZE")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def copy_of_big_db(n: int, path: Path, progress: Progress = say) -> Database:
    """A private copy at ``path`` of the cached n-order database (`big_db`), for a benchmark
    that changes what it works on; the cache stays as it was."""
    src = big_db(n, progress)
    src_path = src.engine.url.database
    src.dispose()
    progress(f"copying {src_path} → {path}")
    with sqlite3.connect(f"file:{src_path}?mode=ro", uri=True) as a, sqlite3.connect(path) as b:
        a.backup(b)  # a consistent copy, WAL included
    a.close()
    b.close()
    return open_database(f"sqlite:///{path}")


# --- the Taobao export files ----------------------------------------------------------------------


TAOBAO_ORDER_COLUMNS = [
    "订单编号",
    "买家会员名",
    "买家支付宝账号",
    "买家应付货款",
    "买家应付邮费",
    "总金额",
    "买家实际支付金额",
    "订单状态",
    "买家留言",
    "收货人姓名",
    "收货地址 ",
    "运送方式",
    "联系电话 ",
    "联系手机",
    "订单创建时间",
    "订单付款时间 ",
    "宝贝标题 ",
    "宝贝种类 ",
    "物流单号 ",
    "物流公司",
    "订单备注",
    "宝贝总数量",
    "店铺Id",
    "店铺名称",
]
TAOBAO_DETAIL_COLUMNS = [
    "订单编号",
    "标题",
    "价格",
    "购买数量",
    "外部系统编号",
    "商品属性",
    "套餐信息",
    "备注",
    "订单状态",
    "商家编码",
]


def taobao_files(folder: Path, n: int, seed: int = 5) -> tuple[Path, Path]:
    """An n-order Taobao export pair as the seller backend writes it: all its columns, GBK,
    ``="…"`` and ``'`` guards, CRLF, newest order first, and buyers, addresses, times, goods
    and prices that differ from order to order (so every index takes its inserts all over
    the tree, as with a real shop's file). Order k has the same number whatever the seed."""
    from app.services.demo import GIVEN, MESSAGES, PLACES, PRODUCTS, REMARKS, SURNAMES

    rng = random.Random(seed)
    waiting = "买家已付款，等待卖家发货"
    shops = (("1", "棉眠家纺旗舰店"), ("2", "棉眠生活馆"))
    variants = ("颜色分类:白色", "颜色分类:灰色;尺码:M", "颜色分类:蓝色;尺码:L", "颜色分类:粉色")
    list_price = {sku: rng.randrange(990, 39_900) for sku, *_ in PRODUCTS}
    start = dt.datetime(2026, 11, 23, 21, 30, 0)
    bo, bd = io.StringIO(newline=""), io.StringIO(newline="")
    wo, wd = csv.writer(bo, lineterminator="\r\n"), csv.writer(bd, lineterminator="\r\n")
    wo.writerow(TAOBAO_ORDER_COLUMNS)
    wd.writerow(TAOBAO_DETAIL_COLUMNS)
    paid = start
    for k in range(n):
        no = str(3_999_999_999_999_999_999 - k * 1000 - (k * 7919) % 1000)
        paid -= dt.timedelta(seconds=rng.randrange(0, 6))
        prov, city, district, road = rng.choice(PLACES)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        picks = rng.sample(PRODUCTS, rng.choice((1, 1, 1, 2, 2, 3)))
        lines = []
        for sku, title, *_ in picks:
            price = list_price[sku] if rng.random() < 0.8 else rng.randrange(990, 39_900)
            lines.append((sku, f"{title} 正品包邮", price, rng.choice((1, 1, 1, 2, 3))))
        goods = sum(price * qty for _, _, price, qty in lines)
        shop_id, shop = rng.choice(shops)
        wo.writerow(
            [
                f'="{no}"',
                f"tb{rng.randrange(10**9):09d}",
                f"{phone[:3]}****{phone[-4:]}",
                f"{goods / 100:.2f}",
                "0.00",
                f"{goods / 100:.2f}",
                f"{goods / 100:.2f}",
                waiting,
                rng.choice(MESSAGES),
                name,
                f"{prov} {city} {district} {road}{rng.randrange(1, 999)}号"
                f"{rng.randrange(1, 30)}幢{rng.randrange(101, 2999)}室({rng.randrange(10**5, 10**6)})",
                "快递",
                "",
                f"'{phone}",
                (paid - dt.timedelta(seconds=rng.randrange(5, 600))).strftime("%Y-%m-%d %H:%M:%S"),
                paid.strftime("%Y-%m-%d %H:%M:%S"),
                "，".join(t for _, t, _, _ in lines),
                str(len(lines)),
                "",
                "",
                rng.choice(REMARKS),
                str(sum(qty for *_, qty in lines)),
                shop_id,
                shop,
            ]
        )
        for sku, title, price, qty in lines:
            wd.writerow(
                [
                    f'="{no}"',
                    title,
                    f"{price / 100:.2f}",
                    str(qty),
                    "",
                    rng.choice(variants),
                    "",
                    "",
                    waiting,
                    sku,
                ]
            )
    o, d = folder / "ExportOrderList.csv", folder / "ExportOrderDetailList.csv"
    o.write_bytes(bo.getvalue().encode("gbk"))
    d.write_bytes(bd.getvalue().encode("gbk"))
    return o, d
