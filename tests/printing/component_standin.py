"""A stand-in for a platform's local print component, written from the component's published
protocol (Cainiao's 菜鸟打印交互协议, doc 107014, as its copies give it; Pinduoduo's differences:
``PrintResultNotify``): a local WebSocket server speaking the JSON commands ``getPrinters`` and
``print``, answering ``print`` with the task's acceptance and then pushing the per-document
result. A test tool, never the platform's program.

``fail_documents``: document ids whose print fails (paper out); ``refuse_next``: the next task
is refused; ``silent``: print is accepted but no result is ever pushed.

``dialect="jd"``: JD's component instead (京东打印组件, research notes §4.3): ``orderType``
``GET_Printers`` (the printers in ``detailinfo.printers`` and, comma-separated, in ``content``;
``list_in="content"`` gives the older answer with ``content`` only) and ``PRINT``
(``printName``, ``tempUrl``, ``printData`` [ciphertext], ``customTempUrl``, ``customData``),
each answered once with ``key``, ``code``, ``success``, ``message``, ``status``, ``content``,
``detailinfo``. There ``fail_documents`` names ciphertexts whose print fails (``status`` 500,
the error under ``detailinfo.errors`` by ``seq``); data that is not a JD print request
(no ``tempUrl``/``printData``, a ``printData`` that is not a list of strings) or
``refuse_next`` is refused with ``status`` 502; ``silent`` never answers a ``PRINT``;
``printed`` lists ``(printer, ciphertext)``; ``tasks`` the ``PRINT`` parameters.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import threading

from websockets.sync.server import serve

#: the smallest valid PNG (1×1, white): what the JD stand-in draws for a preview
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"
)


def _blank_pdf() -> bytes:
    """A one-page 100×180 mm PDF: the Cainiao stand-in's preview."""
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=283, height=510)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


class _PreviewServer(http.server.ThreadingHTTPServer):
    """The component's own HTTP side, serving its previews."""

    def __init__(self, standin: ComponentStandIn) -> None:
        pdf = standin.preview_pdf

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(pdf)))
                self.end_headers()
                self.wfile.write(pdf)

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class ComponentStandIn:
    def __init__(
        self,
        dialect: str = "cainiao",
        printers: tuple[str, ...] = ("ZTO-Thermal",),
        port: int = 0,  # 0: any free port; a port: the component started again where it was
    ):
        self.dialect = dialect
        self.notify = "PrintResultNotify" if dialect == "pdd" else "notifyPrintResult"
        self.list_in = "both"  # JD: where GET_Printers lists the printers
        self.printers = list(printers)
        self.tasks: list[dict] = []
        self.printed: list[tuple[str, str]] = []  # (printer, documentID)
        self.fail_documents: set[str] = set()
        self.refuse_next = False
        self.silent = False
        self.previews: list[dict] = []  # tasks asked as previews (never printed)
        self.preview_pdf = _blank_pdf()
        self._http = _PreviewServer(self)
        self.server = serve(self._handler, "127.0.0.1", port)
        self.port = self.server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self._http.shutdown()

    def _handler(self, ws) -> None:
        if self.dialect == "jd":
            return self._jd_handler(ws)
        for raw in ws:
            req = json.loads(raw)
            cmd, rid = req.get("cmd"), req.get("requestID")
            if cmd == "getPrinters":
                ws.send(json.dumps({
                    "cmd": "getPrinters", "requestID": rid, "status": "success",
                    "defaultPrinter": self.printers[0] if self.printers else "",
                    "printers": [{"name": p, "status": "enable"} for p in self.printers],
                }, ensure_ascii=False))  # fmt: skip
            elif cmd == "print" and req["task"].get("preview"):
                # drawn, not printed: the PDF is served over the component's own HTTP
                self.previews.append(req["task"])
                url = (
                    f"http://localhost:{self._http.server_port}/preview/{req['task']['taskID']}.pdf"
                )
                ws.send(json.dumps({"cmd": "print", "requestID": rid, "status": "success",
                                    "taskID": req["task"]["taskID"], "previewURL": url}))  # fmt: skip
            elif cmd == "print":
                task = req["task"]
                self.tasks.append(task)
                ok = bool(task.get("documents")) and task.get("printer") in self.printers
                if self.refuse_next or not ok:
                    self.refuse_next = False
                    ws.send(json.dumps({"cmd": "print", "requestID": rid, "status": "failed",
                                        "msg": "打印机不存在" if not ok else "任务被拒绝"},
                                       ensure_ascii=False))  # fmt: skip
                    continue
                ws.send(json.dumps({"cmd": "print", "requestID": rid, "taskID": task["taskID"],
                                    "status": "success"}))  # fmt: skip
                if self.silent:
                    continue
                statuses = []
                for d in task["documents"]:
                    failed = d["documentID"] in self.fail_documents
                    if not failed:
                        self.printed.append((task["printer"], d["documentID"]))
                    statuses.append({"documentID": d["documentID"],
                                     "status": "failed" if failed else "success",
                                     "msg": "缺纸" if failed else ""})  # fmt: skip
                ws.send(json.dumps({
                    "cmd": self.notify, "printer": task["printer"], "taskID": task["taskID"],
                    "taskStatus": "failed" if any(s["status"] == "failed" for s in statuses)
                    else "printed",
                    "printStatus": statuses,
                }, ensure_ascii=False))  # fmt: skip
            else:
                ws.send(json.dumps({"cmd": cmd, "requestID": rid, "status": "failed",
                                    "msg": "unknown cmd"}))  # fmt: skip

    def _jd_handler(self, ws) -> None:
        for raw in ws:
            req = json.loads(raw)
            kind, key = req.get("orderType"), req.get("key")
            params = req.get("parameters") or {}
            answer = functools.partial(self._jd_answer, ws, key)

            if kind == "GET_Printers":
                listed = {} if self.list_in == "content" else {"printers": list(self.printers)}
                answer("6", True, "500", content=",".join(self.printers), detail=listed)
            elif kind == "PRE_View":
                self.previews.append(params)
                answer("8", True, "500", content=base64.b64encode(PNG_1X1).decode("ascii"))
            elif kind == "PRINT":
                self.tasks.append(params)
                data = params.get("printData")
                good = (
                    bool(params.get("tempUrl"))
                    and isinstance(data, list)
                    and bool(data)
                    and all(isinstance(d, str) and d for d in data)
                )
                if self.refuse_next or not good:
                    self.refuse_next = False
                    answer("2", False, "502", "数据有误：printData 不是京东密文")
                    continue
                if params.get("printName") not in self.printers:
                    answer("2", False, "500", "打印机不存在")
                    continue
                if self.silent:
                    continue
                errors, done = [], []
                for seq, d in enumerate(data, 1):
                    if d in self.fail_documents:
                        errors.append({"seq": str(seq), "msg": "缺纸"})
                    else:
                        done.append({"seq": str(seq), "msg": "打印成功"})
                        self.printed.append((params["printName"], d))
                answer("2", not errors, "500", "打印失败" if errors else "打印成功",
                       detail={"total": f"{len(data)}-{len(done)}", "detail": done,
                               "errors": errors})  # fmt: skip
            else:
                answer("2", False, "503", "报文格式不正确")

    @staticmethod
    def _jd_answer(ws, key, code: str, ok: bool, status: str, message: str = "",
                   content: str = "", detail: dict | None = None) -> None:  # fmt: skip
        ws.send(json.dumps({
            "key": key, "code": code, "success": "true" if ok else "false", "message": message,
            "status": status, "content": content, "detailinfo": detail or {},
        }, ensure_ascii=False))  # fmt: skip
