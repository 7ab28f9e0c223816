"""JD e-waybills (京东无界电子面单) through JD's open platform (JOS): numbers from
``jingdong.ldop.alpha.waybill.receive`` (one order a request), their print data from JD
Logistics' cloud print (``/PullDataService/pullData``), ``jingdong.ldop.alpha.waybill.api.unbind``
(cancel) and ``jingdong.ldop.alpha.provider.sign.success`` (the shop's carriers, branches and
balance).

The gateway (docs/dev/research/platform-ewaybills.md §4.1): a form POST of ``method``,
``access_token``, ``app_key``, ``timestamp`` (``yyyy-MM-dd HH:mm:ss``, China time), ``v=2.0``,
``format=json``, ``sign_method=md5``, ``360buy_param_json`` (all business parameters as one JSON
text, keys sorted) and ``sign`` (`platforms.signing.jd_sign`). The answer is
``{"<method>_response": …}`` — or ``_responce``, as several of the ldop.alpha APIs spell it — with
the API's own ``resultInfo {statusCode, statusMessage, data}``; a gateway error is
``error_response {code, zh_desc, en_desc}``.

Print data (§4.2): POST of a JSON array to ``<print gateway>/PullDataService/pullData`` with
``app_key``, ``access_token``, ``timestamp``, ``v``, ``sign`` and ``LOP-DN=jdcloudprint`` on the
query string and the header ``X-UseJosAuth: true``; signed as a JOS call whose ``method`` is
``/PullDataService/pullData`` and whose ``param_json`` is the body. The answer's ``code`` 1 means
success and ``prePrintDatas[]`` carry ``wayBillNo`` and ``perPrintData``. This comes from one
third-party SDK only (unverified against JD's own pages).

Thread: any (blocking); the secret never appears in an exception, a repr or a log line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlsplit

from platforms.errors import BusinessError, PartlyRefused, PlatformError, TransientError
from platforms.gateway import GatewayClient
from platforms.signing import jd_sign
from platforms.top import top_timestamp
from platforms.transport import JsonTransport
from platforms.waybill import Address, Branch, Issued, Party, WaybillOrder

PRODUCTION = "https://api.jd.com/routerjson"
PRINT_PRODUCTION = "https://api.jdl.com"
PULL_DATA = "/PullDataService/pullData"

# Which gateway errors are worth sending again: JOS's system-level codes (its 系统级错误码 table as
# open-source clients transcribe it; no JD page was readable here): 1 服务不可用, 43 系统处理错误,
# 65 平台连接后端服务超时, 66 平台连接后端服务不可用, 67 平台连接后端服务处理过程中出现未知异常 — the
# ones ERP clients retry. Everything else (12 无效签名, 19 无效access_token, 21 无效app_key, 60–63
# bad parameters, …) is the caller's. An API's own ``resultInfo.statusCode`` that is not 0 is a
# refusal of that order (1 参数异常, -1 失败, as a third-party client reads them); HTTP 5xx,
# timeouts and refused connections are transient in `platforms.transport`.
TRANSIENT_CODES = frozenset({"1", "43", "65", "66", "67"})

#: ``salePlatform`` per ``order_channels_type`` — JD's codes as recalled from ERP clients
#: (京东 0010001, 天猫 0010002, 其他 0030001): UNVERIFIED against a JD page.
SALE_PLATFORMS = {"JD": "0010001", "TB": "0010002", "TM": "0010002"}
OTHER_SALE_PLATFORM = "0030001"


def jd_error(answer: Mapping) -> PlatformError:
    err = answer.get("error_response", answer)
    code = str(err.get("code", ""))
    cls = TransientError if code in TRANSIENT_CODES else BusinessError
    # the Chinese description is the platform's own words (the English one only where it
    # gives no Chinese)
    return cls("jd", code, str(err.get("zh_desc") or err.get("en_desc") or ""))


def _sorted_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class JdClient(GatewayClient):
    """JD's JOS gateway, and JD Logistics' cloud print for the print data. ``print_gateway``:
    JDL's production address when ``gateway`` is JOS's, otherwise the same origin as
    ``gateway`` (a proxy or a test gateway serving both)."""

    platform = "jd"
    production = PRODUCTION

    def __init__(
        self,
        app_key: str,
        app_secret: str,
        access_token: str,
        *,
        print_gateway: str | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(app_key, app_secret, access_token, **kw)
        if print_gateway is None:
            parts = urlsplit(self.gateway)
            own = f"{parts.scheme}://{parts.netloc}"
            print_gateway = PRINT_PRODUCTION if self.gateway == PRODUCTION else own
        self.print_gateway = print_gateway.rstrip("/")

    def common(self, api: str) -> dict[str, str]:
        return {
            "method": api,
            "access_token": self.token,
            "app_key": self.key,
            "timestamp": top_timestamp(self._clock()),
            "v": "2.0",
            "format": "json",
            "sign_method": "md5",
        }

    def sign(self, fields: Mapping[str, str], secret: str) -> str:
        return jd_sign(fields, secret)

    def error_of(self, answer: Mapping) -> PlatformError:
        return jd_error(answer)

    def fields(self, api: str, params: Mapping[str, object]) -> dict[str, str]:
        """The signed form of one call: the business parameters in ``360buy_param_json``."""
        fields = self.common(api)
        fields["360buy_param_json"] = _sorted_json(
            {k: v for k, v in params.items() if v is not None}
        )
        fields["sign"] = self.sign(fields, self._secret)
        return fields

    def call(self, api: str, **params: object) -> dict:
        """One JOS call; the ``<api>_response`` (or ``_responce``) object."""
        base = api.replace(".", "_")

        def once() -> dict:
            answer = self.transport.post_form(self.gateway, self.fields(api, params), self.timeout)
            if "error_response" in answer:
                raise self.error_of(answer)
            for key in (base + "_response", base + "_responce"):
                if isinstance(answer.get(key), dict):
                    return answer[key]
            raise TransientError("jd", "bad_answer", f"no {base}_response")

        return self.retrying(once)

    def pull_data(self, requests: Sequence[Mapping]) -> list[dict]:
        """JD Logistics' cloud print data for ``requests`` (the pullData body's elements);
        its ``prePrintDatas``."""
        body = _sorted_json(list(requests))
        transport = cast(JsonTransport, self.transport)

        def once() -> list[dict]:
            signed = {
                "app_key": self.key,
                "access_token": self.token,
                "method": PULL_DATA,
                "timestamp": top_timestamp(self._clock()),
                "v": "2.0",
                "param_json": body,
            }
            query = {k: signed[k] for k in ("app_key", "access_token", "timestamp", "v")}
            query["sign"] = jd_sign(signed, self._secret)
            query["LOP-DN"] = "jdcloudprint"
            answer = transport.post_json(
                self.print_gateway + PULL_DATA,
                query,
                body,
                self.timeout,
                {"X-UseJosAuth": "true"},
            )
            if "error_response" in answer:
                raise self.error_of(answer)
            if str(answer.get("code", "")) != "1":
                raise BusinessError(
                    "jd",
                    str(answer.get("code", "")),
                    str(answer.get("msg") or answer.get("statusMessage") or ""),
                )
            return [p for p in answer.get("prePrintDatas") or [] if isinstance(p, dict)]

        return self.retrying(once)


# --- the e-waybill API ------------------------------------------------------------------------


def _address(p: Party) -> dict:
    """``fromAddress`` / ``toAddress``: JD calls the district ``countryName`` and the town
    ``countrysideName``; a protected JD receiver goes by its ``oaid``."""
    a = p.address or Address("")
    out = {
        "provinceName": a.province,
        "cityName": a.city,
        "countryName": a.district,
        "countrysideName": a.town,
        "address": a.detail,
        "contact": p.name,
        "mobile": p.mobile,
        "phone": p.phone,
        "oaid": p.oaid,
    }
    return {k: v for k, v in out.items() if v}


def _result(answer: Mapping) -> Any:
    """``resultInfo.data`` of an answer; a ``statusCode`` other than 0 is the API refusing."""
    info = answer.get("resultInfo") or {}
    status = str(info.get("statusCode", ""))
    if status != "0":
        raise BusinessError("jd", status, str(info.get("statusMessage") or ""))
    return info.get("data")


class Jd:
    """The same operations as `platforms.cainiao.Cainiao`, through JD's APIs. ``vendor_code``:
    the shop's JD vendor code (商家编码; the account's user id); ``branch_code``: the branch to
    ship from when the shop has several for a carrier. The carrier's ``providerId``, branch and
    ``settlementCode`` are read from ``provider.sign.success`` once."""

    def __init__(
        self,
        client: JdClient,
        *,
        vendor_code: str = "",
        branch_code: str = "",
        vendor_name: str = "",
    ) -> None:
        self.client = client
        self.vendor_code, self.branch_code, self.vendor_name = vendor_code, branch_code, vendor_name
        self._providers: dict[str, dict] = {}

    def _provider(self, code: str, vendor_code: str) -> dict:
        if code not in self._providers:
            rows = self._signed(vendor_code)
            mine = [r for r in rows if str(r.get("providerCode")) == code]
            if self.branch_code:
                mine = [r for r in mine if str(r.get("branchCode")) == self.branch_code] or mine
            if not mine:
                raise BusinessError("jd", "no_subscription", f"providerCode {code}")
            self._providers[code] = mine[0]
        return self._providers[code]

    def _signed(self, vendor_code: str) -> list[dict]:
        answer = self.client.call(
            "jingdong.ldop.alpha.provider.sign.success", vendorCode=vendor_code
        )
        data = _result(answer)
        return [r for r in data or [] if isinstance(r, dict)]

    def issue(self, code: str, sender: Party, orders: Sequence[WaybillOrder]) -> list[Issued]:
        """Numbers for ``orders``, one request each (the API takes one order); then their
        print data in one pullData. An order the API refuses (its ``resultInfo``) is refused
        alone: `PartlyRefused` carries the others' numbers. A gateway error (credentials,
        signature, the gateway down after the retries) stops the batch and is raised as it is
        when nothing was numbered."""
        numbered: list[tuple[WaybillOrder, str]] = []
        refused: dict[str, PlatformError] = {}
        for n, o in enumerate(orders):
            try:
                vendor = o.user_id or self.vendor_code
                provider = self._provider(code, vendor)
                answer = self.client.call(
                    "jingdong.ldop.alpha.waybill.receive",
                    content=_sorted_json(self._content(code, provider, sender, o, vendor)),
                )
            except PlatformError as exc:  # the gateway's (or no subscription): the whole batch
                if not numbered and not refused:
                    raise
                refused.update({r.object_id: exc for r in orders[n:]})
                break
            try:
                data = _result(answer) or {}
            except BusinessError as exc:
                refused[o.object_id] = exc
                continue
            codes = [str(c) for c in data.get("waybillCodeList") or [] if c]
            if not codes:
                refused[o.object_id] = TransientError("jd", "no_number", o.object_id)
                continue
            numbered.append((o, codes[0]))
        issued: list[Issued] = []
        if numbered:
            try:
                printed, bad = self._print_data(code, numbered)
            except PlatformError as exc:
                printed, bad = {}, {o.object_id: exc for o, _no in numbered}
            refused.update(bad)
            issued = [printed[o.object_id] for o in orders if o.object_id in printed]
        if refused:
            raise PartlyRefused("jd", issued, refused)
        return issued

    def _content(
        self, code: str, provider: Mapping, sender: Party, o: WaybillOrder, vendor: str
    ) -> dict:
        """The receive API's ``content``. Field names from the JD SDK's request class as a
        third-party SDK copies it; the values of ``waybillType`` (1, an ordinary parcel),
        ``payType`` (0) and the money fields (0, nothing collected) are our reading, not a
        document's."""
        content: dict = {
            "waybillType": 1,
            "waybillCount": 1,
            "providerId": provider.get("providerId"),
            "providerCode": code,
            "branchCode": self.branch_code or provider.get("branchCode"),
            "settlementCode": provider.get("settlementCode"),
            "salePlatform": SALE_PLATFORMS.get(o.channel, OTHER_SALE_PLATFORM),
            "platformOrderNo": o.trade_orders[0] if o.trade_orders else o.object_id,
            "vendorCode": vendor,
            "vendorName": self.vendor_name or None,
            "vendorOrderCode": o.object_id,
            "weight": round((o.weight_grams or 0) / 1000, 3),
            "volume": 0,
            "payType": 0,
            "goodsMoney": 0,
            "shouldPayMoney": 0,
            "needGuarantee": False,
            "guaranteeMoney": 0,
            "fromAddress": _address(sender),
            "toAddress": _address(o.recipient),
        }
        return {k: v for k, v in content.items() if v is not None and v != ""}

    def _print_data(
        self, code: str, numbered: Sequence[tuple[WaybillOrder, str]]
    ) -> tuple[dict[str, Issued], dict[str, PlatformError]]:
        provider = self._providers.get(code, {})
        requests = [
            {
                "cpCode": code,
                "objectId": o.object_id,
                "parameters": {"eCustomerCode": provider.get("settlementCode", "")},
                "wayBillInfos": [
                    {
                        "popFlag": 1 if o.channel == "JD" else 0,
                        "orderNo": o.trade_orders[0] if o.trade_orders else o.object_id,
                        "wayBillCode": no,
                    }
                ],
            }
            for o, no in numbered
        ]
        datas = {str(p.get("wayBillNo")): p for p in self.client.pull_data(requests)}
        out: dict[str, Issued] = {}
        refused: dict[str, PlatformError] = {}
        for o, no in numbered:
            p = datas.get(no)
            if p is not None and p.get("perPrintData"):
                doc = {"tempUrl": o.template_url, "printData": str(p["perPrintData"])}
                out[o.object_id] = Issued(
                    o.object_id, no, json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                )
            elif p is not None:
                refused[o.object_id] = BusinessError(
                    "jd", str(p.get("code", "")), str(p.get("msg") or "")
                )
            else:
                refused[o.object_id] = TransientError("jd", "no_print_data", no)
        return out, refused

    def cancel(self, code: str, waybill_code: str) -> bool:
        """Unbind the number (运单解绑: JD's cancel of an e-waybill)."""
        provider = self._provider(code, self.vendor_code)
        answer = self.client.call(
            "jingdong.ldop.alpha.waybill.api.unbind",
            providerId=provider.get("providerId"),
            providerCode=code,
            waybillCode=waybill_code,
        )
        _result(answer)
        return True

    def update(
        self,
        code: str,
        waybill_code: str,
        recipient: Party,
        *,
        object_id: str | None = None,
        template_url: str | None = None,
    ) -> Issued:
        """Not supported: no JD API to change an issued e-waybill's receiver was found in the
        documents we built from (§4.2); raises ``BusinessError("jd", "not_supported")``. Cancel
        the number and ask a new one instead."""
        raise BusinessError("jd", "not_supported", "JD e-waybills cannot be updated")

    def search(self, code: str | None = None) -> list[Branch]:
        """The shop's signed carriers (provider.sign.success): each branch with ``amount``."""
        out = []
        for r in self._signed(self.vendor_code):
            if code and str(r.get("providerCode")) != code:
                continue
            a = r.get("address") or {}
            addr = Address(
                str(a.get("provinceName", "")),
                str(a.get("cityName", "")),
                str(a.get("countryName", "")),
                str(a.get("countrysideName", "")),
                str(a.get("address", "")),
            )
            out.append(
                Branch(
                    cp_code=str(r.get("providerCode", "")),
                    branch_code=str(r.get("branchCode", "")),
                    branch_name=str(r.get("branchName", "")),
                    quantity=_count(r.get("amount")),
                    addresses=(addr,) if a else (),
                )
            )
        return out


def _count(value: object) -> int:
    try:
        return max(int(str(value)), 0)
    except (TypeError, ValueError):
        return 0
