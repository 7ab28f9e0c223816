"""The weighing station (抽单称重): scan the waybill, place the parcel, read the verdict.

No clicks in the normal flow: the scan shows the order with its expected weight and
tolerance; the first stable non-zero reading after the scan is captured by itself
(`app.domain.weighing.CaptureGate`), shown huge, recorded (committed before any green is
shown) and answered with colour + sign + words + beeps; the stub's place (第 N 捆 第 M 张) is
shown big. The platform must come back near zero before the next capture.

Threads: the `ScaleReader` calls back on its reader thread; `ScaleBridge` re-emits those
callbacks as Qt signals (queued to the GUI thread). Database calls run on the job pool
(`JobRunner`). In ``--demo`` without a scale port a `SimulatedScale` is started here.

The station's parts live beside it: its words and colours (`weigh_texts`), the scale
(`weigh_scale`), the outbox (`weigh_offline`), the stub bundles (`weigh_stubs`) and the
supervisor's override (`weigh_override`).
"""

from __future__ import annotations

import uuid
from collections import deque
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.chain import station_event
from app.db.engine import is_connection_error
from app.domain import weighing as rules
from app.domain.stations import station_roles
from app.services import outbox as ob
from app.services import weighing as svc
from app.services.errors import ServiceError
from app.ui.desks.weigh.offline import WeighOffline
from app.ui.desks.weigh.override import WeighOverride
from app.ui.desks.weigh.scale import ScaleBridge, WeighScale
from app.ui.desks.weigh.stubs import WeighStubs
from app.ui.desks.weigh.texts import (
    BEEPS,
    COLOURS,
    SIGNS,
    explanation_text,
    reason_text,
)
from app.ui.kit import fmt, sound
from app.ui.kit.station_outbox import StationOutbox
from app.ui.kit.texts import exception_text
from app.ui.kit.wedge import WedgeFilter, disable_input_method
from app.ui.kit.widgets import StopOverlay, set_big
from app.ui.kit.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


class WeighStation(WeighScale, WeighOffline, WeighStubs, WeighOverride, QWidget):
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

    # --- offline: the count kept and the replay's verdicts -------------------------------

    def _show_offline(self) -> None:
        n = self.offline_box.kept()
        if n or self.offline_waybill:
            self.offline_label.setText(
                self.tr("⚠ Server unreachable — %n weighing(s) kept here", "", n)
            )
        self.offline_label.setVisible(bool(n or self.offline_waybill))

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
        """Tone (+ prompt: 重量偏轻 412 克) through ``app.ui.kit.sound``; beeps without audio."""
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

    # --- batch ----------------------------------------------------------------------

    def _on_batch_box_toggled(self, on: bool) -> None:
        if not on:
            self.batch = []
            self._show_context()
        self._update_instruction()
        self.focus_scan_field()
