"""`StationRecorder`: one station's packing video, from its camera to clips on the chain.

A verify or pack station makes one at start when it has a camera (``--camera URL`` or its
settings) and calls it with what happens: `scan_started` at each waybill scan (whatever the
verdict: an intercepted, held or refused parcel keeps its clip), `parcel_completed` when the
parcel is verified/packed, `stop` when the station closes. Those calls only queue the event
and send the overlay text to the capture process: a scan's verdict never waits for video.

Threads: the calls may come from any thread. The recorder's own worker thread applies the
clip rules (`app.domain.video.ClipRecorder`), waits for the segments, has the clip cut and
hashed in the cutter process (`devices.camera.ClipCutter`: that work never holds this
process's interpreter lock while it judges scans), appends it to the chain (`record_clip`),
and runs retention now and then. ``on_status`` (a `RecorderStatus`) is called on the camera's
monitor thread or the worker thread; ``on_clip`` (a `RecordedClip`) on the worker thread.
A Qt station re-emits both as signals.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.db.engine import Database
from app.domain import video as rules
from app.services.video.clips import (
    RecordedClip,
    apply_retention,
    clip_file_name,
    clip_folder,
    clip_rules,
    default_clip_folder,
    record_clip,
    this_host,
)
from devices.camera import Camera, CameraStatus, CaptureConfig, ClipCutter, OverlayText

log = logging.getLogger(__name__)

#: camera problems a station shows loudly (`CameraStatus.error` codes and ``capture_died``)
WARNINGS = (
    "disk_full",
    "camera_unreachable",
    "camera_lost",
    "capture_died",
    "bad_url",
    "encoder_failed",
)


@dataclass(frozen=True)
class RecorderStatus:
    """What a station shows about its camera."""

    camera: CameraStatus
    recording_waybill: str = ""  # the parcel whose clip is open
    warning: str = ""  # one of WARNINGS, "" when all is well
    clips: int = 0  # clips made since start
    last_clip: RecordedClip | None = None


def _font() -> tuple[str, int]:
    """The CJK font the documents use, for the overlay's station and operator names."""
    try:
        from printing.fonts import load_cjk_font

        info = load_cjk_font()
        return info.path, info.subfont
    except Exception:  # noqa: BLE001 - no CJK font: Latin text still shows
        return "", 0


def _zone_name(db: Database) -> str:
    """The floor's time zone as the floor settings name it (``""``: the system's), so the
    overlay shows the hour the stations, the documents and the scan events show."""
    from app.services.floortime import zone_setting

    try:
        with db.read() as s:
            return zone_setting(s)
    except Exception:  # noqa: BLE001 - settings unreadable: the system's zone, like the app
        return ""


