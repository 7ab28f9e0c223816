"""The shared body of the scanning stations (pick, verify, pack, holds).

Scanner-first: one scan field that always has focus; a wedge scanner types the code and Enter.
Scans are queued and handled one at a time, so codes typed at scanner speed while a service call
runs are never lost. One dominant instruction in big type, a full-width status bar (colour
*and* a sign and words) with a sound, the last scans, and a full-screen red stop for an
intercepted parcel that only an Enter (the parcel is set aside) takes away.

Sounds (`app.ui.kit.sound`): a tone for OK, refusal and stop, a spoken prompt for the errors that
matter (错货, 多扫一件, 拦截件); without an audio output the station beeps
(`QApplication.beep`): once for OK, twice for a refusal, three times for a stop. Every sound is
also announced by `sound_played` (used by tests).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import is_connection_error
from app.domain.video import CLIP_STATIONS
from app.services import outbox as ob
from app.services import scanning as sc
from app.ui.kit import sound
from app.ui.kit.camera import CameraLine, StationCamera, camera_url, state_text
from app.ui.kit.station_outbox import StationOutbox
from app.ui.kit.texts import (
    exception_text,
    hold_reason_label,
    register_error_texts,
    register_event_labels,
)
from app.ui.kit.wedge import WedgeFilter, disable_input_method
from app.ui.kit.widgets import (
    COLOURS,
    SIGNS,
    StopOverlay,
    big_font,
    keep_lines,
    set_big,
)
from app.ui.kit.workers import JobRunner
from devices.barcodes import classify

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

BEEPS = {"ok": 1, "error": 2, "stop": 3, "warn": 2}


def status_sheet(points: int) -> str:
    """The status line's style: one sheet with a rule per kind, chosen by the ``kind``
    property (`ScanStation.show_status`), so a verdict never parses a style sheet."""
    rules = [f"QLabel {{ font-size: {points}pt; font-weight: bold; padding: 8px; }}"]
    rules += [
        f'QLabel[kind="{kind}"] {{ background: {bg}; color: {fg}; }}'
        for kind, (bg, fg) in COLOURS.items()
    ]
    return "\n".join(rules)


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "not_found": QCoreApplication.translate(
            "Scan", "No order or pick list has the code {key}."
        ),
        "intercepted": QCoreApplication.translate(
            "Scan", "Order {order_no} is cancelled: stop the parcel."
        ),
        "held": QCoreApplication.translate(
            "Scan", "Order {order_no} is on hold ({reason}): it waits for a supervisor."
        ),
        "already_verified": QCoreApplication.translate(
            "Scan", "Order {order_no} has already been verified."
        ),
        "already_picked": QCoreApplication.translate(
            "Scan", "Order {order_no} has already been picked."
        ),
        "already_packed": QCoreApplication.translate(
            "Scan", "Order {order_no} has already been packed."
        ),
        "claimed_elsewhere": QCoreApplication.translate(
            "Scan", "Order {order_no} is being handled at station {station}."
        ),
        "wrong_step": QCoreApplication.translate(
            "Scan", "Order {order_no} is not ready for this step."
        ),
        "nothing_to_undo": QCoreApplication.translate("Scan", "There is no counted scan to undo."),
        "not_held": QCoreApplication.translate("Scan", "Order {order_no} is not on hold."),
        "unknown_carton": QCoreApplication.translate("Scan", "{carton} is not a known carton."),
        "bad_hold_reason": QCoreApplication.translate("Scan", "Unknown hold reason."),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "intercept_stop": QCoreApplication.translate("Scan", "Stopped: intercepted"),
        "verified": QCoreApplication.translate("Scan", "Verified"),
        "picked": QCoreApplication.translate("Scan", "Picked"),
        "packed": QCoreApplication.translate("Scan", "Packed"),
        "scan_undone": QCoreApplication.translate("Scan", "Scan undone by a supervisor"),
        "hold_released": QCoreApplication.translate("Scan", "Hold released"),
        "hold_cancelled": QCoreApplication.translate("Scan", "Cancelled from hold"),
    }


def hold_text(reason: str) -> str:
    if reason == "incomplete":
        return QCoreApplication.translate("Scan", "Verification incomplete")
    return hold_reason_label(reason)


#: a last-scans line's function that words it in the current language (`add_history`)
_WORDS = Qt.ItemDataRole.UserRole + 1


def verdict_text(verdict: str) -> str:
    texts = {
        "ok": QCoreApplication.translate("Scan", "OK"),
        "line_complete": QCoreApplication.translate("Scan", "Line complete"),
        "order_complete": QCoreApplication.translate("Scan", "Order complete"),
        "wrong_item": QCoreApplication.translate("Scan", "WRONG ITEM — not in this order"),
        "extra_unit": QCoreApplication.translate("Scan", "ONE TOO MANY — this line is complete"),
        "bad_check_digit": QCoreApplication.translate("Scan", "Misread barcode — scan again"),
        "unknown_code": QCoreApplication.translate("Scan", "Unknown code"),
        "need_serial": QCoreApplication.translate("Scan", "Scan the serial number"),
        "serial_duplicate": QCoreApplication.translate(
            "Scan", "Serial number already shipped in another parcel"
        ),
        "serial_in_parcel": QCoreApplication.translate(
            "Scan", "Serial number already scanned in this parcel — scan the next unit's"
        ),
        "other_order": QCoreApplication.translate("Scan", "Another order's waybill"),
        "confirmed": QCoreApplication.translate("Scan", "Line confirmed"),
        "shortage": QCoreApplication.translate("Scan", "Shortage recorded"),
        "undone": QCoreApplication.translate("Scan", "Scan undone"),
        "packed": QCoreApplication.translate("Scan", "Packed"),
    }
    return texts.get(verdict, verdict)


class ChoicePanel(QFrame):
    """Numbered choices answered by scanning or typing the number and Enter (or a click)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("ChoicePanel { background: #fff8e1; border: 3px solid #f9a825; }")
        self.title = QLabel()
        set_big(self.title, 20)
        self.title.setWordWrap(True)
        self.buttons = QHBoxLayout()
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addLayout(self.buttons)
        self.keys: list[str] = []
        self.hide()

    def ask(self, title: str, options: list[tuple[str, str]]) -> None:
        while self.buttons.count():
            w = self.buttons.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.keys = [k for k, _ in options]
        self.title.setText(title)
        for key, text in options:
            b = QPushButton(f"{key}  {text}")
            set_big(b, 16)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            self.buttons.addWidget(b)
        self.show()


