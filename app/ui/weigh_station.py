"""The weighing station (抽单称重): scan the waybill, place the parcel, read the verdict.

No clicks in the normal flow: the scan shows the order with its expected weight and
tolerance; the first stable non-zero reading after the scan is captured by itself
(`app.domain.weighing.CaptureGate`), shown huge, recorded (committed before any green is
shown) and answered with colour + sign + words + beeps; the stub's place (第 N 捆 第 M 张) is
shown big. The platform must come back near zero before the next capture.

Threads: the `ScaleReader` calls back on its reader thread; `ScaleBridge` re-emits those
callbacks as Qt signals (queued to the GUI thread). Database calls run on the job pool
(`JobRunner`). In ``--demo`` without a scale port a `SimulatedScale` is started here.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections import deque
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.chain import station_event
from app.db.engine import is_connection_error
from app.domain import weighing as rules
from app.domain.stability import floor_stability
from app.domain.stations import station_roles
from app.services import outbox as ob
from app.services import weighing as svc
from app.services.errors import ServiceError
from app.services.print_jobs import DocumentPrint, print_document
from app.ui import fmt, sound
from app.ui.kit import COLOURS as SCAN_COLOURS
from app.ui.kit import StopOverlay, set_big
from app.ui.printers import office_printer
from app.ui.screen import fit_dialog
from app.ui.station_outbox import StationOutbox
from app.ui.texts import (
    exception_text,
    packing_label,
    register_error_texts,
    register_event_labels,
)
from app.ui.wedge import WedgeFilter, disable_input_method
from app.ui.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.stations import StationContext

# the verdict box: the scanning stations' colours (a hold is their error, a parcel being
# looked up their info), a quieter grey between parcels, blue for a supervisor's override
COLOURS = {
    **SCAN_COLOURS,
    "hold": SCAN_COLOURS["error"],
    "busy": SCAN_COLOURS["info"],
    "info": ("#f2f2f2", "#1a1a1a"),
    "override": ("#1565c0", "#ffffff"),
}
SIGNS = {"ok": "✔", "hold": "✖", "override": "✔", "stop": "⛔", "busy": "…", "warn": "⚠"}
BEEPS = {"ok": 1, "override": 1, "hold": 2, "error": 2, "stop": 3}


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "not_found": QCoreApplication.translate("Weigh", "No order has the waybill number {key}."),
        "intercepted": QCoreApplication.translate(
            "Weigh", "Order {order_no} is cancelled: stop the parcel."
        ),
        "not_verified": QCoreApplication.translate(
            "Weigh", "Order {order_no} is not verified yet ({status}): back to verification."
        ),
        "batch_not_identical": QCoreApplication.translate(
            "Weigh", "{waybill} is not identical (goods or carton differ): weigh it on its own."
        ),
        "batch_not_ready": QCoreApplication.translate(
            "Weigh", "{waybill} is not ready for weighing."
        ),
        "nothing_to_override": QCoreApplication.translate(
            "Weigh", "{waybill} has no weight hold to override."
        ),
        "cannot_override": QCoreApplication.translate(
            "Weigh", "This hold cannot be overridden at the scale."
        ),
        "no_open_bundle": QCoreApplication.translate(
            "Weigh", "There is no open stub bundle at this station."
        ),
        "stub_count_mismatch": QCoreApplication.translate(
            "Weigh",
            "Bundle {bundle}: {stubs} stubs given out, {parcels} parcels weighed, {counted} "
            "counted. Recount before closing.",
        ),
        "no_stub": QCoreApplication.translate(
            "Weigh", "The stub of {waybill} has not been pulled yet."
        ),
        "unknown_sku": QCoreApplication.translate("Weigh", "{sku} is not a known product."),
        "bad_grams": QCoreApplication.translate("Weigh", "{grams} is not a valid weight."),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "weigh_refused": QCoreApplication.translate("Weigh", "Refused at the scale"),
        "bundle_closed": QCoreApplication.translate("Weigh", "Stub bundle closed"),
        "weight_adopted": QCoreApplication.translate("Weigh", "Unit weight adopted"),
    }


def suspect_text(s: rules.Suspect) -> str:
    name = packing_label(s.sku) or s.name or s.sku
    return QCoreApplication.translate("Weigh", "{qty} × {name} ({grams} g)").format(
        qty=s.qty, name=name, grams=s.unit_grams
    )


def explanation_text(ex: rules.Explanation | None, difference: int) -> str:
    """``轻 412 g ≈ 少 1 × 记忆棉枕头 (410 g)``, or why nothing fits, or that it is ambiguous."""
    light = difference < 0
    diff = abs(difference)
    if ex is None or not ex.found:
        if light:
            return QCoreApplication.translate(
                "Weigh", "Light {diff} g — no unit of this order explains it."
            ).format(diff=diff)
        return QCoreApplication.translate(
            "Weigh", "Heavy {diff} g — nothing known explains it."
        ).format(diff=diff)
    items = " + ".join(suspect_text(s) for s in ex.suspects)
    if light:
        text = QCoreApplication.translate("Weigh", "Light {diff} g ≈ missing {items}").format(
            diff=diff, items=items
        )
    else:
        text = QCoreApplication.translate("Weigh", "Heavy {diff} g ≈ extra {items}").format(
            diff=diff, items=items
        )
    if ex.ambiguous:
        alts = "; ".join(" + ".join(suspect_text(s) for s in alt) for alt in ex.alternatives)
        text += "\n" + QCoreApplication.translate(
            "Weigh", "Ambiguous — as likely: {alternatives}. Check the parcel."
        ).format(alternatives=alts)
    return text


def reason_text(reason: str) -> str:
    return {
        "not_verified": QCoreApplication.translate("Weigh", "Not verified: back to verification"),
        "held": QCoreApplication.translate("Weigh", "On hold: a supervisor decides first"),
        "intercepted": QCoreApplication.translate("Weigh", "Cancelled order: stop the parcel"),
        "light": QCoreApplication.translate("Weigh", "Too light"),
        "heavy": QCoreApplication.translate("Weigh", "Too heavy"),
    }.get(reason, reason)


class ScaleBridge(QObject):
    """Owns the scale reader (its own thread) and re-emits its callbacks as signals.

    ``reading_received(grams, stable, overload, division)`` and ``state_changed(state)`` are
    emitted from the reader thread; Qt queues them to the receiver's (GUI) thread.
    """

    reading_received = Signal(int, bool, bool, int)
    state_changed = Signal(str)
    failed = Signal(object)  # the DeviceError (permission_denied, not_found…), reader thread

    def __init__(self, port: str, protocol: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self._protocol = protocol
        self._reader: Any = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self.stability = floor_stability()  # the floor's "stable", as the devices panel's

    def start(self) -> None:
        if not self._port:
            self.state_changed.emit("disconnected")
            return
        threading.Thread(target=self._open, name="weigh-scale-open", daemon=True).start()

    def _open(self) -> None:  # helper thread: probing an unknown protocol takes a second
        from devices.errors import DeviceError
        from devices.scales.detect import probe_port
        from devices.scales.reader import ScaleReader

        proto, settings = self._protocol or "auto", None
        try:
            if proto == "auto":
                found = probe_port(self._port, capture_s=1.0)
                if found is None:
                    self.state_changed.emit("disconnected")
                    return
                proto, settings = found.protocol, found.settings
        except DeviceError as exc:
            self.failed.emit(exc)
            self.state_changed.emit("disconnected")
            return
        with self._lock:  # a station closed meanwhile starts no reader
            if self._stopped.is_set():
                return
            self._reader = ScaleReader(
                self._port,
                proto,
                settings=settings,
                on_reading=self._on_reading,
                on_state=self._on_state,
                retry_interval=0.3,
                stability=self.stability,
            )
            self._reader.start()

    def _on_reading(self, r: Any, st: Any) -> None:  # reader thread
        self.reading_received.emit(
            int(r.grams), bool(st.stable), bool(r.overload), int(r.division_grams or 1)
        )

    def _on_state(self, state: str, err: Any) -> None:  # reader thread
        if err is not None:
            self.failed.emit(err)
        self.state_changed.emit(state)

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.stop()


class OverrideDialog(QDialog):
    """Supervisor badge (scan) + PIN + reason.

    It says in its own heading what is overridden (a floor PC may run without a window
    manager, so the window title alone may never be seen), is wide enough for its hints, and
    sits at the bottom of the station so that the weight and the verdict stay in sight."""

    def __init__(self, parent: QWidget | None = None, summary: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor override"))
        self.heading = QLabel(self.tr("Supervisor override"))
        set_big(self.heading, 16)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("Scan the supervisor's badge"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("The supervisor's PIN"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why may this parcel ship?"))
        for field in (self.badge, self.pin, self.reason):
            field.setMinimumWidth(
                self.fontMetrics().horizontalAdvance(field.placeholderText()) + 60
            )
        form = QFormLayout(self)
        form.addRow(self.heading)
        form.addRow(self.summary)
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # scanner-first: Enter moves on to the next field
        self.badge.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.reason.setFocus)
        fit_dialog(self, self.sizeHint().expandedTo(QSize(640, 0)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None:  # the bottom of the station: the weight stays visible
            frame = parent.window().frameGeometry()
            x = frame.center().x() - self.width() // 2
            y = frame.bottom() - self.height() - 40
            self.move(max(frame.left(), x), max(frame.top(), y))

    def values(self) -> tuple[str, str, str]:
        return self.badge.text().strip(), self.pin.text(), self.reason.text().strip()


class WeighStation(QWidget):
    """Scan → place → verdict, with the scale's state always on screen."""

    STATION = "weigh"
    ROLES = station_roles("weigh")

    scan_received = Signal(str)
    weight_captured = Signal(str, int)
    weighing_recorded = Signal(object)  # svc.WeighResult
    sound_played = Signal(str)
    bundle_closed = Signal(object)  # svc.BundleReport
    weighing_kept_offline = Signal(str, int)  # waybill, grams: in the outbox
    outbox_replayed = Signal(object)  # ob.ReplayReport

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("WeighStation", "Weighing and stubs")

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.station = ctx.station_name or "weigh"
        self.jobs = JobRunner(self)
        self.gate = rules.CaptureGate()
        self.context: svc.WeighContext | None = None
        self.batch: list[svc.WeighContext] = []
        self.last: svc.WeighResult | None = None
        self.recording = False
        self.scale_state = "connecting"
        self.scale_error: Any = None  # the last DeviceError while not connected
        self.motion = False
        self.overload = False
        self.division = 1
        self.live_grams = 0
        self._queue: deque[str] = deque()
        self._busy = False
        self._own_sim = None
        # offline: the waybill scanned while the server was unreachable, its weight kept in
        # the outbox (`app.services.outbox`), replayed by `_replay_timer` when it answers
        self.offline_waybill: str | None = None
        self._capture_uid = ""

        # --- widgets ------------------------------------------------------------------------
        self.scale_label = QLabel()
        self.offline_label = QLabel()
        self.offline_label.setVisible(False)
        self.offline_label.setStyleSheet(
            "font-size: 16pt; font-weight: bold; background: #f9a825; color: #1a1a1a; padding: 4px;"
        )
        set_big(self.scale_label, 16)
        self.live_label = QLabel()
        set_big(self.live_label, 16, bold=False)
        self.bundle_label = QLabel()
        set_big(self.bundle_label, 14, bold=False)
        top = QHBoxLayout()
        top.addWidget(self.scale_label, 1)
        top.addWidget(self.live_label)
        top.addSpacing(20)
        top.addWidget(self.bundle_label)
        top.addWidget(self.offline_label)

        self.instruction = QLabel()
        set_big(self.instruction, 30)
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(self.tr("Scan the waybill"))
        self.scan_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.scan_field.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText
        )
        set_big(self.scan_field, 18, bold=False)
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        # wedge scans reach the station whatever has focus (e.g. the override reason field)
        self.wedge = WedgeFilter(self, scope=self).install()
        self.wedge.scan_received.connect(self._on_wedge_scan_received)
        disable_input_method(self.scan_field)

        self.order_label = QLabel()
        set_big(self.order_label, 15, bold=False)
        self.order_label.setWordWrap(True)
        self.expected_label = QLabel()
        set_big(self.expected_label, 20)

        self.weight_label = QLabel("—")
        set_big(self.weight_label, 96)
        self.weight_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.weight_label.setMinimumHeight(170)

        self.verdict_label = QLabel()
        set_big(self.verdict_label, 34)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setWordWrap(True)
        self.explain_label = QLabel()
        set_big(self.explain_label, 20)
        self.explain_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain_label.setWordWrap(True)
        self.verdict_box = QFrame()
        vb = QVBoxLayout(self.verdict_box)
        vb.addWidget(self.verdict_label)
        vb.addWidget(self.explain_label)

        self.stub_label = QLabel()
        set_big(self.stub_label, 40)
        self.stub_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.batch_box = QCheckBox(self.tr("Batch: identical parcels, one weighing"))
        self.batch_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.batch_box.toggled.connect(self._on_batch_box_toggled)
        self.override_button = QPushButton(self.tr("Supervisor override…"))
        self.override_button.setEnabled(False)
        self.override_button.clicked.connect(self._on_override_button_clicked)
        self.close_button = QPushButton(self.tr("Close stub bundle…"))
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.register_again_button = QPushButton(self.tr("Print the register again"))
        self.register_again_button.clicked.connect(self.print_register_again)
        self.register_again_button.setVisible(False)
        self.last_bundle: svc.BundleReport | None = None
        self.demo_button = QPushButton(self.tr("Demo: place the parcel"))
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.demo_light_button = QPushButton(self.tr("Demo: parcel missing an item"))
        self.demo_light_button.clicked.connect(self._on_demo_light_button_clicked)
        for b in (
            self.override_button,
            self.close_button,
            self.register_again_button,
            self.demo_button,
            self.demo_light_button,
        ):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.batch_box)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.demo_light_button)
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.register_again_button)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.instruction)
        lay.addWidget(self.scan_field)
        lay.addWidget(self.order_label)
        lay.addWidget(self.expected_label)
        lay.addWidget(self.weight_label, 2)
        lay.addWidget(self.verdict_box, 1)
        lay.addWidget(self.stub_label)
        lay.addLayout(buttons)
        self.overlay = StopOverlay(self)

        # --- the scale ----------------------------------------------------------------------
        port, protocol = ctx.settings.scale_port, ctx.settings.scale_protocol
        demo_scale = ctx.demo and not port
        if demo_scale:
            sim = ctx.extras.get("scale")
            if sim is None:
                from devices.simulate import SimulatedScale

                sim = SimulatedScale("stgs", rate_hz=20, settle_s=0.5, noise_grams=1)
                ctx.extras["scale"] = sim
                self._own_sim = sim
            self.sim = sim
            port, protocol = sim.port, sim.protocol.name
        else:
            self.sim = None
        self.demo_button.setVisible(self.sim is not None)
        self.demo_light_button.setVisible(self.sim is not None)
        self.bridge = ScaleBridge(port, protocol, self)
        self.bridge.reading_received.connect(self._on_bridge_reading_received)
        self.bridge.state_changed.connect(self._on_bridge_state_changed)
        self.bridge.failed.connect(self._on_bridge_failed)
        self.bridge.start()

        self._show_verdict("info", "", "")
        self._update_scale_label()
        self._refresh_bundle()
        path = self.ctx.extras.get("outbox_path") or ob.default_path(self.station)
        self.offline_box = StationOutbox(self.db, path, self.jobs, self)
        self.offline_box.replayed.connect(self._on_replayed)
        self._show_offline()
        self._update_instruction()

    # --- station protocol --------------------------------------------------------------------

    def focus_scan_field(self) -> None:
        self.scan_field.setFocus()

    def close_station(self) -> None:
        self.offline_box.close()
        self.wedge.uninstall()
        self.bridge.stop()
        if self._own_sim is not None:
            self._own_sim.close()
            self.ctx.extras.pop("scale", None)
            self._own_sim = None

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())

    def keep_state(self) -> dict:
        """The parcel scanned (and its last result) for the station rebuilt in the other
        language (`resume_state`)."""
        return {"context": self.context, "last": self.last, "batch": list(self.batch)}

    def resume_state(self, state: dict) -> None:
        last = state.get("last")
        if last is not None:
            self._show_result(last, quiet=True)
        ctx = state.get("context")
        if ctx is not None:
            self.context, self.batch = ctx, state.get("batch", [])
            self.gate.arm(ctx.waybill_no)
            self._show_context()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A click on an empty part of the station gives the scan field its focus back."""
        self.scan_field.setFocus()
        super().mousePressEvent(event)

    # --- scans -------------------------------------------------------------------------------

    def _on_wedge_scan_received(self, code: str) -> None:
        self.take_scan(code.strip())

    def _on_scan_field_return_pressed(self) -> None:
        code = self.scan_field.text().strip()
        self.scan_field.clear()
        self.take_scan(code)

    def take_scan(self, code: str) -> None:
        if self.overlay.isVisible():
            if code:
                self.play("stop")
            else:
                self.overlay.hide()
                self._update_instruction()
            return
        if not code:
            return
        self.scan_received.emit(code)
        self._queue.append(code)
        self._pump()

    def _pump(self) -> None:
        if self._busy or not self._queue:
            return
        code = self._queue.popleft()
        self._busy = True
        db, op, st = self.db, self.ctx.operator_code, self.station

        def job() -> svc.WeighContext:
            return svc.start_weighing(db, code, operator=op, station=st)

        self.jobs.submit(job, self._on_started, lambda exc: self._on_start_failed(code, exc))

    def _settle(self) -> None:
        self._busy = False
        QTimer.singleShot(0, self._pump)

    def _on_started(self, ctx: svc.WeighContext) -> None:
        self._settle()
        self.offline_waybill = None
        if self.batch_box.isChecked() and self.context is not None and not self.recording:
            if ctx.waybill_no == self.context.waybill_no or any(
                c.waybill_no == ctx.waybill_no for c in self.batch
            ):
                self._update_instruction()
                return
            if ctx.identity != self.context.identity:
                self._show_verdict(
                    "hold",
                    self.tr("Not identical"),
                    exception_text(
                        ServiceError(
                            "batch_not_identical", waybill=ctx.waybill_no, order_no=ctx.order_no
                        )
                    ),
                )
                self.play("error")
                return
            self.batch.append(ctx)
            self._show_context()
            return
        self.context = ctx
        self.batch = []
        self.last = None
        self.override_button.setEnabled(False)
        self.gate.arm(ctx.waybill_no)
        self.weight_label.setText("—")
        self.stub_label.clear()
        self._show_verdict("info", "", "")
        self._show_context()

    def _on_start_failed(self, code: str, exc: Exception) -> None:
        self._settle()
        self.gate.disarm()
        self.context = None
        self.batch = []
        self.order_label.clear()
        self.expected_label.clear()
        self._clear_parcel()
        if is_connection_error(exc):  # the server is gone: weigh anyway, keep it locally
            self.offline_waybill = code
            self.gate.arm(code)
            self.order_label.setText(
                self.tr("Waybill {waybill} (server unreachable)").format(waybill=code)
            )
            self.expected_label.setText(self.tr("Expected weight unknown until the server is back"))
            self._show_verdict(
                "warn",
                self.tr("OFFLINE"),
                self.tr("The weight is kept at this station and checked when the server is back."),
            )
            self._show_offline()
            self._update_instruction()
            return
        self.offline_waybill = None
        if getattr(exc, "code", "") == "intercepted":
            self.play("stop")
            self.overlay.show_stop(self.tr("INTERCEPTED"), exception_text(exc))
            return
        text = exception_text(exc)
        params = getattr(exc, "params", None) or {}
        if getattr(exc, "code", "") == "not_verified" and params.get("status") == "verified":
            # verified and still refused: the floor's packing confirmation is on
            text = self.tr("Order {order_no} is verified but not packed: to packing first.").format(
                order_no=params.get("order_no", "")
            )
        self._show_verdict("hold", self.tr("Not weighed"), text)
        self.play("error")
        self._update_instruction()

    def _clear_parcel(self) -> None:
        """Nothing of the previous parcel stays on screen under a refusal: its weight and its
        stub place would be read as this parcel's (a stub filed in the wrong place)."""
        self.last = None
        self.override_button.setEnabled(False)
        self.weight_label.setText("—")
        self.stub_label.setText(self.tr("Stub: stays on the parcel (not weighed)"))

    def _show_context(self) -> None:
        c = self.context
        if c is None:
            return
        goods = "  ·  ".join(f"{li.qty} × {li.name}" for li in c.lines)
        head = self.tr("Order {order} · waybill {waybill}").format(
            order=c.order_no, waybill=c.waybill_no
        )
        if c.weighings:
            head += "  ·  " + self.tr("re-weigh (weighed {n} time(s) before)").format(n=c.weighings)
        if self.batch:
            head += "  ·  " + self.tr("batch of {n} parcels").format(n=1 + len(self.batch))
        self.order_label.setText(f"{head}\n{goods}")
        self.expected_label.setText(
            self.tr("Expected {grams} g ± {tol} g").format(
                grams=fmt.number(c.expected_grams), tol=c.tolerance_grams + self.division
            )
        )
        self._update_instruction()

    # --- the scale ---------------------------------------------------------------------------

    def _on_bridge_state_changed(self, state: str) -> None:
        self.scale_state = state
        if state in ("ok", "connecting"):
            self.scale_error = None
        self._update_scale_label()

    def _on_bridge_failed(self, err: Any) -> None:
        self.scale_error = err
        self._update_scale_label()

    def _on_bridge_reading_received(
        self, grams: int, stable: bool, overload: bool, division: int
    ) -> None:
        if self.scale_state != "ok":
            self.scale_state = "ok"
        changed = (stable, overload) != (not self.motion, self.overload)
        self.motion, self.overload = not stable, overload
        self.division = max(division, 1)
        self.live_grams = grams
        self.live_label.setText(self.tr("Scale shows {grams} g").format(grams=fmt.number(grams)))
        was_waiting = self.gate.waiting_for_removal
        got = self.gate.feed(grams, stable, overload)
        if changed:
            self._update_scale_label()
        if got is not None:
            self._capture(*got)
        elif was_waiting != self.gate.waiting_for_removal:
            self._update_instruction()

    def _update_scale_label(self) -> None:
        if self.scale_state in ("disconnected", "stopped"):
            kind, text = "hold", self.tr("✖ Scale not connected")
            if self.scale_error is not None:  # e.g. permission_denied: the dialout group
                from app.ui.device_panel import device_error_text

                text += "\n" + device_error_text(self.scale_error)
        elif self.scale_state == "no_data":
            kind, text = "warn", self.tr("⚠ Scale sends no data")
        elif self.scale_state == "connecting":
            kind, text = "warn", self.tr("… Connecting to the scale")
        elif self.overload:
            kind, text = "hold", self.tr("✖ Scale OVERLOAD")
        elif self.motion:
            kind, text = "warn", self.tr("~ Scale in motion")
        else:
            kind, text = "ok", self.tr("✔ Scale stable")
        bg, fg = COLOURS[kind]
        self.scale_label.setText(text)
        self.scale_label.setStyleSheet(
            f"font-size: 16pt; font-weight: bold; background: {bg}; color: {fg}; padding: 4px;"
        )

    # --- capture and record ------------------------------------------------------------------

    def _capture(self, waybill: str, grams: int) -> None:
        ctx = self.context
        if ctx is None and self.offline_waybill == waybill:
            self.weight_captured.emit(waybill, grams)
            self._keep_offline(waybill, grams, str(uuid.uuid4()))
            return
        if ctx is None or ctx.waybill_no != waybill:
            return
        self.weight_captured.emit(waybill, grams)
        self.recording = True
        self.weight_label.setText(self.tr("{grams} g").format(grams=fmt.number(grams)))
        self._show_verdict("busy", self.tr("Recording…"), "")
        db, op, st, div = self.db, self.ctx.operator_code, self.station, self.division
        batch = [c.waybill_no for c in self.batch] or None
        # made before the first attempt: if the server takes it but the answer is lost, the
        # outbox replay recognises it (exactly once)
        uid = self._capture_uid = str(uuid.uuid4())
        self._captured = (waybill, grams, div)

        def job() -> svc.WeighResult:
            with station_event(uid):
                return svc.record_weighing(db, waybill, grams, div, op, st, batch_waybills=batch)

        self.jobs.submit(job, self._on_recorded, self._on_record_failed)

    def _on_recorded(self, res: svc.WeighResult) -> None:
        self.recording = False
        self._show_result(res)
        self.weighing_recorded.emit(res)
        self.context = None
        self.batch = []
        self.batch_box.setChecked(False)
        self._refresh_bundle()
        self._update_instruction()
        if self.sim is not None:  # demo: the clerk lifts the parcel off
            QTimer.singleShot(1500, self.sim.remove)

    def _on_record_failed(self, exc: Exception) -> None:
        self.recording = False
        if is_connection_error(exc) and not self.batch:
            waybill, grams, _div = self._captured
            self.context = None
            self._keep_offline(waybill, grams, self._capture_uid)
            return
        self._show_verdict("hold", self.tr("NOT RECORDED — weigh again"), exception_text(exc))
        self.play("error")
        if self.context is not None:  # lift the parcel off and put it back
            self.gate.arm(self.context.waybill_no)
        self._update_instruction()

    # --- offline: the outbox ------------------------------------------------------------------

    def outbox(self) -> ob.Outbox:
        return self.offline_box.box()

    def _keep_offline(self, waybill: str, grams: int, uid: str) -> None:
        """The server is unreachable: keep the weighing at the station (durable), never OK."""
        self.outbox().add(
            ob.WEIGH,
            {
                "waybill_no": waybill,
                "grams": grams,
                "division": self.division,
                "operator": self.ctx.operator_code,
                "station": self.station,
            },
            uid=uid,
        )
        self.offline_waybill = None
        self.weight_label.setText(self.tr("{grams} g").format(grams=fmt.number(grams)))
        self._show_verdict(
            "warn",
            self.tr("KEPT OFFLINE — not checked yet"),
            self.tr(
                "Waybill {waybill}: {grams} g kept at this station. The server is unreachable;"
                " the verdict comes when it is back."
            ).format(waybill=waybill, grams=fmt.number(grams)),
        )
        self.play("error")
        self.weighing_kept_offline.emit(waybill, grams)
        self._show_offline()
        self._update_instruction()
        if self.sim is not None:
            QTimer.singleShot(1500, self.sim.remove)

    def _show_offline(self) -> None:
        n = self.offline_box.kept()
        if n or self.offline_waybill:
            self.offline_label.setText(
                self.tr("⚠ Server unreachable — %n weighing(s) kept here", "", n)
            )
        self.offline_label.setVisible(bool(n or self.offline_waybill))

    def replay_outbox(self) -> None:
        self.offline_box.send()

    def _on_replayed(self, rep: ob.ReplayReport) -> None:
        self._show_offline()
        if not (rep.replayed or rep.already_there or rep.conflicts):
            return
        self.outbox_replayed.emit(rep)
        held = [i.params["waybill_no"] for i, _r in rep.holds]
        held += [i.params.get("waybill_no", "") for i, _c in rep.conflicts]
        if held:
            self._show_verdict(
                "hold",
                self.tr("Server back: %n parcel(s) weighed offline are HELD", "", len(held)),
                self.tr("Pull them back for checking: {waybills}").format(waybills=", ".join(held)),
            )
            self.play("hold")
        elif self.context is None and not self.recording:
            self._show_verdict(
                "ok",
                self.tr(
                    "Server back: %n weighing(s) kept offline are recorded",
                    "",
                    rep.replayed + rep.already_there,
                ),
                "",
            )
        self._refresh_bundle()

    def _show_result(self, res: svc.WeighResult, *, quiet: bool = False) -> None:
        self.last = res
        self.weight_label.setText(self.tr("{grams} g").format(grams=fmt.number(res.grams)))
        if res.verdict == rules.OK:
            title = self.tr("OK — ship it")
            detail = self.tr("{diff:+d} g from {expected} g").format(
                diff=res.difference_grams, expected=fmt.number(res.expected_grams)
            )
            if res.covered:
                detail += "\n" + self.tr("Batch: {n} more parcel(s) covered").format(
                    n=len(res.covered)
                )
        elif res.verdict == rules.OVERRIDE:
            title = self.tr("Released by a supervisor")
            detail = ""
        else:
            title = self.tr("HOLD — {reason}").format(reason=reason_text(res.reason))
            if res.reason in svc.WEIGHT_REASONS:
                detail = explanation_text(res.explanation, res.difference_grams)
                detail += "\n" + self.tr(
                    "Hold shelf: a supervisor overrides here or releases it for a recount."
                )
            else:
                detail = ""
        self._show_verdict(res.verdict, title, detail)
        if not quiet:
            self.play(res.verdict, res.reason, res.difference_grams)
        if res.stub is not None:
            self.stub_label.setText(
                self.tr("Stub → bundle {bundle}, no. {position}").format(
                    bundle=res.stub.bundle, position=res.stub.position
                )
            )
        else:
            self.stub_label.setText(self.tr("Keep the stub on the parcel"))
        self.override_button.setEnabled(
            res.verdict == rules.HOLD and res.reason in svc.WEIGHT_REASONS
        )

    def _show_verdict(self, kind: str, title: str, detail: str) -> None:
        bg, fg = COLOURS.get(kind, COLOURS["info"])
        sign = SIGNS.get(kind, "")
        self.verdict_label.setText(f"{sign} {title}".strip() if title else "")
        self.explain_label.setText(detail)
        self.verdict_box.setStyleSheet(
            f"QFrame {{ background: {bg}; }} QLabel {{ color: {fg}; background: {bg}; }}"
        )
        self.verdict_kind = kind

    def play(self, kind: str, prompt: str | None = None, grams: int | None = None) -> None:
        """Tone (+ prompt: 重量偏轻 412 克) through ``app.ui.sound``; beeps without audio."""
        if kind in BEEPS:
            sound.play(kind, prompt, grams)
        self.sound_played.emit(kind)

    def _update_instruction(self) -> None:
        if self.gate.waiting_for_removal and not self.gate.armed and self.live_grams:
            text = self.tr("Take the parcel off the scale")
        elif (self.context is not None or self.offline_waybill) and self.gate.armed:
            if self.gate.waiting_for_removal:
                text = self.tr("Take the previous parcel off the scale")
            elif self.batch_box.isChecked():
                text = self.tr("Scan the identical parcels, then place one")
            else:
                text = self.tr("Place the parcel on the scale")
        else:
            text = self.tr("Scan the waybill")
        self.instruction.setText(text)

    # --- stubs -------------------------------------------------------------------------------

    def _refresh_bundle(self) -> None:
        db, st = self.db, self.station
        self.jobs.submit(lambda: svc.current_bundle(db, st), self._on_bundle_state, lambda e: None)

    def _on_bundle_state(self, b: svc.BundleState) -> None:
        if b.bundle is None:
            self.bundle_label.setText(self.tr("No open stub bundle"))
        else:
            self.bundle_label.setText(
                self.tr("Bundle {bundle}: {filled}/{size} stubs").format(
                    bundle=b.bundle, filled=b.filled, size=b.size
                )
            )

    def _on_close_button_clicked(self) -> None:
        counted, ok = QInputDialog.getInt(
            self,
            self.tr("Close stub bundle"),
            self.tr("How many stubs are in your hand?"),
            0,
            0,
            10_000,
        )
        if ok:
            self.close_bundle(counted)
        self.focus_scan_field()

    def close_bundle(self, counted: int | None) -> None:
        """Close the bundle (count check) and print its register on the office printer (job
        pool); the print is recorded as evidence, a failed print can be sent again."""
        db, st, op = self.db, self.station, self.ctx.operator_code

        def job() -> tuple[svc.BundleReport, DocumentPrint]:
            rep = svc.close_bundle(db, st, operator=op, counted=counted)
            return rep, self._print_register(rep)

        self.jobs.submit(job, self._on_bundle_closed, self._on_bundle_close_failed)

    def _print_register(self, rep: svc.BundleReport) -> DocumentPrint:
        """Pool thread: draw and print one bundle's register."""
        from printing import render_stub_register

        lang, backend = _lang(), office_printer(self.ctx).backend
        return print_document(
            self.db,
            backend,
            lambda: render_stub_register(svc.register_data(rep), lang),
            document="stub_register",
            ref=str(rep.bundle),
            title=f"stub-register-{rep.bundle:06d}",
            operator=self.ctx.operator_code,
            station=self.station,
        )

    def print_register_again(self) -> None:
        rep = self.last_bundle
        if rep is None:
            return
        self.jobs.submit(
            lambda: (rep, self._print_register(rep)),
            self._on_bundle_closed,
            self._on_bundle_close_failed,
        )

    def _on_bundle_closed(self, result: tuple[svc.BundleReport, DocumentPrint]) -> None:
        rep, printed = result
        self.last_bundle = rep
        self.register_again_button.setVisible(not printed.ok)
        title = self.tr("Bundle {bundle} closed: {n} stubs match").format(
            bundle=rep.bundle, n=rep.stubs
        )
        if printed.ok:
            self._show_verdict(
                "ok", title, self.tr("Register printed: {where}").format(where=printed.where)
            )
            self.play("ok")
        else:
            self._show_verdict(
                "hold",
                title,
                self.tr("The register did not print: {message}").format(message=printed.where),
            )
            self.play("error")
        self.bundle_closed.emit(rep)
        self._refresh_bundle()

    def _on_bundle_close_failed(self, exc: Exception) -> None:
        self._show_verdict("hold", self.tr("Bundle not closed"), exception_text(exc))
        self.play("error")

    # --- override ----------------------------------------------------------------------------

    def _on_override_button_clicked(self) -> None:
        last = self.last
        if last is None:
            return
        summary = self.tr(
            "Waybill {waybill} · order {order_no}: recorded {grams} g, expected {expected} g"
            " ± {tol} g."
        ).format(
            waybill=last.waybill_no,
            order_no=last.order_no,
            grams=fmt.number(last.grams),
            expected=fmt.number(last.expected_grams),
            tol=fmt.number(last.tolerance_grams),
        )
        dlg = OverrideDialog(self, summary)
        if dlg.exec():
            self.override(*dlg.values())
        # the station's window is the active one again (without a window manager nothing
        # else makes it so), so the next key, F2 included, reaches it
        self.window().activateWindow()
        self.focus_scan_field()

    def override(self, badge: str, pin: str, reason: str) -> None:
        if self.last is None:
            return
        db, wb, op, st = self.db, self.last.waybill_no, self.ctx.operator_code, self.station

        def job() -> svc.WeighResult:
            return svc.override(db, wb, reason, badge, pin, operator=op, station=st)

        self.jobs.submit(job, self._on_overridden, self._on_override_failed)

    def _on_overridden(self, res: svc.WeighResult) -> None:
        self._show_result(res)
        self.weighing_recorded.emit(res)
        self._refresh_bundle()

    def _on_override_failed(self, exc: Exception) -> None:
        self.explain_label.setText(exception_text(exc))
        self.play("error")

    # --- batch and demo ----------------------------------------------------------------------

    def _on_batch_box_toggled(self, on: bool) -> None:
        if not on:
            self.batch = []
            self._show_context()
        self._update_instruction()
        self.focus_scan_field()

    def _demo_place(self, missing: bool) -> None:
        if self.sim is None:
            return
        c = self.context
        if c is None:
            grams = random.randint(300, 3000)
        elif missing:  # without its heaviest item, never so light the scale sees nothing
            short = rules.short_parcel_grams(
                [(li.unit_grams, li.qty) for li in c.lines],
                c.expected_grams,
                c.tolerance_grams + self.division,
                zero_band_grams=self.gate.zero_band_grams,
                lighter_by=random.randint(0, c.tolerance_grams // 3),
            )
            if short is None:
                self._show_verdict(
                    "info",
                    self.tr("Demo"),
                    self.tr(
                        "The goods of this order are lighter than the tolerance: the scale "
                        "cannot tell one missing."
                    ),
                )
                self.focus_scan_field()
                return
            grams = short
        else:
            grams = c.expected_grams + random.randint(
                -c.tolerance_grams // 3, c.tolerance_grams // 3
            )
        self.sim.place(max(grams, 1))
        self.focus_scan_field()

    def _on_demo_button_clicked(self) -> None:
        self._demo_place(False)

    def _on_demo_light_button_clicked(self) -> None:
        self._demo_place(True)


def _lang() -> str:
    from app.settings import choose_language

    return choose_language()
