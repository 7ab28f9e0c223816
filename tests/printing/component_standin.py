"""A stand-in for a platform's local print component, written from the component's published
protocol (Cainiao's 菜鸟打印交互协议, doc 107014, as its copies give it; Pinduoduo's differences:
``PrintResultNotify``): a local WebSocket server speaking the JSON commands ``getPrinters`` and
``print``, answering ``print`` with the task's acceptance and then pushing the per-document
result. A test tool, never the platform's program.

``fail_documents``: document ids whose print fails (paper out); ``refuse_next``: the next task
is refused; ``silent``: print is accepted but no result is ever pushed.
"""

from __future__ import annotations

import json
import threading

from websockets.sync.server import serve


class ComponentStandIn:
    def __init__(self, dialect: str = "cainiao", printers: tuple[str, ...] = ("ZTO-Thermal",)):
        self.notify = "PrintResultNotify" if dialect == "pdd" else "notifyPrintResult"
        self.printers = list(printers)
        self.tasks: list[dict] = []
        self.printed: list[tuple[str, str]] = []  # (printer, documentID)
        self.fail_documents: set[str] = set()
        self.refuse_next = False
        self.silent = False
        self.server = serve(self._handler, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()

    def _handler(self, ws) -> None:
        for raw in ws:
            req = json.loads(raw)
            cmd, rid = req.get("cmd"), req.get("requestID")
            if cmd == "getPrinters":
                ws.send(json.dumps({
                    "cmd": "getPrinters", "requestID": rid, "status": "success",
                    "defaultPrinter": self.printers[0] if self.printers else "",
                    "printers": [{"name": p, "status": "enable"} for p in self.printers],
                }, ensure_ascii=False))  # fmt: skip
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
