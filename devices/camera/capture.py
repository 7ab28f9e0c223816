"""The capture process and the handle the application holds (`Camera`).

The capture runs in a process of its own (``multiprocessing``, *spawn*), never in the process
that judges scans: reading the camera, burning the overlay and encoding H.264 cost a good part
of a core, and a stuck camera driver must not freeze a station. It writes the video as short
MP4 segments (``seg-<unix ms>.mp4``, one keyframe at the start of each, default 1 s long) into
its folder (a new one also starts at the first frame that shows a new waybill, so a parcel's
clip starts on a keyframe of its own); the segment being written is ``….mp4.part`` and becomes ``….mp4`` when it is
closed, so a crash or a pulled plug loses at most that one segment. Segments older than
``keep_s`` are deleted by the capture itself: a parcel's clip is cut from them into a file of
its own (`devices.camera.clips.make_clip`) long before.

The channel is two queues: commands to the process (``("overlay", OverlayText)``,
``("stop", None)``) and `CameraStatus` back (every second, and at once when a segment closes or
something fails). A camera that fails never raises into the caller: the status says so
(``error``), the process keeps trying to reopen it, and `Camera` starts a new process when the
old one died.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import multiprocessing as mp
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from devices.camera.overlay import OverlayText

log = logging.getLogger(__name__)

#: Encoders tried in order for H.264 (the PyPI wheels of PyAV bundle libx264).
H264_ENCODERS = ("libx264", "libopenh264", "h264_v4l2m2m", "h264")

#: ``CameraStatus.state`` values.
STATES = ("starting", "recording", "reconnecting", "disk_full", "failed", "stopped")

#: ``CameraStatus.error`` codes (empty: none).
ERRORS = (
    "bad_url",  # the URL is none the library knows
    "camera_unreachable",  # opening the camera failed (unplugged, wrong address, refused)
    "camera_lost",  # the camera stopped sending frames (read failed or timed out)
    "disk_full",  # less free space than min_free_bytes, or a write said ENOSPC
    "encoder_failed",  # no H.264 encoder could be opened
    "capture_died",  # the capture process ended by itself (killed, crashed)
)

SEGMENT_PREFIX = "seg-"
SEGMENT_SUFFIX = ".mp4"
PART_SUFFIX = ".part"


@dataclass(frozen=True)
class CaptureConfig:
    """How one camera records (picklable: it is handed to the spawned process)."""

    url: str
    folder: str  # where the segments go (the station's own disk)
    width: int = 1280
    height: int = 720
    fps: int = 15
    segment_s: float = 1.0
    keep_s: float = 600.0  # segments older than this are deleted by the capture
    min_free_bytes: int = 256 * 1024 * 1024  # below this free space, recording stops
    zone: str = ""  # the floor's IANA time zone for the overlay ("": the system's)
    font_path: str = ""  # a TrueType/collection font with CJK glyphs ("": Pillow's own)
    font_index: int = 0
    preset: str = "veryfast"  # ~0.1 core at 1280x720, 15 fps here; ultrafast ~0.05, 1.8x bigger
    crf: int = 28
    retry_s: float = 2.0  # wait between attempts to reopen a camera


@dataclass(frozen=True)
class CameraStatus:
    """What the capture reports. Times are Unix seconds (``time.time()``, the clock the scan
    events are stamped with)."""

    state: str = "starting"
    frames: int = 0  # frames encoded by this process
    fps: float = 0.0  # over the last second
    last_frame_at: float = 0.0
    segments_until: float = 0.0  # video up to here is in closed segments
    error: str = ""
    detail: str = ""
    disk_free: int = -1
    encoder: str = ""
    restarts: int = 0  # capture processes started again after one died
    at: float = field(default_factory=time.time)
    pid: int = 0

    @property
    def ok(self) -> bool:
        return self.state == "recording" and not self.error


def segment_name(start: float) -> str:
    return f"{SEGMENT_PREFIX}{int(round(start * 1000)):015d}{SEGMENT_SUFFIX}"


def segment_start(name: str) -> float | None:
    """The Unix time a closed segment's file name says it starts at."""
    if not (name.startswith(SEGMENT_PREFIX) and name.endswith(SEGMENT_SUFFIX)):
        return None
    digits = name[len(SEGMENT_PREFIX) : -len(SEGMENT_SUFFIX)]
    return int(digits) / 1000 if digits.isdigit() else None


class _DiskFull(Exception):
    pass


