"""Screenshots of every station for the README, taken from a real demo day.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang zh_CN en]

Builds a fresh demo database (`make_demo_data`), moves orders along the flow through the real
services (`app.services.demo_day`: batches printed to PDF files, verified item by item, weighed
with simulated scale readings, one parcel held light, one order held short, one carrier's
parcels handed over), then opens every station of `STATION_MODULES` in the real main window at
1280×800 and saves ``OUT/<station>.png`` (zh_CN) and ``OUT/en/<station>.png`` (English). Some
stations are first given a scan, as an operator would, so that they show a parcel rather than
an empty "scan a waybill" screen.

Without ``$DISPLAY`` it starts its own Xvfb on a free display (``-displayfd``). The PNGs are
reduced to an 8-bit palette (the screens are flat colours and text, which stays sharp).

The demo day's events are dated across today's working hours (08:30 onwards, Beijing time) so
that the dashboard's per-hour chart has a shape; everything else happens at the real time.
One more picture, ``dispute-video.png``: the dispute desk playing a parcel's packing video,
recorded first from the built-in test camera (``test:``) through the real capture process.

Exit status 0 when every station was saved, 1 otherwise (the failures are listed).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1280, 800)
#: who opens each station (工号, the demo operators in docs/dev/contract.md); others: supervisor
OPERATOR_FOR = {
    "print": "1002",
    "pick": "1003",
    "verify": "1004",
    "pack": "1005",
    "weigh": "1006",
    "handover": "1006",
    "dispute": "1007",
    "admin": "1008",
}


# --- the X server ---------------------------------------------------------------------------


@contextlib.contextmanager
def x_display() -> Iterator[None]:
    """Use $DISPLAY when set; otherwise run a private Xvfb for the duration."""
    if os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
        yield
        return
    if shutil.which("Xvfb") is None:
        raise SystemExit("screenshots: no $DISPLAY and no Xvfb (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{SIZE[0]}x{SIZE[1]}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = b""
        end = time.monotonic() + 30
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_fd], [], [], max(0.0, end - time.monotonic()))
            chunk = os.read(read_fd, 16) if ready else b""
            if not chunk:
                raise SystemExit("screenshots: Xvfb did not start")
            number += chunk
        os.environ["DISPLAY"] = f":{int(number)}"
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        yield
    finally:
        os.close(read_fd)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- the demo day -----------------------------------------------------------------------------


def working_day_clock(db_today: dt.date) -> Callable[[int], contextlib.AbstractContextManager]:
    """``round_clock`` for `run_demo_day`: round r happens from 08:30 + 75 min × r on the
    floor's clock, each reading of the clock a few seconds after the one before. It stands in for
    ``utcnow`` in the evidence chain and in every service module, so that events, claims and
    allocations of one round agree with each other."""
    from app.db import models
    from app.domain.floortime import at_floor

    start = at_floor(db_today, dt.time(8, 30))

    @contextlib.contextmanager
    def clock(r: int) -> Iterator[None]:
        t = [start + dt.timedelta(minutes=75 * r)]

        def now() -> dt.datetime:
            t[0] += dt.timedelta(seconds=17)
            return t[0].astimezone(dt.UTC)

        modules = [
            m
            for name, m in list(sys.modules.items())
            if (name.startswith("app.services.") or name == "app.db.chain")
            and getattr(m, "utcnow", None) is models.utcnow
        ]
        for m in modules:
            m.utcnow = now  # type: ignore[attr-defined]
        try:
            yield
        finally:
            for m in modules:
                m.utcnow = models.utcnow  # type: ignore[attr-defined]

    return clock


def build_database(folder: Path, orders: int):
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.services.dashboard import today
    from app.services.demo import make_demo_data
    from app.services.demo_day import run_demo_day
    from app.services.floortime import load_floor_zone, set_zone_setting

    db = open_database(f"sqlite:///{folder / 'demo.db'}")
    upgrade(db)
    # the pictures show a floor in China whatever the zone of the machine that takes them
    with db.write() as s:
        set_zone_setting(s, "Asia/Shanghai")
    load_floor_zone(db)
    make_demo_data(db, orders, seed=1)
    day = run_demo_day(db, folder / "pdf", round_clock=working_day_clock(today()))
    return db, day


def _orders_in(db, status: str, waybills: list[str]) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from app.db.models import Order

    with db.read() as s:
        rows = s.execute(
            select(Order.id, Order.waybill_no)
            .where(Order.status == status, Order.waybill_no.in_(waybills))
            .order_by(Order.id)
        ).all()
    return [(r[0], r[1]) for r in rows]


def _plain(db, waybills: list[str]) -> list[tuple[int, str, list[str]]]:
    from app.services.demo_day import _plain_orders

    return _plain_orders(db, waybills)


# --- driving the stations ---------------------------------------------------------------------


def settle(app, seconds: float = 0.6, until: Callable[[], bool] | None = None) -> None:
    """Let the GUI and the job pool work: at least ``seconds``, then until nothing runs."""
    from app.ui.kit.workers import pool

    end = time.monotonic() + seconds
    hard = time.monotonic() + 20
    while time.monotonic() < hard:
        app.processEvents()
        idle = time.monotonic() >= end and pool().activeThreadCount() == 0
        if idle and (until is None or until()):
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


class Stage:
    """Scans that make a station show a parcel (what an operator would do first). Each
    language's set takes parcels the sets before it left alone, so that it shows the same
    first scans rather than their repeats ("already scanned")."""

    def __init__(self, db, day) -> None:
        self.db, self.day = db, day
        self.used: set[str] = set()

    def _fresh(self, waybills: list[str]) -> list[str]:
        return [w for w in waybills if w not in self.used]

    def prepare(self, name: str, station: Any, app) -> None:
        fn = getattr(self, f"on_{name}", None)
        if fn is not None:
            fn(station, app)

    def on_pick(self, st, app) -> None:
        st.take_scan(self.day.batches[-1])

    def on_verify(self, st, app) -> None:
        printed = _plain(self.db, self.day.printed[-12:])
        printed = [p for p in printed if (p[0], p[1]) in _orders_in(self.db, "printed", [p[1]])]
        printed = [p for p in printed if p[1] not in self.used]
        multi = [p for p in printed if len(p[2]) > 1] or printed
        if not multi:
            return
        _oid, wb, codes = multi[0]
        self.used.add(wb)
        st.take_scan(wb)
        settle(app, 1.0)
        st.take_scan(codes[0])

    def on_pack(self, st, app) -> None:
        verified = self._fresh([w for _, w in _orders_in(self.db, "verified", self.day.verified)])
        if verified:
            self.used.add(verified[-1])
            st.take_scan(verified[-1])

    def on_weigh(self, st, app) -> None:
        from app.services.weighing import start_weighing

        verified = self._fresh([w for _, w in _orders_in(self.db, "verified", self.day.verified)])
        if not verified:
            return
        wb = verified[0]
        self.used.add(wb)
        expected = start_weighing(self.db, wb).expected_grams
        st.take_scan(wb)
        settle(app, 1.0)
        scale = st.ctx.extras.get("scale")
        if scale is not None:
            scale.place(expected + 6)
            settle(app, 3.0)

    def on_handover(self, st, app) -> None:
        from sqlalchemy import select

        from app.db.models import Carrier, Order

        with self.db.read() as s:
            row = s.execute(
                select(Carrier.code, Order.waybill_no)
                .join(Order, Order.carrier_id == Carrier.id)
                .where(Order.status == "weighed", Order.claimed_by.is_(None))
                .where(Order.waybill_no.not_in(self.used or {""}))
                .order_by(Order.id)
                .limit(1)
            ).first()
        if row is None:
            return
        self.used.add(row[1])
        st.take_scan(row[0])
        settle(app, 1.0)
        st.take_scan(row[1])

    def on_dispute(self, st, app) -> None:
        if self.day.handed_over:
            st.lookup.setText(self.day.handed_over[0])
            st.run_lookup()

    def on_devices(self, st, app) -> None:
        st.sim_button.click()
        settle(app, 1.0)
        if st.connect_button.isEnabled():
            st.connect_button.click()
        settle(app, 3.0)

    def on_orders(self, st, app) -> None:
        settle(app, 0.5, until=lambda: st.table.model().rowCount() > 0)
        st.table.selectRow(0)


def record_demo_clip(db, waybill_no: str, folder: Path, seconds: float = 6.0) -> None:
    """A packing clip of ``waybill_no`` from the test camera (the dispute desk's picture)."""
    from app.services import floor_settings
    from app.services.video import StationRecorder

    with db.write() as s:
        floor_settings.write(s, floor_settings.VIDEO_FOLDER, str(folder / "clips"))
        floor_settings.write(s, floor_settings.VIDEO_TAIL_S, 0)
    done: list[Any] = []
    rec = StationRecorder(
        db,
        "test:",
        station="演示台 1",
        width=1280,
        height=720,
        fps=15,
        segment_folder=folder / "segments",
        on_clip=done.append,
    )
    rec.start()
    try:
        end = time.monotonic() + 30
        while rec.status().camera.frames < 5 and time.monotonic() < end:
            time.sleep(0.1)
        rec.scan_started(waybill_no, operator="1005")
        time.sleep(seconds)
        rec.parcel_completed(waybill_no)
        end = time.monotonic() + 20
        while not done and time.monotonic() < end:
            time.sleep(0.1)
    finally:
        rec.stop()
    if not done:
        raise RuntimeError("the demo clip was not recorded")


def shoot_dispute_video(window, app, folder: Path, waybill_no: str) -> Path:
    """The dispute desk with the parcel's packing video playing."""
    from PySide6.QtMultimedia import QMediaPlayer

    if not window.open_station("dispute"):
        raise RuntimeError("the dispute desk did not open")
    settle(app, 0.1)
    window.resize(*SIZE)
    st = window.station
    st.lookup.setText(waybill_no)
    st.run_lookup()
    panel = st.clip_panel
    settle(app, 1.0, until=lambda: panel.frames.count() > 0)
    st.story_tabs.setCurrentWidget(panel)
    panel.player.play()
    settle(
        app,
        3.0,
        until=lambda: (
            panel.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
            and panel.player.position() > 2500
        ),
    )
    panel.player.pause()
    settle(app, 0.5)
    path = folder / "dispute-video.png"
    screen = app.primaryScreen().grabWindow(0, 0, 0, *SIZE)  # the video surface as shown
    optimise(path, screen.toImage())
    return path


def snapshot_translations(folder: Path) -> None:
    """Load the translations from a private copy compiled here: lrelease rewrites a .qm in
    place and Qt maps the file it loaded, so a rebuild of resources/translations while the
    script runs (another process, another engineer) would pull it from under Qt."""
    from app import i18n_build

    folder.mkdir(parents=True, exist_ok=True)
    for ts in i18n_build.TRANSLATIONS.glob("parcelproof_*.ts"):
        shutil.copy(ts, folder / ts.name)
    i18n_build.TRANSLATIONS = folder
    i18n_build.compile_all()


def optimise(path: Path, image) -> None:
    """Save as an 8-bit palette PNG (about a quarter of the 24-bit size, text stays sharp)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    small = image.convertToFormat(
        QImage.Format.Format_Indexed8,
        Qt.ImageConversionFlag.AvoidDither | Qt.ImageConversionFlag.ThresholdDither,
    )
    if not small.save(str(path), "PNG", 0):  # 0: smallest file (zlib level 9)
        raise OSError(f"cannot write {path}")


def shoot(out: Path, langs: list[str], orders: int) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from app.services.operators import find_operator
    from app.settings import Settings
    from app.ui.kit.context import StationContext
    from app.ui.shell.i18n import install_translators
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.stations import allowed, available_stations
    from app.ui.shell.style import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Parcelproof")
    apply_style(app)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="pp-shots-") as tmp:
        snapshot_translations(Path(tmp) / "translations")
        db, day = build_database(Path(tmp), orders)
        print(
            f"demo day: {len(day.printed)} printed, {len(day.verified)} verified, "
            f"{len(day.weighed)} weighed, {len(day.held)} held, {len(day.handed_over)} handed over",
            flush=True,
        )
        stage = Stage(db, day)
        clipped = day.handed_over[0] if day.handed_over else ""
        if clipped:
            record_demo_clip(db, clipped, Path(tmp) / "video")
        specs = {c.STATION: c for c in available_stations()}
        for lang in langs:
            install_translators(app, lang)
            folder = out if lang == langs[0] else out / lang
            folder.mkdir(parents=True, exist_ok=True)
            settings = Settings(lang=lang, station_name="演示台 1", idle_lock_minutes=600)
            ctx = StationContext(
                db=db,
                operator=find_operator(db, "1001"),
                settings=settings,
                station_name=settings.station_name,
                demo=True,
                extras={"pdf_folder": str(Path(tempfile.gettempdir()) / "parcelproof-demo")},
            )
            # one window, stations opened one after the other as on the floor (F2, choose)
            window = MainWindow(ctx)
            window.resize(*SIZE)
            window.move(0, 0)
            window.show()
            try:
                for name, spec in specs.items():
                    op = find_operator(db, OPERATOR_FOR.get(name, "1001"))
                    if not allowed(spec, op):
                        op = find_operator(db, "1008")
                    window.operator = op
                    settle(app, 0.2)  # the previous station's jobs are done
                    try:
                        if not window.open_station(name):
                            failures.append(f"{lang}/{name}: did not open")
                            continue
                        settle(app, 0.1)  # the station before is gone: back to the screen size
                        window.resize(*SIZE)
                        settle(app, 1.2)
                        stage.prepare(name, window.station, app)
                        settle(app, 1.5)
                        path = folder / f"{name}.png"
                        image = window.grab().toImage()
                        optimise(path, image)
                        print(path, flush=True)
                        if (image.width(), image.height()) != SIZE:
                            print(
                                f"screenshots: warning: {lang}/{name} needs "
                                f"{image.width()}x{image.height()}, more than the "
                                f"{SIZE[0]}x{SIZE[1]} screen",
                                file=sys.stderr,
                                flush=True,
                            )
                    except Exception as exc:  # noqa: BLE001 - report every station, then fail
                        failures.append(f"{lang}/{name}: {type(exc).__name__}: {exc}")
                if clipped:
                    try:
                        window.operator = find_operator(db, OPERATOR_FOR["dispute"])
                        print(shoot_dispute_video(window, app, folder, clipped), flush=True)
                    except Exception as exc:  # noqa: BLE001
                        failures.append(f"{lang}/dispute-video: {type(exc).__name__}: {exc}")
                window.show_chooser()
                settle(app, 0.2)
            finally:
                window.release_app_filters()
                window.close()
                window.deleteLater()
                settle(app, 0.3)
        db.dispose()
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--lang", nargs="+", default=["zh_CN", "en"], choices=["zh_CN", "en"])
    ap.add_argument("--orders", type=int, default=300)
    args = ap.parse_args(argv)
    os.environ.pop("PARCELPROOF_DB", None)
    # the demo floor is in China: the stations that show "local time" show Beijing time
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    with x_display():
        failures = shoot(args.out.resolve(), args.lang, args.orders)
    for f in failures:
        print(f"screenshots: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
