"""Packing video (打包视频): when a parcel's clip starts and ends, how it ended, which clips
retention removes, and the platforms' upload limits. Plain rules: no camera, no database.

A clip starts at the parcel's waybill scan at the verify or pack station. It ends at the first
of: the parcel complete plus a tail (``complete``), the next waybill scan at that station
(``next_scan``), the time limit since its start (``time_limit``) or the station stopping
(``stopped``). A parcel whose verdict was intercepted, held or refused keeps its clip: the
station reports every waybill scan, whatever its verdict. A clip the camera did not fully
cover (missing video, a camera that failed during it) is ``incomplete`` whatever closed it.

Times are Unix seconds (``time.time()``), the clock the capture stamps frames with and the
clock the scan events' ``at`` is taken from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

#: how a clip was closed
CLOSED_BY = ("complete", "next_scan", "time_limit", "stopped")
#: a clip's state: how it was closed, or ``incomplete`` when video is missing from it
STATES = (*CLOSED_BY, "incomplete")

#: evidence event kinds
CLIP_RECORDED = "clip_recorded"
CLIP_EXPIRED = "clip_expired"

#: the stations whose waybill scan starts a clip
CLIP_STATIONS = ("verify", "pack")


@dataclass(frozen=True)
class ClipRules:
    """The floor's settings for clips (`app.services.floor_settings`: video.*)."""

    tail_s: float = 3.0  # after the parcel is complete
    limit_s: float = 120.0  # a clip never runs longer
    max_missing_s: float = 1.5  # more video missing than this makes a clip incomplete


#: a closed clip is finished (cut, hashed, put on the chain) once the station has been quiet
#: this long: no waybill scan or completion reported to its recorder (seconds) …
FINISH_QUIET_S = 0.5
#: … or once it has waited this long since it closed, quiet or not
FINISH_WAIT_LIMIT_S = 15.0


def finish_at(closed_at: float, last_call: float) -> float:
    """When a clip that closed at ``closed_at`` is finished, the station's last call to its
    recorder having come at ``last_call``.

    Finishing a clip takes a cut in another process and a write on the chain, in the
    station's process and on its database, while a scan's verdict waits on neither. A worker
    who scans parcel after parcel (a clip closes at each waybill scan) is not made to share
    the machine with them: the clips wait for the first pause, and never longer than
    `FINISH_WAIT_LIMIT_S`. Their times are those they closed at, not when they are
    finished.
    """
    return min(last_call + FINISH_QUIET_S, closed_at + FINISH_WAIT_LIMIT_S)


@dataclass(frozen=True)
class OpenClip:
    """A clip being recorded: the parcel, who, and when it started (and was completed)."""

    waybill_no: str
    started_at: float
    order_no: str = ""
    order_id: int | None = None
    operator: str = ""
    completed_at: float | None = None

    def due(self, rules: ClipRules) -> tuple[float, str]:
        """When the clip closes by itself and how: (time, closed_by)."""
        limit = self.started_at + rules.limit_s
        if self.completed_at is not None and self.completed_at + rules.tail_s <= limit:
            return self.completed_at + rules.tail_s, "complete"
        return limit, "time_limit"


@dataclass(frozen=True)
class ClipClosing:
    """A clip that ends: from ``clip.started_at`` to ``ended_at``, closed by ``closed_by``."""

    clip: OpenClip
    ended_at: float
    closed_by: str


class ClipRecorder:
    """One station's clip rules over time. Feed it the station's events in order; each call
    returns the clips that closed (0 or 1). Not thread-safe: the caller serialises calls."""

    def __init__(self, rules: ClipRules | None = None) -> None:
        self.rules = rules or ClipRules()
        self.open: OpenClip | None = None

    def _close(self, ended_at: float, closed_by: str) -> list[ClipClosing]:
        clip, self.open = self.open, None
        if clip is None:
            return []
        due, how = clip.due(self.rules)
        if due <= ended_at:  # it had already ended by itself
            ended_at, closed_by = due, how
        return [ClipClosing(clip, max(ended_at, clip.started_at), closed_by)]

    def scan_started(
        self,
        waybill_no: str,
        at: float,
        order_no: str = "",
        order_id: int | None = None,
        operator: str = "",
    ) -> list[ClipClosing]:
        """A waybill was scanned at ``at``: a new clip starts and the open one (another
        parcel) closes. The same waybill scanned again while its clip runs keeps that clip."""
        closed = self.due(at)
        o = self.open
        if o is not None and o.waybill_no == waybill_no and o.completed_at is None:
            return closed
        closed += self._close(at, "next_scan")
        self.open = OpenClip(waybill_no, at, order_no, order_id, operator)
        return closed

    def parcel_completed(self, waybill_no: str, at: float) -> list[ClipClosing]:
        """The parcel of the open clip is complete (verified/packed) at ``at``: the clip
        closes after the tail. A parcel that is not the open clip's changes nothing."""
        closed = self.due(at)
        o = self.open
        if o is not None and o.waybill_no == waybill_no and o.completed_at is None:
            self.open = replace(o, completed_at=at)
        return closed

    def stopped(self, at: float) -> list[ClipClosing]:
        """The station stops recording (closing, camera switched off)."""
        return self._close(at, "stopped")

    def due(self, now: float) -> list[ClipClosing]:
        """The clip that has ended by ``now`` (tail over, time limit reached)."""
        if self.open is None:
            return []
        at, how = self.open.due(self.rules)
        return self._close(at, how) if at <= now else []

    def next_due(self) -> float | None:
        """When the open clip closes by itself (to time a wake-up), None without one."""
        return None if self.open is None else self.open.due(self.rules)[0]


def clip_state(closed_by: str, missing_s: float, camera_failed: bool, rules: ClipRules) -> str:
    """A closed clip's state: ``incomplete`` when the camera failed during it or more than
    ``rules.max_missing_s`` of its video is missing, else how it was closed."""
    if camera_failed or missing_s > rules.max_missing_s:
        return "incomplete"
    return closed_by


# --- retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptClip:
    """A clip retention looks at."""

    id: int
    started_at: float
    bytes: int
    protected: bool = False  # its parcel has an open dispute case


def expired_clips(
    clips: Iterable[KeptClip], now: float, days: int, budget_bytes: int
) -> list[tuple[int, str]]:
    """The clips to delete, oldest first, as (id, reason): ``age`` (older than ``days``),
    then ``budget`` (the oldest beyond the disk budget). A protected clip is never deleted
    (and still counts against the budget)."""
    ordered = sorted(clips, key=lambda c: (c.started_at, c.id))
    total = sum(c.bytes for c in ordered)
    out: list[tuple[int, str]] = []
    horizon = now - days * 86400
    for c in ordered:
        if c.protected:
            continue
        if c.started_at < horizon:
            out.append((c.id, "age"))
            total -= c.bytes
        elif total > budget_bytes:
            out.append((c.id, "budget"))
            total -= c.bytes
    return out


# --- uploads -------------------------------------------------------------------------------------

#: (seconds, bytes) a platform's appeal form accepts for one video. The platforms publish these
#: in their seller centres and change them; these are the common 60 s / 30 MB. None: no limit.
UPLOAD_LIMITS: dict[str, tuple[int, int]] = {
    "taobao": (60, 30 * 1024 * 1024),
    "tmall": (60, 30 * 1024 * 1024),
    "pdd": (60, 30 * 1024 * 1024),
    "douyin": (60, 30 * 1024 * 1024),
    "jd": (60, 30 * 1024 * 1024),
}


def upload_limit(platform: str) -> tuple[int, int] | None:
    return UPLOAD_LIMITS.get((platform or "").lower())