def _is_enospc(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC


def _pick_encoder() -> str:
    import av

    for name in H264_ENCODERS:
        try:
            av.codec.Codec(name, "w")
        except Exception:  # noqa: BLE001 - not in this build
            continue
        return name
    return ""


class _SegmentWriter:
    """Encodes frames into consecutive segment files (capture process, its one thread)."""

    def __init__(self, cfg: CaptureConfig, encoder: str) -> None:
        self.cfg = cfg
        self.encoder = encoder
        self.folder = Path(cfg.folder)
        self.container: Any = None
        self.stream: Any = None
        self.start = 0.0
        self.last_t = 0.0
        self.last_pts = -1
        self.path: Path | None = None
        self.closed_until = 0.0

    def _open(self, t: float) -> None:
        import av

        free = shutil.disk_usage(self.folder).free
        if free < self.cfg.min_free_bytes:
            raise _DiskFull(f"{free} bytes free in {self.folder}")
        self.start = t
        self.path = self.folder / (segment_name(t) + PART_SUFFIX)
        self.container = av.open(str(self.path), "w", format="mp4")
        opts = {}
        if self.encoder == "libx264":
            opts = {
                "preset": self.cfg.preset,
                "tune": "zerolatency",
                "crf": str(self.cfg.crf),
                "threads": "1",
            }
        st = self.container.add_stream(self.encoder, rate=self.cfg.fps, options=opts)
        st.width, st.height, st.pix_fmt = self.cfg.width, self.cfg.height, "yuv420p"
        st.time_base = Fraction(1, 1000)
        st.codec_context.time_base = Fraction(1, 1000)
        st.codec_context.gop_size = max(1, int(self.cfg.fps * self.cfg.segment_s * 2))
        self.stream = st
        self.last_pts = -1

    def write(self, frame: Any, t: float, split: bool = False) -> bool:
        """Encode ``frame`` taken at ``t``; True when a segment was closed first (it was
        long enough, or ``split``: the overlay shows a new parcel from this frame on)."""
        closed = False
        full = t - self.start >= self.cfg.segment_s
        if self.container is not None and (full or (split and self.last_pts >= 0)):
            self.close()
            closed = True
        if self.container is None:
            self._open(t)
        pts = max(int(round((t - self.start) * 1000)), self.last_pts + 1)
        frame.pts = pts
        frame.time_base = Fraction(1, 1000)
        self.last_pts = pts
        self.last_t = t
        for packet in self.stream.encode(frame):
            self.container.mux(packet)
        return closed

    def close(self) -> None:
        """Finish the open segment and give it its final name."""
        if self.container is None:
            return
        container, path = self.container, self.path
        self.container = None
        try:
            for packet in self.stream.encode():
                container.mux(packet)
            container.close()
        except Exception:
            with contextlib.suppress(Exception):
                container.close()
            raise
        assert path is not None
        os.replace(path, path.with_suffix(""))  # drop ".part"
        self.closed_until = self.last_t + 1.0 / self.cfg.fps

    def abandon(self) -> None:
        """Drop the open segment (its write failed)."""
        if self.container is not None:
            with contextlib.suppress(Exception):
                self.container.close()
            self.container = None
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def prune(self, now: float) -> None:
        for name in os.listdir(self.folder):
            start = segment_start(name)
            if start is not None and start < now - self.cfg.keep_s:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()


class _Capture:
    """The capture process's loop (its main thread)."""

    def __init__(self, cfg: CaptureConfig, commands: Any, statuses: Any) -> None:
        from devices.camera.overlay import Overlay

        self.cfg = cfg
        self.commands = commands
        self.statuses = statuses
        self.overlay = Overlay(cfg.width, cfg.height, cfg.zone, cfg.font_path, cfg.font_index)
        self.stopping = False
        self.split = False
        self.parent = os.getppid()  # the station: when it is gone, so is this process
        self.status = CameraStatus(pid=os.getpid())
        self.frames = 0
        self._second_start = time.time()
        self._second_frames = 0
        self._last_report = 0.0

    def report(self, force: bool = False, **changes: Any) -> None:
        now = time.time()
        self.status = replace(self.status, at=now, frames=self.frames, **changes)
        if force or now - self._last_report >= 1.0:
            self._last_report = now
            with contextlib.suppress(Exception):
                self.statuses.put_nowait(self.status)

    def poll_commands(self) -> None:
        if os.getppid() != self.parent:  # the station died (killed): stop, never orphaned
            self.stopping = True
            return
        while True:
            try:
                cmd, arg = self.commands.get_nowait()
            except queue.Empty:
                return
            except (EOFError, OSError):
                self.stopping = True
                return
            if cmd == "overlay" and isinstance(arg, OverlayText):
                if arg.waybill_no and arg.waybill_no != self.overlay.text.waybill_no:
                    self.split = True  # a new parcel's clip starts on a keyframe of its own
                self.overlay.set_text(arg)
            elif cmd == "stop":
                self.stopping = True

    def wait(self, seconds: float) -> None:
        end = time.time() + seconds
        while not self.stopping and time.time() < end:
            self.poll_commands()
            time.sleep(0.05)

    def run(self) -> None:
        from devices.camera.sources import parse_source
        from devices.errors import DeviceError

        Path(self.cfg.folder).mkdir(parents=True, exist_ok=True)
        for name in os.listdir(self.cfg.folder):  # a segment a dead process left unfinished
            if name.endswith(PART_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self.cfg.folder, name))
        try:
            spec = parse_source(self.cfg.url, self.cfg.width, self.cfg.height, self.cfg.fps)
        except DeviceError as exc:
            self.report(True, state="failed", error="bad_url", detail=exc.message)
            return
        encoder = _pick_encoder()
        if not encoder:
            self.report(True, state="failed", error="encoder_failed", detail="no H.264 encoder")
            return
        writer = _SegmentWriter(self.cfg, encoder)
        self.report(True, state="starting", encoder=encoder)
        while not self.stopping:
            self.poll_commands()
            try:
                self._record(spec, writer)
            except _DiskFull as exc:
                writer.abandon()
                self.report(True, state="disk_full", error="disk_full", detail=str(exc))
                self.wait(5.0)
                continue
            except Exception as exc:  # noqa: BLE001 - a camera failing is reported, not raised
                if _is_enospc(exc):
                    writer.abandon()
                    self.report(True, state="disk_full", error="disk_full", detail=str(exc))
                    self.wait(5.0)
                    continue
                code = "camera_lost" if self.status.state == "recording" else "camera_unreachable"
                with contextlib.suppress(Exception):
                    writer.close()
                self.report(
                    True,
                    state="reconnecting",
                    error=code,
                    detail=f"{type(exc).__name__}: {exc}"[:300],
                    segments_until=writer.closed_until,
                )
                self.wait(self.cfg.retry_s)
        try:
            writer.close()
        except Exception as exc:  # noqa: BLE001
            writer.abandon()
            log.warning("closing the last segment failed: %s", exc)
        self.report(True, state="stopped", segments_until=writer.closed_until)

    def _record(self, spec: Any, writer: _SegmentWriter) -> None:
        import av

        timeout = spec.live_timeout_s
        container = av.open(
            spec.file,
            format=spec.format,
            options=dict(spec.options),
            timeout=(timeout, timeout) if timeout else None,
        )
        try:
            interval = 1.0 / self.cfg.fps
            next_due = 0.0
            last_prune = 0.0
            for frame in container.decode(video=0):
                t = time.time()
                self.poll_commands()
                if self.stopping:
                    return
                if t < next_due - interval / 2:  # the camera sends faster than we record
                    continue
                next_due = max(next_due + interval, t)
                self._frame(frame, t, writer)
                if t - last_prune > 10:
                    writer.prune(t)
                    last_prune = t
            raise EOFError("the camera's stream ended")
        finally:
            with contextlib.suppress(Exception):
                container.close()

    def _frame(self, frame: Any, t: float, writer: _SegmentWriter) -> None:
        import av

        yuv = frame.reformat(self.cfg.width, self.cfg.height, "yuv420p").to_ndarray()
        self.overlay.burn(yuv, t)
        out = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        closed = writer.write(out, t, self.split)
        self.split = False
        self.frames += 1
        self._second_frames += 1
        fps = self.status.fps
        if t - self._second_start >= 1.0:
            fps = round(self._second_frames / (t - self._second_start), 1)
            self._second_start, self._second_frames = t, 0
        disk_free = self.status.disk_free
        if closed:
            disk_free = shutil.disk_usage(self.cfg.folder).free
        self.report(
            closed or self.status.state != "recording",
            state="recording",
            error="",
            detail="",
            fps=fps,
            last_frame_at=t,
            segments_until=writer.closed_until,
            disk_free=disk_free,
            encoder=writer.encoder,
        )


