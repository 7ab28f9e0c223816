"""``parcelproof backup FILE`` / ``parcelproof restore FILE``."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import UsageError, print_json, ready_db


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.backup import backup
    from app.services.errors import ServiceError

    try:
        out = backup(ready_db(args), args.file)
    except ServiceError as exc:
        raise UsageError(f"backup: {exc.code} {exc.params}") from None
    print_json({"backup": str(out), "bytes": out.stat().st_size})
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.db.engine import open_database
    from app.services.backup import restore
    from app.services.errors import ServiceError

    try:
        restore(open_database(args.db), args.file)
    except ServiceError as exc:
        raise UsageError(f"restore: {exc.code} {exc.params}") from None
    print_json({"restored": args.file})
    return 0


def register(subparsers: Any) -> None:
    b = subparsers.add_parser("backup", help="a consistent copy of the database")
    b.add_argument("file")
    b.set_defaults(func=cmd_backup)
    r = subparsers.add_parser("restore", help="replace the database with a backup")
    r.add_argument("file")
    # replacing the floor's database is an admin's act (a database with nobody to ask is not)
    r.set_defaults(func=cmd_restore, privileged=("admin",), empty_ok=True)