class StationRecorder:
    """Packing video for one station (see the module's docstring)."""

    def __init__(
        self,
        db: Database,
        camera_url: str,
        *,
        station: str,
        width: int = 1280,
        height: int = 720,
        fps: int = 15,
        segment_folder: Path | None = None,
        folder: Path | None = None,
        host: str | None = None,
        min_free_bytes: int = 256 * 1024 * 1024,
        retention_every_s: float = 600.0,
        on_status: Callable[[RecorderStatus], None] | None = None,
        on_clip: Callable[[RecordedClip], None] | None = None,
    ) -> None:
        self.db = db
        self.camera_url = camera_url
        self.station = station
        self.host = host or this_host()
        self.folder = folder or clip_folder(db)
        safe = "".join(ch if ch.isalnum() else "_" for ch in station) or "station"
        self.segment_folder = segment_folder or default_clip_folder().parent / "segments" / safe
        self.on_status = on_status
        self.on_clip = on_clip
        self.rules = clip_rules(db)
        self.retention_every_s = retention_every_s
        font, index = _font()
        self.config = CaptureConfig(
            url=camera_url,
            folder=str(self.segment_folder),
            width=width,
            height=height,
            fps=fps,
            min_free_bytes=min_free_bytes,
            zone=_zone_name(db),
            font_path=font,
            font_index=index,
        )
        self.camera = Camera(self.config, on_status=self._on_camera_status)
        self._cutter = ClipCutter()
        self._clips = rules.ClipRecorder(self.rules)
        self._events: queue.Queue[tuple[str, tuple[Any, ...]]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self._status = RecorderStatus(CameraStatus(state="stopped"))
        self._trouble: list[tuple[float, str]] = []  # (time, error) the camera reported
        self._last_retention = 0.0
        #: clips closed and not yet finished, oldest first: (when it closed, the closing)
        self._closed: deque[tuple[float, rules.ClipClosing]] = deque()
        self._last_call = 0.0  # when the station's last call came (Unix seconds)

    # --- the station's calls (any thread, never blocking) -----------------------------------

    def start(self) -> None:
        """Start the camera and the worker (returns at once)."""
        if self._worker is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.camera.start()
        self._cutter.start()
        self._worker = threading.Thread(target=self._work, name="clip-recorder", daemon=True)
        self._worker.start()

    def scan_started(
        self,
        waybill_no: str,
        *,
        order_no: str = "",
        order_id: int | None = None,
        operator: str = "",
        at: float | None = None,
    ) -> None:
        """A waybill was scanned (at ``at``, Unix seconds; now by default): its clip starts."""
        at = time.time() if at is None else at
        self.camera.set_overlay(OverlayText(waybill_no, order_no, self.station, operator))
        self._events.put(("scan", (waybill_no, at, order_no, order_id, operator)))

    def parcel_completed(self, waybill_no: str, at: float | None = None) -> None:
        """The parcel is verified/packed: its clip ends after the tail."""
        self._events.put(("complete", (waybill_no, time.time() if at is None else at)))

    def stop(self, timeout: float = 15.0) -> None:
        """Close the open clip (``stopped``), finish it, stop the camera."""
        if self._worker is None:
            return
        self._events.put(("stop", (time.time(),)))
        self._worker.join(timeout)
        self._worker = None
        self.camera.stop()
        self._cutter.close()

    def status(self) -> RecorderStatus:
        with self._lock:
            return self._status

    # --- status -------------------------------------------------------------------------------

    def _publish(self, **changes: Any) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)
            status = self._status
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:  # noqa: BLE001
                log.exception("recorder status listener failed")

    def _on_camera_status(self, cam: CameraStatus) -> None:
        """Camera monitor thread."""
        warning = cam.error if cam.error in WARNINGS else ""
        if cam.state == "disk_full":
            warning = "disk_full"
        if warning:
            with self._lock:
                self._trouble.append((cam.at, warning))
                del self._trouble[:-200]
        self._publish(camera=cam, warning=warning)

    def _troubled(self, start: float, end: float) -> bool:
        with self._lock:
            return any(start - 1 <= t <= end + 1 for t, _ in self._trouble)

    # --- the worker thread ------------------------------------------------------------------

    def _work(self) -> None:
        self._retention()
        while True:
            try:
                if self._step():
                    return
            except Exception:  # noqa: BLE001 - a bug here must not end the station's video
                log.exception("clip recorder step failed")
                time.sleep(0.5)

    def _finish_at(self) -> float | None:
        """When the oldest closed clip is to be finished (`rules.finish_at`); None: none."""
        if not self._closed:
            return None
        return rules.finish_at(self._closed[0][0], self._last_call)

    def _step(self) -> bool:
        """One event or one wake-up; True when the recorder stops."""
        wake = [t for t in (self._clips.next_due(), self._finish_at()) if t is not None]
        timeout = max(0.0, min(wake) - time.time()) if wake else None
        try:
            kind, args = self._events.get(timeout=timeout)
        except queue.Empty:
            now = time.time()
            closed = self._clips.due(now)
            if closed:  # the tail or the time limit ended it: no clip is open now
                self._publish(recording_waybill="")
                self._keep(closed, now)
            at = self._finish_at()
            if at is not None and at <= now:
                self._finish(self._closed.popleft()[1])
            return False
        now = self._last_call = time.time()
        if kind == "scan":
            waybill_no, at, order_no, order_id, operator = args
            closed = self._clips.scan_started(waybill_no, at, order_no, order_id, operator)
        elif kind == "complete":
            closed = self._clips.parcel_completed(*args)
        else:
            closed = self._clips.stopped(*args)
        self._publish(recording_waybill=self._clips.open.waybill_no if self._clips.open else "")
        self._keep(closed, now)
        if kind == "stop":
            while self._closed:
                self._finish(self._closed.popleft()[1])
            return True
        if time.time() - self._last_retention > self.retention_every_s:
            self._retention()
        return False

    def _keep(self, closed: list[rules.ClipClosing], now: float) -> None:
        """Clips that closed at ``now`` wait to be finished (`rules.finish_at`)."""
        if closed and self._clips.open is None:
            self.camera.set_overlay(OverlayText("", "", self.station, ""))
        self._closed.extend((now, closing) for closing in closed)

    def _finish(self, closing: rules.ClipClosing) -> None:
        """Cut, hash and record one closed clip (worker thread)."""
        c = closing.clip
        fps = float(self.config.fps)
        wait = 2 * self.config.segment_s + 1.0
        got_video = self.camera.wait_segments(closing.ended_at, wait)
        uid = str(uuid.uuid4())
        out = self.folder / clip_file_name(c.waybill_no, c.started_at, uid)
        clip = None
        try:
            clip = self._cutter.cut(self.segment_folder, c.started_at, closing.ended_at, out, fps)
        except Exception:  # noqa: BLE001 - a broken segment, a dead cutter: the clip is incomplete
            log.exception("cutting the clip of %s failed", c.waybill_no)
        troubled = not got_video or self._troubled(c.started_at, closing.ended_at)
        missing = clip.missing_s if clip else closing.ended_at - c.started_at
        state = rules.clip_state(closing.closed_by, missing, troubled, self.rules)
        try:
            recorded = record_clip(
                self.db,
                closing,
                clip,
                state,
                folder=self.folder,
                station=self.station,
                camera=self.camera_url,
                host=self.host,
                uid=uid,
            )
        except Exception:  # noqa: BLE001 - the database is away: the file stays, logged
            log.exception("recording the clip of %s failed", c.waybill_no)
            return
        self._publish(clips=self.status().clips + 1, last_clip=recorded)
        if self.on_clip is not None:
            try:
                self.on_clip(recorded)
            except Exception:  # noqa: BLE001
                log.exception("clip listener failed")

    def _retention(self) -> None:
        self._last_retention = time.time()
        with contextlib.suppress(Exception):
            apply_retention(self.db, host=self.host, station=self.station)
