"""``parcelproof backup FILE`` / ``parcelproof restore FILE [--force] [--keep-dir DIR]``."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import UsageError, operator_pin, print_json, ready_db
from app.cli.messages import worded


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.backup import backup, backup_info
    from app.services.errors import ServiceError

    db = ready_db(args)
    try:
        out = backup(db, args.file)
        info = backup_info(out, db)
    except ServiceError as exc:
        raise UsageError(worded(exc, args.lang)) from None
    answer: dict[str, object] = {"backup": str(out), "bytes": out.stat().st_size}
    if info is not None:
        answer.update(revision=info.revision, events=info.events, head=info.head)
    print_json(answer)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.db.engine import open_database
    from app.services.backup import restore
    from app.services.errors import ServiceError

    operator, pin = operator_pin(args) if args.force else ("", None)
    db = open_database(args.db)
    try:
        done = restore(
            db, args.file, force=args.force, operator=operator, pin=pin, keep_dir=args.keep_dir
        )
    except ServiceError as exc:
        raise UsageError(worded(exc, args.lang)) from None
    finally:
        db.dispose()
    print_json(done.as_json())
    return 0


def register(subparsers: Any) -> None:
    b = subparsers.add_parser("backup", help="a consistent copy of the database")
    b.add_argument("file")
    b.set_defaults(func=cmd_backup)
    r = subparsers.add_parser("restore", help="replace the database with a backup")
    r.add_argument("file")
    r.add_argument(
        "--force",
        action="store_true",
        help="restore a backup whose evidence chain does not verify, or while stations are "
        "connected (an administrator's --operator and PIN; recorded on the chain)",
    )
    r.add_argument(
        "--keep-dir",
        help="folder for the copy of the replaced PostgreSQL database (default: the user "
        "data folder's kept/); a SQLite database is kept beside its file",
    )
    # replacing the floor's database is an admin's act (a database with nobody to ask is not)
    r.set_defaults(func=cmd_restore, privileged=("admin",), empty_ok=True)
