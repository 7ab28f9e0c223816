"""What every CLI module shares: the usage error and JSON output.

`UsageError` lives here, not in ``app.__main__``: under ``python -m app`` that module is loaded
as ``__main__`` and importing ``app.__main__`` would make a second, different class.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


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
    "operators",
)


#: waiting before a PIN may be tried again (a module attribute so tests need not wait)
sleep = time.sleep

#: who may act and with which PIN, worded for the command line (`app.ui.kit.texts` for screens)
PIN_TEXTS = {
    "en": {
        "needs_operator": "this command needs --operator: the 工号 of the person doing it",
        "needs_pin": "the PIN of {operator} is needed: set $PARCELPROOF_PIN or type it on a "
        "terminal",
        "pin_required": "the PIN of {operator} is needed: set $PARCELPROOF_PIN or type it on "
        "a terminal",
        "wrong_pin": "wrong PIN for {operator} ({left} more wrong in a row lock the badge)",
        "pin_wait": "a PIN for {operator} was wrong just now: try again in {wait} s",
        "badge_locked": "the badge of {operator} is locked after too many wrong PINs until "
        "{until}; an admin can unlock it (parcelproof operator unlock {operator})",
        "pin_too_short": "this floor needs PINs of {digits} digits: ask the admin for a new "
        "{digits}-digit PIN for {operator}",
        "badge_not_locked": "the badge of {operator} is not locked",
        "not_allowed": "operator {operator} may not do this (needs: {roles})",
        "unknown_badge": "no operator has the badge or 工号 {badge}",
        "unknown_operator": "no operator has the 工号 {operator}",
        "operator_inactive": "operator {operator} is no longer active",
    },
    "zh_CN": {
        "needs_operator": "此命令需要 --operator：操作人的工号",
        "needs_pin": "需要 {operator} 的 PIN 码：请设置 $PARCELPROOF_PIN 或在终端输入",
        "pin_required": "需要 {operator} 的 PIN 码：请设置 $PARCELPROOF_PIN 或在终端输入",
        "wrong_pin": "{operator} 的 PIN 码错误（再连续错 {left} 次工牌将被锁定）",
        "pin_wait": "{operator} 的 PIN 码刚刚输错：请 {wait} 秒后再试",
        "badge_locked": "{operator} 的工牌因多次输错 PIN 码已锁定，至 {until}；管理员可以解锁"
        "（parcelproof operator unlock {operator}）",
        "pin_too_short": "本现场要求 {digits} 位 PIN 码：请找管理员为 {operator} 设置新的 {digits} 位 PIN 码",
        "badge_not_locked": "{operator} 的工牌没有被锁定",
        "not_allowed": "操作员 {operator} 无权执行此操作（需要：{roles}）",
        "unknown_badge": "没有工牌或工号为 {badge} 的操作员",
        "unknown_operator": "没有工号为 {operator} 的操作员",
        "operator_inactive": "操作员 {operator} 已停用",
    },
}


def pin_message(code: str, params: dict | None = None, lang: str | None = None) -> str | None:
    """A PIN or permission refusal in one line of the user's language; None for other codes."""
    from app.settings import choose_language

    texts = PIN_TEXTS.get(choose_language(lang), PIN_TEXTS["en"])
    text = texts.get(code)
    if text is None:
        return None
    try:
        return text.format(**(params or {}))
    except (KeyError, IndexError):
        return text


def operator_pin(args) -> tuple[str, str]:
    """The ``--operator`` of a privileged command and their PIN: ``$PARCELPROOF_PIN``, else
    asked on a terminal; without either the command is refused (docs/dev/contract.md)."""
    import getpass
    import os

    lang = getattr(args, "lang", None)
    if not getattr(args, "operator", None):
        raise UsageError(pin_message("needs_operator", lang=lang))
    pin = getattr(args, "typed_pin", "") or os.environ.get("PARCELPROOF_PIN", "")
    if not pin and sys.stdin.isatty():
        pin = getpass.getpass(f"PIN {args.operator}: ")
    if not pin:
        raise UsageError(pin_message("needs_pin", {"operator": args.operator}, lang))
    args.typed_pin = pin  # asked once per run: a command that checks it again is not asked twice
    return args.operator, pin


def signed_in(args, db, roles: tuple[str, ...] = ()) -> str:
    """Who the command records: ``--operator`` checked before anything is done.

    A privileged command (``roles`` given: supervisor or admin) needs that person's PIN; so
    does any command whose ``--operator`` is a supervisor or admin, because the record would
    name them. A wrong PIN counts towards the badge's lock like at a station; a try that comes
    too early waits (sleeps) first. Returns the operator's 工号; refusals are one line, exit 2.
    """
    from app.services.errors import ServiceError
    from app.services.operators import authorize, find_operator, sign_in

    lang = getattr(args, "lang", None)
    if not getattr(args, "operator", None):
        if roles:
            raise UsageError(pin_message("needs_operator", lang=lang))
        return ""
    try:
        info = find_operator(db, args.operator)
        if not roles and not info.needs_pin:
            return info.code
        if roles:  # the role first: nobody types a PIN for an act they may not do
            from app.services.operators import require_role

            require_role(db, info.code, roles)
        _, pin = operator_pin(args)
        for attempt in (1, 2):
            try:
                if roles:
                    return authorize(db, info.code, pin, roles, station="cli").code
                return sign_in(db, info.code, pin, station="cli").code
            except ServiceError as exc:
                if exc.code != "pin_wait" or attempt == 2:
                    raise
                sleep(int(exc.params.get("wait", 1)))  # type: ignore[call-overload]
    except ServiceError as exc:
        raise UsageError(pin_message(exc.code, exc.params, lang) or exc.code) from None
    raise AssertionError("unreachable")
