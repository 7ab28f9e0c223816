"""Starting the desktop client: language, database, sign-in, main window."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db.engine import Database, DatabaseError, open_database
from app.services.operators import OperatorInfo
from app.settings import choose_language, load_settings
from app.ui.kit import sound
from app.ui.kit.context import StationContext
from app.ui.kit.texts import exception_text
from app.ui.shell.i18n import install_translators
from app.ui.shell.icons import DESKTOP_FILE, app_icon
from app.ui.shell.main_window import MainWindow
from app.ui.shell.signin import SignInDialog
from app.ui.shell.style import apply_style

DEMO_ORDERS = 300


def make_demo_database() -> Database:
    """A fresh SQLite database in a temp dir with demo data (``--demo``)."""
    from app.db.migrate import upgrade
    from app.services.demo import make_demo_data
    from app.services.floortime import load_floor_zone

    folder = Path(tempfile.mkdtemp(prefix="parcelproof-demo-"))
    db = open_database(f"sqlite:///{folder / 'demo.db'}", background_checkpoint=True)
    upgrade(db)
    make_demo_data(db, DEMO_ORDERS, seed=1)
    load_floor_zone(db)
    return db


def open_station_database(url: str | None) -> Database:
    """Open the configured database; a local SQLite file gets its schema made or migrated.

    A shared server with another schema version is refused with a plain message
    (`SchemaMismatch`): upgrading a floor's server is a deliberate step.
    """
    from app.db.migrate import SchemaMismatch, check_schema, upgrade
    from app.services.floortime import load_floor_zone

    db = open_database(url, background_checkpoint=True)
    try:
        check_schema(db)
    except SchemaMismatch:
        if not db.is_sqlite:
            raise
        upgrade(db)
    load_floor_zone(db)  # the floor's clock for every screen of this station
    return db


def _fatal(title: str, text: str) -> int:
    print(f"parcelproof: {text}", file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        QMessageBox.critical(None, title, text)
    return 2


def _report_start() -> None:
    """For `parcelproof bench`: ms since this process started, and resident memory (Linux)."""
    import json

    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat") as fh:
            start = int(fh.read().rsplit(")", 1)[1].split()[19]) / ticks
        with open("/proc/uptime") as fh:
            now = float(fh.read().split()[0])
        with open("/proc/self/status") as fh:
            rss_kb = next(int(x.split()[1]) for x in fh if x.startswith("VmRSS:"))
    except (OSError, ValueError, StopIteration):
        return
    print(
        json.dumps({"shown_ms": round((now - start) * 1000), "rss_mb": round(rss_kb / 1024)}),
        flush=True,
    )


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Parcelproof")
    app.setOrganizationName("Parcelproof")
    settings = load_settings()
    lang = choose_language(getattr(args, "lang", None), settings.lang)
    settings.lang = lang
    install_translators(app, lang)
    apply_style(app)
    app.setWindowIcon(app_icon())  # the sign-in dialog and every window
    app.setDesktopFileName(DESKTOP_FILE)  # Wayland matches the window to the .desktop entry

    from app.db.migrate import SchemaMismatch

    try:
        if args.demo:
            db = make_demo_database()
        else:
            db = open_station_database(args.db or settings.db_url or None)
    except SchemaMismatch as exc:  # worded in the user's language (texts.error_text)
        return _fatal(app.translate("Startup", "Database"), exception_text(exc))
    except (DatabaseError, Exception) as exc:  # noqa: BLE001 - database gone: say so, no trace
        return _fatal(
            app.translate("Startup", "Database"),
            app.translate("Startup", "The database cannot be opened: {detail}").format(
                detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            ),
        )

    operator: OperatorInfo | None = None
    if args.operator:
        from app.services.operators import find_operator

        try:
            operator = find_operator(db, args.operator)
        except Exception as exc:  # noqa: BLE001 - unknown operator: one line, exit 2
            return _fatal(app.translate("Startup", "Sign in"), exception_text(exc))
    else:
        hint = ""
        if args.demo:
            hint = app.translate(
                "Startup",
                "Demo: badges OP1001 (supervisor, PIN 0000) to OP1008; staff numbers work too.",
            )
        dlg = SignInDialog(db, hint=hint)
        if not dlg.exec() or dlg.operator is None:
            return 0
        operator = dlg.operator

    ctx = StationContext(
        db=db,
        operator=operator,
        settings=settings,
        station_name=settings.station_name or socket.gethostname(),
        demo=args.demo,
    )
    if args.scale:
        settings.scale_port, settings.scale_protocol = args.scale, args.scale_protocol
    # packing video: the camera for this run (kept off the settings file, which stations
    # save); a station records from ctx.extras["camera"], else settings.camera
    camera = getattr(args, "camera", None) or ("test:" if args.demo else "")
    if camera:
        ctx.extras["camera"] = camera
    window = MainWindow(ctx)
    station = args.station or settings.station
    if station:
        window.open_station(station)
    window.show_on_floor()
    if os.environ.get("PARCELPROOF_REPORT_START"):
        QTimer.singleShot(0, _report_start)
    if os.environ.get("PARCELPROOF_EXIT_AFTER_START"):
        QTimer.singleShot(0, app.quit)
    else:
        # look for the audio device once the window is up, not at the first scan's verdict
        QTimer.singleShot(300, lambda: sound.player().audio_available)
    code = app.exec()
    window.release_app_filters()
    window.close()
    window.deleteLater()
    db.dispose()
    return int(code)
