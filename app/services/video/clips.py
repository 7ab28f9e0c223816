"""Clips on the evidence chain and in the index: record, find, check, expire, export.

A clip's evidence is its ``clip_recorded`` event (the file's SHA-256, start, end, frame count,
state, where the file is); the ``video_clips`` row is the index the desks search. Retention's
deletion of a file is a ``clip_expired`` event naming the clip. `check_clip_files` trusts only
the chain (the events' details), never the index, so an edited index row cannot hide a changed
file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import socket
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import DisputeCase, Event, Order, VideoClip
from app.domain import video as rules
from app.services import floor_settings
from app.services.errors import ServiceError
from app.services.orders import find_order_ids
from devices.camera import ClipFile, cut_for_upload, file_sha256


def this_host() -> str:
    return socket.gethostname()


def default_clip_folder() -> Path:
    """A station's own clip folder (its user data folder): used when the floor names none."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("parcelproof", appauthor=False)) / "clips"


def clip_folder(db: Database) -> Path:
    """Where this station puts clips: the floor's ``video.folder`` (a share) or its own."""
    named = floor_settings.get(db, floor_settings.VIDEO_FOLDER).strip()
    return Path(named) if named else default_clip_folder()


def clip_rules(db: Database) -> rules.ClipRules:
    with db.read() as s:
        tail = floor_settings.read(s, floor_settings.VIDEO_TAIL_S)
        limit = floor_settings.read(s, floor_settings.VIDEO_LIMIT_S)
    return rules.ClipRules(tail_s=float(tail), limit_s=float(limit))


def clip_file_name(waybill_no: str, started_at: float, uid: str) -> str:
    """The clip's path inside the clip folder: ``YYYY-MM-DD/<waybill>-<HHMMSS>-<uid8>.mp4``
    (the day and the clock are UTC: the file name must not change with the floor's zone)."""
    when = dt.datetime.fromtimestamp(started_at, dt.UTC)
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", waybill_no)[:40] or "unknown"
    return f"{when:%Y-%m-%d}/{safe}-{when:%H%M%S}-{uid[:8]}.mp4"


