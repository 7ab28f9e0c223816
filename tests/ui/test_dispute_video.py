"""The dispute desk's packing video: the parcel's clips, one played, its key frames, the export
for an appeal, a clip held by another station, a changed file, key frames in the report."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from sqlalchemy import update

from app.db.models import VideoClip
from app.services import floor_settings
from app.services.video import RecordedClip, StationRecorder
from tests.floor import printed_parcels, set_lines, verify, weigh
from tests.ui.dispute_desk import open_dispute_desk
from tests.video.support import wait_for

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def clipped(sqlite_db, tmp_path):
    """A verified, weighed parcel with a 2 s packing clip recorded from the test camera."""
    [p] = printed_parcels(sqlite_db, 1, seed=61)
    set_lines(sqlite_db, p.order_id, [("BED-PIL-MEM", 1)])
    with sqlite_db.write() as s:
        floor_settings.write(s, floor_settings.VIDEO_TAIL_S, 0)
    done: list[RecordedClip] = []
    ready = threading.Event()
    rec = StationRecorder(
        sqlite_db,
        "test:",
        station="verify-1",
        width=320,
        height=240,
        fps=10,
        folder=tmp_path / "clips",
        segment_folder=tmp_path / "seg",
        on_clip=lambda c: (done.append(c), ready.set()),
    )
    rec.start()
    try:
        assert wait_for(lambda: rec.status().camera.frames > 3, 30)
        rec.scan_started(p.waybill_no, operator="1004")
        verify(sqlite_db, p.order_id)
        time.sleep(2.2)
        rec.parcel_completed(p.waybill_no)
        assert ready.wait(15)
    finally:
        rec.stop()
    weigh(sqlite_db, p.order_id)
    return p, done[0]


@pytest.fixture
def desk(qtbot, sqlite_db, clipped):
    return open_dispute_desk(qtbot, sqlite_db)


def _look_up(qtbot, w, key: str) -> None:
    qtbot.keyClicks(w.lookup, key)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.busy and w.findings is not None, timeout=15000)


def test_the_parcels_clip_plays_shows_key_frames_and_exports_for_an_appeal(
    qtbot, desk, clipped, tmp_path
):
    w, (p, clip) = desk, clipped
    _look_up(qtbot, w, p.waybill_no)
    panel = w.clip_panel
    assert w.story_tabs.tabText(1) == "Packing video (1)"
    w.story_tabs.setCurrentIndex(1)
    assert panel.table.rowCount() == 1
    row = [panel.table.item(0, j).text() for j in range(6)]
    assert row[0] == "verify-1" and row[1] == "1004" and row[4] == "complete"
    assert row[5].startswith("✔")
    assert float(row[3].split()[0]) == pytest.approx(
        (clip.ended_at - clip.started_at).total_seconds(), abs=0.1
    )
    # key frames with their times, decoded off the GUI thread
    qtbot.waitUntil(lambda: panel.frames.count() >= 2, timeout=15000)
    assert all(":" in panel.frames.item(i).text() for i in range(panel.frames.count()))
    # played with QtMultimedia: frames reach the video widget
    shown = []
    panel.video.videoSink().videoFrameChanged.connect(lambda f: shown.append(f.isValid()))
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(shown), timeout=15000)
    assert panel.player.error() == QMediaPlayer.Error.NoError
    qtbot.waitUntil(
        lambda: (
            panel.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState
            or panel.play_button.text() == "Pause"
        ),
        timeout=5000,
    )
    panel.player.stop()
    # export for an appeal: the clip and the sidecar with its hash and chain position
    panel.export_dir = str(tmp_path / "appeal")
    exported = []
    panel.clip_exported.connect(exported.append)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(exported), timeout=15000)
    doc = json.loads(Path(exported[0]).read_text(encoding="utf-8"))
    [entry] = doc["clips"]
    assert entry["original"]["sha256"] == clip.sha256 and entry["chain"]["seq"] == clip.seq
    assert (tmp_path / "appeal" / entry["file"]).is_file()
    assert "exported to" in panel.message.text() and "appeal" in panel.message.text()


def test_the_evidence_report_carries_the_key_frames_with_their_times(
    qtbot, desk, clipped, tmp_path
):
    w, (p, _clip) = desk, clipped
    _look_up(qtbot, w, p.waybill_no)
    qtbot.waitUntil(lambda: not w.busy and w.clip_panel.clips != [], timeout=15000)
    w.report_path = str(tmp_path / "r.pdf")
    saved = []
    w.report_saved.connect(saved.append)
    qtbot.mouseClick(w.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(saved), timeout=30000)
    page = PdfReader(saved[0]).pages[0]
    text = page.extract_text()
    assert "Packing video (key frames)" in text and "verify-1" in text
    assert len(page.images) >= 2


def test_a_clip_held_by_another_station_names_it_and_a_changed_file_is_flagged(
    qtbot, desk, clipped, sqlite_db
):
    w, (p, clip) = desk, clipped
    with sqlite_db.write() as s:  # the index says: another PC, a folder not shared
        s.execute(update(VideoClip).values(host="pack-pc-7", folder="/nonexistent/clips"))
    _look_up(qtbot, w, p.order_no)
    panel = w.clip_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=15000)
    assert "verify-1" in panel.where.text() and "pack-pc-7" in panel.where.text()
    assert not panel.play_button.isEnabled() and not panel.export_button.isEnabled()
    assert panel.table.item(0, 5).text().startswith("—")

    with sqlite_db.write() as s:
        s.execute(update(VideoClip).values(host="x", folder=str(Path(clip.path).parent.parent)))
    data = bytearray(Path(clip.path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    Path(clip.path).write_bytes(bytes(data))
    w.lookup.clear()
    _look_up(qtbot, w, p.order_no)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=15000)
    assert "CHANGED" in panel.table.item(0, 5).text()
