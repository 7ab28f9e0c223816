"""Platform e-waybills on paper: the documents handed to a platform's print component.

A document is the platform's print data exactly as the platform sent it (the receiver of a
protected order is in it, encrypted: we never read or print it) and, when the account has a
custom-area template (自定义区, ``PlatformAccount.custom_area_url``), a second content with our
own fields for that template. The names of those fields are fixed here (`CUSTOM_AREA_FIELDS`);
a shop designs its custom-area template in the platform's template editor with these names:

=================  ==========================================================  ============
field              what                                                        example
=================  ==========================================================  ============
``orderNo``        the shop's order number                                     ``TB2024…``
``goods``          the goods summary, one ``name ×qty`` per line               ``枕头 ×2``
``goodsCount``     pieces in the parcel                                        ``3``
``expectedWeight`` what the parcel should weigh (goods + packing), in kg       ``1.37kg``
``remark``         the buyer's message                                         ``放门口``
``giftNote``       the seller's gift remark (礼品), if any                     ``礼品``
``shop``           the shop's name                                             ``旗舰店``
=================  ==========================================================  ============

Some platforms want a content refreshed at print time (Douyin's ``params``, a signed call
whose signature expires): a platform API with a ``document(print_data)`` method builds it.

Blocking (the platform API, the component's socket): call from a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import PlatformAccount, PlatformWaybill
from app.services.waybills import WaybillInfo
from printing import Backend

CUSTOM_AREA_FIELDS = (
    "orderNo",
    "goods",
    "goodsCount",
    "expectedWeight",
    "remark",
    "giftNote",
    "shop",
)

#: platforms whose print content carries a signature that expires (Douyin's ``params``): their
#: API's ``document(print_data)`` builds it at print time
REFRESHED_AT_PRINT = frozenset({"douyin"})


@dataclass(frozen=True)
class PlatformDoc:
    """An order's platform number with what its component needs."""

    waybill_no: str
    print_data: str  # the platform's, as it came (a JSON object)
    account_id: int
    platform: str  # cainiao / pdd / douyin / jd
    custom_area_url: str = ""


def platform_print_data(db: Database, order_ids: list[int]) -> dict[int, PlatformDoc]:
    """order id → its platform document, for orders numbered by a platform (the newest
    number of each)."""
    out: dict[int, PlatformDoc] = {}
    with db.read() as s:
        for i in range(0, len(order_ids), 500):
            rows = s.execute(
                select(PlatformWaybill, PlatformAccount.platform, PlatformAccount.custom_area_url)
                .join(PlatformAccount, PlatformAccount.id == PlatformWaybill.account_id)
                .where(PlatformWaybill.order_id.in_(order_ids[i : i + 500]))
                .order_by(PlatformWaybill.id)
            )
            for pw, platform, custom in rows:
                out[pw.order_id] = PlatformDoc(
                    pw.waybill_no, pw.print_data, pw.account_id, platform, custom or ""
                )
    return out


def is_component(backend: Backend) -> bool:
    """A platform's print component (it takes documents, not our PDFs)."""
    return hasattr(backend, "print_documents")


def custom_area_data(info: WaybillInfo, gift_note: str = "") -> dict[str, str]:
    """Our own fields for the custom area (see the module docstring)."""
    goods = "\n".join(f"{g.name or g.sku} ×{g.qty}" for g in info.goods)
    return {
        "orderNo": info.order_no,
        "goods": goods,
        "goodsCount": str(sum(g.qty for g in info.goods)),
        "expectedWeight": f"{info.expected_grams / 1000:.2f}kg" if info.expected_grams else "",
        "remark": info.buyer_message.strip(),
        "giftNote": gift_note,
        "shop": info.shop,
    }


def _content(print_data: str) -> dict:
    try:
        content = json.loads(print_data)
    except ValueError:
        return {}
    return content if isinstance(content, dict) else {}


def component_documents(
    db: Database,
    numbered: Iterable[tuple[WaybillInfo | None, PlatformDoc]],
    *,
    gift_note: Callable[[WaybillInfo], str] = lambda _i: "",
):
    """One component document per number: the platform's content (refreshed where the
    platform's API says so) and our custom area when the account has one."""
    from app.services.accounts import waybill_service
    from printing.backends.component import ComponentDocument

    apis: dict[int, object] = {}
    docs = []
    for info, doc in numbered:
        content = _content(doc.print_data)
        if doc.platform in REFRESHED_AT_PRINT:
            if doc.account_id not in apis:
                apis[doc.account_id] = waybill_service(db, doc.account_id)[0]
            content = apis[doc.account_id].document(doc.print_data)  # type: ignore[attr-defined]
        contents: list[dict] = [content]
        if doc.custom_area_url and info is not None:
            contents.append(
                {
                    "templateURL": doc.custom_area_url,
                    "data": custom_area_data(info, gift_note(info)),
                }
            )
        docs.append(ComponentDocument(doc.waybill_no, tuple(contents)))
    return docs


def send_to_component(backend: Backend, documents: list) -> tuple[dict[str, tuple[bool, str]], str]:
    """The documents to the component, one task each: per number (ok, message), or
    ({}, the component's error) when it could not take any."""
    from printing.backends.component import ComponentError

    try:
        outcomes = backend.print_documents(documents)  # type: ignore[attr-defined]
    except ComponentError as exc:
        return {}, f"{exc.code}: {exc.component} {exc.detail}".strip()
    return {
        o.document_id: (o.ok, "" if o.ok else f"{o.status}: {o.message}".strip(": "))
        for o in outcomes
    }, ""
