"""The `parcelproof` command line: the desktop client by default, sub-commands for headless work.

Exit codes (docs/dev/contract.md): 0 success, 1 a check that failed, 2 bad input or usage,
with one line on stderr naming the file, line or value at fault.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.cli.common import UsageError, print_json, ready_db
from app.domain.stations import STATION_NAMES


def _db(args: argparse.Namespace):
    from app.db.engine import open_database

    return open_database(args.db)


_ready_db = ready_db
_print_json = print_json


# --- sub-commands ----------------------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade

    rev = upgrade(_db(args))
    _print_json({"revision": rev})
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade
    from app.services.demo import make_demo_data

    if args.orders < 0:
        raise UsageError(f"--orders must be 0 or more, not {args.orders}")
    db = _db(args)
    upgrade(db)
    summary = make_demo_data(db, args.orders, seed=args.seed)
    _print_json(summary.__dict__)
    return 0


def _colmap(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    p = Path(text)
    try:
        if p.exists():
            data = json.loads(p.read_text(encoding="utf-8"))
        elif text.lstrip().startswith("{"):
            data = json.loads(text)
        else:
            data = dict(part.split("=", 1) for part in text.split(",") if part)
    except (ValueError, OSError) as exc:
        raise UsageError(f"--map {text!r}: not a column map ({exc})") from None
    if not isinstance(data, dict):
        raise UsageError(f"--map {text!r}: not a column map")
    from app.importers.tables import norm_header

    return {str(k): norm_header(v) for k, v in data.items()}


def _run_import(fn: Callable[[], object]) -> int:
    from app.importers.tables import UnreadableFile

    try:
        result = fn()
    except UnreadableFile as exc:
        raise UsageError(str(exc)) from None
    _print_json(result.as_json())  # type: ignore[attr-defined]
    return 0


def cmd_import_orders(args: argparse.Namespace) -> int:
    from app.services.importing import import_orders

    db = _ready_db(args)
    return _run_import(
        lambda: import_orders(
            db,
            args.file,
            platform=None if args.platform in (None, "auto") else args.platform,
            lines_path=args.lines,
            colmap=_colmap(args.map),
            operator=args.operator or "",
            station="cli",
        )
    )


def cmd_import_products(args: argparse.Namespace) -> int:
    from app.services.importing import import_products

    db = _ready_db(args)
    return _run_import(lambda: import_products(db, args.file))


def cmd_import_waybills(args: argparse.Namespace) -> int:
    from app.services.importing import import_waybill_numbers

    db = _ready_db(args)
    return _run_import(lambda: import_waybill_numbers(db, args.carrier, args.file))


def cmd_show(args: argparse.Namespace) -> int:
    from app.domain.privacy import mask_name
    from app.services.orders import show

    stories = show(_ready_db(args), args.key)
    if args.json:
        _print_json(stories)
    else:
        for st in stories:
            print(
                f"{st['order_no']}  {st['status']}  {st['waybill_no'] or '-'}  "
                f"{mask_name(st['receiver_name'])}  {st['address']}"
            )
            for li in st["lines"]:
                print(f"    {li['sku']:<14} {li['name']} × {li['qty']}")
    if not stories:
        print(f"no order matches {args.key!r}", file=sys.stderr)
        return 1
    return 0


def cmd_intercept(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.orders import intercept

    try:
        results = intercept(
            _ready_db(args), args.key, args.reason, operator=args.operator or "", station="cli"
        )
    except ServiceError as exc:
        if exc.code == "order_not_found":
            print(f"no order matches {args.key!r}", file=sys.stderr)
            return 1
        raise UsageError("--reason must not be empty") from None
    _print_json([r.__dict__ for r in results])
    return 1 if all(r.outcome == "too_late" for r in results) else 0


def cmd_verify_log(args: argparse.Namespace) -> int:
    from app.db.chain import verify_chain
    from app.services.video import check_clip_files

    db = _ready_db(args)
    with db.read() as s:
        rep = verify_chain(s)
    if rep.intact:
        print(f"evidence chain intact: {rep.events} events, head {rep.head[:16]}")
    else:
        print(f"evidence chain BROKEN at event #{rep.event_seq}: {rep.problem}")
    clips = check_clip_files(db)
    for p in clips.problems:
        what = (
            "changed since it was recorded"
            if p.problem == "changed"
            else ("gone without a recorded expiry")
        )
        print(f"packing video clip of event #{p.seq} {what}: {p.file}")
    if clips.checked or clips.expired or clips.elsewhere:
        print(
            f"packing video: {clips.checked} clip files checked, {clips.expired} expired, "
            f"{clips.elsewhere} on other stations"
        )
    return 0 if rep.intact and clips.ok else 1


def _check_camera(url: str) -> None:
    from devices.camera import parse_source
    from devices.errors import DeviceError

    try:
        parse_source(url)
    except DeviceError as exc:
        raise UsageError(f"--camera: {exc.message}") from None


# --- the parser ------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="parcelproof", description="Dispatch stations for an online shop.")
    p.add_argument("--db", help="SQLAlchemy URL (default $PARCELPROOF_DB or a local SQLite file)")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="UI and report language")
    p.add_argument("--demo", action="store_true", help="fresh demo database, simulated devices")
    p.add_argument("--station", choices=STATION_NAMES, help="open this station directly")
    p.add_argument("--operator", help="sign in as this operator (工号)")
    p.add_argument("--scale", help="scale port URL for this run")
    p.add_argument("--scale-protocol", default="auto", help="scale protocol name or auto")
    p.add_argument(
        "--camera",
        help="packing-video camera for this run: v4l2:/dev/videoN, rtsp://…, http://… (MJPEG)"
        " or test:",
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    db = sub.add_parser("db", help="database schema")
    dbsub = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    dbsub.add_parser("upgrade", help="create or migrate the schema").set_defaults(
        func=cmd_db_upgrade
    )

    demo = sub.add_parser("demo-data", help="fill the database with realistic demo data")
    demo.add_argument("--orders", type=int, default=200)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(func=cmd_demo_data)

    imp = sub.add_parser("import", help="import orders, products, waybill numbers")
    isub = imp.add_subparsers(dest="what", required=True, parser_class=_Parser)
    io = isub.add_parser("orders", help="platform order export (CSV/XLSX)")
    io.add_argument("file")
    io.add_argument("--lines", help="Taobao ExportOrderDetailList file (order lines)")
    io.add_argument("--platform", choices=("taobao", "jd", "pdd", "generic", "auto"))
    io.add_argument("--map", help="column map: JSON file, JSON text or field=列名,…")
    io.set_defaults(func=cmd_import_orders)
    ip = isub.add_parser("products", help="products: SKU, name, barcodes, grams, bin")
    ip.add_argument("file")
    ip.set_defaults(func=cmd_import_products)
    iw = isub.add_parser("waybill-numbers", help="a carrier's waybill-number ranges")
    iw.add_argument("--carrier", required=True)
    iw.add_argument("file")
    iw.set_defaults(func=cmd_import_waybills)

    show = sub.add_parser("show", help="an order's story by waybill, order number or phone tail")
    show.add_argument("key")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    icp = sub.add_parser("intercept", help="cancel an order; every station stops it from now on")
    icp.add_argument("key")
    icp.add_argument("--reason", required=True)
    icp.set_defaults(func=cmd_intercept)

    vl = sub.add_parser("verify-log", help="check the evidence hash chain")
    vl.set_defaults(func=cmd_verify_log)

    import importlib

    from app.cli.common import CLI_MODULES

    for name in CLI_MODULES:
        try:
            mod = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.cli.{name}":
                raise
            continue  # that part is not built yet
        mod.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.lang:
            os.environ["PARCELPROOF_LANG"] = args.lang
        if getattr(args, "func", None) is None:
            if args.camera:
                _check_camera(args.camera)
            from app.ui.shell.main import run_gui

            return run_gui(args)
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"parcelproof: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `parcelproof … | head`: the reader left, nothing to report
        sys.stderr.close()
        return 0
    except Exception as exc:  # database gone, disk full: one line, not a traceback
        from app.db.engine import DatabaseError
        from app.db.migrate import SchemaMismatch

        if isinstance(exc, SchemaMismatch):  # `db upgrade` on a newer database
            from app.cli.common import schema_message

            print(f"parcelproof: {schema_message(exc)}", file=sys.stderr)
            return 2

        if isinstance(exc, DatabaseError) or type(exc).__module__.startswith("sqlalchemy"):
            print(f"parcelproof: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
