"""Stand-ins for the TOP gateway and the Pinduoduo gateway, written from the published
documents (TOP doc 101617: common parameters, signing, error_response; the cainiao.waybill.ii.*
and pdd.waybill.* metadata; PDD's gateway rules as its open-source clients transcribe them), for
the tests of `platforms.top`, `platforms.cainiao` and `platforms.pdd`. It checks every request's signature with the published
algorithm (its own implementation, not the client's), its timestamp (China time, 10 minutes of
skew), and answers as the documents show. A test tool, never the platform.

Faults for the tests (``fail_next``): ``"isp"`` (an isp.* remote service error), ``"isv"`` (超区),
``"http500"``,
``"drop"`` (the request is carried out but the connection closes before the answer: the client
must send the same object ids again and get the same numbers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def _expected_sign(fields: dict[str, str], secret: str) -> str:
    s = "".join(k + fields[k] for k in sorted(fields) if k != "sign")
    method = fields.get("sign_method", "md5")
    if method == "md5":
        return hashlib.md5((secret + s + secret).encode()).hexdigest().upper()
    digest = hashlib.md5 if method == "hmac" else hashlib.sha256
    return hmac.new(secret.encode(), s.encode(), digest).hexdigest().upper()


def _pdd_sign(fields: dict[str, str], secret: str) -> str:
    s = "".join(k + fields[k] for k in sorted(fields) if k != "sign")
    return hashlib.md5((secret + s + secret).encode()).hexdigest().upper()


class TopGateway:
    """``dialect``: ``"top"`` (Cainiao through TOP) or ``"pdd"`` (Pinduoduo)."""

    def __init__(
        self,
        app_key: str = "12345678",
        secret: str = "s3cret",
        session: str = "tok",
        dialect: str = "top",
    ):
        self.app_key, self.secret, self.session = app_key, secret, session
        self.dialect = dialect
        self.balance = 1000
        self.unserved_provinces: set[str] = set()
        self.refused_trades: set[str] = set()  # trade order numbers refused as 超区
        self.fail_next: list[str] = []
        self.requests: list[dict[str, str]] = []
        self.issued: dict[tuple[str, tuple[str, ...]], str] = {}  # (object_id, trades) → number
        self.cancelled: set[str] = set()
        self.updates: list[dict] = []  # cainiao.waybill.ii.update requests, as sent
        self._next = 7_700_000_000_001
        self._lock = threading.Lock()
        gw = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_POST(self):  # noqa: N802
                n = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(n).decode("utf-8")
                fields = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                status, answer, drop = gw.handle(fields)
                if drop:
                    self.close_connection = True
                    self.wfile.flush()
                    return
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/router/rest"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the gateway ------------------------------------------------------------------

    def error(self, code: int, msg: str, sub_code: str = "", sub_msg: str = "") -> dict:
        if self.dialect == "pdd":
            return {
                "error_response": {
                    "error_code": code,
                    "error_msg": msg,
                    "sub_code": sub_code or None,
                    "sub_msg": sub_msg,
                    "request_id": "rid",
                }
            }
        e: dict = {"code": code, "msg": msg, "request_id": "rid"}
        if sub_code:
            e["sub_code"], e["sub_msg"] = sub_code, sub_msg
        return {"error_response": e}

    def handle(self, f: dict[str, str]) -> tuple[int, dict, bool]:
        with self._lock:
            self.requests.append(f)
            if self.dialect == "pdd":
                checked = self._check_pdd(f)
            else:
                checked = self._check_top(f)
            if checked is not None:
                return 200, checked, False
            fault = self.fail_next.pop(0) if self.fail_next else ""
            if fault == "isp" and self.dialect == "pdd":
                return 200, self.error(52103, "服务暂时不可用"), False
            if fault == "isp":
                return 200, self.error(
                    15, "Remote service error", "isp.top-remote-connection-timeout", "超时"
                ), False  # fmt: skip
            if fault == "isv":
                return 200, self.error(
                    15, "Remote service error", "isv.ADDRESS_NOT_SUPPORT", "超区"
                ), False  # fmt: skip
            if fault == "http500":
                return 500, {}, False
            method = f["type"] if self.dialect == "pdd" else f["method"]
            method = {
                "pdd.waybill.get": "cainiao.waybill.ii.get",
                "pdd.waybill.cancel": "cainiao.waybill.ii.cancel",
                "pdd.waybill.search": "cainiao.waybill.ii.search",
            }.get(method, method)
            key = (f["type"] if self.dialect == "pdd" else f["method"]).replace(".", "_")
            key += "_response"
            if method == "cainiao.waybill.ii.get":
                answer = self._get(json.loads(f["param_waybill_cloud_print_apply_new_request"]))
            elif method == "cainiao.waybill.ii.cancel":
                self.cancelled.add(f["waybill_code"])
                answer = {"cancel_result": True}
            elif method == "cainiao.waybill.ii.update":
                req = json.loads(f["param_waybill_cloud_print_update_request"])
                self.updates.append(req)
                answer = {
                    "waybill_code": req["waybill_code"],
                    "print_data": self._print_data(req["waybill_code"], "updated"),
                }
            elif method == "cainiao.waybill.ii.search":
                answer = self._search()
            else:
                return 200, self.error(22, "Invalid Method"), False
            if "error_response" in answer:
                return 200, answer, fault == "drop"
            return 200, {key: {**answer, "request_id": "rid"}}, fault == "drop"

    def _check_top(self, f: dict[str, str]) -> dict | None:
        for k in ("method", "app_key", "timestamp", "v", "sign_method", "sign", "session"):
            if k not in f:
                return self.error(40, "Missing Required Arguments", f"missing-{k}")
        if f["app_key"] != self.app_key:
            return self.error(29, "Invalid App Key")
        if f["sign"] != _expected_sign(f, self.secret):
            return self.error(25, "Invalid Signature")
        if f["session"] != self.session:
            return self.error(27, "Invalid Session")
        at = dt.datetime.strptime(f["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=CHINA)
        if abs(at - dt.datetime.now(CHINA)) > dt.timedelta(minutes=10):
            return self.error(31, "Invalid Timestamp")
        return None

    def _check_pdd(self, f: dict[str, str]) -> dict | None:
        for k in ("type", "client_id", "access_token", "timestamp", "sign"):
            if k not in f:
                return self.error(10001, f"公共参数错误:{k}")
        if f["client_id"] != self.app_key:
            return self.error(10016, "client_id 不存在")
        if f["sign"] != _pdd_sign(f, self.secret):
            return self.error(20004, "签名错误")
        if f["access_token"] != self.session:
            return self.error(10019, "access_token 已过期")
        if abs(int(f["timestamp"]) - dt.datetime.now(dt.UTC).timestamp()) > 600:
            return self.error(10002, "时间戳错误")
        return None

    def _search(self) -> dict:
        pdd = self.dialect == "pdd"
        address = {
            "province": "浙江省",
            "city": "杭州市",
            "district": "余杭区",
            "detail": "文一西路 1 号",
        }
        branch = {
            "branch_code": "571001",
            "branch_name": "杭州余杭网点",
            "quantity": self.balance,
            "allocated_quantity": len(self.issued),
            "cancel_quantity": len(self.cancelled),
            "shipp_address_cols": [address] if pdd else {"address_dto": [address]},
        }
        sub = {
            ("wp_code" if pdd else "cp_code"): "ZTO",
            ("wp_type" if pdd else "cp_type"): 2,
            "branch_account_cols": [branch] if pdd else {"waybill_branch_account": [branch]},
        }
        if pdd:
            return {"waybill_apply_subscription_cols": [sub]}
        return {"waybill_apply_subscription_cols": {"waybill_apply_subscription_info": [sub]}}

    def _print_data(self, number: str, note: str = "") -> str:
        return json.dumps(
            {
                "encryptedData": f"AES:{hashlib.sha256(number.encode()).hexdigest()}{note}",
                "signature": hashlib.md5(number.encode()).hexdigest(),
                ("templateUrl" if self.dialect == "pdd" else "templateURL"): (
                    "https://file-link.pinduoduo.com/zto_one"
                    if self.dialect == "pdd"
                    else "http://cloudprint.cainiao.com/template/standard/101"
                ),
                "ver": "waybill_print_secret_version_1",
            },
            separators=(",", ":"),
        )

    def _get(self, req: dict) -> dict:
        dtos = req["trade_order_info_dtos"]
        if len(dtos) > 10:
            return self.error(41, "Invalid Arguments", "isv.invalid-parameter", "最多10个订单")
        modules = []
        for d in dtos:
            trade_nos = set(d["order_info"]["trade_order_list"])
            province = d["recipient"].get("address", {}).get("province")
            if province in self.unserved_provinces or trade_nos & self.refused_trades:
                return self.error(15, "Remote service error", "isv.ADDRESS_NOT_SUPPORT", "超区")
            trades = tuple(d["order_info"]["trade_order_list"])
            k = (d["object_id"], trades)
            number = self.issued.get(k)
            if number is None:  # the same parcel asked again keeps its number
                if self.balance <= 0:
                    return self.error(
                        15, "Remote service error", "isv.BALANCE_NOT_ENOUGH", "余额不足"
                    )
                number = str(self._next)
                self._next += 1
                self.balance -= 1
                self.issued[k] = number
            modules.append(
                {
                    "object_id": d["object_id"],
                    "waybill_code": number,
                    "print_data": self._print_data(number),
                }
            )
        if self.dialect == "pdd":
            return {"modules": modules}
        return {"modules": {"waybill_cloud_print_response": modules}}


def save_account(db, gw: TopGateway, shop: str, carrier: str = "ZTO", **extra: str):
    """The shop's e-waybill account for ``carrier`` on this stand-in (Cainiao, or Pinduoduo
    for a ``pdd`` gateway), saved by the demo admin with its PIN, as a test floor needs it."""
    from app.services.accounts import add_account

    pdd = gw.dialect == "pdd"
    fields: dict[str, str] = {
        "user_id": "2200000001",
        "template_url": "https://file-link.pinduoduo.com/zto_one"
        if pdd
        else "http://cloudprint.cainiao.com/template/standard/101",
        **extra,
    }
    return add_account(
        db, shop=shop, platform="pdd" if pdd else "cainiao", carrier=carrier,
        app_key=gw.app_key, app_secret=gw.secret, session=gw.session, gateway=gw.url,
        operator="1008", pin="0000", **fields,
    )  # fmt: skip
