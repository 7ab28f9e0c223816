"""Shops' e-waybill accounts (电子面单账号): which platform issues a shop's numbers for a
carrier, with what credentials, branch (网点) and template; and their balance, asked of the
platform. Secrets are sealed (`app.services.vault`) and never returned, printed or put on the
evidence chain: an account's change is an ``account_saved`` event naming the shop, carrier,
platform and app key only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Carrier, PlatformAccount, Shop, utcnow
from app.services import vault
from app.services.operators import require_role, sign_in
from app.services.orders import ServiceError

PLATFORMS = ("cainiao", "pdd", "douyin", "jd")
ADMIN_ROLES = ("admin",)


@dataclass(frozen=True)
class AccountInfo:
    """An account as anyone may see it: no secret, no session token."""

    account_id: int
    shop: str
    platform: str
    carrier: str
    app_key: str
    branch: str
    gateway: str
    template_url: str


def _shop(s, key: str) -> Shop:
    shop = s.scalar(select(Shop).where(or_(Shop.code == key, Shop.name == key)))
    if shop is None:
        raise ServiceError("unknown_shop", shop=key)
    return shop


def _carrier(s, code: str) -> Carrier:
    c = s.scalar(select(Carrier).where(Carrier.code == code.strip().upper()))
    if c is None:
        raise ServiceError("unknown_carrier", carrier=code)
    return c


def add_account(
    db: Database,
    *,
    shop: str,
    platform: str,
    carrier: str,
    app_key: str,
    app_secret: str,
    session: str,
    gateway: str = "",
    template_url: str = "",
    branch: str = "",
    user_id: str = "",
    operator: str,
    pin: str | None,
    station: str = "cli",
) -> AccountInfo:
    """Save (or replace) the shop's account for ``carrier``: an admin's act, with their PIN."""
    platform = platform.strip().lower()
    if platform not in PLATFORMS:
        raise ServiceError("unknown_platform", platform=platform)
    if not app_key.strip() or not app_secret or not session:
        raise ServiceError("credentials_required")
    require_role(db, operator, ADMIN_ROLES)
    operator = sign_in(db, operator, pin).code
    with db.write() as s:
        sh, c = _shop(s, shop), _carrier(s, carrier)
        acc = s.scalar(
            select(PlatformAccount).where(
                PlatformAccount.shop_id == sh.id, PlatformAccount.carrier_id == c.id
            )
        )
        if acc is None:
            acc = PlatformAccount(shop_id=sh.id, carrier_id=c.id)
            s.add(acc)
        acc.platform, acc.app_key = platform, app_key.strip()
        acc.secret_enc, acc.session_enc = vault.seal(app_secret), vault.seal(session)
        acc.gateway, acc.template_url = gateway.strip(), template_url.strip()
        acc.branch_code, acc.user_id = branch.strip(), user_id.strip()
        acc.updated_at = utcnow()
        s.flush()
        append_event(
            s,
            "account_saved",
            station=station,
            operator=operator,
            detail={
                "shop": sh.code,
                "carrier": c.code,
                "platform": platform,
                "app_key": acc.app_key,
                "branch": acc.branch_code,
            },
        )
        return AccountInfo(
            acc.id, sh.code, platform, c.code, acc.app_key, acc.branch_code, acc.gateway,
            acc.template_url,
        )  # fmt: skip


def list_accounts(db: Database, shop: str | None = None) -> list[AccountInfo]:
    with db.read() as s:
        q = (
            select(PlatformAccount, Shop.code, Carrier.code)
            .join(Shop, Shop.id == PlatformAccount.shop_id)
            .join(Carrier, Carrier.id == PlatformAccount.carrier_id)
            .order_by(Shop.code, Carrier.code)
        )
        if shop:
            sh = _shop(s, shop)
            q = q.where(PlatformAccount.shop_id == sh.id)
        return [
            AccountInfo(
                a.id, sc, a.platform, cc, a.app_key, a.branch_code, a.gateway, a.template_url
            )  # fmt: skip
            for a, sc, cc in s.execute(q)
        ]


def waybill_service(db: Database, account_id: int):
    """The platform client of an account (the secret unsealed in memory only), as
    ``(platform API, carrier code on the platform)``."""
    from platforms.cainiao import Cainiao
    from platforms.pdd import PddClient, Pinduoduo
    from platforms.top import PRODUCTION as TOP
    from platforms.top import TopClient

    with db.read() as s:
        a = s.get(PlatformAccount, account_id)
        if a is None:
            raise ServiceError("unknown_account", account=account_id)
        carrier = s.get(Carrier, a.carrier_id)
        code = carrier.code if carrier else ""
        platform, app_key, gateway = a.platform, a.app_key, a.gateway
        branch, user_id = a.branch_code, a.user_id
        secret, session = vault.unseal(a.secret_enc), vault.unseal(a.session_enc)
    if platform == "cainiao":
        return Cainiao(TopClient(app_key, secret, session, gateway=gateway or TOP)), code
    if platform == "pdd":
        from platforms.pdd import PRODUCTION as PDD

        return Pinduoduo(PddClient(app_key, secret, session, gateway=gateway or PDD)), code
    if platform == "douyin":
        from platforms.douyin import PRODUCTION as DOUYIN
        from platforms.douyin import Douyin, DouyinClient

        return Douyin(DouyinClient(app_key, secret, session, gateway=gateway or DOUYIN)), code
    if platform == "jd":
        from platforms.jd import PRODUCTION as JD
        from platforms.jd import Jd, JdClient

        client = JdClient(app_key, secret, session, gateway=gateway or JD)
        # the account's user id is the shop's JD vendor code (商家编码)
        return Jd(client, vendor_code=user_id, branch_code=branch), code
    raise ServiceError("platform_not_supported", platform=platform)


@dataclass(frozen=True)
class Balance:
    account: AccountInfo
    branch: str
    balance: int | None  # numbers left at the branch; None when the platform did not answer
    error: str = ""  # the platform's code and message when it refused


def balances(db: Database, shop: str | None = None) -> list[Balance]:
    """Each account's remaining numbers, asked of its platform (``search``)."""
    from platforms.errors import PlatformError

    out: list[Balance] = []
    for acc in list_accounts(db, shop):
        try:
            api, code = waybill_service(db, acc.account_id)
            branches = api.search(code)
        except PlatformError as exc:
            out.append(Balance(acc, acc.branch, None, str(exc)))
            continue
        mine = [b for b in branches if not acc.branch or b.branch_code == acc.branch]
        if not mine:
            out.append(Balance(acc, acc.branch, 0))
        for b in mine:
            out.append(Balance(acc, b.branch_code, b.quantity))
    return out
