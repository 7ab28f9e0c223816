"""A parcel's clip cut from the capture's segments, and copies cut for an upload.

`make_clip` copies the packets (no re-encoding: a few milliseconds per second of video) of the
closed segments that cover ``[start, end]`` into one MP4. A clip can only start on a keyframe,
and each segment starts with one. The capture starts a segment when the overlay shows a new
waybill, so a clip starts at that segment (a frame or two after the scan); when there is none
(the overlay was not changed), at the start of the segment that holds ``start``: up to one
segment (1 s by default) before it. It ends with the last frame
taken at or before ``end``. What the clip really covers is in `ClipFile` (``started_at``,
``ended_at``, ``frames``), with the seconds of video that were missing (``missing_s``: no
segment, a dead capture, a camera that dropped out), so the caller can mark the clip
incomplete.

`ClipCutter` runs `make_clip` in a process of its own, as a station does: the cut's Python work
never competes with the scans the station judges.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing as mp
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from devices.camera.capture import segment_start

_MS = Fraction(1, 1000)


@dataclass(frozen=True)
class ClipFile:
    """One clip file as written."""

    path: str
    sha256: str
    bytes: int
    started_at: float  # Unix seconds of its first frame
    ended_at: float  # Unix seconds just after its last frame
    frames: int
    missing_s: float  # seconds of [start, end] that no frame covers

    @property
    def duration_s(self) -> float:
        return max(0.0, self.ended_at - self.started_at)


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def closed_segments(folder: str | os.PathLike[str]) -> list[tuple[float, Path]]:
    """The closed segments in ``folder`` as (start, path), oldest first."""
    out = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        start = segment_start(name)
        if start is not None:
            out.append((start, Path(folder) / name))
    out.sort()
    return out


def _finish(tmp: Path, out: Path) -> None:
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, out)


def make_clip(
    folder: str | os.PathLike[str],
    start: float,
    end: float,
    out: str | os.PathLike[str],
    fps: float = 15.0,
    lead_s: float = 0.3,
) -> ClipFile | None:
    """Cut the video from Unix time ``start`` to ``end`` out of the segments in ``folder``
    into ``out`` (an MP4; its folder is made). None when no frame of that span was recorded.

    The clip starts with the segment that holds ``start``, or with one that starts at most
    ``lead_s`` after it: the segment the capture began when the overlay changed to this
    parcel (the scan's overlay reaches the capture a frame or two after the scan)."""
    segments = closed_segments(folder)
    first = 0
    for i, (s, _) in enumerate(segments):
        if s <= start + lead_s:
            first = i
    chosen = [(s, p) for s, p in segments[first:] if s <= end]
    if not chosen:
        return None
    import av

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    frame_s = 1.0 / fps
    walls: list[float] = []
    container: Any = None
    ostream: Any = None
    t0_ms = 0
    try:
        for seg_start, path in chosen:
            try:
                src = av.open(str(path))
            except (av.error.FFmpegError, OSError):
                continue  # an unreadable segment is missing video, counted below
            with src:
                if not src.streams.video:
                    continue
                istream = src.streams.video[0]
                tb = istream.time_base
                for packet in src.demux(istream):
                    if packet.pts is None or packet.size == 0:
                        continue
                    wall = seg_start + float(packet.pts * tb)
                    if wall > end + 1e-6:
                        break
                    if container is None:
                        if not packet.is_keyframe:
                            continue
                        container = av.open(str(tmp), "w", format="mp4")
                        ostream = container.add_stream_from_template(istream)
                        t0_ms = int(round(wall * 1000))
                    ms = int(round(wall * 1000)) - t0_ms
                    if walls and ms <= int(round(walls[-1] * 1000)) - t0_ms:
                        ms = int(round(walls[-1] * 1000)) - t0_ms + 1
                    packet.stream = ostream
                    packet.time_base = _MS
                    packet.pts = packet.dts = ms
                    packet.duration = int(frame_s * 1000)
                    container.mux(packet)
                    walls.append(t0_ms / 1000 + ms / 1000)
        if container is None:
            return None
        container.close()
        container = None
        _finish(tmp, out)
    finally:
        if container is not None:
            with contextlib.suppress(Exception):
                container.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
    started, ended = walls[0], walls[-1] + frame_s
    # a last frame up to one frame interval short of the end is a camera's jitter, not missing
    missing = max(0.0, started - start - 1.5 * _seg_len(segments)) + max(0.0, end - ended - frame_s)
    for a, b in zip(walls, walls[1:], strict=False):
        if b - a > 3 * frame_s:
            missing += b - a - frame_s
    return ClipFile(
        path=str(out),
        sha256=file_sha256(out),
        bytes=out.stat().st_size,
        started_at=started,
        ended_at=ended,
        frames=len(walls),
        missing_s=round(missing, 3),
    )


def _seg_len(segments: list[tuple[float, Path]]) -> float:
    if len(segments) < 2:
        return 1.0
    gaps = sorted(b - a for (a, _), (b, _) in zip(segments, segments[1:], strict=False))
    return gaps[len(gaps) // 2]


def cut_for_upload(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    max_s: float | None,
    max_bytes: int | None,
) -> tuple[int, float]:
    """Copy the start of clip ``src`` into ``out``, at most ``max_s`` seconds and about
    ``max_bytes`` (the MP4 header included), cut on packets, no re-encoding; the original
    stays untouched. Returns (frames, seconds) of the copy."""
    import av

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    budget = None if max_bytes is None else int(max_bytes * 0.97) - 64 * 1024
    frames, used, last = 0, 0, 0.0
    with av.open(str(src)) as inp, av.open(str(out), "w", format="mp4") as dst:
        istream = inp.streams.video[0]
        ostream = dst.add_stream_from_template(istream)
        for packet in inp.demux(istream):
            if packet.pts is None or packet.size == 0:
                continue
            t = float(packet.pts * istream.time_base)
            if max_s is not None and t >= max_s:
                break
            if budget is not None and used + packet.size > budget:
                break
            used += packet.size
            packet.stream = ostream
            dst.mux(packet)
            frames += 1
            last = t
    return frames, last


def _cutter_started() -> None:
    """In a new cutter process: yield the cores to the station and the capture (a clip can
    wait a few milliseconds more, a scan's verdict and the camera's next frame cannot), and
    end when the station is gone (killed: the pool's queues would keep this one waiting)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _warm() -> int:
    """Run in a new cutter process: FFmpeg's libraries loaded before the first clip; its pid."""
    import av  # noqa: F401

    return os.getpid()


class ClipCutter:
    """`make_clip` in a process of its own (spawned, one worker, started with the recorder).

    Cutting walks every packet of a clip in Python and hashing reads the whole file: done in
    a thread of the station's process, that work takes the interpreter lock from the scans the
    station is judging. Here the station's thread only waits on a pipe. A cutter process that
    died (killed, out of memory) is replaced at the next clip; the clip it was cutting raises
    `CutFailed`, so the caller marks it incomplete.

    Thread-safe; `cut` blocks its caller until the clip is written (call it from a worker
    thread, never the GUI thread).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the cutter process now (a clip's first cut would otherwise wait for it)."""
        with self._lock:
            self._ensure().submit(_warm)

    def pid(self, timeout: float = 30.0) -> int:
        """The cutter process's pid (started if it is not running)."""
        with self._lock:
            future = self._ensure().submit(_warm)
        return future.result(timeout)

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=mp.get_context("spawn"), initializer=_cutter_started
            )
        return self._pool

    def cut(
        self,
        folder: str | os.PathLike[str],
        start: float,
        end: float,
        out: str | os.PathLike[str],
        fps: float = 15.0,
        timeout: float = 120.0,
    ) -> ClipFile | None:
        """`make_clip` with the same arguments, run in the cutter process."""
        with self._lock:
            pool = self._ensure()
            try:
                future = pool.submit(make_clip, str(folder), start, end, str(out), fps)
            except BrokenProcessPool:  # it died since the last clip: a new one
                pool.shutdown(wait=False)
                self._pool = None
                pool = self._ensure()
                future = pool.submit(make_clip, str(folder), start, end, str(out), fps)
        try:
            return future.result(timeout)
        except BrokenProcessPool as exc:
            with self._lock:
                if self._pool is pool:
                    pool.shutdown(wait=False)
                    self._pool = None
            raise CutFailed("the clip cutter process ended while cutting") from exc
        except FuturesTimeout as exc:
            raise CutFailed(f"no clip after {timeout:.0f} s") from exc

    def close(self) -> None:
        """End the cutter process (after the clip it is cutting, if any)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class CutFailed(RuntimeError):
    """The cutter process could not deliver a clip (it died, or took too long)."""