def _ts(t: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(t, dt.UTC)


def _iso(t: dt.datetime | None) -> str | None:
    return None if t is None else t.astimezone(dt.UTC).isoformat()


@dataclass(frozen=True)
class RecordedClip:
    """A clip as it went on the chain (``seq``: the event's position)."""

    uid: str
    seq: int
    event_id: int
    waybill_no: str
    order_no: str
    order_id: int | None
    path: str  # "" when the camera gave no video at all
    sha256: str
    bytes: int
    started_at: dt.datetime
    ended_at: dt.datetime
    frames: int
    state: str
    closed_by: str
    station: str
    operator: str


def _order_of(s: Session, waybill_no: str) -> tuple[int | None, str]:
    ids = list(s.scalars(select(Order.id).where(Order.waybill_no == waybill_no).limit(2)))
    if len(ids) != 1:
        return None, ""
    order = s.get(Order, ids[0])
    return ids[0], order.order_no if order is not None else ""


def record_clip(
    db: Database,
    closing: rules.ClipClosing,
    clip: ClipFile | None,
    state: str,
    *,
    folder: Path,
    station: str,
    camera: str,
    host: str | None = None,
    uid: str | None = None,
) -> RecordedClip:
    """Put a closed clip on the evidence chain (``clip_recorded``, an event of its parcel)
    and in the index, in one transaction. ``clip`` None: the camera gave no video for it
    (state ``incomplete``, no file)."""
    c = closing.clip
    uid = uid or str(uuid.uuid4())
    host = host or this_host()
    rel = ""
    if clip is not None:
        rel = os.path.relpath(clip.path, folder)
    started = _ts(clip.started_at if clip else c.started_at)
    ended = _ts(clip.ended_at if clip else closing.ended_at)
    with db.write() as s:
        order_id, order_no = c.order_id, c.order_no
        if order_id is None:
            order_id, found_no = _order_of(s, c.waybill_no)
            order_no = order_no or found_no
        detail: dict[str, Any] = {
            "clip": uid,
            "waybill_no": c.waybill_no,
            "order_no": order_no,
            "file": rel,
            "folder": str(folder),
            "host": host,
            "camera": camera,
            "sha256": clip.sha256 if clip else "",
            "bytes": clip.bytes if clip else 0,
            "started_at": _iso(started),
            "ended_at": _iso(ended),
            "frames": clip.frames if clip else 0,
            "state": state,
            "closed_by": closing.closed_by,
        }
        ev = append_event(
            s,
            rules.CLIP_RECORDED,
            order_id=order_id,
            station=station,
            operator=c.operator,
            detail=detail,
        )
        s.add(
            VideoClip(
                event_id=ev.id,
                uid=uid,
                order_id=order_id,
                waybill_no=c.waybill_no,
                order_no=order_no,
                station=station,
                operator=c.operator,
                camera=camera,
                host=host,
                folder=str(folder),
                file=rel,
                sha256=detail["sha256"],
                bytes=detail["bytes"],
                started_at=started,
                ended_at=ended,
                frames=detail["frames"],
                state=state,
                closed_by=closing.closed_by,
            )
        )
    return RecordedClip(
        uid=uid,
        seq=ev.seq,
        event_id=ev.id,
        waybill_no=c.waybill_no,
        order_no=order_no,
        order_id=order_id,
        path=clip.path if clip else "",
        sha256=detail["sha256"],
        bytes=detail["bytes"],
        started_at=started,
        ended_at=ended,
        frames=detail["frames"],
        state=state,
        closed_by=closing.closed_by,
        station=station,
        operator=c.operator,
    )


# --- finding a parcel's clips -------------------------------------------------------------------


def _clip_rows(s: Session, key: str) -> tuple[str, str, list[tuple[VideoClip, int]]]:
    key = key.strip()
    ids = find_order_ids(s, key)
    q = select(VideoClip, Event.seq).join(Event, Event.id == VideoClip.event_id)
    if ids:
        q = q.where((VideoClip.order_id.in_(ids)) | (VideoClip.waybill_no == key))
    else:
        q = q.where(VideoClip.waybill_no == key)
    rows = [(r[0], r[1]) for r in s.execute(q.order_by(VideoClip.started_at, VideoClip.id))]
    waybill_no, order_no = key, ""
    if len(ids) == 1:
        order = s.get(Order, ids[0])
        if order is not None:
            waybill_no, order_no = order.waybill_no or key, order.order_no
    elif rows:
        waybill_no, order_no = rows[-1][0].waybill_no, rows[-1][0].order_no
    return waybill_no, order_no, rows


def clip_path(row: VideoClip) -> Path | None:
    return Path(row.folder) / row.file if row.file else None


def _clip_json(row: VideoClip, seq: int, host: str) -> dict[str, Any]:
    path = clip_path(row)
    return {
        "file": str(path) if path else "",
        "sha256": row.sha256,
        "station": row.station,
        "operator": row.operator,
        "camera": row.camera,
        "started_at": _iso(row.started_at),
        "ended_at": _iso(row.ended_at),
        "duration_s": round((row.ended_at - row.started_at).total_seconds(), 3),
        "frames": row.frames,
        # extensions (docs/dev/contract.md)
        "state": row.state,
        "closed_by": row.closed_by,
        "bytes": row.bytes,
        "host": row.host,
        "seq": seq,
        "expired_at": _iso(row.expired_at),
        "reachable": bool(path and row.expired_at is None and path.is_file()),
        "here": row.host == host,
    }


def show_clips(db: Database, key: str) -> dict[str, Any]:
    """``video show KEY``: the parcel (waybill or order number) and its clips, oldest first.
    ``clips`` is empty when the parcel has none."""
    host = this_host()
    with db.read() as s:
        waybill_no, order_no, rows = _clip_rows(s, key)
        return {
            "waybill_no": waybill_no,
            "order_no": order_no,
            "clips": [_clip_json(r, seq, host) for r, seq in rows],
        }


def clipped_order_ids(s: Session, order_ids: list[int]) -> set[int]:
    """Which of these orders have a clip (the order browser's mark)."""
    if not order_ids:
        return set()
    q = select(VideoClip.order_id).where(VideoClip.order_id.in_(order_ids)).distinct()
    return {i for i in s.scalars(q) if i is not None}


# --- export for an appeal ----------------------------------------------------------------------


@dataclass
class ExportResult:
    sidecar: str
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    """A clip's index row as plain data (it outlives the session)."""

    folder: str
    file: str
    host: str
    sha256: str
    bytes: int
    frames: int
    started_at: dt.datetime
    ended_at: dt.datetime
    state: str
    station: str
    operator: str
    camera: str
    expired_at: dt.datetime | None

    @classmethod
    def of(cls, r: VideoClip) -> _Row:
        return cls(
            r.folder, r.file, r.host, r.sha256, r.bytes, r.frames, r.started_at, r.ended_at,
            r.state, r.station, r.operator, r.camera, r.expired_at,
        )  # fmt: skip


def export_clips(
    db: Database, key: str, out_dir: str | os.PathLike[str], limit: str = "platform"
) -> ExportResult:
    """``video export KEY --out DIR``: each clip of the parcel copied into ``out_dir`` (cut to
    the upload limit: ``platform``, the order's platform's (`app.domain.video.UPLOAD_LIMITS`);
    ``none``; or a number of seconds) plus ``<waybill>.json``, the sidecar with each clip's
    hashes (the original's, the evidence, and the copy's) and its chain position.

    Refusals: ``no_clip`` (key), ``clip_unreachable`` (file, host: held by a station whose
    folder this machine does not reach, or expired)."""
    host = this_host()
    with db.read() as s:
        waybill_no, order_no, rows = _clip_rows(s, key)
        platform = ""
        oid = next((r.order_id for r, _ in rows if r.order_id is not None), None)
        if oid is not None:
            order = s.get(Order, oid)
            platform = order.platform if order is not None else ""
        head_seq = s.scalar(select(Event.seq).order_by(Event.seq.desc()).limit(1)) or 0
        clips = []
        for r, seq in rows:
            if not r.file:
                continue
            ev = s.get(Event, r.event_id)
            chain = {"seq": seq, "hash": ev.hash if ev else "", "kind": ev.kind if ev else ""}
            clips.append((_Row.of(r), chain))
    if not clips:
        raise ServiceError("no_clip", key=key)
    max_s: float | None
    max_bytes: int | None
    if limit == "platform":
        lim = rules.upload_limit(platform)
        max_s, max_bytes = (lim[0], lim[1]) if lim else (None, None)
    elif limit == "none":
        max_s, max_bytes = None, None
    else:
        try:
            max_s, max_bytes = float(limit), None
        except ValueError:
            raise ServiceError("bad_export_limit", limit=limit) from None
        if max_s <= 0:
            raise ServiceError("bad_export_limit", limit=limit)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    result = ExportResult(sidecar="")
    for row, chain in clips:
        src = Path(row.folder) / row.file
        if row.expired_at is not None or not src.is_file():
            raise ServiceError("clip_unreachable", file=str(src), host=row.host)
        name = f"{Path(row.file).stem}.mp4"
        dst = out / name
        duration = (row.ended_at - row.started_at).total_seconds()
        fits = (max_s is None or duration <= max_s) and (
            max_bytes is None or row.bytes <= max_bytes
        )
        if fits:  # the original's own bytes: its hash is the one on the chain
            shutil.copyfile(src, dst)
            frames, cut = row.frames, False
        else:
            frames, seconds = cut_for_upload(src, dst, max_s, max_bytes)
            cut = True
            duration = seconds + duration / max(1, row.frames)
        entries.append(
            {
                "file": name,
                "sha256": file_sha256(dst),
                "cut": cut,
                "cut_to": {"seconds": max_s, "bytes": max_bytes} if cut else None,
                "frames": frames,
                "duration_s": round(duration, 3),
                "original": {
                    "file": str(src),
                    "sha256": row.sha256,
                    "bytes": row.bytes,
                    "frames": row.frames,
                    "started_at": _iso(row.started_at),
                    "ended_at": _iso(row.ended_at),
                    "state": row.state,
                    "station": row.station,
                    "operator": row.operator,
                    "camera": row.camera,
                    "host": row.host,
                },
                "chain": chain,
            }
        )
        result.files.append(str(dst))
    sidecar = out / f"{re.sub(r'[^A-Za-z0-9_-]', '_', waybill_no) or 'clips'}.json"
    doc = {
        "waybill_no": waybill_no,
        "order_no": order_no,
        "platform": platform,
        "limit": limit,
        "exported_at": _iso(dt.datetime.now(dt.UTC)),
        "exported_on": host,
        "chain_head_seq": head_seq,
        "clips": entries,
    }
    sidecar.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    result.sidecar = str(sidecar)
    return result


# --- verify-log: the files against the chain ----------------------------------------------------


@dataclass(frozen=True)
class ClipProblem:
    seq: int
    file: str
    problem: str  # changed / missing


@dataclass
class ClipCheck:
    checked: int = 0  # files hashed
    present: int = 0  # files older than the checkpoint, found but not hashed (``since``)
    expired: int = 0
    elsewhere: int = 0  # on a station whose folder this machine does not reach
    problems: list[ClipProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_clip_files(db: Database, host: str | None = None, since: int = 0) -> ClipCheck:
    """Each clip on the chain against its file: a file whose SHA-256 differs is ``changed``;
    one that is gone without a ``clip_expired`` event is ``missing``. A clip recorded on another
    station whose folder is not reachable here is counted ``elsewhere`` (checked there).

    ``since`` (a checkpoint's seq, ``verify-log --since``): only the clips recorded after it
    are hashed (hashing a full disk budget takes long); older ones are only looked for, so a
    vanished file is still named, and a changed one is the full check's to find."""
    host = host or this_host()
    report = ClipCheck()
    recorded: list[tuple[int, dict[str, Any]]] = []
    expired: set[str] = set()
    with db.read() as s:
        q = (
            select(Event.seq, Event.kind, Event.detail)
            .where(Event.kind.in_((rules.CLIP_RECORDED, rules.CLIP_EXPIRED)))
            .order_by(Event.seq)
        )
        for seq, kind, detail in s.execute(q):
            d = detail or {}
            if kind == rules.CLIP_EXPIRED:
                expired.add(str(d.get("clip", "")))
            else:
                recorded.append((seq, d))
    for seq, d in recorded:
        if not d.get("file"):
            continue  # the camera gave no video: nothing to check
        if str(d.get("clip", "")) in expired:
            report.expired += 1
            continue
        folder = Path(str(d.get("folder", "")))
        path = folder / str(d["file"])
        if path.is_file():
            if seq <= since:
                report.present += 1
                continue
            report.checked += 1
            if file_sha256(path) != d.get("sha256"):
                report.problems.append(ClipProblem(seq, str(path), "changed"))
        elif d.get("host") == host or folder.is_dir():
            report.problems.append(ClipProblem(seq, str(path), "missing"))
        else:
            report.elsewhere += 1
    return report


# --- retention -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpiredClip:
    uid: str
    file: str
    reason: str  # age / budget
    seq: int  # the clip_expired event


def _protected_orders(s: Session) -> set[int]:
    q = select(DisputeCase.order_id).where(DisputeCase.settled_at.is_(None))
    return set(s.scalars(q))


def _protected_waybills(s: Session) -> set[str]:
    q = select(DisputeCase.waybill_no).where(DisputeCase.settled_at.is_(None))
    return {w for w in s.scalars(q) if w}


def apply_retention(
    db: Database,
    now: float | None = None,
    host: str | None = None,
    station: str = "",
) -> list[ExpiredClip]:
    """Delete this host's clips beyond the floor's retention (days, then the disk budget),
    oldest first; each deletion goes on the chain first (``clip_expired``), then the file is
    removed. A clip of a parcel with an open dispute case is kept."""
    import time

    now = time.time() if now is None else now
    host = host or this_host()
    with db.read() as s:
        days = floor_settings.read(s, floor_settings.VIDEO_RETENTION_DAYS)
        budget = floor_settings.read(s, floor_settings.VIDEO_BUDGET_GB) * 1024**3
        orders, waybills = _protected_orders(s), _protected_waybills(s)
        rows = list(
            s.execute(
                select(
                    VideoClip.id,
                    VideoClip.started_at,
                    VideoClip.bytes,
                    VideoClip.order_id,
                    VideoClip.waybill_no,
                ).where(
                    VideoClip.expired_at.is_(None), VideoClip.host == host, VideoClip.file != ""
                )
            )
        )
    kept = [
        rules.KeptClip(
            r.id,
            r.started_at.timestamp(),
            r.bytes,
            r.order_id in orders or r.waybill_no in waybills,
        )
        for r in rows
    ]
    out: list[ExpiredClip] = []
    for clip_id, reason in rules.expired_clips(kept, now, days, budget):
        with db.write() as s:
            row = s.get(VideoClip, clip_id)
            if row is None or row.expired_at is not None:
                continue
            seq = s.scalar(select(Event.seq).where(Event.id == row.event_id))
            ev = append_event(
                s,
                rules.CLIP_EXPIRED,
                order_id=row.order_id,
                station=station,
                detail={
                    "clip": row.uid,
                    "file": row.file,
                    "sha256": row.sha256,
                    "reason": reason,
                    "recorded_seq": seq,
                    "days": days,
                    "budget_gb": budget // 1024**3,
                },
            )
            row.expired_at = ev.at
            row.expired_event_id = ev.id
            path = clip_path(row)
            uid, rel = row.uid, row.file
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        out.append(ExpiredClip(uid, rel, reason, ev.seq))
    return out


def recorded_as_dict(clip: RecordedClip) -> dict[str, Any]:
    d = asdict(clip)
    d["started_at"], d["ended_at"] = _iso(clip.started_at), _iso(clip.ended_at)
    return d
