"""A stand-in for Douyin's (抖店) open-platform gateway, written from the published material
(docs/dev/research/platform-ewaybills.md §3): the path is the method with its dots as slashes,
the common parameters on the query string, ``param_json`` the JSON body; the signature is
checked with the published algorithm (its own implementation here, not the client's) over the
body with its keys sorted at every level, as the platform re-serialises it (so a body whose keys
are not sorted fails the check); the timestamp is Unix seconds within 300 s. It answers in the
envelope ``{code, msg, sub_code, sub_msg, log_id, data}`` with the API pages' codes: 10000
success, 40003 isv.signature-invalid / isv.access-token-invalid, 20000 isp.service-error (系统错误,
retry), 50002 isv.business-failed (业务处理失败), and per-order ``err_infos``.

The same order asked again (same ``order_id`` and ``pack_id``) gets its old number, as the API
page says; a new number takes one from the branch's ``amount``. Faults (``fail_next``): ``isp``,
``http500``, ``drop``. A test tool, never the platform.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from tests.platforms.standin_http import LocalHttp


def expected_sign(q: dict[str, str], body: str, secret: str) -> str:
    s = (
        f"{secret}app_key{q['app_key']}method{q['method']}param_json{body}"
        f"timestamp{q['timestamp']}v{q['v']}{secret}"
    )
    if q.get("sign_method", "md5") == "hmac-sha256":
        return hmac.new(secret.encode(), s.encode(), hashlib.sha256).hexdigest()
    return hashlib.md5(s.encode()).hexdigest()


def canonical(body: str) -> str:
    return json.dumps(
        json.loads(body or "{}"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


class DouyinGateway(LocalHttp):
    def __init__(
        self,
        app_key: str = "7000000000000000001",
        secret: str = "dy-secret",
        token: str = "dy-token",
    ) -> None:
        super().__init__()
        self.app_key, self.secret, self.token = app_key, secret, token
        self.url = self.base
        self.balance = 1000
        self.refused_orders: set[str] = set()  # answered in err_infos (订单信息不存在)
        self.refused_all: str = ""  # a sub-code for the whole request (50002)
        self.requests: list[tuple[str, dict]] = []  # (method, param_json)
        self.issued: dict[tuple[str, str], str] = {}  # (order_id, pack_id) → track_no
        self.cancelled: set[str] = set()
        self.updated: dict[str, dict] = {}
        self._next = 7_800_000_000_001

    # --- the gateway ----------------------------------------------------------------------

    @staticmethod
    def envelope(code: int, msg: str, sub_code: str = "", sub_msg: str = "", data=None) -> dict:
        return {
            "code": code,
            "msg": msg,
            "sub_code": sub_code,
            "sub_msg": sub_msg,
            "log_id": "20261204000000000000",
            "data": data if data is not None else {},
        }

    def check(self, q: dict[str, str], body: str) -> dict | None:
        """The platform's checks of the common parameters; None when they hold."""
        for k in ("app_key", "method", "access_token", "timestamp", "v", "sign"):
            if not q.get(k):
                return self.envelope(40001, "缺少必选参数", f"isv.{k}-missing", f"{k} 不能为空")
        if q["app_key"] != self.app_key:
            return self.envelope(40003, "非法的参数", "isv.app-id-invalid", "app_key 不存在")
        if q["sign"] != expected_sign(q, canonical(body), self.secret):
            return self.envelope(40003, "非法的参数", "isv.signature-invalid", "签名校验失败")
        if q["access_token"] != self.token:
            return self.envelope(
                40003, "非法的参数", "isv.access-token-invalid", "app_key和access_token不匹配"
            )
        if abs(int(q["timestamp"]) - time.time()) > 300:
            return self.envelope(40003, "非法的参数", "isv.timestamp-invalid", "时间戳不合法")
        return None

    def check_params(self, params: str) -> bool:
        """Would the platform accept a print component's ``params`` (logistics.getShopKey)?"""
        q = dict(p.split("=", 1) for p in params.split("&"))
        return (
            q.get("method") == "logistics.getShopKey"
            and q.get("param_json") == "{}"
            and self.check(q, "{}") is None
        )

    def handle(self, path, query, body, headers):
        method = path.strip("/").replace("/", ".")
        try:
            params = json.loads(body or "{}")
        except ValueError:
            return 200, self.envelope(40003, "非法的参数", "isv.parameter-format-invalid"), False
        self.requests.append((method, params))
        if query.get("method") != method:
            return 200, self.envelope(40003, "非法的参数", "isv.method-invalid"), False
        bad = self.check(query, body)
        if bad is not None:
            return 200, bad, False
        fault = self.fault()
        if fault == "isp":
            return (
                200,
                self.envelope(20000, "系统错误", "isp.service-error:15001", "系统错误"),
                False,
            )
        if fault == "http500":
            return 500, {}, False
        api = {
            "logistics.newCreateOrder": self._create,
            "logistics.waybillApply": self._apply,
            "logistics.cancelOrder": self._cancel,
            "logistics.updateOrder": self._update,
            "logistics.listShopNetsite": self._netsites,
        }.get(method)
        if api is None:
            return 200, self.envelope(70000, "接口服务已下线", "isp.api-service-off"), False
        return 200, api(params), fault == "drop"

    # --- the logistics APIs ---------------------------------------------------------------

    def _create(self, p: dict) -> dict:
        if self.refused_all:
            return self.envelope(50002, "业务处理失败", self.refused_all, "订单不是该店铺下的订单")
        if len(p.get("order_infos") or []) > 50:
            return self.envelope(40004, "非法的参数", "isv.parameter-invalid:1000", "一次最多50条")
        ebills, errs = [], []
        for o in p["order_infos"]:
            oid, pack = o["order_id"], o.get("pack_id", "")
            if oid in self.refused_orders:
                errs.append(
                    {
                        "order_id": oid,
                        "pack_id": pack,
                        "err_code": "15002",
                        "err_msg": "订单信息不存在",
                    }
                )
                continue
            number = self.issued.get((oid, pack))
            if number is None:
                if self.balance <= 0:
                    errs.append(
                        {"order_id": oid, "pack_id": pack, "err_code": "10711",
                         "err_msg": "电子面单余额不足"}
                    )  # fmt: skip
                    continue
                number = f"DY{self._next}"
                self._next += 1
                self.balance -= 1
                self.issued[(oid, pack)] = number
            ebills.append(
                {"order_id": oid, "pack_id": pack, "track_no": number,
                 "company": p["logistics_code"], "sort_code": "571-A1"}
            )  # fmt: skip
        return self.envelope(10000, "success", data={"ebill_infos": ebills, "err_infos": errs})

    def print_data(self, number: str) -> str:
        return f"DYENC:{hashlib.sha256(number.encode()).hexdigest()}"

    def _apply(self, p: dict) -> dict:
        known = {n: k for k, n in self.issued.items()}
        infos, errs = [], []
        for a in p.get("waybill_applies") or []:
            no = a["track_no"]
            if no not in known:
                errs.append(
                    {"track_no": no, "err_code": 1003, "err_msg": "运单号有误，请检查运单号"}
                )
                continue
            note = "u" if no in self.updated else ""
            infos.append(
                {"order_id": known[no][0], "track_no": no,
                 "print_data": self.print_data(no) + note,
                 "sign": hashlib.md5(no.encode()).hexdigest()}
            )  # fmt: skip
        return self.envelope(10000, "success", data={"waybill_infos": infos, "err_infos": errs})

    def _cancel(self, p: dict) -> dict:
        no = p["track_no"]
        if no not in self.issued.values():
            return self.envelope(
                50002, "业务处理失败", "isv.business-failed:8018", "未获取到订单信息"
            )
        if no in self.cancelled:
            return self.envelope(50002, "业务处理失败", "isv.business-failed:1102", "重复取消")
        self.cancelled.add(no)
        return self.envelope(10000, "success", data={"cancel_result": {"success": True}})

    def _update(self, p: dict) -> dict:
        no = p["track_no"]
        if no not in self.issued.values():
            return self.envelope(50002, "业务处理失败", "isv.business-failed:10903", "订单号不存在")
        self.updated[no] = p.get("receiver_info", {})
        return self.envelope(10000, "success", data={"track_no": no, "sort_code": "571-A2"})

    def _netsites(self, p: dict) -> dict:
        site = {
            "netsite_code": "571002",
            "netsite_name": "杭州余杭抖店网点",
            "amount": str(self.balance),
            "allocated_quantity": len(self.issued),
            "cancelled_quantity": len(self.cancelled),
            "recycled_quantity": -1,
            "company": "zhongtong",
            "sender_address": [
                {"province_name": "浙江省", "city_name": "杭州市", "district_name": "余杭区",
                 "street_name": "仓前街道", "detail_address": "良睦路 1399 号"}
            ],
        }  # fmt: skip
        code = p.get("logistics_code") or ""
        sites = [site] if code in ("", "zhongtong") else []
        return self.envelope(
            10000, "success", data={"logistics_code": code, "company_type": 1, "netsites": sites}
        )
