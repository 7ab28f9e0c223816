"""Waybill numbers from the platforms (电子面单取号) for the orders of shops that have an
e-waybill account for their carrier (`app.services.accounts`).

Each order is asked for with the object id ``O<order id>``, the same on every attempt: the
platform gives the same parcel the same number again, so a lost answer (retried by the client)
or a batch sent again never gives one parcel two numbers. A request of ten that the platform
refuses as a whole is asked again one order at a time, so that one bad address stops only its
own order. A number is recorded on the order (with its print data and a ``waybill_allocated``
event naming the platform) in one transaction per answer; an order the platform did not number
keeps waiting, with the platform's code and message as the reason.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Carrier, Order, PlatformAccount, PlatformWaybill, Shop

#: TOP gateway codes about the account's credentials (signature, session, app key)
CREDENTIAL_CODES = frozenset({"25", "26", "27", "28", "29", "20004", "10016", "10019"})
#: the same for Douyin and JD, whose codes overlap TOP's with other meanings: Douyin's codes
#: 30001 (no permission), 30002 (IP not trusted), 40001 (signature, app key or token missing)
#: and its 40003 sub-codes about the signature, app key, token and timestamp; JOS's 7/8
#: (timestamp), 11/12 (signature), 18/19 (access_token), 20/21 (app_key), 22/24/25 (the
#: authoriser or app may not call the API), and our own "no_subscription" (the carrier is not
#: signed on JD)
PLATFORM_CREDENTIAL_CODES = {
    "douyin": frozenset(
        {
            "30001",
            "30002",
            "40001",
            "isv.signature-invalid",
            "isv.access-token-expired",
            "isv.access-token-no-existed",
            "isv.access-token-invalid",
            "isv.app-id-invalid",
            "isv.app-id-expired",
            "isv.timestamp-invalid",
            "isv.timestamp-format-error",
        }
    ),
    "jd": frozenset(
        {"7", "8", "11", "12", "18", "19", "20", "21", "22", "24", "25", "no_subscription"}
    ),
}

#: order_channels_type per our platform names
CHANNELS = {"taobao": "TB", "tmall": "TM", "pdd": "PDD", "jd": "JD", "douyin": "DY"}


def platform_accounts(s: Session) -> dict[tuple[int, str], int]:
    """(shop id, carrier code) → account id, for every saved account."""
    rows = s.execute(
        select(PlatformAccount.shop_id, Carrier.code, PlatformAccount.id).join(
            Carrier, Carrier.id == PlatformAccount.carrier_id
        )
    )
    return {(shop, code): acc for shop, code, acc in rows}


def object_id(order_id: int) -> str:
    return f"O{order_id}"


def _address(text: str):
    from platforms.waybill import Address

    parts = (text or "").split()
    province, city, district = (parts + ["", "", ""])[:3]
    return Address(province, city, district, "", " ".join(parts[3:]) or text)


def _recipient(o: Order, protected: bool):
    from platforms.waybill import Address, Party

    return Party(
        o.receiver_name,
        mobile=o.receiver_phone,
        address=Address(o.province, o.city, o.district, "", o.address),
        # a Taobao order's protected receiver is numbered by the order itself (tid); the
        # import does not carry an oaid yet
        tid=o.order_no if protected else "",
    )


def _requests(db: Database, account_id: int, order_ids: list[int]):
    from platforms.waybill import Party, WaybillOrder

    with db.read() as s:
        acc = s.get(PlatformAccount, account_id)
        shop = s.get(Shop, acc.shop_id)
        sender = Party(
            shop.sender_name, mobile=shop.sender_phone, address=_address(shop.sender_address)
        )
        channel = CHANNELS.get(shop.platform, "OTHERS")
        protected = shop.platform in ("taobao", "tmall")
        out = []
        for o in s.scalars(
            select(Order)
            .where(Order.id.in_(order_ids))
            .options(selectinload(Order.lines))
            .order_by(Order.id)
        ):
            recipient = _recipient(o, protected)
            out.append(
                WaybillOrder(
                    object_id=object_id(o.id),
                    trade_orders=(o.order_no,),
                    recipient=recipient,
                    items=tuple((li.title or li.sku, li.qty) for li in o.lines) or (("goods", 1),),
                    user_id=acc.user_id,
                    template_url=acc.template_url,
                    channel=channel,
                )
            )
        return sender, out


def _about_account(exc) -> bool:
    """Is the platform's error about the account (its credentials), not about an order?"""
    codes = PLATFORM_CREDENTIAL_CODES.get(exc.platform)
    if codes is None:
        return exc.code in CREDENTIAL_CODES
    return exc.code in codes or exc.sub_code in codes


