"""Douyin e-waybills (抖店电子面单): ``logistics.newCreateOrder`` (numbers for up to 50 orders a
request, refused orders answered one by one in ``err_infos``), ``logistics.waybillApply`` (the
encrypted print data and its signature, which newCreateOrder does not give),
``logistics.cancelOrder``, ``logistics.updateOrder`` (the address changed) and
``logistics.listShopNetsite`` (subscriptions: branches and balance).

The gateway (docs/dev/research/platform-ewaybills.md §3.1): a POST to the gateway + ``/`` + the
method with its dots as slashes; the common parameters (``app_key``, ``method``,
``access_token``, ``timestamp`` in Unix seconds, ``v=2``, ``sign_method``, ``sign``) on the query
string and the business parameters as the JSON body (``param_json``), its keys sorted at every
level, the very text that is signed (`platforms.signing.douyin_sign`). The answer is an envelope
``{code, msg, sub_code, sub_msg, log_id, data}``, ``code`` 10000 meaning success. Douyin has no
``object_id``: an order is numbered by its order number (and ``pack_id`` from its second parcel
on), and the platform's own rule is that the same order asked again without a new ``pack_id``
gets its old number back, so a retry never gives one parcel two numbers.

Thread: any (blocking); the secret never appears in an exception, a repr or a log line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import cast

from platforms.errors import (
    BusinessError,
    PartlyRefused,
    PlatformError,
    TransientError,
)
from platforms.gateway import GatewayClient
from platforms.signing import douyin_sign
from platforms.transport import JsonTransport
from platforms.waybill import Address, Branch, Issued, Party, WaybillOrder

PRODUCTION = "https://openapi-fxg.jinritemai.com"
#: logistics.newCreateOrder: "支持批量取号，一次最多50条" (the API page's own description)
MAX_BATCH = 50
SIGN_METHODS = ("hmac-sha256", "md5")
#: the official SDK sends this header with every call (it asks for the current error codes)
HEADERS = {"x-open-no-old-err-code": "1"}

# Which errors are worth sending again. The platform's table of common codes (平台基础错误码汇总,
# op.jinritemai.com guide-docs/212/1427, as open-source clients transcribe it): 20000 service
# unavailable (sub-codes ``isp.service-error:<code>``, "系统错误 … 稍后重试"), 20001 internal
# timeout, 60000 rate limit ("触发限流，请稍后重试"); any ``isp.*`` sub-code is the platform's side.
# Everything else (30001 permissions, 40001–40004 missing or bad parameters, a bad signature or
# token, 50002 业务处理失败 with ``isv.business-failed:<code>``) is the caller's business, except
# the few ``isv.business-failed`` codes the logistics API pages themselves tell to retry (10719
# "内部处理超时，请重试", 4029 "系统内部错误 / 稍后重试", 100106 "系统错误，请稍后重试"). Sending
# newCreateOrder again is safe: the same order gets its old number. HTTP 5xx, timeouts and
# refused connections are transient in `platforms.transport`.
TRANSIENT_CODES = frozenset({"20000", "20001", "60000"})
TRANSIENT_SUB_CODES = frozenset(
    {"isv.business-failed:10719", "isv.business-failed:4029", "isv.business-failed:100106"}
)
#: envelope codes that carry data: 10000 success, 10001 "请求部分失败" (the per-order
#: ``err_infos`` say which)
ANSWERED = frozenset({"10000", "10001"})

#: Douyin names carriers by its own ``logistics_code`` (pinyin, e.g. ``zhongtong``); ours by
#: their usual short code. These are the codes as ERP clients use them, UNVERIFIED against
#: Douyin's carrier list (logistics.listShopNetsite answers the shop's real ones); a code not
#: here is sent as it is.
CARRIER_CODES = {
    "ZTO": "zhongtong",
    "YTO": "yuantong",
    "STO": "shentong",
    "YUNDA": "yunda",
    "YD": "yunda",
    "SF": "shunfeng",
    "JT": "jtexpress",
    "JTSD": "jtexpress",
    "EMS": "ems",
    "JD": "jd",
}


def carrier_code(code: str) -> str:
    """Douyin's ``logistics_code`` for our carrier code."""
    return CARRIER_CODES.get(code.strip().upper(), code)


