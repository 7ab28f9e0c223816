"""A station's packing-video camera on the screen: `StationCamera` drives the station's
`StationRecorder` (app.services.video) and re-emits its callbacks as Qt signals on the GUI
thread; `CameraLine` is the one line a scanning desk shows about it ("● REC WB…", or a loud
warning when the camera fails or the disk is full).

The recorder is made and started on a thread of its own (it reads the floor's settings and
spawns the capture process), and stopped on one too (it finishes the last clip): the GUI
thread never waits for video. The station's calls (`scan_started`, `parcel_completed`) only
queue; calls made before the recorder is up are handed to it when it is.

Which camera: ``ctx.extras["camera"]`` (``--camera URL`` for this run, ``test:`` in ``--demo``)
else the station's saved ``settings.camera``; frame size and rate from the settings.
"""

from __future__ import annotations

import html
import itertools
import logging
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.kit.widgets import COLOURS, keep_lines, set_big

if TYPE_CHECKING:
    from app.services.video import RecorderStatus, StationRecorder
    from app.ui.kit.context import StationContext

_log = logging.getLogger(__name__)
_ids = itertools.count(1)


def camera_url(ctx: StationContext) -> str:
    """The camera this station records from ("" : none)."""
    return str(ctx.extras.get("camera") or ctx.settings.camera or "").strip()


def camera_format(ctx: StationContext) -> tuple[int, int, int]:
    """(width, height, fps) from the station's settings."""
    s = ctx.settings
    return s.camera_width, s.camera_height, s.camera_fps


class _Relay(QObject):
    """The one object recorder threads emit on: it lives on the GUI thread for the whole run
    and is never deleted (as `app.ui.kit.workers`' dispatcher), so a recorder that reports
    after its station was closed never touches a deleted object."""

    status_reported = Signal(int, object)
    clip_reported = Signal(int, object)
    recorder_started = Signal(int, object)  # camera id, the recorder or the exception

    def __init__(self) -> None:
        super().__init__()
        self.status_reported.connect(self._on_status)
        self.clip_reported.connect(self._on_clip)
        self.recorder_started.connect(self._on_started)

    def _target(self, cam_id: int) -> StationCamera | None:
        ref = _cameras.get(cam_id)
        cam = ref() if ref is not None else None
        if cam is None or not shiboken6.isValid(cam):
            return None
        return cam

    def _on_status(self, cam_id: int, status: Any) -> None:
        cam = self._target(cam_id)
        if cam is not None:
            cam._status_arrived(status)

    def _on_clip(self, cam_id: int, clip: Any) -> None:
        cam = self._target(cam_id)
        if cam is not None:
            cam.clip_recorded.emit(clip)

    def _on_started(self, cam_id: int, value: Any) -> None:
        cam = self._target(cam_id)
        if cam is not None:
            cam._started(value)


_relay: _Relay | None = None
_cameras: dict[int, weakref.ref[StationCamera]] = {}


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:  # made on the GUI thread by the first camera
        _relay = _Relay()
    return _relay


