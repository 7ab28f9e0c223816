"""The camera library through the real capture process: a stand-in MJPEG camera over HTTP and
FFmpeg's own test source, the overlay read back from decoded frames, a killed capture."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.camera import (
    Camera,
    CameraStatus,
    CaptureConfig,
    ClipCutter,
    OverlayText,
    make_clip,
)
from devices.camera.clips import cut_for_upload
from tests.mjpeg_server import MjpegServer
from tests.video.support import decode_frames, qr_texts, wait_for

pytestmark = pytest.mark.timeout(60)

W, H, FPS = 640, 360, 15


@pytest.fixture
def mjpeg() -> Iterator[MjpegServer]:
    with MjpegServer(W, H, fps=20) as server:
        yield server


def _camera(url: str, folder: Path, **kw: object) -> Camera:
    cfg = CaptureConfig(url, str(folder), W, H, FPS, **kw)  # type: ignore[arg-type]
    return Camera(cfg, restart_after_s=0.5)


def _recording(cam: Camera) -> bool:
    return cam.status().state == "recording" and cam.status().frames > 3


@pytest.mark.parametrize("source", ["mjpeg", "test"])
def test_a_parcels_clip_matches_its_scan_times_and_its_frames_name_the_waybill(
    source: str, mjpeg: MjpegServer, tmp_path: Path
) -> None:
    url = mjpeg.url if source == "mjpeg" else "test:"
    cam = _camera(url, tmp_path / "seg")
    cam.start()
    try:
        assert wait_for(lambda: _recording(cam), 15), cam.status()
        cam.set_overlay(OverlayText("SF1400000001", "TB-881", "verify-1", "W007"))
        time.sleep(0.3)  # the overlay reaches the capture within a frame or two
        scanned = time.time()
        time.sleep(2.5)
        completed = time.time()
        assert cam.wait_segments(completed, 5)
        clip = make_clip(tmp_path / "seg", scanned, completed, tmp_path / "clip.mp4", FPS)
    finally:
        last = cam.stop()
    assert last.state == "stopped" and last.encoder
    assert clip is not None
    # starts on the keyframe of the scan's segment (at most a segment early), ends at the end
    assert scanned - 1.1 <= clip.started_at <= scanned + 0.35
    assert completed - 0.2 <= clip.ended_at <= completed + 0.2
    assert clip.missing_s == 0
    frames = decode_frames(clip.path)
    assert len(frames) == clip.frames
    assert abs(clip.frames - clip.duration_s * FPS) <= 3
    assert frames[0].width == W and frames[0].height == H
    texts = qr_texts(clip.path, every=4)
    assert texts.count("SF1400000001") >= len(frames) // 4 - 3  # nearly every frame
    assert set(texts) == {"SF1400000001"}


def test_a_killed_capture_loses_at_most_its_last_segment_and_says_so(
    mjpeg: MjpegServer, tmp_path: Path
) -> None:
    seen: list[CameraStatus] = []
    cam = Camera(CaptureConfig(mjpeg.url, str(tmp_path / "seg"), W, H, FPS), seen.append, 1.0)
    cam.start()
    try:
        assert wait_for(lambda: _recording(cam), 15)
        cam.set_overlay(OverlayText("SF1400000002", "TB-882", "pack-1", "W008"))
        scanned = time.time()
        time.sleep(2.5)
        pid = cam.pid
        assert pid
        killed = time.time()
        os.kill(pid, signal.SIGKILL)
        assert wait_for(lambda: cam.status().error == "capture_died", 5)
        # a new capture process takes over and records again
        assert wait_for(lambda: cam.status().restarts == 1 and _recording(cam), 20)
        assert cam.pid != pid
        time.sleep(1.5)
        completed = time.time()
        assert cam.wait_segments(completed, 5)
        clip = make_clip(tmp_path / "seg", scanned, completed, tmp_path / "clip.mp4", FPS)
    finally:
        cam.stop()
    assert any(s.state == "failed" and s.error == "capture_died" for s in seen)
    assert clip is not None and clip.missing_s > 0.5  # the gap is counted
    frames = decode_frames(clip.path)
    assert len(frames) == clip.frames
    # what was recorded before the kill is there, except the segment being written
    before = [f for f in frames if clip.started_at + float(f.time) < killed]
    assert clip.started_at + float(before[-1].time) >= killed - 1.0 - 0.3
    assert "SF1400000002" in qr_texts(clip.path, every=6)


def test_a_camera_that_cannot_be_reached_says_so_and_raises_nothing(tmp_path: Path) -> None:
    cam = _camera("http://127.0.0.1:9/none.mjpg", tmp_path / "seg", retry_s=0.5)
    cam.start()
    try:
        assert wait_for(lambda: cam.status().error == "camera_unreachable", 15), cam.status()
        assert cam.status().state == "reconnecting"
        assert not cam.wait_segments(time.time(), 0.5)
    finally:
        cam.stop()


def test_a_camera_url_nobody_knows_fails_with_bad_url(tmp_path: Path) -> None:
    cam = _camera("ftp://camera", tmp_path / "seg")
    cam.start()
    try:
        assert wait_for(lambda: cam.status().error == "bad_url", 15)
    finally:
        cam.stop()


def test_a_full_disk_stops_recording_loudly(tmp_path: Path) -> None:
    cam = _camera("test:", tmp_path / "seg", min_free_bytes=1 << 62)
    cam.start()
    try:
        assert wait_for(lambda: cam.status().state == "disk_full", 15), cam.status()
        assert cam.status().error == "disk_full"
    finally:
        cam.stop()
    assert not list((tmp_path / "seg").glob("seg-*"))


def test_an_upload_copy_is_cut_to_the_limit_and_the_original_stays(
    mjpeg: MjpegServer, tmp_path: Path
) -> None:
    cam = _camera(mjpeg.url, tmp_path / "seg")
    cam.start()
    try:
        assert wait_for(lambda: _recording(cam), 15)
        t0 = time.time()
        time.sleep(3.2)
        t1 = time.time()
        assert cam.wait_segments(t1, 5)
    finally:
        cam.stop()
    clip = make_clip(tmp_path / "seg", t0, t1, tmp_path / "clip.mp4", FPS)
    assert clip is not None
    frames, seconds = cut_for_upload(clip.path, tmp_path / "up.mp4", 2.0, None)
    assert 1.8 <= seconds < 2.0 and len(decode_frames(str(tmp_path / "up.mp4"))) == frames
    from devices.camera import file_sha256

    assert file_sha256(clip.path) == clip.sha256


def test_clips_are_cut_in_a_process_of_their_own_and_a_killed_cutter_is_replaced(
    tmp_path: Path,
) -> None:
    """The station's process never runs the cut, and a cutter killed between parcels costs no
    clip: the next parcel's cut starts a new one."""
    cam = _camera("test:", tmp_path / "seg")
    cutter = ClipCutter()
    cutter.start()
    cam.start()
    try:
        assert wait_for(lambda: _recording(cam), 15), cam.status()
        first = cutter.pid()
        assert first != os.getpid()
        t0 = time.time()
        time.sleep(1.5)
        t1 = time.time()
        assert cam.wait_segments(t1, 5)
        os.kill(first, signal.SIGKILL)
        time.sleep(0.3)
        clip = cutter.cut(tmp_path / "seg", t0, t1, tmp_path / "a.mp4", FPS)
        assert clip is not None and clip.frames > 10 and clip.missing_s == 0
        assert cutter.pid() not in (first, os.getpid())
    finally:
        cam.stop()
        cutter.close()
