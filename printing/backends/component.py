"""The platforms' local print components (菜鸟打印组件, 拼多多打印组件, 抖音电子面单打印组件,
京东打印组件) as printers: documents in (the platform's print data untouched, plus our own
custom area), one outcome per document out.

A component is the platform's own program, usually on the floor's Windows print PC; it listens
on a local WebSocket and speaks JSON (docs/dev/research/platform-ewaybills.md §1.3, §2.3, §3.3):
``{"cmd", "requestID", "version"}`` requests; ``getPrinters`` answers ``printers[].name`` and
``defaultPrinter``; ``print`` takes ``task {taskID, preview, printer, documents[{documentID,
contents[...]}]}``, answers ``status`` (the task accepted) and later pushes the result per
document (``notifyPrintResult``; Pinduoduo's ``PrintResultNotify``) with ``taskStatus`` and
``printStatus[{documentID, status, msg}]``. One document per task, as the platforms advise
against double prints.

JD's component speaks another protocol (§4.3; :class:`JdComponentBackend`): ``{"orderType":
"GET_Printers" | "PRINT", "key", "parameters"}`` requests, each answered once with ``{"key",
"code", "success", "message", "status", "content", "detailinfo"}``; no result is pushed later,
the ``PRINT`` answer is the result.

Printer URLs: ``cainiao+ws://HOST:PORT?printer=NAME`` (``wss`` likewise; without ``HOST:PORT``
the component's usual local address), ``pdd+ws://…``, ``douyin+ws://…``, ``jd+ws://…`` (JD's
component has no known ``wss`` address: ``jd+wss://`` needs ``HOST:PORT``).

Blocking (a socket): call from a worker thread. Uses the ``websockets`` library (its sync
client), not a hand-written WebSocket.
"""

from __future__ import annotations

import json
import time
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
    # no wss address is known for JD's component; it pushes no result (the answer is it)
    "jd": Dialect("jd", "ws://127.0.0.1:9113", "", "", "京东打印组件", "JD print component"),
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
class Preview:
    """A component's drawing of one document: ``kind`` ``pdf`` or ``png``."""

    kind: str
    data: bytes


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
    ws = ws.lower()
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
    if not target:
        raise ValueError(f"printer URL {url!r}: the {platform} component's {ws} address is needed")
    return dialect, target, printer


def component_backend(url: str) -> ComponentBackend | JdComponentBackend:
    """The backend for a ``PLATFORM+ws[s]://`` printer URL (JD's component has its own)."""
    dialect, _target, _printer = parse_component_url(url)
    if dialect.platform == "jd":
        return JdComponentBackend(url)
    return ComponentBackend(url)


def _accepted(answer: dict) -> bool:
    """The component took the task (``status`` success; an answer without one is taken)."""
    return str(answer.get("status", "success")).lower() in ("success", "ok")


class _Component:
    """What all components share: the address, the connection, the operator's name of it."""

    def __init__(self, url: str, *, timeout: float = 10.0, result_timeout: float = 60.0) -> None:
        self.dialect, self.target, self.printer = parse_component_url(url)
        self.name = f"{self.dialect.platform}-component"
        self.timeout = timeout
        self.result_timeout = result_timeout

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


