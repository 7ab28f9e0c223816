"""What every CLI module shares: the usage error and JSON output.

`UsageError` lives here, not in ``app.__main__``: under ``python -m app`` that module is loaded
as ``__main__`` and importing ``app.__main__`` would make a second, different class.
"""

from __future__ import annotations

import argparse
import json
import sys


class UsageError(Exception):
    """Bad input or usage: printed as one line, exit 2."""


def print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def ready_db(args: argparse.Namespace):
    """Open ``--db`` and make sure its schema is the one this program needs."""
    from app.db.engine import open_database
    from app.db.migrate import SchemaMismatch, check_schema

    db = open_database(args.db)
    try:
        check_schema(db)
    except SchemaMismatch as exc:
        raise UsageError(str(exc)) from None
    return db


#: CLI modules under app/cli that add sub-commands with ``register(subparsers)``.
CLI_MODULES = ("scale", "printing", "stations", "weighing", "shipping", "floor", "bench")