class StationCamera(QObject):
    """One station's recorder, seen from the GUI thread."""

    status_changed = Signal(object)  # RecorderStatus
    warning_raised = Signal(str)  # a new camera problem (one of app.services.video.WARNINGS)
    warning_cleared = Signal()
    clip_recorded = Signal(object)  # RecordedClip, when a clip is on the chain
    stopped = Signal()  # the recorder has stopped (its last clip recorded)

    def __init__(
        self,
        ctx: StationContext,
        url: str,
        station: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.url = url
        self.station = station
        self.id = next(_ids)
        _cameras[self.id] = weakref.ref(self)
        self.recorder: StationRecorder | None = None
        self.status: RecorderStatus | None = None
        self.warning = ""
        self.failed = ""  # the recorder could not be made (its exception's text)
        self._lock = threading.Lock()
        self._pending: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._closing = False
        self._stopper: threading.Thread | None = None
        _the_relay()

    # --- start and stop (never on the GUI thread) ----------------------------------------------

    def start(self) -> None:
        threading.Thread(target=self._make, name="camera-start", daemon=True).start()

    def _make(self) -> None:
        from app.services.video import StationRecorder

        relay, cam_id = _the_relay(), self.id
        width, height, fps = camera_format(self.ctx)
        folders = self.ctx.extras.get("video_folders") or {}
        try:
            rec = StationRecorder(
                self.ctx.db,
                self.url,
                station=self.station,
                width=width,
                height=height,
                fps=fps,
                folder=folders.get("clips"),
                segment_folder=folders.get("segments"),
                on_status=lambda st: relay.status_reported.emit(cam_id, st),
                on_clip=lambda clip: relay.clip_reported.emit(cam_id, clip),
            )
            rec.start()
        except Exception as exc:  # noqa: BLE001 - a camera never stops the station
            _log.exception("the station's camera could not start")
            relay.recorder_started.emit(cam_id, exc)
            return
        with self._lock:
            pending, self._pending = self._pending, []
            self.recorder = rec
            closing = self._closing
        for name, args, kwargs in pending:
            getattr(rec, name)(*args, **kwargs)
        relay.recorder_started.emit(cam_id, rec)
        if closing:
            self._stop_now(rec)

    def _started(self, value: Any) -> None:
        if isinstance(value, Exception):
            self.failed = str(value) or type(value).__name__
            self.warning = "camera_unreachable"
            self.warning_raised.emit(self.warning)

    def stop(self) -> None:
        """Close the open clip and stop the camera, on a thread of its own: the last clip is
        finished and recorded after the station has gone (the process waits for it)."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
            rec = self.recorder
        if rec is not None:
            self._stopper = threading.Thread(
                target=self._stop_now, args=(rec,), name="camera-stop", daemon=False
            )
            self._stopper.start()

    def _stop_now(self, rec: StationRecorder) -> None:
        try:
            rec.stop()
        except Exception:  # noqa: BLE001
            _log.exception("stopping the camera failed")

    def wait_stopped(self, timeout: float = 30.0) -> bool:
        """Wait for `stop` to finish (tests, and a station that must know)."""
        if self._stopper is None:
            return True
        self._stopper.join(timeout)
        return not self._stopper.is_alive()

    # --- the station's calls: they only queue ----------------------------------------------------

    def _call(self, name: str, *args: Any, **kwargs: Any) -> None:
        with self._lock:
            rec = self.recorder
            if rec is None:
                if not self._closing:
                    self._pending.append((name, args, kwargs))
                return
        getattr(rec, name)(*args, **kwargs)

    def scan_started(
        self,
        waybill_no: str,
        *,
        order_no: str = "",
        order_id: int | None = None,
        operator: str = "",
        at: float | None = None,
    ) -> None:
        at = time.time() if at is None else at
        self._call(
            "scan_started",
            waybill_no,
            order_no=order_no,
            order_id=order_id,
            operator=operator,
            at=at,
        )

    def parcel_completed(self, waybill_no: str, at: float | None = None) -> None:
        self._call("parcel_completed", waybill_no, time.time() if at is None else at)

    # --- status ----------------------------------------------------------------------------------

    def _status_arrived(self, status: RecorderStatus) -> None:
        self.status = status
        # a warning stays until the camera records again (a restarted capture says
        # "starting" first: the floor must still see that video is missing)
        recording = status.camera.state == "recording" and not status.camera.error
        warning = status.warning or ("" if recording else self.warning)
        if warning and warning != self.warning:
            self.warning = warning
            self.warning_raised.emit(warning)
        elif not warning and self.warning:
            self.warning = ""
            self.warning_cleared.emit()
        self.status_changed.emit(status)


def warning_text(code: str) -> str:
    """A camera problem, worded for the station (scanning goes on)."""
    texts = {
        "disk_full": QCoreApplication.translate(
            "Camera", "DISK FULL: packing video stopped. Scanning goes on; tell a supervisor."
        ),
        "camera_unreachable": QCoreApplication.translate(
            "Camera",
            "CAMERA NOT REACHABLE: no packing video. Scanning goes on; check the camera's cable.",
        ),
        "camera_lost": QCoreApplication.translate(
            "Camera", "CAMERA LOST: this parcel's video is incomplete. Scanning goes on."
        ),
        "capture_died": QCoreApplication.translate(
            "Camera", "VIDEO RECORDING STOPPED: this parcel's video is incomplete. Restarting…"
        ),
        "bad_url": QCoreApplication.translate(
            "Camera", "CAMERA ADDRESS NOT VALID: no packing video. Scanning goes on."
        ),
        "encoder_failed": QCoreApplication.translate(
            "Camera", "VIDEO ENCODER MISSING: no packing video. Scanning goes on."
        ),
    }
    return texts.get(
        code,
        QCoreApplication.translate("Camera", "CAMERA PROBLEM ({code}): scanning goes on.").format(
            code=code
        ),
    )


def state_text(state: str) -> str:
    """A clip's state (app.domain.video.STATES), worded."""
    texts = {
        "complete": QCoreApplication.translate("Camera", "complete"),
        "next_scan": QCoreApplication.translate("Camera", "ended by the next scan"),
        "time_limit": QCoreApplication.translate("Camera", "time limit"),
        "stopped": QCoreApplication.translate("Camera", "station stopped"),
        "incomplete": QCoreApplication.translate("Camera", "INCOMPLETE"),
    }
    return texts.get(state, state)


INCOMPLETE_RED = "#b71c1c"

LINE_STYLES = {
    "rec": (12, "color: #c62828;"),
    "on": (12, "color: #1b7f3b;"),
    "quiet": (12, "color: #455a64;"),
    "loud": (14, f"background: {COLOURS['stop'][0]}; color: {COLOURS['stop'][1]}; padding: 4px;"),
}


class CameraLine(QLabel):
    """The station's one line about its camera: quiet while all is well ("● REC WB…"),
    loud (the stop colours, bigger type) while the camera fails or the disk is full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.kind = ""
        self._set_kind("quiet")
        keep_lines(self, 2)
        self.hide()

    @property
    def loud(self) -> bool:
        return self.kind == "loud"

    def _set_kind(self, kind: str) -> None:
        if kind != self.kind:  # a new style only when the kind changes (statuses come each second)
            self.kind = kind
            points, extra = LINE_STYLES[kind]
            set_big(self, points, extra=extra)

    def show_status(self, status: RecorderStatus, warning: str) -> None:
        if warning:
            self.show_warning(warning)
            return
        cam = status.camera
        if cam.state == "recording" and status.recording_waybill:
            kind = "rec"
            text = QCoreApplication.translate("Camera", "● REC {waybill}").format(
                waybill=status.recording_waybill
            )
        elif cam.state == "recording":
            kind = "on"
            text = QCoreApplication.translate("Camera", "● Camera on, waiting for a waybill")
        elif cam.state == "stopped":
            kind, text = "quiet", QCoreApplication.translate("Camera", "Camera stopped")
        else:
            kind, text = "quiet", QCoreApplication.translate("Camera", "Camera starting…")
        self._set_kind(kind)
        if status.last_clip is not None and status.last_clip.state == "incomplete":
            # the last parcel's missing video in the warning red, below the camera's own line
            note = QCoreApplication.translate("Camera", "Video of {waybill} is incomplete")
            note = note.format(waybill=status.last_clip.waybill_no)
            self.setTextFormat(Qt.TextFormat.RichText)
            self.setText(
                f"{html.escape(text)}<br><span style='color: {INCOMPLETE_RED};'>"
                f"✖ {html.escape(note)}</span>"
            )
            return
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    @property
    def shown_text(self) -> str:
        """The line as the worker reads it (no markup)."""
        if self.textFormat() != Qt.TextFormat.RichText:
            return self.text()
        doc = QTextDocument()
        doc.setHtml(self.text())
        return doc.toPlainText()

    def show_warning(self, code: str) -> None:
        self._set_kind("loud")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText("✖ " + warning_text(code))
