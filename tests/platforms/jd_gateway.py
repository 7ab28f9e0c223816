"""A stand-in for JD's open platform (JOS ``/routerjson``) and JD Logistics' cloud print
(``/PullDataService/pullData``), written from the published material
(docs/dev/research/platform-ewaybills.md §4): the JOS common parameters (form or query string),
the signature checked with the published algorithm (its own implementation here: every
parameter but ``sign`` and empty ones, sorted, ``name+value`` joined, wrapped in the secret,
MD5, upper-case hex), ``360buy_param_json`` with its keys sorted, the timestamp in China time
within 6 minutes (the JOS help page's allowance). It answers ``error_response {code,
zh_desc, en_desc}`` for gateway errors (12 无效签名, 19 无效access_token, 66
平台连接后端服务不可用) and the APIs' own ``resultInfo {statusCode, statusMessage, data}``, under ``<method>_response`` for waybill.receive and
``_responce`` for the others, as JD spells them.

The same ``platformOrderNo`` asked again gets its number again (our reading: JD does not say);
a new number takes one from the provider's ``amount``. Faults (``fail_next``): ``isp`` (code
66), ``http500``, ``drop``. A test tool, never the platform.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import urllib.parse
from zoneinfo import ZoneInfo

from tests.platforms.standin_http import LocalHttp

CHINA = ZoneInfo("Asia/Shanghai")


def expected_sign(fields: dict[str, str], secret: str) -> str:
    s = "".join(k + fields[k] for k in sorted(fields) if k != "sign" and fields[k] != "")
    return hashlib.md5((secret + s + secret).encode()).hexdigest().upper()


class JdGateway(LocalHttp):
    def __init__(
        self, app_key: str = "JDAPPKEY01", secret: str = "jd-secret", token: str = "jd-token"
    ) -> None:
        super().__init__()
        self.app_key, self.secret, self.token = app_key, secret, token
        self.url = self.base + "/routerjson"
        self.balance = 1000
        self.vendor_code = "10706"
        #: the vendor's signed carriers: providerCode → (providerId, name)
        self.providers: dict[str, tuple[int, str]] = {"ZTO": (4832, "中通快递")}
        self.refused_orders: set[str] = set()  # platformOrderNo answered statusCode 1
        self.requests: list[tuple[str, object]] = []  # (method, business parameters)
        self.issued: dict[str, str] = {}  # platformOrderNo → waybill code
        self.cancelled: set[str] = set()
        self.pulled: list[list] = []
        self._next = 8_500_000_000_001

    def error(self, code: str, zh: str, en: str) -> dict:
        return {"error_response": {"code": code, "zh_desc": zh, "en_desc": en}}

    def _check(self, f: dict[str, str]) -> dict | None:
        for k in ("method", "app_key", "access_token", "timestamp", "v", "sign"):
            if not f.get(k):
                return self.error("11" if k == "sign" else "60", f"缺少{k}参数", f"missing {k}")
        if f["app_key"] != self.app_key:
            return self.error("21", "无效app_key", "invalid app_key")
        if f["sign"] != expected_sign(f, self.secret):
            return self.error("12", "无效签名", "invalid sign")
        if f["access_token"] != self.token:
            return self.error("19", "无效access_token", "invalid access_token")
        at = dt.datetime.strptime(f["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=CHINA)
        if abs(at - dt.datetime.now(CHINA)) > dt.timedelta(minutes=6):
            return self.error("8", "非法的时间戳参数", "invalid timestamp")
        return None

    def handle(self, path, query, body, headers):
        if path.endswith("/PullDataService/pullData"):
            return self._pull(query, body, headers)
        fields = dict(query)
        if body and "json" not in headers.get("content-type", ""):
            fields.update({k: v[0] for k, v in urllib.parse.parse_qs(body).items()})
        raw = fields.get("360buy_param_json", "{}")
        params = json.loads(raw)
        self.requests.append((fields.get("method", ""), params))
        bad = self._check(fields)
        if bad is not None:
            return 200, bad, False
        if raw != json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False):
            return 200, self.error("63", "json格式不合法", "keys not sorted"), False
        fault = self.fault()
        if fault == "isp":
            return 200, self.error("66", "平台连接后端服务不可用", "service not available"), False
        if fault == "http500":
            return 500, {}, False
        method = fields["method"]
        api = {
            "jingdong.ldop.alpha.waybill.receive": (self._receive, "_response"),
            "jingdong.ldop.alpha.waybill.api.unbind": (self._unbind, "_responce"),
            "jingdong.ldop.alpha.provider.sign.success": (self._signed, "_responce"),
        }.get(method)
        if api is None:
            return 200, self.error("15", "不存在的方法名", "no such method"), False
        fn, suffix = api
        info = fn(params)
        key = method.replace(".", "_") + suffix
        return 200, {key: {"code": "0", "resultInfo": info}}, fault == "drop"

    @staticmethod
    def result(status: int, message: str, data=None) -> dict:
        return {"statusCode": status, "statusMessage": message, "data": data}

    def _receive(self, p: dict) -> dict:
        c = json.loads(p["content"])
        known = {pid for pid, _name in self.providers.values()}
        if c.get("providerId") not in known or c.get("vendorCode") != self.vendor_code:
            return self.result(1, "承运商或商家编码有误")
        no = c["platformOrderNo"]
        if no in self.refused_orders:
            return self.result(1, "收件地址超区")
        number = self.issued.get(no)
        if number is None:
            if self.balance <= 0:
                return self.result(1, "单号余额不足")
            number = f"JDV{self._next}"
            self._next += 1
            self.balance -= 1
            self.issued[no] = number
        return self.result(0, "成功", {"platformOrderNo": no, "waybillCodeList": [number]})

    def _unbind(self, p: dict) -> dict:
        no = p.get("waybillCode")
        known = {pid for pid, _name in self.providers.values()}
        if no not in self.issued.values() or p.get("providerId") not in known:
            return self.result(1, "运单不存在")
        self.cancelled.add(no)
        return self.result(0, "成功")

    def _signed(self, p: dict) -> dict:
        if p.get("vendorCode") != self.vendor_code:
            return self.result(1, "商家编码有误")
        return self.result(
            0,
            "成功",
            [
                {"providerId": pid, "providerCode": code, "providerName": name,
                 "providerType": 2, "branchCode": "571003", "branchName": f"杭州余杭{name}",
                 "settlementCode": "ZT-571-88", "amount": self.balance, "supportCod": False,
                 "address": {"provinceName": "浙江省", "cityName": "杭州市",
                             "countryName": "余杭区", "address": "良睦路 1399 号"}}
                for code, (pid, name) in self.providers.items()
            ],
        )  # fmt: skip

    def _pull(self, query: dict[str, str], body: str, headers: dict[str, str]):
        signed = {k: query.get(k, "") for k in ("app_key", "access_token", "timestamp", "v")}
        signed.update({"method": "/PullDataService/pullData", "param_json": body})
        if headers.get("x-usejosauth") != "true" or query.get("LOP-DN") != "jdcloudprint":
            return 200, {"code": 0, "msg": "missing LOP-DN / X-UseJosAuth"}, False
        bad = self._check({**signed, "sign": query.get("sign", "")})
        if bad is not None:
            return 200, bad, False
        reqs = json.loads(body)
        self.pulled.append(reqs)
        datas = []
        for r in reqs:
            for w in r["wayBillInfos"]:
                no = w["wayBillCode"]
                if no in self.issued.values():
                    datas.append(
                        {"wayBillNo": no, "code": "1", "msg": "成功",
                         "perPrintData": f"JDENC:{hashlib.sha256(no.encode()).hexdigest()}"}
                    )  # fmt: skip
                else:
                    datas.append({"wayBillNo": no, "code": "2", "msg": "运单不存在"})
        return 200, {"code": 1, "prePrintDatas": datas}, False
