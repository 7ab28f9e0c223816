"""Packing video services through the real capture process: a parcel's clip on the evidence
chain, verify-log against edited and vanished clips, retention, export, a camera that dies."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.__main__ import main
from app.db.chain import verify_chain
from app.db.engine import Database
from app.db.models import Event, VideoClip
from app.domain import video as video_rules
from app.domain.video import ClipClosing, OpenClip
from app.services import floor_settings
from app.services.dispute import dispute_check, register_case
from app.services.video import (
    RecordedClip,
    StationRecorder,
    apply_retention,
    check_clip_files,
    export_clips,
    record_clip,
    show_clips,
)
from devices.camera import ClipFile, file_sha256
from tests.floor import add_order
from tests.mjpeg_server import MjpegServer
from tests.video.support import decode_frames, qr_texts, wait_for

pytestmark = pytest.mark.timeout(90)

FPS = 15


def _settings(db: Database, **values: int) -> None:
    with db.write() as s:
        for name, value in values.items():
            floor_settings.write(s, getattr(floor_settings, name), value)


class Station:
    """A verify station's recorder on a stand-in camera, clips collected as they come."""

    def __init__(self, db: Database, url: str, tmp: Path) -> None:
        self.clips: list[RecordedClip] = []
        self.done = threading.Event()
        self.rec = StationRecorder(
            db,
            url,
            station="verify-1",
            width=640,
            height=360,
            fps=FPS,
            folder=tmp / "clips",
            segment_folder=tmp / "segments",
            on_clip=self._on_clip,
        )

    def _on_clip(self, clip: RecordedClip) -> None:
        self.clips.append(clip)
        self.done.set()

    def recording(self) -> bool:
        cam = self.rec.status().camera
        return cam.state == "recording" and cam.frames > 3


@pytest.fixture
def camera() -> Iterator[MjpegServer]:
    with MjpegServer(640, 360, fps=20) as server:
        yield server


@pytest.fixture
def station(db: Database, camera: MjpegServer, tmp_path: Path) -> Iterator[Station]:
    _settings(db, VIDEO_TAIL_S=1)
    st = Station(db, camera.url, tmp_path)
    st.rec.start()
    assert wait_for(st.recording, 20), st.rec.status()
    yield st
    st.rec.stop()


