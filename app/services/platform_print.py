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


@dataclass(frozen=True)
class ComponentProblem:
    """Why a component took none of the documents (`printing.backends.component`'s codes:
    ``not_running``, ``unknown_printer``, ``refused``, ``no_answer``)."""

    code: str
    platform: str
    component: str  # its names and address, for the operator
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.code}: {self.component} {self.detail}".strip()


class ComponentFailed(Exception):
    """A component could not do what was asked (a preview): its `ComponentProblem`."""

    def __init__(self, problem: ComponentProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def send_to_component(
    backend: Backend, documents: list
) -> tuple[dict[str, tuple[bool, str]], ComponentProblem | None]:
    """The documents to the component, one task each: per number (ok, message), or
    ({}, the problem) when it could not take any."""
    from printing.backends.component import ComponentError

    try:
        outcomes = backend.print_documents(documents)  # type: ignore[attr-defined]
    except ComponentError as exc:
        platform = getattr(getattr(backend, "dialect", None), "platform", "")
        return {}, ComponentProblem(exc.code, platform, exc.component, exc.detail)
    return {
        # the component's own words when it gives them (缺纸), else its status
        o.document_id: (o.ok, "" if o.ok else (o.message or o.status))
        for o in outcomes
    }, None


# --- a station's components ----------------------------------------------------------------

#: station settings (``Settings.extra``): the component's address per platform (``HOST:PORT``;
#: empty = the component's usual local address) and the printer per platform and carrier
COMPONENTS_SETTING = "components"
PRINTERS_SETTING = "component_printers"


def printer_key(platform: str, carrier: str) -> str:
    return f"{platform}/{carrier}"


def component_url(platform: str, address: str = "", printer: str = "") -> str:
    """``PLATFORM+ws://HOST:PORT?printer=NAME`` (docs/dev/contract.md); ``address`` may carry
    its own ``ws://`` / ``wss://``."""
    from urllib.parse import quote

    address = address.strip()
    scheme = "ws"
    for s in ("wss", "ws"):
        if address.startswith(f"{s}://"):
            scheme, address = s, address[len(s) + 3 :]
            break
    query = f"?printer={quote(printer)}" if printer else ""
    return f"{platform}+{scheme}://{address.strip('/')}{query}"


@dataclass(frozen=True)
class StationComponents:
    """The components and printers a station prints platform waybills with (its settings):
    `print_jobs.print_batch`'s ``components``."""

    addresses: dict[str, str]
    printers: dict[str, str]

    @classmethod
    def from_extra(cls, extra: dict) -> StationComponents:
        a, p = extra.get(COMPONENTS_SETTING), extra.get(PRINTERS_SETTING)
        return cls(
            {str(k): str(v) for k, v in a.items()} if isinstance(a, dict) else {},
            {str(k): str(v) for k, v in p.items()} if isinstance(p, dict) else {},
        )

    def url(self, platform: str, carrier: str = "") -> str:
        return component_url(
            platform,
            self.addresses.get(platform, ""),
            self.printers.get(printer_key(platform, carrier), "") if carrier else "",
        )

    def __call__(self, platform: str, carrier: str) -> Backend | None:
        from printing import backend_from_url

        try:
            return backend_from_url(self.url(platform, carrier))
        except ValueError:  # a platform with no component we speak
            return None


@dataclass(frozen=True)
class ComponentState:
    """What a station knows of a platform's component: reachable, its printers."""

    platform: str
    target: str  # the WebSocket address asked
    ok: bool
    printers: tuple[str, ...] = ()
    default: str = ""
    error: str = ""  # not_running / no_answer / unsupported / …
    detail: str = ""


def probe_component(url: str) -> ComponentState:
    """Ask a component for its printers (blocking; a few seconds at most when nothing
    answers)."""
    from printing import backend_from_url
    from printing.backends.component import ComponentError

    platform = url.split("+", 1)[0]
    try:
        backend = backend_from_url(url)
    except ValueError as exc:
        return ComponentState(platform, "", False, error="unsupported", detail=str(exc))
    target = getattr(backend, "target", "")
    if hasattr(backend, "timeout"):
        backend.timeout = min(backend.timeout, 3.0)  # type: ignore[attr-defined]
    try:
        names, default = backend.printers()  # type: ignore[attr-defined]
    except ComponentError as exc:
        return ComponentState(platform, target, False, error=exc.code, detail=exc.detail)
    return ComponentState(platform, target, True, tuple(names), default)