class ComponentBackend(_Component):
    """A print component of the Cainiao protocol (``cmd``/``requestID``: Cainiao, Pinduoduo,
    Douyin) reached over its WebSocket (see the module docstring)."""

    def __init__(self, url: str, *, timeout: float = 10.0, result_timeout: float = 60.0) -> None:
        super().__init__(url, timeout=timeout, result_timeout=result_timeout)
        if self.dialect.platform == "jd":
            raise ValueError(f"printer URL {url!r}: JD's component is JdComponentBackend")
        self._pushed: list[dict] = []  # results pushed while another answer was awaited

    def _ask(self, ws, request: dict) -> dict:
        """Send one request; its answer (pushes meanwhile are kept in ``self._pushed``)."""
        request = {"requestID": uuid.uuid4().hex, "version": "1.0", **request}
        ws.send(json.dumps(request, ensure_ascii=False))
        while True:
            msg = self._recv(ws, self.timeout)
            if msg.get("requestID") == request["requestID"] and msg.get("cmd") == request["cmd"]:
                return msg
            self._pushed.append(msg)

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

    def preview(self, doc: ComponentDocument) -> Preview:
        """The document drawn by the component, not printed (``task.preview``; the component
        answers a ``previewURL`` to a PDF or ``previewImage`` pictures, which are fetched from
        the component's host). Nothing is printed or recorded."""
        self._pushed = []
        with self._connect() as ws:
            ans = self._ask(ws, self._task(uuid.uuid4().hex[:16], self.printer, doc, preview=True))
        if not _accepted(ans):
            raise ComponentError("refused", self.component, str(ans.get("msg", "")))
        url = ans.get("previewURL")
        if url:
            return Preview("pdf", self._fetch(str(url)))
        images = ans.get("previewImage") or []
        if isinstance(images, list) and images:
            return Preview("png", self._fetch(str(images[0])))
        raise ComponentError("refused", self.component, "no preview in the answer")

    def _fetch(self, url: str) -> bytes:
        """A preview the component serves (its own host, even when the URL says localhost:
        the component runs on the print PC) or sends inline (``data:`` URI)."""
        import base64
        import urllib.request
        from urllib.parse import urlsplit, urlunsplit

        if url.startswith("data:"):
            return base64.b64decode(url.split(",", 1)[1])
        parts = urlsplit(url)
        host = urlsplit(self.target.replace("wss://", "https://").replace("ws://", "http://"))
        if parts.hostname in ("localhost", "127.0.0.1") and host.hostname:
            port = f":{parts.port}" if parts.port else ""
            parts = parts._replace(netloc=f"{host.hostname}{port}")
        try:
            with urllib.request.urlopen(urlunsplit(parts), timeout=self.timeout) as r:  # noqa: S310
                return r.read()
        except OSError as exc:
            raise ComponentError("no_answer", self.component, str(exc)) from exc

    @staticmethod
    def _task(task_id: str, printer: str, doc: ComponentDocument, *, preview: bool = False):
        """A ``print`` request of one document (a preview asks for a PDF)."""
        task: dict = {"taskID": task_id, "preview": preview, "printer": printer}
        if preview:
            task["previewType"] = "pdf"
        task["documents"] = [{"documentID": doc.document_id, "contents": list(doc.contents)}]
        return {"cmd": "print", "task": task}

    def _print_one(self, ws, printer: str, doc: ComponentDocument) -> DocumentOutcome:
        task_id = uuid.uuid4().hex[:16]
        ans = self._ask(ws, self._task(task_id, printer, doc))
        if not _accepted(ans):
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


def _true(value: object) -> bool:
    """JD answers ``"true"``/``"false"`` as strings; a real boolean is taken as well."""
    return value is True or str(value).strip().lower() == "true"


def _detail(msg: dict) -> dict:
    info = msg.get("detailinfo")
    if isinstance(info, str):  # should it come as a JSON string
        try:
            info = json.loads(info)
        except ValueError:
            info = {"info": info}
    return info if isinstance(info, dict) else {}


def _seq_msg(items: object, seq: str) -> str | None:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and str(item.get("seq", "")).strip() == seq:
            return str(item.get("msg", ""))
    return None


