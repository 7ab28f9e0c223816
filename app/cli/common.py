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


#: `app.db.migrate.SchemaMismatch` codes worded for the command line (no Qt here).
SCHEMA_TEXTS = {
    "en": {
        "schema_missing": "the database has no schema yet: run `parcelproof db upgrade`",
        "schema_older": "the database schema ({have}) is older than this program ({want}): "
        "run `parcelproof db upgrade`",
        "schema_newer": "this program is older than the database (schema {have}, program "
        "{want}): update this station",
    },
    "zh_CN": {
        "schema_missing": "数据库还没有表结构：请运行 `parcelproof db upgrade`",
        "schema_older": "数据库结构（{have}）比本程序（{want}）旧：请运行 `parcelproof db upgrade`",
        "schema_newer": "本程序比数据库旧（数据库 {have}，程序 {want}）：请更新本工作站的程序",
    },
}


def schema_message(exc: Exception, lang: str | None = None) -> str:
    """A `SchemaMismatch` in one line of the user's language (``--lang``, then the system)."""
    from app.settings import choose_language

    texts = SCHEMA_TEXTS.get(choose_language(lang), SCHEMA_TEXTS["en"])
    text = texts.get(getattr(exc, "code", ""), str(exc))
    return text.format(**getattr(exc, "params", {}))


def ready_db(args: argparse.Namespace):
    """Open ``--db`` and make sure its schema is the one this program needs."""
    from app.db.engine import open_database
    from app.db.migrate import SchemaMismatch, check_schema
    from app.services.floortime import load_floor_zone

    db = open_database(args.db)
    try:
        check_schema(db)
    except SchemaMismatch as exc:
        db.dispose()
        raise UsageError(schema_message(exc, getattr(args, "lang", None))) from None
    load_floor_zone(db)  # reports and documents on the floor's clock
    return db


#: CLI modules under app/cli that add sub-commands with ``register(subparsers)``.
CLI_MODULES = (
    "scale",
    "printing",
    "stations",
    "weighing",
    "shipping",
    "floor",
    "bench",
    "reports",
    "accounts",
    "video",
)


def operator_pin(args) -> tuple[str, str]:
    """The ``--operator`` of a privileged command and their PIN: ``$PARCELPROOF_PIN``, else
    asked on a terminal; without either the command is refused (docs/dev/contract.md)."""
    import getpass
    import os

    if not getattr(args, "operator", None):
        raise UsageError("this command needs --operator: the 工号 of the person doing it")
    pin = os.environ.get("PARCELPROOF_PIN", "")
    if not pin and sys.stdin.isatty():
        pin = getpass.getpass(f"PIN of {args.operator}: ")
    if not pin:
        raise UsageError(f"the PIN of {args.operator} is needed: set $PARCELPROOF_PIN")
    return args.operator, pin
