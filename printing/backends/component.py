"""The platforms' local print components (菜鸟打印组件, 拼多多打印组件, 抖音电子面单打印组件) as
printers: documents in (the platform's print data untouched, plus our own custom area), one
outcome per document out.

A component is the platform's own program, usually on the floor's Windows print PC; it listens
on a local WebSocket and speaks JSON (docs/dev/research/platform-ewaybills.md §1.3, §2.3, §3.3):
``{"cmd", "requestID", "version"}`` requests; ``getPrinters`` answers ``printers[].name`` and
``defaultPrinter``; ``print`` takes ``task {taskID, preview, printer, documents[{documentID,
contents[...]}]}``, answers ``status`` (the task accepted) and later pushes the result per
document (``notifyPrintResult``; Pinduoduo's ``PrintResultNotify``) with ``taskStatus`` and
``printStatus[{documentID, status, msg}]``. One document per task, as the platforms advise
against double prints.

Printer URLs: ``cainiao+ws://HOST:PORT?printer=NAME`` (``wss`` likewise; without ``HOST:PORT``
the component's usual local address), ``pdd+ws://…``, ``douyin+ws://…``. JD's component speaks
another protocol (``orderType``/``key``) and is not supported yet.

Blocking (a socket): call from a worker thread. Uses the ``websockets`` library (its sync
client), not a hand-written WebSocket.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from printing.backends.base import JobResult


@dataclass(frozen=True)
class Dialect:
    platform: str
    default_ws: str
    default_wss: str
    notify_cmd: str
    name_zh: str
    name_en: str


DIALECTS = {
    "cainiao": Dialect(
        "cainiao",
        "ws://127.0.0.1:13528",
        "wss://127.0.0.1:13529",
        "notifyPrintResult",
        "菜鸟打印组件",
        "Cainiao print component",
    ),
    "pdd": Dialect(
        "pdd",
        "ws://127.0.0.1:5000",
        "wss://127.0.0.1:18653",
        "PrintResultNotify",
        "拼多多打印组件",
        "Pinduoduo print component",
    ),
    "douyin": Dialect(
        "douyin",
        "ws://127.0.0.1:13888",
        "wss://127.0.0.1:13999",
        "notifyPrintResult",
        "抖音电子面单打印组件",
        "Douyin e-waybill print component",
    ),
}


class ComponentError(Exception):
    """The component could not take the documents: ``code`` is ``not_running`` (nothing
    listens: start the component), ``unknown_printer``, ``refused`` (the task was refused) or
    ``no_answer``; ``component`` names it for the operator."""

    def __init__(self, code: str, component: str, detail: str = "") -> None:
        self.code, self.component, self.detail = code, component, detail
        super().__init__(f"{component}: {code} {detail}".strip())


@dataclass(frozen=True)
class ComponentDocument:
    """One waybill: ``contents`` is the platform's print data (as it came) and, optionally, a
    custom-area content of our own (``{"data": {...}, "templateURL": ".../customArea/ID"}``)."""

    document_id: str
    contents: tuple[dict, ...]


@dataclass(frozen=True)
class DocumentOutcome:
    document_id: str
    ok: bool
    status: str  # success / failed / canceled / refused / no_answer
    message: str = ""


def parse_component_url(url: str) -> tuple[Dialect, str, str]:
    """(dialect, ws URL, printer) of ``PLATFORM+ws[s]://[HOST:PORT][?printer=NAME]``."""
    scheme, sep, _rest = url.partition("://")
    platform, plus, ws = scheme.partition("+")
    dialect = DIALECTS.get(platform.lower())
    if not sep or not plus or ws not in ("ws", "wss"):
        raise ValueError(f"printer URL {url!r}: expected PLATFORM+ws://HOST:PORT?printer=NAME")
    if dialect is None:
        raise ValueError(f"printer URL {url!r}: no print component {platform!r} is supported")
    parts = urlsplit(url.split("+", 1)[1])
    printer = unquote(parse_qs(parts.query).get("printer", [""])[0])
    if parts.netloc:
        target = f"{ws}://{parts.netloc}"
    else:
        target = dialect.default_wss if ws == "wss" else dialect.default_ws
    return dialect, target, printer


