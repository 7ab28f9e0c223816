"""`parcelproof bench`: the figures the floor's physical limits ask for (the scanner, the
scale's serial line and the thermal printer set the pace).

Datasets are built on first use and cached under the user cache dir (``--quick`` uses smaller
ones): a SQLite database with 1,000,000 orders with their lines, and for the weighed part of
them a weighing each with its event. Building it takes minutes once, with a progress bar on
stderr (a line per step when stderr is not a terminal, as in a log). Every figure is measured
here, in this process (cold start and memory in a child process), and printed; nothing is
asserted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from app import heap
from app.db.engine import Database, open_database
from app.db.migrate import upgrade
from app.db.models import Order

Progress = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    env = os.environ.get("PARCELPROOF_BENCH_DIR")
    if env:
        d = Path(env)
    else:
        from platformdirs import user_cache_dir

        d = Path(user_cache_dir("parcelproof", appauthor=False)) / "bench"
    d.mkdir(parents=True, exist_ok=True)
    return d


def percentile(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = min(len(v) - 1, max(0, round(p / 100 * len(v)) - 1))
    return v[k]


def timed(fn: Callable[[], object], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(name: str, ms: list[float]) -> dict[str, float]:
    return {
        f"{name}_p50_ms": round(statistics.median(ms), 3),
        f"{name}_p99_ms": round(percentile(ms, 99), 3),
    }


# --- the big database ----------------------------------------------------------------------------


class BuildBar:
    """Progress of a dataset build, counted in orders: a tqdm bar when stderr is a terminal;
    otherwise each step is one ``progress`` line with the share done (no carriage returns in
    a log)."""

    def __init__(self, total: int, what: str, progress: Progress = _stderr) -> None:
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


def big_db(n: int = 1_000_000, progress: Progress = _stderr) -> Database:
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


# --- single figures --------------------------------------------------------------------------------


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


def import_rate(n: int) -> dict:
    from app.services.demo import make_demo_data
    from app.services.importing import import_orders

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        o, d = taobao_files(folder, n)
        db = open_database(f"sqlite:///{folder / 'import.db'}")
        upgrade(db)
        make_demo_data(db, 0)
        t = time.perf_counter()
        res = import_orders(db, o, lines_path=d)
        took = time.perf_counter() - t
        db.dispose()
    if res.imported != n or res.errors:
        raise RuntimeError(f"import benchmark went wrong: {res.as_json()}")
    return {
        "import_orders": n,
        "import_seconds": round(took, 2),
        "import_orders_per_s": round(n / took),
    }


def phone_tail_lookup(db: Database, reps: int) -> dict:
    from app.services.orders import find_order_ids

    rng = random.Random(3)
    tails = [f"{rng.randrange(10000):04d}" for _ in range(reps)]
    it = iter(tails)
    found: list[int] = []

    def one() -> None:
        with db.read() as s:
            found.append(len(find_order_ids(s, next(it))))

    ms = timed(one, reps)
    # a tail matches one order in 10,000: ten times the orders, ten times the matches to
    # return (the lookup stops at 200, newest first), so this figure grows with the answer
    return {
        **summary("phone_tail_lookup", ms),
        "phone_tail_matches_mean": round(statistics.mean(found), 1),
    }


def browser_search(db: Database, reps: int) -> dict:
    from app.services.orders import OrderFilter, count_orders, search_orders

    rng = random.Random(4)
    with db.read() as s:
        n = s.scalar(select(func.max(Order.id))) or 1
        sample = list(
            s.execute(
                select(Order.order_no, Order.receiver_name, Order.phone_tail).where(
                    Order.id.in_([rng.randrange(1, n) for _ in range(reps)])
                )
            )
        )
    keys = [r[k % 3] for k, r in enumerate(sample)] or ["x"]
    it = iter(keys * (reps // len(keys) + 1))

    def one() -> None:
        f = OrderFilter(text=next(it))
        with db.read() as s:
            search_orders(s, f, limit=200)
            count_orders(s, f)

    ms = timed(one, reps)
    return {
        "browser_searches_per_s": round(1000 * len(ms) / sum(ms), 1),
        **summary("browser_search", ms),
    }


def dispute_lookup(db: Database, reps: int) -> dict:
    from app.services.dispute import dispute_check

    rng = random.Random(6)
    with db.read() as s:
        n = s.scalar(select(func.max(Order.id))) or 1
        wbs = list(
            s.scalars(
                select(Order.waybill_no).where(
                    Order.id.in_([rng.randrange(1, n) for _ in range(reps * 3)]),
                    Order.waybill_no.is_not(None),
                )
            )
        )
    if not wbs:
        return {}
    it = iter(wbs * (reps // len(wbs) + 1))
    heap.settle()  # as a station does once it is up (app.heap)
    return summary("dispute_lookup", timed(lambda: dispute_check(db, next(it)), reps))


def cold_start(db_url: str, reps: int = 3) -> dict:
    """Process start → first station window shown (offscreen), in a child process each time."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_REPORT_START="1",
    )
    ms = []
    for _ in range(reps):
        t = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "--db",
                db_url,
                "--operator",
                "1004",
                "--station",
                "orders",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        wall = (time.perf_counter() - t) * 1000
        shown = next((line for line in proc.stdout.splitlines() if line.startswith("{")), None)
        ms.append(json.loads(shown)["shown_ms"] if shown else wall)
    return {"cold_start_ms": round(min(ms), 1), "cold_start_worst_ms": round(max(ms), 1)}


