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


def cmd_db_grant_station(args: argparse.Namespace) -> int:
    """An admin's act like ``db upgrade``: run with the schema owner's ``--db`` URL, whose
    credentials are the authority (a station's login could not grant anything)."""
    from app.cli.common import role_message
    from app.db.roles import RoleRefused, grant_station

    password = args.password or os.environ.get("PARCELPROOF_STATION_PASSWORD", "") or None
    db = _ready_db(args)
    try:
        done = grant_station(db, args.role, password)
    except RoleRefused as exc:
        raise UsageError(role_message(exc, getattr(args, "lang", None))) from None
    finally:
        db.dispose()
    _print_json(done)
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
        if exc.code == "reason_required":
            raise UsageError("--reason must not be empty") from None
        from app.cli.messages import worded

        raise UsageError(worded(exc, args.lang)) from None
    _print_json([r.__dict__ for r in results])
    return 1 if all(r.outcome == "too_late" for r in results) else 0


def cmd_verify_log(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from app.db.chain import CheckpointNotFound, resolve_checkpoint, verify_chain
    from app.db.models import ChainHead
    from app.services.video import check_clip_files

    db = _ready_db(args)
    with db.read() as s:
        since, since_hash = 0, None
        if args.since:
            try:
                since, since_hash = resolve_checkpoint(s, args.since)
            except CheckpointNotFound as exc:
                raise UsageError(f"verify-log --since: {exc}") from None
        bar = None
        if not since and sys.stderr.isatty():  # the full check: a progress bar on a terminal
            from tqdm import tqdm

            total = s.scalar(select(func.coalesce(func.max(ChainHead.seq), 0)))
            bar = tqdm(total=total, unit=" events", unit_scale=True, file=sys.stderr, leave=False)
        done = 0

        def progress(n: int) -> None:
            nonlocal done
            if bar is not None:
                bar.update(n - done)
            done = n

        try:
            rep = verify_chain(s, since=since, since_hash=since_hash, progress=progress)
        finally:
            if bar is not None:
                bar.close()
    if not rep.intact:
        print(f"evidence chain BROKEN at event #{rep.event_seq}: {rep.problem}")
    elif since:
        print(
            f"evidence chain intact since checkpoint #{since}: {rep.events} events checked, "
            f"head {rep.head[:16]}"
        )
    else:
        print(f"evidence chain intact: {rep.events} events, head {rep.head[:16]}")
    clips = check_clip_files(db, since=since)
    for p in clips.problems:
        what = (
            "changed since it was recorded"
            if p.problem == "changed"
            else ("gone without a recorded expiry")
        )
        print(f"packing video clip of event #{p.seq} {what}: {p.file}")
    if clips.checked or clips.present or clips.expired or clips.elsewhere:
        older = f", {clips.present} older found (hashed by the full check)" if since else ""
        print(
            f"packing video: {clips.checked} clip files checked, {clips.expired} expired, "
            f"{clips.elsewhere} on other stations{older}"
        )
    return 0 if rep.intact and clips.ok else 1


def _check_camera(url: str) -> None:
    from devices.camera import parse_source
    from devices.errors import DeviceError

    try:
        parse_source(url)
    except DeviceError as exc:
        raise UsageError(f"--camera: {exc.message}") from None


def _authenticate(args: argparse.Namespace) -> None:
    """Before a sub-command runs: who it will record, checked (`app.cli.common.signed_in`).

    A privileged command (``privileged``: the roles its act needs) always needs ``--operator``
    and that person's PIN; any other command whose ``--operator`` is a supervisor or admin
    needs the PIN too, since the record would name them. Commands that name nobody
    (``operator_free``) are left alone. ``empty_ok``: a database without a schema or without
    an active admin has nobody to ask (a restore onto a new machine)."""
    from app.cli.common import signed_in

    roles = tuple(getattr(args, "privileged", ()) or ())
    if not roles and (getattr(args, "operator_free", False) or not args.operator):
        return
    if roles and getattr(args, "empty_ok", False) and _nobody_to_ask(args):
        return
    db = ready_db(args)
    try:
        args.operator = signed_in(args, db, roles)
    finally:
        db.dispose()


def _nobody_to_ask(args: argparse.Namespace) -> bool:
    from sqlalchemy import select

    from app.db.migrate import SchemaMismatch, check_schema
    from app.db.models import Operator, Role

    db = _db(args)
    try:
        try:
            check_schema(db)
        except SchemaMismatch as exc:
            return exc.code == "schema_missing"
        with db.read() as s:
            admin = s.scalar(
                select(Operator.id).where(Operator.role == Role.ADMIN.value, Operator.active)
            )
        return admin is None
    finally:
        db.dispose()


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
        func=cmd_db_upgrade, operator_free=True
    )
    gs = dbsub.add_parser(
        "grant-station",
        help="(PostgreSQL, as the schema's owner) a login role for the stations: it does the "
        "floor's work, only adds to the evidence, and owns nothing",
    )
    gs.add_argument("role", help="the role's name, e.g. parcelproof_station")
    gs.add_argument(
        "--password", help="its password (or $PARCELPROOF_STATION_PASSWORD); kept as SCRAM"
    )
    gs.set_defaults(func=cmd_db_grant_station, privileged=("admin",), empty_ok=True)

    demo = sub.add_parser("demo-data", help="fill the database with realistic demo data")
    demo.add_argument("--orders", type=int, default=200)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(func=cmd_demo_data, operator_free=True)

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
    vl.add_argument(
        "--since",
        metavar="CHECKPOINT",
        help="check only the events after a checkpoint (a daily report's chain head): "
        "'last', its # or its hash; the checkpoint itself must still be on the chain",
    )
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


def args_db(argv: Sequence[str]) -> str | None:
    """``--db`` as given (the parser may not have finished when a refusal is worded)."""
    for i, a in enumerate(argv):
        if a == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--db="):
            return a.split("=", 1)[1]
    return None


def _privilege_message(db_arg: str | None, exc: BaseException) -> str:
    from sqlalchemy.engine import make_url

    from app.cli.common import role_text
    from app.db.engine import default_url, normalise_url, privilege_detail

    try:
        login = make_url(normalise_url(db_arg or default_url())).username or ""
    except Exception:  # noqa: BLE001 - a URL we cannot read: say it without the name
        login = ""
    return role_text("privilege", {"login": login or "?", "detail": privilege_detail(exc)})


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
        _authenticate(args)
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

        from app.db.engine import is_privilege_error

        if is_privilege_error(exc):  # a station's login asked for what it may not do
            print(f"parcelproof: {_privilege_message(args_db(argv), exc)}", file=sys.stderr)
            return 2
        if isinstance(exc, DatabaseError) or type(exc).__module__.startswith("sqlalchemy"):
            print(f"parcelproof: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
