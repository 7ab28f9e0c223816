"""``parcelproof operator unlock CODE``: an admin lifts the lock on a badge after too many
wrong PINs (docs/dev/contract.md). The admin's own ``--operator`` and PIN (``$PARCELPROOF_PIN``
or asked on a terminal); the unlock is a ``badge_unlocked`` event naming the admin."""

from __future__ import annotations

import argparse

from app.cli.common import UsageError, operator_pin, pin_message, print_json, ready_db

#: unlocking a badge is an admin's act
ADMIN_ACT = ("admin",)


def cmd_operator_unlock(args: argparse.Namespace) -> int:
    from app.services.admin import unlock_badge
    from app.services.errors import ServiceError

    operator, pin = operator_pin(args)
    db = ready_db(args)
    try:
        failures = unlock_badge(db, args.code, operator=operator, admin_pin=pin, station="cli")
    except ServiceError as exc:
        raise UsageError(pin_message(exc.code, exc.params, args.lang) or exc.code) from None
    finally:
        db.dispose()
    print_json({"operator": args.code.strip(), "unlocked": True, "failures": failures})
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    op = sub.add_parser("operator", help="operators' badges (admin)")
    osub = op.add_subparsers(dest="operator_command", required=True, parser_class=type(op))
    un = osub.add_parser("unlock", help="lift the lock on a badge after too many wrong PINs")
    un.add_argument("code", metavar="CODE", help="the 工号 whose badge is locked")
    un.set_defaults(func=cmd_operator_unlock, privileged=ADMIN_ACT)
