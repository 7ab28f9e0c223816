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
        "schema_older_station": "the database schema ({have}) is older than this program "
        "({want}); this station signs in as {login}, which may not change the schema: the "
        "database's owner must run `parcelproof db upgrade` first",
        "schema_newer": "this program is older than the database (schema {have}, program "
        "{want}): update this station",
    },
    "zh_CN": {
        "schema_missing": "数据库还没有表结构：请运行 `parcelproof db upgrade`",
        "schema_older": "数据库结构（{have}）比本程序（{want}）旧：请运行 `parcelproof db upgrade`",
        "schema_older_station": "数据库结构（{have}）比本程序（{want}）旧；本工作站以 {login} "
        "登录数据库，无权修改表结构：请数据库所有者先运行 `parcelproof db upgrade`",
        "schema_newer": "本程序比数据库旧（数据库 {have}，程序 {want}）：请更新本工作站的程序",
    },
}

#: `app.db.roles.RoleRefused` codes (``db grant-station``) worded for the command line.
ROLE_TEXTS = {
    "en": {
        "not_postgresql": "grant-station is for a PostgreSQL server; a SQLite file has no "
        "roles (give --db the owner's postgresql:// URL)",
        "bad_role_name": "{role!r} cannot be a role name: use lower-case letters, digits and "
        "_ (at most 63), starting with a letter",
        "role_is_owner": "{role} is the owner of the schema, or may act as it: the stations "
        "need a role of their own that owns nothing",
        "role_too_strong": "{role} is a superuser, a replication role or bypasses row security: it could alter "
        "the evidence; choose another name for the stations' role",
        "role_owns_objects": "{role} owns tables or other objects in this database: the "
        "stations' role must own nothing",
        "role_may_create": "{role} could still create tables in the schema (PUBLIC may): "
        "revoke CREATE on the schema from PUBLIC as its owner, then run this again",
        "grant_refused": "the database refused to make or change role {role} ({detail}): run "
        "this as the schema's owner, with the right to create roles",
        "privilege": "the database refused this to the login {login}: {detail}",
    },
    "zh_CN": {
        "not_postgresql": "grant-station 只用于 PostgreSQL 服务器；SQLite 文件没有角色"
        "（--db 请给所有者的 postgresql:// 地址）",
        "bad_role_name": "{role!r} 不能作角色名：请用小写字母、数字和 _（最多 63 个），以字母开头",
        "role_is_owner": "{role} 是表结构的所有者，或能以所有者身份操作：工作站需要一个"
        "自己的、不拥有任何对象的角色",
        "role_too_strong": "{role} 是超级用户、复制角色或能绕过行级安全：它能改动证据；请为工作站角色另取一个名字",
        "role_owns_objects": "{role} 在本数据库中拥有表或其他对象：工作站角色不能拥有任何对象",
        "role_may_create": "{role} 仍能在该 schema 中建表（PUBLIC 有此权限）：请由 schema "
        "所有者撤销 PUBLIC 的 CREATE 权限后再运行一次",
        "grant_refused": "数据库拒绝创建或修改角色 {role}（{detail}）：请以表结构所有者、"
        "且有创建角色权限的身份运行",
        "privilege": "数据库拒绝了登录身份 {login} 的这项操作：{detail}",
    },
}


def role_text(code: str, params: dict, lang: str | None = None) -> str:
    """A `ROLE_TEXTS` code in one line of the user's language (``--lang``, then the system)."""
    from app.settings import choose_language

    texts = ROLE_TEXTS.get(choose_language(lang), ROLE_TEXTS["en"])
    text = texts.get(code, code)
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def role_message(exc: Exception, lang: str | None = None) -> str:
    """A `app.db.roles.RoleRefused` in one line of the user's language."""
    return role_text(getattr(exc, "code", ""), getattr(exc, "params", {}), lang)


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