def station_rss(db_url: str) -> dict:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_REPORT_START="1",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--db", db_url, "--operator", "1004", "--station", "orders"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    shown = next((line for line in proc.stdout.splitlines() if line.startswith("{")), None)
    return {"station_rss_mb": json.loads(shown)["rss_mb"] if shown else None}


def _xvfb() -> tuple[subprocess.Popen, str] | None:
    """A private Xvfb server and its display, when Xvfb is installed."""
    import shutil

    exe = shutil.which("Xvfb")
    if not exe:
        return None
    r, w = os.pipe()
    proc = subprocess.Popen(
        [exe, "-displayfd", str(w), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(w,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        proc.wait()
        return None
    return proc, f":{number}"


def scan_to_paint(db_url: str, scans: int) -> dict:
    """Key Enter in the verify station's scan field → verdict painted (app/ui/bench_paint.py),
    in a child process on a private Xvfb display (offscreen when Xvfb is missing)."""
    env = dict(os.environ)
    server = _xvfb()
    if server is not None:
        env.update(DISPLAY=server[1], QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "app.ui.bench_paint", "--db", db_url, "--scans", str(scans)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if server is not None:
            server[0].terminate()
            server[0].wait()
    line = next((x for x in proc.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"scan_to_paint_error": tail}
    return json.loads(line)


def db_figures(db: Database, reps: int, progress: Progress = _stderr) -> dict:
    """The figures that depend on the database: lookups, scan → verdict, weigh → commit."""
    out: dict = {}
    with db.read() as s:
        out["orders_in_db"] = s.scalar(select(func.count()).select_from(Order))
    progress(f"lookups ({out['orders_in_db']:,} orders)")
    out.update(phone_tail_lookup(db, reps))
    out.update(browser_search(db, reps // 2))
    out.update(dispute_lookup(db, reps))
    for name, fn in _extra_benches():
        progress(name)
        try:
            out.update(fn(db, reps))
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
            out[f"{name}_error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return out


def growth(big: dict, small: dict, suffix: str = "_100k") -> dict:
    """``small`` under suffixed keys, and for each p99 figure ``<name>_growth``: the figure at
    the big database over the one at the small database (1.0: it does not grow)."""
    out = {f"{k}{suffix}": v for k, v in small.items()}
    for k, v in big.items():
        w = small.get(k)
        if k.endswith("_p99_ms") and isinstance(v, int | float) and isinstance(w, int | float):
            out[k.removesuffix("_p99_ms") + "_growth"] = round(v / w, 2) if w else None
    return out


def run(quick: bool = False, progress: Progress = _stderr) -> dict:
    """All figures. Full run: the DB-bound ones at 1,000,000 orders, and again at 100,000
    (keys suffixed ``_100k``, with ``*_growth`` ratios); ``quick``: 100,000 orders only."""
    from devices.bench import frames_per_second
    from devices.scales import protocol_names
    from printing.bench import ms_per_label

    n = 100_000 if quick else 1_000_000
    reps = 100 if quick else 500
    db = big_db(n, progress)
    out = db_figures(db, reps, progress)
    if not quick:
        small = big_db(100_000, progress)
        small_figures = db_figures(small, reps, progress)
        small_figures.update(station_rss(small.url))
        small.dispose()
    progress("scan to paint (GUI)")
    out.update(scan_to_paint(db.url, 30 if quick else 300))
    progress("labels")
    out["label_ms_per_label"] = round(ms_per_label(100, "100x180"), 2)
    progress("scale frames")
    fps = {p: frames_per_second(p, 20_000 if quick else 50_000) for p in protocol_names()}
    slowest = min(fps, key=lambda p: fps[p])
    out["scale_frames_per_s"] = round(fps[slowest])
    out["scale_slowest_protocol"] = slowest
    progress("import")
    out.update(import_rate(10_000 if quick else 100_000))
    progress("cold start and memory")
    out.update(cold_start(db.url))
    out.update(station_rss(db.url))
    if not quick:
        out.update(growth(out, small_figures))
    db.dispose()
    return out


def _extra_benches() -> list[tuple[str, Callable[[Database, int], dict]]]:
    """The station-flow figures (app/bench_flow.py): scan → verdict, weigh → commit."""
    from app.bench_flow import bench_scan_verdict, bench_weigh_commit

    return [("bench_scan_verdict", bench_scan_verdict), ("bench_weigh_commit", bench_weigh_commit)]