def param_json(params: Mapping[str, object] | None) -> str:
    """The business parameters as Douyin signs them: keys sorted at every level, compact, not
    ASCII-escaped (the official SDK's re-serialisation through a map); ``{}`` when empty."""
    return json.dumps(params or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def douyin_error(answer: Mapping) -> PlatformError:
    """The error of a Douyin envelope whose ``code`` is not a success."""
    code = str(answer.get("code", ""))
    sub = str(answer.get("sub_code") or "")
    transient = code in TRANSIENT_CODES or sub.startswith("isp.") or sub in TRANSIENT_SUB_CODES
    cls: type[PlatformError] = TransientError if transient else BusinessError
    return cls(
        "douyin",
        code,
        str(answer.get("msg") or ""),
        sub_code=sub,
        sub_message=str(answer.get("sub_msg") or ""),
    )


class DouyinClient(GatewayClient):
    """Douyin's gateway (see the module docstring). ``sign_method``: ``hmac-sha256`` (the
    official SDK's) or ``md5``."""

    platform = "douyin"
    production = PRODUCTION
    sign_methods = SIGN_METHODS

    def common(self, api: str) -> dict[str, str]:
        return {
            "app_key": self.key,
            "method": api,
            "access_token": self.token,
            "timestamp": str(int(self._clock().timestamp())),
            "v": "2",
            "sign_method": self.sign_method,
        }

    def sign(self, fields: Mapping[str, str], secret: str) -> str:
        return douyin_sign(
            app_key=fields["app_key"],
            app_secret=secret,
            method=fields["method"],
            param_json=fields["param_json"],
            timestamp=fields["timestamp"],
            v=fields["v"],
            sign_method=fields.get("sign_method", "hmac-sha256"),
        )

    def error_of(self, answer: Mapping) -> PlatformError:
        return douyin_error(answer)

    def query(self, api: str, body: str) -> dict[str, str]:
        """The signed common parameters of one call whose ``param_json`` is ``body``."""
        fields = self.common(api)
        fields["sign"] = self.sign({**fields, "param_json": body}, self._secret)
        return fields

    def url(self, api: str) -> str:
        return self.gateway.rstrip("/") + "/" + api.replace(".", "/")

    def call(self, api: str, **params: object) -> dict:
        """One API call; the envelope's ``data``. Raises `PlatformError`."""
        body = param_json({k: v for k, v in params.items() if v is not None})
        transport = cast(JsonTransport, self.transport)

        def once() -> dict:
            answer = transport.post_json(
                self.url(api), self.query(api, body), body, self.timeout, HEADERS
            )
            if str(answer.get("code", "")) not in ANSWERED:
                raise self.error_of(answer)
            data = answer.get("data")
            return data if isinstance(data, dict) else {}

        return self.retrying(once)

    def shop_key_params(self) -> str:
        """A signed ``logistics.getShopKey`` call (``param_json={}``) as the query string the
        print component takes in a document's ``params`` (§3.3: the component fetches the key
        to decrypt the print data with it). Written as the platform's example writes it: the
        parameters in its order, ``name=value`` joined by ``&``. Its timestamp expires (±300 s
        by the 2026 note), so it is made when the document is printed."""
        fields = self.common("logistics.getShopKey")
        fields["sign"] = self.sign({**fields, "param_json": "{}"}, self._secret)
        order = ("access_token", "app_key", "method", "param_json", "timestamp", "v", "sign")
        values = {**fields, "param_json": "{}"}
        return "&".join(
            [f"{k}={values[k]}" for k in order] + [f"sign_method={fields['sign_method']}"]
        )


# --- the e-waybill API ------------------------------------------------------------------------


def _address(a: Address | None) -> dict:
    a = a or Address("")
    out = {
        "country_code": "CHN",
        "province_name": a.province,
        "city_name": a.city,
        "district_name": a.district,
        "street_name": a.town,
        "detail_address": a.detail,
    }
    return {k: v for k, v in out.items() if v}


def _contact(p: Party) -> dict:
    return {k: v for k, v in (("name", p.name), ("mobile", p.mobile), ("phone", p.phone)) if v}


def _party(p: Party) -> dict:
    """``sender_info`` / ``receiver_info``: a protected receiver's ciphertext goes in the name,
    mobile and detail address as it came (the API takes ciphertext there)."""
    return {"address": _address(p.address), "contact": _contact(p)}


def _order_id(order: WaybillOrder) -> str:
    """Douyin's order number without its trailing "A" (the API page asks for it so)."""
    no = order.trade_orders[0] if order.trade_orders else order.object_id
    return no[:-1] if re.fullmatch(r"\d+A", no) else no


def _pack_id(object_id: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]", "_", object_id)


def _user_id(orders: Sequence[WaybillOrder]) -> int | None:
    uid = orders[0].user_id if orders else ""
    return int(uid) if uid and uid.lstrip("-").isdigit() else None


def _print_data(info: Mapping, template_url: str) -> str:
    """The component's waybill content: the encrypted data and its signature as waybillApply
    gave them, with the standard template. ``params`` is added when printing (`document`)."""
    return json.dumps(
        {
            "encryptedData": str(info.get("print_data", "")),
            "signature": str(info.get("sign", "")),
            "templateURL": template_url,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _refusal(err: Mapping, platform: str = "douyin") -> BusinessError:
    return BusinessError(platform, str(err.get("err_code", "")), str(err.get("err_msg", "")))


class Douyin:
    """The same operations as `platforms.cainiao.Cainiao`, through Douyin's APIs."""

    def __init__(self, client: DouyinClient) -> None:
        self.client = client

    def issue(
        self, logistics_code: str, sender: Party, orders: Sequence[WaybillOrder]
    ) -> list[Issued]:
        """Numbers and print data for ``orders``, in the orders' order. Orders the platform
        refused one by one (its ``err_infos``) raise `PartlyRefused` with the numbers given;
        an error about the whole request is raised as it is."""
        logistics_code = carrier_code(logistics_code)
        issued: list[Issued] = []
        refused: dict[str, PlatformError] = {}
        for i in range(0, len(orders), MAX_BATCH):
            batch = orders[i : i + MAX_BATCH]
            try:
                got, bad = self._issue(logistics_code, sender, batch)
            except PlatformError as exc:
                if not issued and not refused:
                    raise
                refused.update({o.object_id: exc for o in orders[i:]})
                break
            issued += got
            refused.update(bad)
        if refused:
            raise PartlyRefused("douyin", issued, refused)
        return issued

    def _issue(
        self, code: str, sender: Party, batch: Sequence[WaybillOrder]
    ) -> tuple[list[Issued], dict[str, PlatformError]]:
        infos, keys = [], {}
        for o in batch:
            order_id = _order_id(o)
            info: dict = {
                "order_id": order_id,
                "receiver_info": _party(o.recipient),
                "items": [{"item_name": n, "item_count": c} for n, c in o.items],
            }
            pack = ""
            if any(k[0] == order_id for k in keys):  # a second parcel of the same order
                pack = info["pack_id"] = _pack_id(o.object_id)
            if len(o.trade_orders) > 1:
                info["combine_orders"] = list(o.trade_orders[1:])
            infos.append(info)
            keys[(order_id, pack)] = o
        data = self.client.call(
            "logistics.newCreateOrder",
            logistics_code=code,
            sender_info=_party(sender),
            order_infos=infos,
            user_id=_user_id(batch),
        )

        def parcel(e: Mapping) -> WaybillOrder | None:
            order_id, pack = str(e.get("order_id", "")), str(e.get("pack_id") or "")
            if (order_id, pack) in keys:
                return keys[(order_id, pack)]
            same = [o for (oid, _p), o in keys.items() if oid == order_id]
            return same[0] if len(same) == 1 else None  # an order's only parcel

        numbered: dict[str, tuple[WaybillOrder, str]] = {}
        refused: dict[str, PlatformError] = {}
        for e in data.get("ebill_infos") or []:
            o = parcel(e)
            if o is not None and e.get("track_no"):
                numbered[o.object_id] = (o, str(e["track_no"]))
        for e in data.get("err_infos") or []:
            o = parcel(e)
            if o is not None and o.object_id not in numbered:
                refused[o.object_id] = _refusal(e)
        for o in batch:
            if o.object_id not in numbered and o.object_id not in refused:
                refused[o.object_id] = TransientError("douyin", "no_number", _order_id(o))
        printed, bad = self._print_data(code, [(o, no) for o, no in numbered.values()])
        refused.update(bad)
        issued = [printed[o.object_id] for o in batch if o.object_id in printed]
        return issued, refused

    def _print_data(
        self, code: str, numbered: Sequence[tuple[WaybillOrder, str]]
    ) -> tuple[dict[str, Issued], dict[str, PlatformError]]:
        """waybillApply for the new numbers: object id → Issued, and refusals. A number whose
        print data is refused stays the order's on the platform (asked again, the order gets
        it back) but is not recorded here without its print data."""
        if not numbered:
            return {}, {}
        data = self.client.call(
            "logistics.waybillApply",
            waybill_applies=[{"logistics_code": code, "track_no": no} for _o, no in numbered],
        )
        infos = {str(w.get("track_no")): w for w in data.get("waybill_infos") or []}
        errs = {str(e.get("track_no")): e for e in data.get("err_infos") or []}
        out, refused = {}, {}
        for o, no in numbered:
            if no in infos and infos[no].get("print_data"):
                out[o.object_id] = Issued(o.object_id, no, _print_data(infos[no], o.template_url))
            elif no in errs:
                refused[o.object_id] = _refusal(errs[no])
            else:
                refused[o.object_id] = TransientError("douyin", "no_print_data", no)
        return out, refused

    def cancel(self, logistics_code: str, track_no: str) -> bool:
        data = self.client.call(
            "logistics.cancelOrder", logistics_code=carrier_code(logistics_code), track_no=track_no
        )
        return bool((data.get("cancel_result") or {}).get("success"))

    def update(
        self,
        logistics_code: str,
        track_no: str,
        recipient: Party,
        *,
        object_id: str | None = None,
        template_url: str | None = None,
    ) -> Issued:
        """The receiver changed (改地址): updateOrder, then the number's new print data."""
        logistics_code = carrier_code(logistics_code)
        data = self.client.call(
            "logistics.updateOrder",
            logistics_code=logistics_code,
            track_no=track_no,
            receiver_info=_party(recipient),
        )
        number = str(data.get("track_no") or track_no)
        applied = self.client.call(
            "logistics.waybillApply",
            waybill_applies=[{"logistics_code": logistics_code, "track_no": number}],
        )
        for w in applied.get("waybill_infos") or []:
            if str(w.get("track_no")) == number and w.get("print_data"):
                return Issued(object_id or "", number, _print_data(w, template_url or ""))
        errs = applied.get("err_infos") or []
        if errs:
            raise _refusal(errs[0])
        raise TransientError("douyin", "no_print_data", number)

    def search(self, logistics_code: str | None = None) -> list[Branch]:
        """The shop's subscriptions (listShopNetsite): each branch with ``amount`` left."""
        code = carrier_code(logistics_code) if logistics_code else ""
        data = self.client.call("logistics.listShopNetsite", logistics_code=code)
        carrier = str(data.get("logistics_code") or code)
        out = []
        for n in data.get("netsites") or []:
            addrs = tuple(
                Address(
                    a.get("province_name", ""),
                    a.get("city_name", ""),
                    a.get("district_name", ""),
                    a.get("street_name", ""),
                    a.get("detail_address", ""),
                )
                for a in n.get("sender_address") or []
            )
            out.append(
                Branch(
                    cp_code=str(n.get("company") or carrier),
                    branch_code=str(n.get("netsite_code", "")),
                    branch_name=str(n.get("netsite_name", "")),
                    quantity=_count(n.get("amount")),
                    allocated=_count(n.get("allocated_quantity")),
                    cancelled=_count(n.get("cancelled_quantity")),
                    addresses=addrs,
                )
            )
        return out

    def document(self, print_data: str) -> dict:
        """The print component's waybill content for a recorded print data: as it was, with a
        freshly signed ``params`` for the component to fetch the decryption key (§3.3)."""
        content = json.loads(print_data) if print_data else {}
        content["params"] = self.client.shop_key_params()
        return content


def _count(value: object) -> int:
    """A quantity as listShopNetsite gives it (``amount`` is a string; -1 means none)."""
    try:
        n = int(str(value))
    except (TypeError, ValueError):
        return 0
    return max(n, 0)