def _ask(api, code: str, sender, requests):
    """Issued per object id, and refusals (object id → reason) of orders asked one by one
    after their batch was refused as a whole. A platform that answers per order (Douyin's
    ``err_infos``, JD asked one order a request) gives its numbers and refusals at once
    (`PartlyRefused`): the numbers are taken and the refused orders keep their own reasons,
    without being asked again."""
    from platforms.errors import BusinessError, PartlyRefused, PlatformError
    from platforms.waybill import MAX_BATCH

    issued, refused = {}, {}
    for i in range(0, len(requests), MAX_BATCH):
        batch = requests[i : i + MAX_BATCH]
        try:
            for x in api.issue(code, sender, batch):
                issued[x.object_id] = x
            continue
        except PartlyRefused as exc:
            for x in exc.issued:
                issued[x.object_id] = x
            for oid, err in exc.refused.items():
                refused[oid] = _reason(err)
            account = next((e for e in exc.refused.values() if _about_account(e)), None)
            if account is not None:  # the account failed midway: the rest would fail too
                for r in requests[i + len(batch) :]:
                    refused[r.object_id] = _reason(account)
                break
            continue
        except BusinessError as exc:
            if _about_account(exc):  # the account itself: no order would do better
                for r in requests[i:]:
                    refused[r.object_id] = _reason(exc)
                break
            if len(batch) == 1:  # the order's own reason already
                refused[batch[0].object_id] = _reason(exc)
                continue
        except PlatformError as exc:  # transient, after the client's retries
            for r in batch:
                refused[r.object_id] = _reason(exc)
            continue
        for r in batch:
            try:
                (x,) = api.issue(code, sender, [r])
                issued[x.object_id] = x
            except PlatformError as exc:
                refused[r.object_id] = _reason(exc)
    return issued, refused


def _reason(exc) -> str:
    return f"platform:{exc.platform}:{exc.sub_code or exc.code}:{exc.sub_message or exc.message}"


def number_through_platforms(
    db: Database,
    by_account: dict[int, list[int]],
    *,
    batch: str,
    operator: str,
    station: str,
    now: dt.datetime,
) -> list[tuple[str, str]]:
    """Number the orders through their accounts' platforms; returns (order_no, reason) of the
    orders left waiting."""
    from app.services.accounts import waybill_service
    from app.services.errors import ServiceError

    left: list[tuple[str, str]] = []
    for account_id, order_ids in by_account.items():
        try:
            api, code = waybill_service(db, account_id)
            sender, requests = _requests(db, account_id, order_ids)
        except ServiceError as exc:
            with db.read() as s:
                nos = s.scalars(select(Order.order_no).where(Order.id.in_(order_ids))).all()
            left += [(no, f"account:{exc.code}") for no in nos]
            continue
        issued, refused = _ask(api, code, sender, requests)
        with db.write() as s:
            platform = s.get(PlatformAccount, account_id).platform
            for oid in order_ids:
                o = s.get(Order, oid, with_for_update=True)
                x = issued.get(object_id(oid))
                if o is None:
                    continue
                if x is None:
                    left.append((o.order_no, refused.get(object_id(oid), "platform:no_number")))
                    continue
                if o.waybill_no:  # numbered meanwhile (another station): keep that one
                    continue
                o.waybill_no, o.updated_at = x.waybill_code, now
                s.add(
                    PlatformWaybill(
                        order_id=o.id,
                        account_id=account_id,
                        waybill_no=x.waybill_code,
                        object_id=x.object_id,
                        print_data=x.print_data,
                        issued_at=now,
                    )
                )
                append_event(
                    s,
                    "waybill_allocated",
                    order_id=o.id,
                    station=station,
                    operator=operator,
                    detail={
                        "waybill_no": x.waybill_code,
                        "carrier": code,
                        "batch": batch,
                        "platform": platform,
                        "object_id": x.object_id,
                    },
                    at=now,
                )
    return left


