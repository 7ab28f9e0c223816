"""The dispute desk's packing video (打包视频): the parcel's clips (station, operator, start,
length, how it ended, whether the file still matches the hash on the chain), one played with
QtMultimedia, its key frames with their times, and "Export for appeal…" (the service's
``video export``: the clips cut to the platform's upload limit plus the JSON sidecar).

A clip whose file is on a station whose folder this PC does not reach is listed with the
station that holds it. Hashing, key frames (PyAV) and the export run on the job pool.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.services.video import export_clips, show_clips
from app.ui.kit import fmt
from app.ui.kit.camera import state_text
from app.ui.kit.texts import exception_text, register_event_labels
from app.ui.kit.widgets import local_time
from app.ui.kit.workers import JobRunner

KEY_FRAMES = 6  # thumbnails per clip on the desk
REPORT_FRAMES = 4  # key frames in the evidence report (one row)


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "clip_recorded": QCoreApplication.translate("ClipPanel", "Packing video recorded"),
        "clip_expired": QCoreApplication.translate(
            "ClipPanel", "Packing video deleted (retention)"
        ),
    }


@dataclass(frozen=True)
class KeyFrame:
    at: float  # Unix seconds (the clip's start + the frame's time)
    offset_s: float  # seconds into the clip
    jpeg: bytes
    width: int = 0
    height: int = 0


def key_frames(
    path: str, started_at: float, n: int = KEY_FRAMES, width: int = 320
) -> list[KeyFrame]:
    """Up to ``n`` key frames of the clip at ``path``, spread over its length, as JPEG
    thumbnails ``width`` pixels wide, with their times. Only key frames are decoded (one per
    1 s segment): quick even for a long clip."""
    import av

    frames: list[tuple[float, Any]] = []
    with av.open(path) as c:
        stream = c.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        for frame in c.decode(stream):
            if frame.time is not None:
                frames.append((float(frame.time), frame))
    if not frames:
        return []
    if len(frames) > n:
        step = (len(frames) - 1) / max(1, n - 1)
        frames = [frames[round(i * step)] for i in range(n)]
    t0 = frames[0][0] if frames[0][0] < 0 else 0.0
    out = []
    for t, frame in frames:
        img = frame.to_image()
        height = max(2, round(img.height * width / img.width))
        buf = io.BytesIO()
        img.resize((width, height)).save(buf, format="JPEG", quality=80)
        offset = t - t0
        out.append(KeyFrame(started_at + offset, offset, buf.getvalue(), width, height))
    return out


def report_frames(clips: list[dict[str, Any]], n: int = REPORT_FRAMES) -> list[dict[str, Any]]:
    """The key frames the evidence report shows: from the parcel's reachable clips, the
    latest clip first (the one that ended the parcel's packing), as the report's plain data."""
    out: list[dict[str, Any]] = []
    for c in reversed(clips):
        if not c.get("reachable") or not c.get("file"):
            continue
        started = dt.datetime.fromisoformat(c["started_at"]).timestamp()
        for k in key_frames(c["file"], started, n, width=480):
            out.append(
                {
                    "at": dt.datetime.fromtimestamp(k.at, dt.UTC).isoformat(),
                    "jpeg": k.jpeg,
                    "width": k.width,
                    "height": k.height,
                    "station": c.get("station", ""),
                    "sha256": c.get("sha256", ""),
                }
            )
        break
    return out


def _check_hashes(clips: list[dict[str, Any]]) -> list[bool | None]:
    """Each clip's file against its hash: True/False, None when the file is not reachable."""
    from devices.camera import file_sha256

    out: list[bool | None] = []
    for c in clips:
        if not c.get("reachable"):
            out.append(None)
            continue
        try:
            out.append(file_sha256(c["file"]) == c["sha256"])
        except OSError:
            out.append(None)
    return out


class ClipPanel(QWidget):
    """The parcel's clips on the dispute desk (see the module's docstring)."""

    clips_loaded = Signal(int)
    frames_loaded = Signal(int)
    clip_exported = Signal(str)  # the sidecar's path
    message_shown = Signal(str, str)  # kind (ok/error/info), text

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._jobs = JobRunner(self)
        self.key = ""
        self.clips: list[dict[str, Any]] = []
        self.hashes: list[bool | None] = []
        self.export_dir: str | None = None  # tests: skip the folder dialog
        self._gen = 0

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Station"),
                self.tr("Operator"),
                self.tr("Start"),
                self.tr("Length"),
                self.tr("State"),
                self.tr("Hash"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)
        self.table.setMaximumHeight(130)
        self.video = QVideoWidget()
        self.video.setMinimumSize(320, 180)
        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.video)
        self.play_button = QPushButton(self.tr("Play"))
        self.export_button = QPushButton(self.tr("Export for appeal…"))
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.frames = QListWidget()
        self.frames.setViewMode(QListView.ViewMode.IconMode)
        self.frames.setIconSize(QSize(160, 90))
        self.frames.setFlow(QListView.Flow.LeftToRight)
        self.frames.setWrapping(False)
        self.frames.setFixedHeight(140)
        self.frames.setMovement(QListView.Movement.Static)
        for b in (self.play_button, self.export_button):
            b.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.play_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(self.where)
        lay.addWidget(self.video, 1)
        lay.addLayout(buttons)
        lay.addWidget(QLabel(self.tr("Key frames")))
        lay.addWidget(self.frames)
        lay.addWidget(self.message)

        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.frames.itemActivated.connect(self._on_frames_item_activated)
        self.frames.itemClicked.connect(self._on_frames_item_activated)
        self.player.playbackStateChanged.connect(self._on_player_playback_state_changed)

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def say(self, kind: str, text: str) -> None:
        colours = {"ok": "#1b7f3b", "error": "#c62828", "info": "#10243e"}
        self.message.setStyleSheet(f"color: {colours[kind]}; font-weight: bold;")
        self.message.setText(text)
        self.message_shown.emit(kind, text)

    # --- the parcel's clips -------------------------------------------------------------------

    def clear(self) -> None:
        self._gen += 1
        self.key = ""
        self.clips, self.hashes = [], []
        self.player.stop()
        self.player.setSource(QUrl())
        self.table.setRowCount(0)
        self.frames.clear()
        self.where.clear()
        self.message.clear()
        for b in (self.play_button, self.export_button):
            b.setEnabled(False)

    def load(self, key: str) -> None:
        """The clips of the parcel ``key`` (waybill or order number), hashes checked."""
        self.clear()
        self.key = key
        gen, db = self._gen, self.db

        def work() -> tuple[list[dict[str, Any]], list[bool | None]]:
            clips = show_clips(db, key)["clips"]
            return clips, _check_hashes(clips)

        self._jobs.submit(work, lambda r: self._on_loaded(gen, r), self._on_failed)

    def _on_failed(self, exc: Exception) -> None:
        self.say("error", exception_text(exc))

    def _on_loaded(self, gen: int, result: tuple[list[dict[str, Any]], list[bool | None]]) -> None:
        if gen != self._gen:
            return
        self.clips, self.hashes = result
        self.table.setRowCount(len(self.clips))
        for i, (c, ok) in enumerate(zip(self.clips, self.hashes, strict=True)):
            if ok is None:
                hash_text = self.tr("— not on this PC")
            elif ok:
                hash_text = self.tr("✔ matches the chain")
            else:
                hash_text = self.tr("✖ CHANGED since it was recorded")
            cells = [
                c["station"],
                c["operator"],
                local_time(dt.datetime.fromisoformat(c["started_at"])),
                self.tr("{s} s").format(s=f"{c['duration_s']:.1f}"),
                state_text(c.get("state", "")),
                hash_text,
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if (j == 5 and ok is False) or (j == 4 and c.get("state") == "incomplete"):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, j, item)
        self.clips_loaded.emit(len(self.clips))
        if not self.clips:
            self.where.setText(self.tr("No packing video of this parcel."))
            return
        self.export_button.setEnabled(any(c.get("reachable") for c in self.clips))
        self.table.setCurrentCell(len(self.clips) - 1, 0)  # the latest clip

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.clips[row] if 0 <= row < len(self.clips) else None

    def _on_table_current_cell_changed(self, row: int, *_: int) -> None:
        self.player.stop()
        self.frames.clear()
        c = self.current()
        if c is None:
            return
        reachable = bool(c.get("reachable"))
        self.play_button.setEnabled(reachable)
        if not reachable:
            self.player.setSource(QUrl())
            if c.get("expired_at"):
                self.where.setText(
                    self.tr("This clip was deleted by retention on {at}.").format(
                        at=local_time(dt.datetime.fromisoformat(c["expired_at"]))
                    )
                )
            else:
                self.where.setText(
                    self.tr(
                        "The file is kept on station {station} (PC {host}), whose clip folder"
                        " this PC does not reach: open it there, or share the folder."
                    ).format(station=c["station"], host=c.get("host", ""))
                )
            return
        self.where.setText(Path(c["file"]).name)
        self.player.setSource(QUrl.fromLocalFile(c["file"]))
        gen, path = self._gen, c["file"]
        started = dt.datetime.fromisoformat(c["started_at"]).timestamp()
        self._jobs.submit(
            lambda: key_frames(path, started),
            lambda frames: self._on_frames(gen, path, frames),
            self._on_failed,
        )

    def _on_frames(self, gen: int, path: str, frames: list[KeyFrame]) -> None:
        c = self.current()
        if gen != self._gen or c is None or c.get("file") != path:
            return
        self.frames.clear()
        for k in frames:
            image = QImage.fromData(k.jpeg, "JPEG")
            at = fmt.time(dt.datetime.fromtimestamp(k.at, dt.UTC), seconds=True)
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), at)
            item.setData(Qt.ItemDataRole.UserRole, k.offset_s)
            item.setToolTip(self.tr("{s} s into the clip").format(s=f"{k.offset_s:.1f}"))
            self.frames.addItem(item)
        self.frames_loaded.emit(len(frames))

    # --- playing -------------------------------------------------------------------------------

    def _on_play_button_clicked(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _on_player_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _on_frames_item_activated(self, item: QListWidgetItem) -> None:
        """A key frame clicked: the player jumps there."""
        offset = float(item.data(Qt.ItemDataRole.UserRole) or 0.0)
        self.player.setPosition(int(offset * 1000))
        if self.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState:
            self.player.play()

    # --- export for an appeal -----------------------------------------------------------------

    def _on_export_button_clicked(self) -> None:
        if not self.key:
            return
        folder = self.export_dir or QFileDialog.getExistingDirectory(
            self, self.tr("Export the packing video for an appeal")
        )
        if not folder:
            return
        key, db = self.key, self.db
        self.say("info", self.tr("Exporting…"))

        def work() -> tuple[str, int, int]:
            result = export_clips(db, key, folder)
            doc = json.loads(Path(result.sidecar).read_text(encoding="utf-8"))
            cut = sum(1 for c in doc.get("clips", []) if c.get("cut"))
            return result.sidecar, len(result.files), cut

        self._jobs.submit(work, self._on_exported, self._on_failed)

    def _on_exported(self, result: tuple[str, int, int]) -> None:
        sidecar, files, cut = result
        text = self.tr("%n clip(s) exported to {folder}", "", files).format(
            folder=str(Path(sidecar).parent)
        )
        if cut:
            text += " " + self.tr("(cut to the platform's upload limit; the original is kept)")
        self.say("ok", text)
        self.clip_exported.emit(sidecar)