class ScanStation(QWidget):
    """Base of the scanning stations. Subclasses implement `handle_scan` and call `run` for
    service calls (on the job pool); the next queued scan waits until the job is done."""

    STATION = ""
    ROLES: tuple[str, ...] = ()

    scan_received = Signal(str)
    status_shown = Signal(str, str)  # kind (ok/error/stop/info/warn), text
    outbox_replayed = Signal(object)  # ob.ReplayReport: scans kept offline were sent
    sound_played = Signal(str)  # ok / error / stop / warn
    camera_warned = Signal(str)  # the camera failed / the disk is full (a WARNINGS code)
    clip_recorded = Signal(object)  # a parcel's clip is on the chain (RecordedClip)

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.station = ctx.station_name or self.STATION
        self.operator = ctx.operator_code
        self._jobs = JobRunner(self)
        self.offline_box: StationOutbox | None = None  # stations that keep scans offline
        self._queue: deque[str] = deque()
        self._busy = False
        self._started = False
        self._inflight = 0
        self._choice_cb: Callable[[str], None] | None = None
        self.state_kept = False  # set by keep_state: the rebuilt station takes over
        self.camera: StationCamera | None = None  # packing video (verify and pack desks)
        self._closed = False
        self.camera_line = CameraLine()

        self.instruction = QLabel()
        set_big(self.instruction, 34)
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction.setWordWrap(True)
        keep_lines(self.instruction, 1)
        self.status = QLabel()
        self.status.setFont(big_font(self.status, 20))
        self.status.setStyleSheet(status_sheet(20))
        self.status.setWordWrap(True)
        keep_lines(self.status, 2)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAutoFillBackground(True)
        self.status_kind = ""
        self.choice = ChoicePanel()
        self.choice.chosen.connect(self._on_choice_chosen)
        self.body = QVBoxLayout()
        self.history = QListWidget()
        set_big(self.history, 12, bold=False)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setMaximumWidth(420)
        self.scan_field = QLineEdit()
        set_big(self.scan_field, 20, bold=False)
        self.scan_field.setPlaceholderText(
            QCoreApplication.translate("ScanStation", "Scan here (or type and press Enter)")
        )
        self.scan_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        self.scan_field.textEdited.connect(self._on_scan_field_text_edited)

        history_box = QVBoxLayout()
        history_box.addWidget(self.camera_line)
        last = QLabel(QCoreApplication.translate("ScanStation", "Last scans"))
        set_big(last, 12)
        history_box.addWidget(last)
        history_box.addWidget(self.history, 1)
        middle = QHBoxLayout()
        middle.addLayout(self.body, 3)
        middle.addLayout(history_box, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.instruction)
        lay.addWidget(self.status)
        lay.addWidget(self.choice)
        lay.addLayout(middle, 1)
        lay.addWidget(self.scan_field)
        self.overlay = StopOverlay(self)
        self.show_status("info", "")
        # a keyboard-wedge scan reaches the station whatever widget has focus, and never
        # leaks into a text field; typing (slower keys) passes through to the focused field
        self.wedge = WedgeFilter(self, scope=self).install()
        self.wedge.scan_received.connect(self._on_wedge_scan_received)
        disable_input_method(self.scan_field)

    # --- the station protocol ----------------------------------------------------------------

    @classmethod
    def title(cls) -> str:  # pragma: no cover - subclasses
        return cls.STATION

    def focus_scan_field(self) -> None:
        self.scan_field.setFocus()

    def close_station(self) -> None:
        self._closed = True
        self._queue.clear()
        self.wedge.uninstall()
        if self.offline_box is not None:
            self.offline_box.close()
        if self.camera is not None:
            self.camera.stop()

    # --- packing video ---------------------------------------------------------------------------

    def start_camera(self) -> None:
        """Record packing video when this station has a camera (the verify and pack desks).
        Started once the event loop runs: a station rebuilt in the other language takes over
        the camera of the one before (`resume_state`) instead of starting a second one."""
        url = camera_url(self.ctx)
        if not url or self.STATION not in CLIP_STATIONS:
            return
        self.camera_line.show()
        QTimer.singleShot(0, lambda: self._start_camera(url))

    def _start_camera(self, url: str) -> None:
        if self.camera is not None or self._closed:
            return  # taken over from the station before, or closed already
        cam = StationCamera(self.ctx, url, self.station, self)
        self._adopt_camera(cam)
        cam.start()

    def _camera_links(self, cam: StationCamera) -> list[tuple[Any, Any]]:
        return [
            (cam.status_changed, self._on_camera_status_changed),
            (cam.warning_raised, self._on_camera_warning_raised),
            (cam.clip_recorded, self._on_camera_clip_recorded),
        ]

    def _adopt_camera(self, cam: StationCamera) -> None:
        cam.setParent(self)
        self.camera = cam
        for signal, slot in self._camera_links(cam):
            signal.connect(slot)
        self.camera_line.show()
        if cam.warning:
            self.camera_line.show_warning(cam.warning)
        elif cam.status is not None:
            self.camera_line.show_status(cam.status, "")

    def clip_scan(
        self, waybill_no: str, at: float, order_no: str = "", order_id: int | None = None
    ) -> None:
        """A waybill was scanned at ``at`` (whatever its verdict): its clip starts then."""
        if self.camera is not None and waybill_no:
            self.camera.scan_started(
                waybill_no, order_no=order_no, order_id=order_id, operator=self.operator, at=at
            )

    def clip_completed(self, waybill_no: str) -> None:
        """The parcel is done at this desk: its clip ends after the tail."""
        if self.camera is not None and waybill_no:
            self.camera.parcel_completed(waybill_no)

    def _on_camera_status_changed(self, status: Any) -> None:
        assert self.camera is not None
        self.camera_line.show_status(status, self.camera.warning)

    def _on_camera_warning_raised(self, code: str) -> None:
        self.camera_line.show_warning(code)
        self.play("stop")
        self.camera_warned.emit(code)

    def _on_camera_clip_recorded(self, clip: Any) -> None:
        if clip.state == "incomplete":
            self.add_history(
                lambda: QCoreApplication.translate("Camera", "Video of {waybill}: {state}").format(
                    waybill=clip.waybill_no, state=state_text(clip.state)
                ),
                "error",
            )
        self.clip_recorded.emit(clip)

    # --- a language switch rebuilds the station: what it carries over -----------------------

    def keep_state(self) -> dict[str, Any]:
        """Plain data the rebuilt station (the other language) takes over with `resume_state`:
        the open order, the last scans. A station that keeps its state also keeps its claim
        on the order (it does not release it on close)."""
        self.state_kept = True
        items = [self.history.item(i) for i in range(self.history.count())]
        state: dict[str, Any] = {
            "history": [
                (it.text(), it.data(Qt.ItemDataRole.UserRole) or "", it.data(_WORDS))
                for it in items
            ]
        }
        if self.camera is not None:  # the camera goes on recording: the open clip stays open
            cam, self.camera = self.camera, None
            for signal, slot in self._camera_links(cam):
                signal.disconnect(slot)
            cam.setParent(None)
            state["camera"] = cam
        return state

    def resume_state(self, state: dict[str, Any]) -> None:
        for text, kind, words in reversed(state.get("history", [])):
            # a line with words is said again in the language the station now speaks
            self._add_history_item(words() if callable(words) else text, kind, words)
        cam = state.get("camera")
        if cam is not None and self.camera is None:
            self._adopt_camera(cam)

    # --- offline: the station's outbox (used by the stations that keep scans offline) --------

    def start_outbox(self) -> None:
        """Keep scans while the server is away (`app.services.outbox`) and send them every
        few seconds; an outbox left from before a restart is sent too."""
        path = self.ctx.extras.get("outbox_path") or ob.default_path(self.station)
        self.offline_box = StationOutbox(self.db, path, self._jobs, self)
        self.offline_box.replayed.connect(self._on_replayed)

    def outbox(self) -> ob.Outbox:
        assert self.offline_box is not None
        return self.offline_box.box()

    def kept(self) -> int:
        """Actions waiting in the outbox."""
        return self.offline_box.kept() if self.offline_box is not None else 0

    def replay_outbox(self) -> None:
        if self.offline_box is not None:
            self.offline_box.send()

    def offline_sent(self) -> None:
        """Called when everything kept has been sent: leave the offline state."""

    def _on_replayed(self, rep: ob.ReplayReport) -> None:
        self.outbox_replayed.emit(rep)
        if not self.kept():
            self.offline_sent()
        held = sorted(
            {i.params.get("order_code") or i.params.get("code", "") for i, _c in rep.conflicts}
        )
        if held:
            self.show_status(
                "error",
                QCoreApplication.translate(
                    "Scan",
                    "Server back: these parcels handled offline are HELD, pull them: {codes}",
                ).format(codes=", ".join(held)),
            )
            self.play("error")
        elif rep.replayed or rep.already_there:
            self.show_status(
                "ok",
                QCoreApplication.translate(
                    "Scan", "Server back: the scans kept offline are recorded and correct."
                ),
            )

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A click on an empty part of the station gives the scan field its focus back."""
        self.scan_field.setFocus()
        super().mousePressEvent(event)

    # --- scans ------------------------------------------------------------------------------

    def _on_wedge_scan_received(self, code: str) -> None:
        self.take_scan(code.strip())

    def _on_scan_field_return_pressed(self) -> None:
        code = self.scan_field.text().strip()
        self.scan_field.clear()
        self.take_scan(code)

    def take_scan(self, code: str) -> None:
        """One scan (wedge burst or typed + Enter); an empty one sets an interception aside."""
        if self.overlay.isVisible():
            if code:
                self.play("stop")  # the parcel is not set aside yet: nothing else happens
            else:
                self.overlay.hide()
                self.after_stop()
            return
        if not code:
            return
        self.scan_received.emit(code)
        self._queue.append(code)
        self._pump()

    def _pump(self) -> None:
        while not self._busy and self._queue:
            code = self._queue.popleft()
            if self.overlay.isVisible():
                self._queue.clear()
                return
            self._busy = True
            self._started = False
            if self._choice_cb is not None and self.choice.isVisible():
                self._answer_choice(code)
            else:
                self.handle_scan(code)
            if not self._started:
                self._busy = False

    def handle_scan(self, code: str) -> None:  # pragma: no cover - subclasses
        raise NotImplementedError

    def after_stop(self) -> None:
        """Called when the stop overlay has been acknowledged."""

    # --- opening a parcel (the desks that open an order for their step: verify, pack) -----------

    #: the step a scanned waybill opens its order for (``open_order``'s ``step``)
    OPEN_STEP = ""
    #: the history mark of a parcel refused as intercepted
    INTERCEPTED_MARK = "error"

    def open_parcel(self, code: str) -> None:
        """A waybill (or order number) scanned with no order open: open its order for this
        desk's step. The clip starts at the scan, not at its verdict."""
        db, station, op, step = self.db, self.station, self.operator, self.OPEN_STEP
        at = time.time()

        def job() -> sc.OrderView:
            return sc.open_order(db, code, station=station, operator=op, step=step)

        self.run(job, partial(self.parcel_opened, code, at), partial(self.open_failed, code, at))

    def parcel_opened(self, code: str, at: float, view: sc.OrderView) -> None:
        raise NotImplementedError  # pragma: no cover - the desks that call open_parcel

    def open_offline(self, code: str, at: float) -> None:
        """The server was unreachable when ``code`` was scanned: the desk goes on offline."""
        raise NotImplementedError  # pragma: no cover - the desks that call open_parcel

    def open_failed(self, code: str, at: float, exc: Exception) -> None:
        if is_connection_error(exc):
            self.open_offline(code, at)
        else:
            self.parcel_refused(code, at, exc)

    def parcel_refused(self, code: str, at: float | None, exc: Exception) -> None:
        """A scan the server refused. An intercepted, held or refused parcel keeps its clip; a
        code that is no parcel (an item, a carton: ``at`` None) starts none."""
        params = getattr(exc, "params", {}) or {}
        opened = params.get("waybill") or params.get("order_no") or classify(code).kind == "waybill"
        if at is not None and opened:
            self.clip_scan(str(params.get("waybill") or code), at, params.get("order_no", ""))
        intercepted = getattr(exc, "code", "") == "intercepted"
        self.add_history(code, self.INTERCEPTED_MARK if intercepted else "error")
        if intercepted:
            self.reset()
        self.show_exception(exc)

    def reset(self) -> None:
        """Forget the open order (the desks that open one)."""

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a service call off the GUI thread; the next scan waits for its answer."""
        self._started = True
        self._busy = True
        self._inflight += 1

        def settle() -> None:
            self._inflight -= 1
            if self._inflight == 0:
                self._busy = False
                self._pump()

        def done(result: Any) -> None:
            try:
                on_done(result)
            finally:
                settle()

        def failed(exc: Exception) -> None:
            try:
                (on_failed or self.show_exception)(exc)
            finally:
                settle()

        self._jobs.submit(fn, done, failed)

    @property
    def idle(self) -> bool:
        """No scan waiting and no job running, a scan's follow-up jobs included (tests and
        the paint benchmark wait on this)."""
        return not self._busy and not self._queue and not self._jobs.busy

    # --- choices ------------------------------------------------------------------------------

    def ask(self, title: str, options: list[tuple[str, str]], cb: Callable[[str], None]) -> None:
        """Numbered choices: one key answers (no Enter needed), or a scanned number, or a
        click. Any other scan meanwhile is refused, listed and recorded (`refused_scan`)."""
        self._choice_cb = cb
        self.choice.ask(title, options)
        self.scan_field.clear()
        self.scan_field.setFocus()
        self.play("warn")

    def _on_scan_field_text_edited(self, text: str) -> None:
        if self._choice_cb is not None and self.choice.isVisible() and text in self.choice.keys:
            self.scan_field.clear()
            self.take_scan(text)

    def _answer_choice(self, code: str) -> None:
        if code not in self.choice.keys:
            self.add_history(
                lambda: QCoreApplication.translate(
                    "ScanStation", "{code} — refused: choose first"
                ).format(code=code),
                "error",
            )
            self.show_status(
                "error",
                QCoreApplication.translate(
                    "ScanStation", "{code} refused: first choose one of the numbers shown."
                ).format(code=code),
            )
            self.play("error")
            self.refused_scan(code)
            return
        self._on_choice_chosen(code)

    def refused_scan(self, code: str) -> None:
        """A scan refused while a choice waits: the station puts it on the record."""

    def _on_choice_chosen(self, key: str) -> None:
        cb, self._choice_cb = self._choice_cb, None
        self.choice.hide()
        self.scan_field.setFocus()
        if cb is not None:
            cb(key)

    # --- what the user sees and hears --------------------------------------------------------

    def set_instruction(self, text: str) -> None:
        self.instruction.setText(text)

    def show_status(self, kind: str, text: str) -> None:
        if kind != self.status_kind:
            self.status_kind = kind
            self.status.setProperty("kind", kind)
            style = self.status.style()
            style.unpolish(self.status)
            style.polish(self.status)
        self.status.setText(f"{SIGNS[kind]} {text}" if text else "")
        self.status_shown.emit(kind, text)

    def show_exception(self, exc: Exception) -> None:
        if getattr(exc, "code", None) == "intercepted":
            self.stop(exc)
            return
        self.show_status("error", exception_text(exc))
        self.play("error")

    def stop(self, exc: Exception) -> None:
        params = getattr(exc, "params", {}) or {}
        detail = QCoreApplication.translate(
            "ScanStation", "Order {order_no} · waybill {waybill}"
        ).format(order_no=params.get("order_no", ""), waybill=params.get("waybill", ""))
        if params.get("reason"):
            detail += "\n" + QCoreApplication.translate("ScanStation", "Reason: {reason}").format(
                reason=params["reason"]
            )
        self.overlay.show_stop(
            QCoreApplication.translate("ScanStation", "INTERCEPTED: return to stock"), detail
        )
        self.show_status(
            "stop", QCoreApplication.translate("ScanStation", "INTERCEPTED: return to stock")
        )
        self.add_history(str(params.get("waybill") or params.get("order_no", "")), "stop")
        self.play("stop")

    def play(self, kind: str, prompt: str | None = None) -> None:
        """The tone for ``kind``, and the spoken ``prompt`` (a verdict code) where it has one;
        beeps (``BEEPS``) when the station has no audio output."""
        sound.play(kind, prompt)
        self.sound_played.emit(kind)

    def add_history(self, text: str | Callable[[], str], kind: str) -> None:
        """A line in the last scans. ``text``: a code as scanned, or a function that words
        the line in the language installed when it is called (a verdict, a refusal): after
        a language switch the rebuilt station words it again (`resume_state`), so the list
        does not speak two languages."""
        sign = SIGNS.get(kind, "")
        if callable(text):
            words = text
            self._add_history_item(f"{sign} {words()}", kind, lambda: f"{sign} {words()}")
        else:
            self._add_history_item(f"{sign} {text}", kind)

    def _add_history_item(
        self, text: str, kind: str, words: Callable[[], str] | None = None
    ) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, kind)
        if words is not None:
            item.setData(_WORDS, words)
        if kind in ("error", "stop"):
            item.setForeground(Qt.GlobalColor.darkRed)
        elif kind == "ok":
            item.setForeground(Qt.GlobalColor.darkGreen)
        self.history.insertItem(0, item)
        while self.history.count() > 30:
            self.history.takeItem(self.history.count() - 1)