class JdComponentBackend(_Component):
    """JD's print component (京东打印组件, ``jd+ws://``; docs/dev/research/platform-ewaybills.md
    §4.3). A document's ``contents`` are JD's print data ``{"tempUrl", "printData"}`` as the
    waybill client stored it and, optionally, our custom area ``{"templateURL", "data"}``; each
    document is one ``PRINT`` request ``{printName, tempUrl, printData: [ciphertext],
    customTempUrl, customData: [data]}`` whose answer is its result (``status`` 500 done, 502
    bad data, 503 bad format; a document's error under ``detailinfo.errors`` by ``seq``).

    The flat ``parameters`` are what most published clients send, to old and new components
    alike; the protocol-2 form (``version: "2"``, ``parameters.contents[...]``, component
    3.3.2.7 or later) is not used. Like those clients we send neither ``version`` nor
    ``dataType`` (one client sets ``dataType: "app"`` only for plain, unencrypted data)."""

    CODES = {
        "GET_Printers": "6",
        "PRINT": "2",
        "PRE_View": "8",
    }  # the answer's ``code`` per request

    def _ask(self, ws, order_type: str, parameters: dict, timeout: float) -> dict:
        """Send one request; its answer (the one echoing its ``key``; an answer without a key
        but with the request's ``code`` is taken as well, as we ask one thing at a time)."""
        key = uuid.uuid4().hex[:16]
        request = {"orderType": order_type, "key": key, "parameters": parameters}
        ws.send(json.dumps(request, ensure_ascii=False))
        deadline = time.monotonic() + timeout
        while True:
            msg = self._recv(ws, max(0.05, deadline - time.monotonic()))
            if "key" in msg and msg.get("key") not in (None, ""):
                if str(msg["key"]) == key:
                    return msg
            elif str(msg.get("code", "")) == self.CODES[order_type]:
                return msg
            if time.monotonic() >= deadline:
                raise ComponentError("no_answer", self.component)

    def _printers(self, ws) -> list[str]:
        ans = self._ask(ws, "GET_Printers", {}, self.timeout)
        if not _true(ans.get("success")):
            raise ComponentError("refused", self.component, str(ans.get("message", "")))
        listed = _detail(ans).get("printers")
        if isinstance(listed, list):
            names = [str(p) for p in listed]
        else:  # the older answer: a comma-separated list in ``content``
            names = str(ans.get("content") or "").split(",")
        return [n.strip() for n in names if n.strip()]

    def printers(self) -> tuple[list[str], str]:
        """The component's printers; JD's component names no default printer (``""``)."""
        with self._connect() as ws:
            return self._printers(ws), ""

    def print_documents(self, documents: list[ComponentDocument]) -> list[DocumentOutcome]:
        """Print each document as its own ``PRINT`` request, in order; one outcome each. The
        URL's printer must be one the component lists (``unknown_printer`` otherwise, nothing
        sent): without a default printer, JD's needs one named."""
        with self._connect() as ws:
            if self.printer not in self._printers(ws):
                raise ComponentError("unknown_printer", self.component, self.printer)
            return [self._print_one(ws, doc) for doc in documents]

    def preview(self, doc: ComponentDocument) -> Preview:
        """The document drawn by the component (``PRE_View``: a base64 PNG in ``content``)."""
        import base64

        parameters = self._parameters(doc)
        if parameters is None:
            raise ComponentError("refused", self.component, "no JD tempUrl/printData")
        with self._connect() as ws:
            ans = self._ask(ws, "PRE_View", parameters, self.result_timeout)
        content = str(ans.get("content") or "")
        if not _true(ans.get("success")) or not content:
            raise ComponentError("refused", self.component, str(ans.get("message", "")))
        return Preview("png", base64.b64decode(content.split(",", 1)[-1]))

    def _parameters(self, doc: ComponentDocument) -> dict | None:
        standard = doc.contents[0] if doc.contents else {}
        temp_url, data = standard.get("tempUrl"), standard.get("printData")
        if not temp_url or not data:  # not JD's print data (another platform's?)
            return None
        parameters: dict = {
            "printName": self.printer,
            "tempUrl": temp_url,
            "printData": data if isinstance(data, list) else [data],
        }
        if len(doc.contents) > 1:  # our custom area beside JD's standard one
            custom = doc.contents[1]
            parameters["customTempUrl"] = custom.get("templateURL", "")
            parameters["customData"] = [custom.get("data", {})]
        return parameters

    def _print_one(self, ws, doc: ComponentDocument) -> DocumentOutcome:
        parameters = self._parameters(doc)
        if parameters is None:  # not sent
            return DocumentOutcome(doc.document_id, False, "refused", "no JD tempUrl/printData")
        try:
            ans = self._ask(ws, "PRINT", parameters, self.result_timeout)
        except ComponentError as exc:
            if exc.code == "no_answer":
                return DocumentOutcome(doc.document_id, False, "no_answer", "")
            raise
        return self._outcome(ans, doc.document_id)

    @staticmethod
    def _outcome(ans: dict, document_id: str) -> DocumentOutcome:
        info = _detail(ans)
        error = _seq_msg(info.get("errors"), "1")  # our one document is seq 1
        ok = _true(ans.get("success")) and error is None
        message = ""
        if not ok:
            message = next(
                (
                    str(m)
                    for m in (
                        error,
                        _seq_msg(info.get("detail"), "1"),
                        ans.get("message"),
                        info.get("info"),
                        ans.get("content"),
                    )
                    if m
                ),
                "",
            )
        if str(ans.get("status", "")).strip() in ("502", "503"):  # bad data / bad format
            return DocumentOutcome(document_id, False, "refused", message)
        return DocumentOutcome(document_id, ok, "success" if ok else "failed", message)