def test_a_verified_parcel_gets_a_clip_on_the_chain_whose_frames_name_its_waybill(
    db: Database, station: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order_no = add_order(db, "SF2200000001", [("BED-PIL-MEM", 1)])
    scanned = time.time()
    station.rec.scan_started("SF2200000001", order_no=order_no, operator="1004")
    time.sleep(2.0)
    completed = time.time()
    station.rec.parcel_completed("SF2200000001")
    assert station.done.wait(10)
    ready = time.time()
    [clip] = station.clips
    # complete + tail (1 s) closes it; it starts on the scan's segment
    assert clip.state == "complete" and clip.closed_by == "complete"
    # it starts on the keyframe the capture began when the overlay showed this waybill (its
    # times are kept to the millisecond: one begun within the scan's millisecond reads as
    # up to 1 ms before it)
    assert scanned - 0.001 <= clip.started_at.timestamp() <= scanned + 0.3
    assert abs(clip.ended_at.timestamp() - (completed + 1.0)) < 0.3
    assert ready - (completed + 1.0) < 2.0  # clip ready within 2 s after the tail
    assert file_sha256(clip.path) == clip.sha256
    assert len(decode_frames(clip.path)) == clip.frames
    assert abs(clip.frames - (clip.ended_at - clip.started_at).total_seconds() * FPS) <= 3
    assert set(qr_texts(clip.path, every=3)) == {"SF2200000001"}  # every frame names it
    with db.read() as s:
        ev = s.scalars(select(Event).where(Event.kind == "clip_recorded")).one()
        assert ev.seq == clip.seq and ev.order_id == clip.order_id is not None
        assert ev.detail["sha256"] == clip.sha256 and ev.detail["frames"] == clip.frames
        assert verify_chain(s).intact

    shown = show_clips(db, order_no)
    assert shown["waybill_no"] == "SF2200000001" and shown["order_no"] == order_no
    [c] = shown["clips"]
    assert c["file"] == clip.path and c["sha256"] == clip.sha256 and c["reachable"]
    assert c["station"] == "verify-1" and c["operator"] == "1004" and c["frames"] == clip.frames

    url = str(db.engine.url.render_as_string(hide_password=False))
    capsys.readouterr()
    assert main(["--db", url, "verify-log"]) == 0
    assert "1 clip files checked" in capsys.readouterr().out
    assert main(["--db", url, "video", "show", "SF2200000001", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["clips"][0]["duration_s"] > 2.5
    # one byte edited in the clip: verify-log names it and fails
    data = bytearray(Path(clip.path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    Path(clip.path).write_bytes(bytes(data))
    assert main(["--db", url, "verify-log"]) == 1
    out = capsys.readouterr().out
    assert f"event #{clip.seq} changed" in out and clip.path in out
    assert main(["--db", url, "video", "show", "SF2299999999"]) == 1


def test_a_camera_killed_mid_parcel_marks_the_clip_incomplete_and_says_so(
    db: Database, station: Station
) -> None:
    add_order(db, "SF2200000002", [("BED-PIL-MEM", 1)])
    station.rec.scan_started("SF2200000002", operator="1004")
    time.sleep(1.5)
    pid = station.rec.camera.pid
    assert pid
    os.kill(pid, signal.SIGKILL)
    assert wait_for(lambda: station.rec.status().warning == "capture_died", 5)
    assert wait_for(station.recording, 20)  # a new capture took over
    time.sleep(1.0)
    station.rec.parcel_completed("SF2200000002")
    assert station.done.wait(10)
    [clip] = station.clips
    assert clip.state == "incomplete" and clip.closed_by == "complete"
    assert clip.frames > 0 and file_sha256(clip.path) == clip.sha256


def test_the_next_waybill_scan_closes_the_clip_and_starts_the_next(
    db: Database, station: Station
) -> None:
    station.rec.scan_started("SF2200000003")
    time.sleep(1.2)
    station.rec.scan_started("SF2200000004")
    assert station.done.wait(10)
    time.sleep(1.2)
    station.rec.stop()
    [first, second] = station.clips
    assert (first.waybill_no, first.closed_by) == ("SF2200000003", "next_scan")
    assert (second.waybill_no, second.closed_by, second.state) == (
        "SF2200000004",
        "stopped",
        "stopped",
    )
    assert abs(first.ended_at.timestamp() - second.started_at.timestamp()) < 1.2
    assert "SF2200000004" in qr_texts(second.path, every=3)


def test_clips_wait_for_a_pause_in_the_scans_and_keep_the_times_they_closed_at(
    db: Database, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a worker scanning parcel after parcel: each waybill scan closes the clip before it, and
    # the closed clips are cut and put on the chain only when the scans pause, so that the
    # scans' verdicts do not share the station with that work
    monkeypatch.setattr(video_rules, "FINISH_QUIET_S", 3.0)
    scanned = []
    for n in range(4):
        scanned.append(time.time())
        station.rec.scan_started(f"SF23000000{n:02d}")
        time.sleep(0.4)
    assert station.clips == []  # 1.6 s of scans: three clips closed, none finished yet
    assert wait_for(lambda: len(station.clips) == 3, 30)
    station.rec.stop()
    assert [c.waybill_no for c in station.clips[:3]] == [f"SF23000000{n:02d}" for n in range(3)]
    for clip, next_scan in zip(station.clips[:3], scanned[1:], strict=True):
        assert clip.closed_by == "next_scan"
        assert abs(clip.ended_at.timestamp() - next_scan) < 0.3  # its last frame


# --- without a camera: files of our own ------------------------------------------------------


def _fake_clip(db: Database, tmp: Path, waybill: str, started: float, size: int) -> RecordedClip:
    folder = tmp / "clips"
    path = folder / f"{waybill}.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    clip = ClipFile(str(path), file_sha256(path), size, started, started + 10, 150, 0.0)
    closing = ClipClosing(OpenClip(waybill, started, operator="1004"), started + 10, "complete")
    return record_clip(
        db, closing, clip, "complete", folder=folder, station="pack-1", camera="test:"
    )


def test_retention_deletes_the_oldest_clip_records_it_and_spares_an_open_dispute(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = 86400.0
    now = time.time()
    for wb in ("SF2300000001", "SF2300000002", "SF2300000003"):
        add_order(db, wb, [("BED-PIL-MEM", 1)], status="weighed")
    disputed = _fake_clip(db, tmp_path, "SF2300000001", now - 9 * day, 1000)
    old = _fake_clip(db, tmp_path, "SF2300000002", now - 8 * day, 1000)
    new = _fake_clip(db, tmp_path, "SF2300000003", now - 1 * day, 1000)
    register_case(db, dispute_check(db, "SF2300000001"), "missing")
    _settings(db, VIDEO_RETENTION_DAYS=7)

    [gone] = apply_retention(db, now=now, station="pack-1")
    assert (gone.uid, gone.reason) == (old.uid, "age")
    assert not Path(old.path).exists()
    assert Path(disputed.path).exists() and Path(new.path).exists()
    with db.read() as s:
        ev = s.scalars(select(Event).where(Event.kind == "clip_expired")).one()
        assert ev.seq == gone.seq and ev.detail["clip"] == old.uid
        assert ev.detail["recorded_seq"] == old.seq and ev.order_id == old.order_id
        row = s.scalars(select(VideoClip).where(VideoClip.uid == old.uid)).one()
        assert row.expired_at is not None
        assert verify_chain(s).intact
    check = check_clip_files(db)
    assert check.ok and (check.checked, check.expired) == (2, 1)
    assert apply_retention(db, now=now) == []  # nothing more is due

    # a clip that vanished without a recorded expiry is named
    Path(new.path).unlink()
    check = check_clip_files(db)
    assert [(p.seq, p.problem) for p in check.problems] == [(new.seq, "missing")]
    url = str(db.engine.url.render_as_string(hide_password=False))
    capsys.readouterr()
    assert main(["--db", url, "verify-log"]) == 1
    assert "gone without a recorded expiry" in capsys.readouterr().out


def test_retention_keeps_the_disk_budget_oldest_first(db: Database, tmp_path: Path) -> None:
    now = time.time()
    a = _fake_clip(db, tmp_path, "SF2400000001", now - 300, 1000)
    b = _fake_clip(db, tmp_path, "SF2400000002", now - 200, 1000)
    c = _fake_clip(db, tmp_path, "SF2400000003", now - 100, 1000)
    with db.write() as s:  # a budget of 1 GB, and clips that count 0.6 GB each
        s.execute(VideoClip.__table__.update().values(bytes=600 * 1024**2))
    _settings(db, VIDEO_BUDGET_GB=1)
    gone = apply_retention(db, now=now)
    assert [(g.uid, g.reason) for g in gone] == [(a.uid, "budget"), (b.uid, "budget")]
    assert Path(c.path).exists() and not Path(a.path).exists()


def test_export_copies_the_clips_cut_to_the_limit_with_a_sidecar(
    db: Database,
    station: Station,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order_no = add_order(db, "SF2500000001", [("BED-PIL-MEM", 1)])
    station.rec.scan_started("SF2500000001", order_no=order_no)
    time.sleep(2.5)
    station.rec.parcel_completed("SF2500000001")
    assert station.done.wait(10)
    [clip] = station.clips
    url = str(db.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "appeal"
    capsys.readouterr()
    assert main(["--db", url, "video", "export", order_no, "--out", str(out), "--limit", "2"]) == 0
    res = json.loads(capsys.readouterr().out)
    side = json.loads(Path(res["sidecar"]).read_text(encoding="utf-8"))
    [entry] = side["clips"]
    assert entry["cut"] and entry["frames"] < clip.frames
    assert entry["original"]["sha256"] == clip.sha256 == file_sha256(clip.path)
    assert entry["chain"]["seq"] == clip.seq and entry["chain"]["kind"] == "clip_recorded"
    copy = out / entry["file"]
    assert file_sha256(copy) == entry["sha256"]
    assert len(decode_frames(str(copy))) == entry["frames"]
    # the order's platform (taobao): 60 s / 30 MB, so this short clip is copied whole
    whole = export_clips(db, "SF2500000001", tmp_path / "whole")
    side = json.loads(Path(whole.sidecar).read_text(encoding="utf-8"))
    assert not side["clips"][0]["cut"] and side["platform"] == "taobao"
    assert file_sha256(whole.files[0]) == clip.sha256  # a whole copy is the original's bytes
    assert main(["--db", url, "video", "export", "SF2599999999", "--out", str(out)]) == 1
    capsys.readouterr()
    assert main(["--db", url, "video", "export", order_no, "--out", str(out), "--limit", "x"]) == 2
    err = capsys.readouterr().err
    assert "platform, none or a number of seconds, not x" in err
    # in a Chinese session the bad --limit is worded as video export's, not as printing's
    monkeypatch.setenv("PARCELPROOF_LANG", "zh_CN")
    assert main(["--db", url, "video", "export", order_no, "--out", str(out), "--limit", "0"]) == 2
    err = capsys.readouterr().err
    assert "秒数" in err and "订单数量" not in err


def test_a_full_disk_stops_the_video_loudly_and_the_parcel_still_gets_its_record(
    db: Database, tmp_path: Path
) -> None:
    _settings(db, VIDEO_TAIL_S=0)
    warnings: list[str] = []
    clips: list[RecordedClip] = []
    rec = StationRecorder(
        db,
        "test:",
        station="pack-1",
        width=320,
        height=240,
        folder=tmp_path / "clips",
        segment_folder=tmp_path / "segments",
        min_free_bytes=1 << 62,
        on_status=lambda st: warnings.append(st.warning),
        on_clip=clips.append,
    )
    rec.start()
    try:
        assert wait_for(lambda: rec.status().warning == "disk_full", 20), rec.status()
        assert rec.status().camera.state == "disk_full"
        rec.scan_started("SF2600000001", operator="1004")
        rec.parcel_completed("SF2600000001")
        assert wait_for(lambda: len(clips) == 1, 10)
    finally:
        rec.stop()
    [clip] = clips
    assert (clip.state, clip.closed_by, clip.path, clip.frames) == ("incomplete", "complete", "", 0)
    assert "disk_full" in warnings
    shown = show_clips(db, "SF2600000001")
    assert shown["clips"][0]["state"] == "incomplete" and shown["clips"][0]["file"] == ""
    assert check_clip_files(db).ok  # nothing to check, nothing wrong


def test_verify_log_since_a_checkpoint_hashes_only_the_newer_clips_and_still_misses_none(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services.daily_report import daily_report

    now = time.time()
    for wb in ("SF2400000001", "SF2400000002", "SF2400000003"):
        add_order(db, wb, [("BED-PIL-MEM", 1)], status="weighed")
    old1 = _fake_clip(db, tmp_path, "SF2400000001", now - 3600, 1000)
    old2 = _fake_clip(db, tmp_path, "SF2400000002", now - 1800, 1000)
    daily_report(db)  # the day's report keeps the chain head as a checkpoint
    _fake_clip(db, tmp_path, "SF2400000003", now - 60, 1000)
    url = str(db.engine.url.render_as_string(hide_password=False))
    capsys.readouterr()

    # an older clip edited: the checkpoint's check hashes only the newer one ...
    with open(old1.path, "r+b") as f:
        f.seek(10)
        f.write(b"\x00" if f.read(1) != b"\x00" else b"\x01")
    assert main(["--db", url, "verify-log", "--since", "last"]) == 0
    out = capsys.readouterr().out
    assert "1 clip files checked" in out and "2 older found" in out
    # ... the full check finds it
    assert main(["--db", url, "verify-log"]) == 1
    assert f"clip of event #{old1.seq} changed" in capsys.readouterr().out
    # an older clip gone: named from the checkpoint too (looking costs nothing)
    Path(old2.path).unlink()
    assert main(["--db", url, "verify-log", "--since", "last"]) == 1
    assert f"clip of event #{old2.seq} gone without a recorded expiry" in capsys.readouterr().out


def test_a_parcel_without_video_is_said_in_the_sessions_language(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``video show`` and ``video export`` word "no clip" from the shared table: Chinese in a
    Chinese session (``video show`` printed English whatever the language)."""
    order_no = add_order(db, "SF2500000002", [("BED-PIL-MEM", 1)])
    url = str(db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("PARCELPROOF_LANG", "zh_CN")
    capsys.readouterr()
    assert main(["--db", url, "video", "show", order_no]) == 1
    assert "没有与 " + order_no + " 对应的包裹打包视频" in capsys.readouterr().err
    assert main(["--db", url, "video", "export", order_no, "--out", "unused"]) == 1
    assert "没有与 " + order_no + " 对应的包裹打包视频" in capsys.readouterr().err
