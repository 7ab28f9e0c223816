"""Shops' e-waybill accounts (电子面单账号): which platform issues a shop's numbers for a
carrier, with what credentials, branch (网点) and template; and their balance, asked of the
platform. Secrets are sealed (`app.services.vault`) and never returned, printed or put on the
evidence chain: an account's change is an ``account_saved`` event naming the shop, carrier,
platform and app key only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Carrier, PlatformAccount, PlatformWaybill, Shop, utcnow
from app.domain.stations import station_roles
from app.services import floor_settings, vault
from app.services.errors import ServiceError
from app.services.operators import authorize

PLATFORMS = ("cainiao", "pdd", "douyin", "jd")
ADMIN_ROLES = station_roles("admin")


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
    custom_area_url: str = ""


def _info(a: PlatformAccount, shop: str, carrier: str) -> AccountInfo:
    return AccountInfo(
        a.id, shop, a.platform, carrier, a.app_key, a.branch_code, a.gateway, a.template_url,
        a.custom_area_url,
    )  # fmt: skip


def _account_of(s, shop: Shop, carrier: Carrier) -> PlatformAccount | None:
    return s.scalar(
        select(PlatformAccount).where(
            PlatformAccount.shop_id == shop.id, PlatformAccount.carrier_id == carrier.id
        )
    )


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
    custom_area: str = "",
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
    operator = authorize(db, operator, pin, ADMIN_ROLES, station=station).code
    with db.write() as s:
        sh, c = _shop(s, shop), _carrier(s, carrier)
        acc = _account_of(s, sh, c)
        if acc is None:
            acc = PlatformAccount(shop_id=sh.id, carrier_id=c.id)
            s.add(acc)
        acc.platform, acc.app_key = platform, app_key.strip()
        acc.secret_enc, acc.session_enc = vault.seal(app_secret), vault.seal(session)
        acc.gateway, acc.template_url = gateway.strip(), template_url.strip()
        acc.branch_code, acc.user_id = branch.strip(), user_id.strip()
        acc.custom_area_url = custom_area.strip()
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
        return _info(acc, sh.code, c.code)


def remove_account(
    db: Database, *, shop: str, carrier: str, operator: str, pin: str | None, station: str = "cli"
) -> None:
    """Take a shop's account for ``carrier`` out of use: an admin's act, with their PIN,
    recorded as an ``account_removed`` event (its ``account_saved`` events stay). An account
    that issued numbers stays (``account_has_numbers``): those numbers are cancelled (void) and
    updated (改地址) through it; replace its credentials instead."""
    operator = authorize(db, operator, pin, ADMIN_ROLES, station=station).code
    with db.write() as s:
        sh, c = _shop(s, shop), _carrier(s, carrier)
        acc = _account_of(s, sh, c)
        if acc is None:
            raise ServiceError("no_account", shop=sh.code, carrier=c.code)
        issued = s.scalar(
            select(func.count()).select_from(PlatformWaybill).where(
                PlatformWaybill.account_id == acc.id
            )
        )  # fmt: skip
        if issued:
            raise ServiceError("account_has_numbers", shop=sh.code, carrier=c.code, count=issued)
        detail = {
            "shop": sh.code,
            "carrier": c.code,
            "platform": acc.platform,
            "app_key": acc.app_key,
            "branch": acc.branch_code,
        }
        s.delete(acc)
        append_event(s, "account_removed", station=station, operator=operator, detail=detail)


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
        return [_info(a, sc, cc) for a, sc, cc in s.execute(q)]


def waybill_service(db: Database, account_id: int):
    """The platform client of an account (the secret unsealed in memory only), as
    ``(platform API, carrier code on the platform)``."""
    with db.read() as s:
        a = s.get(PlatformAccount, account_id)
        if a is None:
            raise ServiceError("unknown_account", account=account_id)
        carrier = s.get(Carrier, a.carrier_id)
        code = carrier.code if carrier else ""
        platform, app_key, gateway = a.platform, a.app_key, a.gateway
        branch, user_id = a.branch_code, a.user_id
        secret, session = vault.unseal(a.secret_enc), vault.unseal(a.session_enc)
    # an account without a gateway uses the platform's production address (the client's)
    if platform == "cainiao":
        from platforms.cainiao import Cainiao
        from platforms.top import TopClient

        return Cainiao(TopClient(app_key, secret, session, gateway=gateway)), code
    if platform == "pdd":
        from platforms.pdd import PddClient, Pinduoduo

        return Pinduoduo(PddClient(app_key, secret, session, gateway=gateway)), code
    if platform == "douyin":
        from platforms.douyin import Douyin, DouyinClient

        return Douyin(DouyinClient(app_key, secret, session, gateway=gateway)), code
    if platform == "jd":
        from platforms.jd import Jd, JdClient

        client = JdClient(app_key, secret, session, gateway=gateway)
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
    out: list[Balance] = []
    for acc in list_accounts(db, shop):
        out.extend(account_balances(db, acc))
    return out


def account_balances(db: Database, acc: AccountInfo) -> list[Balance]:
    """One account's remaining numbers per branch (its own branch only, when it names one); a
    platform's refusal is a `Balance` with the platform's code and message in ``error``. A
    `ServiceError` of ours (the secret unreadable here, a platform not supported yet) is raised,
    so that a caller asking each account in turn can show it against that account alone."""
    from platforms.errors import PlatformError

    try:
        api, code = waybill_service(db, acc.account_id)
        branches = api.search(code)
    except PlatformError as exc:
        return [Balance(acc, acc.branch, None, str(exc))]
    mine = [b for b in branches if not acc.branch or b.branch_code == acc.branch]
    if not mine:
        return [Balance(acc, acc.branch, 0)]
    return [Balance(acc, b.branch_code, b.quantity) for b in mine]


# --- running low --------------------------------------------------------------------------

#: the floor setting that says when an account runs low (``floor_settings`` row ``ewaybill``,
#: field ``low_balance``); 0 turns the warning off
LOW_BALANCE_KEY, LOW_BALANCE_FIELD = (
    floor_settings.LOW_BALANCE.row,
    floor_settings.LOW_BALANCE.field,
)
#: 500 numbers: about a day's parcels of a busy shop on one carrier, and a branch (网点) tops
#: an e-waybill account up in about a working day, so the warning comes while a day is left
DEFAULT_LOW_BALANCE = floor_settings.LOW_BALANCE.default
LOW_BALANCE_DEFAULT = DEFAULT_LOW_BALANCE  # the name the print station's first cut used
MAX_LOW_BALANCE = 1_000_000


def is_low_balance(balance: int | None, threshold: int) -> bool:
    """Fewer numbers left than ``threshold``. An unknown balance (the platform did not answer)
    is not "low": its error is shown instead. A threshold of 0 never warns."""
    return balance is not None and threshold > 0 and balance < threshold


def low_balance_threshold(db: Database) -> int:
    """The floor's low-balance threshold (`DEFAULT_LOW_BALANCE` until an admin sets one)."""
    return floor_settings.get(db, floor_settings.LOW_BALANCE)


def set_low_balance_threshold(
    db: Database, threshold: int, *, operator: str, pin: str | None, station: str = ""
) -> int:
    """An admin's act with their PIN; recorded like every floor setting (``admin_changed``)."""
    from app.services.admin import AUDIT_KIND

    if isinstance(threshold, bool) or not 0 <= int(threshold) <= MAX_LOW_BALANCE:
        raise ServiceError(
            "out_of_range", field="low_balance", value=threshold, low=0, high=MAX_LOW_BALANCE
        )
    threshold = int(threshold)
    operator = authorize(db, operator, pin, ADMIN_ROLES, station=station).code
    current = low_balance_threshold(db)
    if current == threshold:
        return threshold
    with db.write() as s:
        floor_settings.write(s, floor_settings.LOW_BALANCE, threshold)
        append_event(
            s,
            AUDIT_KIND,
            station=station,
            operator=operator,
            detail={
                "entity": "floor_setting",
                "key": f"{LOW_BALANCE_KEY}.{LOW_BALANCE_FIELD}",
                "action": "update",
                "before": {LOW_BALANCE_FIELD: current},
                "after": {LOW_BALANCE_FIELD: threshold},
            },
        )
    return threshold
