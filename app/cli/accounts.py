"""``parcelproof account add|balance``: shops' e-waybill accounts (docs/dev/contract.md).
``add`` is an admin's act: ``--operator`` and that person's PIN (``$PARCELPROOF_PIN`` or asked
on a terminal).
The secret is taken from ``--app-secret`` (or ``$PARCELPROOF_APP_SECRET``, so it need not stand
in a shell's history) and never printed."""

from __future__ import annotations

import argparse
import os

from app.cli.common import UsageError, operator_pin, print_json, ready_db

#: saving an account is an admin's act
ADMIN_ACT = ("admin",)


def _worded(exc: Exception) -> str:
    texts = {
        "unknown_shop": "no shop {shop}",
        "unknown_carrier": "no carrier {carrier}",
        "unknown_platform": "no platform {platform}: cainiao, pdd, douyin or jd",
        "credentials_required": "--app-key, --app-secret and --session are all needed",
        "not_allowed": "operator {operator} may not change accounts (needs: admin)",
        "unknown_badge": "operator {badge} is not known",
        "secret_unreadable": "this station cannot read the stored secret: its key ({path} or "
        "${env}) is not the one the account was saved with",
        "platform_not_supported": "platform {platform} is not supported yet",
    }
    from app.cli.messages import worded

    return worded(exc, None, local=texts)


def cmd_account_add(args: argparse.Namespace) -> int:
    from app.services.accounts import add_account
    from app.services.errors import ServiceError

    secret = args.app_secret or os.environ.get("PARCELPROOF_APP_SECRET", "")
    operator, pin = operator_pin(args)
    db = ready_db(args)
    try:
        acc = add_account(
            db,
            shop=args.shop,
            platform=args.platform,
            carrier=args.carrier,
            app_key=args.app_key,
            app_secret=secret,
            session=args.session,
            gateway=args.gateway or "",
            template_url=args.template or "",
            branch=args.branch or "",
            user_id=args.user_id or "",
            custom_area=args.custom_area or "",
            operator=operator,
            pin=pin,
        )
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    print_json(
        {
            "account": acc.account_id,
            "shop": acc.shop,
            "platform": acc.platform,
            "carrier": acc.carrier,
        }  # fmt: skip
    )
    return 0


def cmd_account_balance(args: argparse.Namespace) -> int:
    from app.services.accounts import balances
    from app.services.errors import ServiceError

    db = ready_db(args)
    try:
        rows = balances(db, args.shop)
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    print_json(
        {
            "accounts": [
                {
                    "shop": b.account.shop,
                    "platform": b.account.platform,
                    "carrier": b.account.carrier,
                    "branch": b.branch,
                    "balance": b.balance,
                    **({"error": b.error} if b.error else {}),
                }
                for b in rows
            ]
        }
    )
    return 1 if any(b.error for b in rows) else 0


def register(sub: argparse._SubParsersAction) -> None:
    ac = sub.add_parser("account", help="shops' e-waybill accounts on the platforms")
    asub = ac.add_subparsers(dest="account_command", required=True, parser_class=type(ac))
    add = asub.add_parser("add", help="save a shop's e-waybill account for a carrier")
    add.add_argument("--shop", required=True)
    add.add_argument("--platform", required=True, choices=("cainiao", "pdd", "douyin", "jd"))
    add.add_argument("--carrier", required=True)
    add.add_argument("--app-key", required=True)
    add.add_argument("--app-secret", default="")
    add.add_argument("--session", required=True)
    add.add_argument("--gateway")
    add.add_argument("--template")
    add.add_argument("--branch")
    add.add_argument("--user-id", help="the seller id the platform numbers for (user_id)")
    add.add_argument(
        "--custom-area",
        help="the custom-area template URL (自定义区) where our goods summary, order number "
        "and expected weight print on the platform's label",
    )
    add.set_defaults(func=cmd_account_add, privileged=ADMIN_ACT)
    bal = asub.add_parser("balance", help="numbers left per account, asked of the platform")
    bal.add_argument("--shop")
    bal.set_defaults(func=cmd_account_balance)