class ComponentBackend:
    """A print component reached over its WebSocket (see the module docstring)."""

    def __init__(self, url: str, *, timeout: float = 10.0, result_timeout: float = 60.0) -> None:
        self.dialect, self.target, self.printer = parse_component_url(url)
        self.name = f"{self.dialect.platform}-component"
        self.timeout = timeout
        self.result_timeout = result_timeout
        self._pushed: list[dict] = []  # results pushed while another answer was awaited

    @property
    def component(self) -> str:
        return f"{self.dialect.name_zh} / {self.dialect.name_en} ({self.target})"

    # the bytes interface: a component prints platform documents, not our PDFs
    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        return JobResult(False, None, f"{self.component} prints platform waybills only", self.name)

    def _connect(self):
        from websockets.exceptions import InvalidHandshake, InvalidURI
        from websockets.sync.client import connect

        try:
            return connect(self.target, open_timeout=self.timeout, close_timeout=2)
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise ComponentError("not_running", self.component, str(exc)) from exc

    def _ask(self, ws, request: dict) -> dict:
        """Send one request; its answer (pushes meanwhile are kept in ``self._pushed``)."""
        request = {"requestID": uuid.uuid4().hex, "version": "1.0", **request}
        ws.send(json.dumps(request, ensure_ascii=False))
        while True:
            msg = self._recv(ws, self.timeout)
            if msg.get("requestID") == request["requestID"] and msg.get("cmd") == request["cmd"]:
                return msg
            self._pushed.append(msg)

    def _recv(self, ws, timeout: float) -> dict:
        try:
            raw = ws.recv(timeout=timeout)
        except TimeoutError as exc:
            raise ComponentError("no_answer", self.component) from exc
        except Exception as exc:  # the connection closed under us
            raise ComponentError("not_running", self.component, str(exc)) from exc
        try:
            msg = json.loads(raw)
        except ValueError:
            return {}
        return msg if isinstance(msg, dict) else {}

    def printers(self) -> tuple[list[str], str]:
        """The component's printers and its default one."""
        self._pushed = []
        with self._connect() as ws:
            ans = self._ask(ws, {"cmd": "getPrinters"})
        names = [str(p.get("name", "")) for p in ans.get("printers", []) if isinstance(p, dict)]
        return names, str(ans.get("defaultPrinter", ""))

    def print_documents(self, documents: list[ComponentDocument]) -> list[DocumentOutcome]:
        """Print each document as its own task, in order; one outcome each. The printer must
        be one the component knows (``unknown_printer`` otherwise, nothing sent)."""
        self._pushed = []
        with self._connect() as ws:
            ans = self._ask(ws, {"cmd": "getPrinters"})
            names = [str(p.get("name", "")) for p in ans.get("printers", []) if isinstance(p, dict)]
            printer = self.printer or str(ans.get("defaultPrinter", ""))
            if printer not in names:
                raise ComponentError("unknown_printer", self.component, printer)
            return [self._print_one(ws, printer, doc) for doc in documents]

    def _print_one(self, ws, printer: str, doc: ComponentDocument) -> DocumentOutcome:
        task_id = uuid.uuid4().hex[:16]
        ans = self._ask(
            ws,
            {
                "cmd": "print",
                "task": {
                    "taskID": task_id,
                    "preview": False,
                    "printer": printer,
                    "documents": [{"documentID": doc.document_id, "contents": list(doc.contents)}],
                },
            },
        )
        if str(ans.get("status", "success")).lower() not in ("success", "ok"):
            return DocumentOutcome(doc.document_id, False, "refused", str(ans.get("msg", "")))
        while True:
            pushed = [m for m in self._pushed if self._is_result(m, task_id)]
            if pushed:
                self._pushed.remove(pushed[0])
                return self._outcome(pushed[0], doc.document_id)
            try:
                msg = self._recv(ws, self.result_timeout)
            except ComponentError as exc:
                if exc.code == "no_answer":
                    return DocumentOutcome(doc.document_id, False, "no_answer", "")
                raise
            self._pushed.append(msg)

    def _is_result(self, msg: dict, task_id: str) -> bool:
        return msg.get("cmd") == self.dialect.notify_cmd and str(msg.get("taskID")) == task_id

    @staticmethod
    def _outcome(msg: dict, document_id: str) -> DocumentOutcome:
        for st in msg.get("printStatus", []) or []:
            if isinstance(st, dict) and str(st.get("documentID")) == document_id:
                status = str(st.get("status", ""))
                return DocumentOutcome(
                    document_id, status == "success", status, str(st.get("msg", ""))
                )
        ok = str(msg.get("taskStatus", "")) == "printed"
        return DocumentOutcome(document_id, ok, str(msg.get("taskStatus", "")), "")