def cancel_on_platform(db: Database, waybill_no: str) -> dict | None:
    """Cancel a platform's number on its platform (the void of such a number). Returns the
    platform's answer to record (``{"platform", "cancelled"}``), or None when the number is
    not a platform's. Raises ``ServiceError("platform_refused")`` with the platform's code and
    message when it refuses (nothing is voided then)."""
    from app.services.accounts import waybill_service
    from app.services.errors import ServiceError
    from platforms.errors import PlatformError

    with db.read() as s:
        pw = s.scalars(
            select(PlatformWaybill)
            .where(PlatformWaybill.waybill_no == waybill_no)
            .order_by(PlatformWaybill.id.desc())
        ).first()
        if pw is None:
            return None
        account_id = pw.account_id
        platform = s.get(PlatformAccount, account_id).platform
    api, code = waybill_service(db, account_id)
    try:
        ok = api.cancel(code, waybill_no)
    except PlatformError as exc:
        raise ServiceError(
            "platform_refused", platform=platform, platform_code=exc.sub_code or exc.code,
            message=exc.sub_message or exc.message,
        ) from exc  # fmt: skip
    if not ok:
        raise ServiceError(
            "platform_refused", platform=platform, platform_code="", message="not cancelled"
        )
    return {"platform": platform, "cancelled": True}


def update_on_platform(
    db: Database,
    order_id: int,
    doc,
    *,
    operator: str,
    station: str,
    now: dt.datetime,
):
    """The order's address changed (改地址): the platform is told the new receiver for the
    same number (``update``) and gives new print data, recorded with a ``waybill_updated``
    event; returns the order's new `PlatformDoc`. A refusal raises
    ``ServiceError("platform_refused")`` with the platform's code and message (the old label
    is then not printed again: it carries the old address)."""
    from app.services.accounts import waybill_service
    from app.services.errors import ServiceError
    from app.services.platform_print import PlatformDoc
    from platforms.errors import PlatformError

    with db.read() as s:
        o = s.get(Order, order_id)
        pw = s.scalars(
            select(PlatformWaybill)
            .where(PlatformWaybill.order_id == order_id)
            .order_by(PlatformWaybill.id.desc())
        ).first()
        acc = s.get(PlatformAccount, doc.account_id)
        shop = s.get(Shop, o.shop_id)
        recipient = _recipient(o, shop.platform in ("taobao", "tmall"))
        object_no = pw.object_id if pw else object_id(order_id)
        template = acc.template_url
    api, code = waybill_service(db, doc.account_id)
    try:
        issued = api.update(
            code, doc.waybill_no, recipient, object_id=object_no, template_url=template or None
        )
    except PlatformError as exc:
        raise ServiceError(
            "platform_refused", platform=doc.platform, platform_code=exc.sub_code or exc.code,
            message=exc.sub_message or exc.message,
        ) from exc  # fmt: skip
    print_data = issued.print_data or doc.print_data
    with db.write() as s:
        s.add(
            PlatformWaybill(
                order_id=order_id,
                account_id=doc.account_id,
                waybill_no=doc.waybill_no,
                object_id=object_no,
                print_data=print_data,
                issued_at=now,
            )
        )
        append_event(
            s,
            "waybill_updated",
            order_id=order_id,
            station=station,
            operator=operator,
            detail={
                "waybill_no": doc.waybill_no,
                "platform": doc.platform,
                "object_id": object_no,
                "reason": "address_changed",
            },
            at=now,
        )
    return PlatformDoc(
        doc.waybill_no, print_data, doc.account_id, doc.platform, doc.custom_area_url
    )