def _capture_main(cfg: CaptureConfig, commands: Any, statuses: Any) -> None:
    """Entry point of the spawned capture process."""
    logging.basicConfig(level=logging.WARNING)
    _Capture(cfg, commands, statuses).run()


class Camera:
    """The application's handle on one camera: starts the capture process, sends overlay
    text, keeps the latest `CameraStatus` and restarts a capture process that died.

    Thread-safe. ``on_status`` is called on the handle's own monitor thread (never the
    caller's) with each new status; keep it short (re-emit it as a Qt signal, say).
    """

    def __init__(
        self,
        config: CaptureConfig,
        on_status: Callable[[CameraStatus], None] | None = None,
        restart_after_s: float = 2.0,
    ) -> None:
        self.config = config
        self.on_status = on_status
        self.restart_after_s = restart_after_s
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._status = CameraStatus(state="stopped")
        self._overlay = OverlayText()
        self._proc: Any = None
        self._commands: Any = None
        self._statuses: Any = None
        self._monitor: threading.Thread | None = None
        self._stopping = threading.Event()
        self._restarts = 0

    @property
    def folder(self) -> Path:
        return Path(self.config.folder)

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None else None

    def status(self) -> CameraStatus:
        with self._lock:
            return self._status

    def start(self) -> None:
        """Start recording (returns at once; the first frames follow within a second or two)."""
        if self._monitor is not None:
            return
        self._stopping.clear()
        self._spawn()
        self._monitor = threading.Thread(target=self._watch, name="camera-monitor", daemon=True)
        self._monitor.start()

    def _spawn(self) -> None:
        self._commands = self._ctx.Queue()
        self._statuses = self._ctx.Queue()
        self._commands.put(("overlay", self._overlay))
        self._proc = self._ctx.Process(
            target=_capture_main,
            args=(self.config, self._commands, self._statuses),
            name="parcelproof-capture",
            daemon=True,
        )
        self._proc.start()
        self._publish(CameraStatus(state="starting", restarts=self._restarts, pid=self._proc.pid))

    def set_overlay(self, text: OverlayText) -> None:
        """Show ``text`` on the frames from now on (also after a restart)."""
        self._overlay = text
        if self._commands is not None:
            with contextlib.suppress(Exception):
                self._commands.put(("overlay", text))

    def wait_segments(self, until: float, timeout: float) -> bool:
        """Wait until the video up to Unix time ``until`` is in closed segments; False when
        ``timeout`` ran out first or the camera is not recording (the video will not come)."""
        end = time.monotonic() + timeout
        with self._changed:
            while self._status.segments_until < until:
                if self._status.state in ("stopped", "failed", "disk_full", "reconnecting"):
                    return False
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.2))
            return True

    def _publish(self, status: CameraStatus) -> None:
        with self._changed:
            if status.segments_until < self._status.segments_until:
                status = replace(status, segments_until=self._status.segments_until)
            status = replace(status, restarts=self._restarts)
            self._status = status
            self._changed.notify_all()
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:  # noqa: BLE001 - a listener's bug must not stop the monitor
                log.exception("camera status listener failed")

    def _watch(self) -> None:
        """The monitor thread: statuses in, a dead capture process noticed and replaced."""
        died_at: float | None = None
        while True:
            if died_at is not None:
                if self._stopping.is_set():
                    return
                if time.monotonic() - died_at >= self.restart_after_s:
                    self._restarts += 1
                    self._spawn()
                    died_at = None
                else:
                    time.sleep(0.1)
                continue
            try:
                status = self._statuses.get(timeout=0.3)
            except queue.Empty:
                status = None
            except (EOFError, OSError):
                status = None
            if status is not None:
                self._publish(status)
                continue
            proc = self._proc
            if proc is not None and not proc.is_alive():
                if self._stopping.is_set():
                    return
                code = proc.exitcode
                self._publish(
                    replace(
                        self.status(),
                        state="failed",
                        error="capture_died",
                        detail=f"capture process ended (exit code {code})",
                        at=time.time(),
                    )
                )
                died_at = time.monotonic()

    def stop(self, timeout: float = 5.0) -> CameraStatus:
        """Stop recording: the open segment is finished, the process ends. Returns the last
        status (state ``stopped``)."""
        self._stopping.set()
        proc = self._proc
        if proc is not None:
            with contextlib.suppress(Exception):
                self._commands.put(("stop", None))
            proc.join(timeout)
            if proc.is_alive():
                proc.terminate()
                proc.join(2.0)
        if self._monitor is not None:
            self._monitor.join(timeout=2.0)
            self._monitor = None
        # statuses the process sent last (its closing segment)
        while self._statuses is not None:
            try:
                self._publish(self._statuses.get(timeout=0.05))
            except (queue.Empty, EOFError, OSError):
                break
        last = replace(self.status(), state="stopped", at=time.time())
        self._publish(last)
        self._proc = None
        return last
