"""The devices panel's camera tab (摄像头): choose the station's packing-video camera, see it,
try a recording, save it.

The camera: a URL typed in, or one of the USB cameras found (``/dev/video*``) or ``test:`` (the
built-in moving pattern). Frame size and rate. "Start preview" runs the real capture process
(`devices.camera.Camera`, the same path a verify station records through) into a folder of its
own; the preview is its latest frame, taken from the newest closed segment about once a second
(decoded on the job pool), with the capture's state, frame rate and encoder. "Test recording"
records about 5 s through it and reports the clip's size, frames and length. "Save" writes the
camera and its format to this station's settings; the verify and pack desks record from it.
"""

from __future__ import annotations

import glob
import io
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.settings import save_settings
from app.ui.kit.camera import warning_text
from app.ui.kit.context import StationContext
from app.ui.kit.workers import JobRunner
from devices.camera import Camera, CameraStatus, CaptureConfig, make_clip

SIZES = ((640, 360), (640, 480), (1280, 720), (1920, 1080))
TEST_SECONDS = 5.0
PREVIEW_WIDTH = 480


def video_devices() -> list[str]:
    """The USB (V4L2) cameras of this PC, as camera URLs."""
    return [f"v4l2:{p}" for p in sorted(glob.glob("/dev/video*"))]


def latest_frame(folder: str, width: int = PREVIEW_WIDTH) -> bytes | None:
    """The last frame of the newest closed segment in ``folder`` as a JPEG ``width`` wide."""
    import av

    from devices.camera.clips import closed_segments

    segments = closed_segments(folder)
    if not segments:
        return None
    last = None
    try:
        with av.open(str(segments[-1][1])) as c:
            for frame in c.decode(video=0):
                last = frame
    except (av.error.FFmpegError, OSError):
        return None
    if last is None:
        return None
    img = last.to_image()
    img = img.resize((width, max(2, round(img.height * width / img.width))))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80)
    return buf.getvalue()


@dataclass(frozen=True)
class TrialClip:
    bytes: int
    frames: int
    seconds: float
    path: str


def record_trial_clip(camera: Camera, out: Path, seconds: float = TEST_SECONDS) -> TrialClip:
    """Record ``seconds`` through ``camera`` (already started) into ``out`` (job pool)."""
    from devices.errors import DeviceError

    end = time.monotonic() + 20
    while camera.status().state != "recording" and time.monotonic() < end:
        time.sleep(0.1)
    status = camera.status()
    if status.state != "recording":
        raise DeviceError(
            status.error or "camera_unreachable", status.detail, port=camera.config.url
        )
    start = time.time()
    time.sleep(seconds)
    stop = time.time()
    if not camera.wait_segments(stop, 2 * camera.config.segment_s + 2):
        raise DeviceError("camera_lost", camera.status().detail, port=camera.config.url)
    clip = make_clip(camera.config.folder, start, stop, out, camera.config.fps)
    if clip is None:
        raise DeviceError("camera_lost", "no frames were recorded", port=camera.config.url)
    return TrialClip(clip.bytes, clip.frames, clip.duration_s, clip.path)


class _StatusRelay(QObject):
    """Camera statuses from its monitor thread, queued to the GUI thread."""

    status_reported = Signal(object)


class CameraTab(QWidget):
    """The camera tab of the devices panel (see the module's docstring)."""

    preview_shown = Signal()
    test_recorded = Signal(object)  # TrialClip
    settings_saved = Signal(str)

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._jobs = JobRunner(self)
        self.camera: Camera | None = None
        self.status: CameraStatus | None = None
        self._folder: str | None = None
        self._relay = _StatusRelay(self)
        self._relay.status_reported.connect(self._on_camera_status)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._grabbing = False

        self.url_combo = QComboBox()
        self.url_combo.setEditable(True)
        self.url_combo.setMinimumWidth(320)
        self.url_combo.lineEdit().setPlaceholderText(
            self.tr("v4l2:/dev/video0, rtsp://…, http://… (MJPEG) or test:")
        )
        self.find_button = QPushButton(self.tr("Find cameras"))
        self.size_combo = QComboBox()
        for w, h in SIZES:
            self.size_combo.addItem(f"{w} × {h}", f"{w}x{h}")
        self.fps_spin = QSpinBox()
        self.fps_spin.setRange(5, 30)
        self.fps_spin.setSuffix(self.tr(" fps"))
        self.preview_button = QPushButton(self.tr("Start preview"))
        self.test_button = QPushButton(self.tr("Test recording (5 s)"))
        self.save_button = QPushButton(self.tr("Save as this station's camera"))
        self.preview = QLabel(self.tr("No preview"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 9 // 16)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.saved_label = QLabel()

        url_row = QHBoxLayout()
        url_row.addWidget(self.url_combo, 1)
        url_row.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.tr("Camera"), url_row)
        form.addRow(self.tr("Frame size"), self.size_combo)
        form.addRow(self.tr("Frame rate"), self.fps_spin)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.test_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.state_label)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.result_label)
        lay.addWidget(self.saved_label)

        self.find_button.clicked.connect(self.find_cameras)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self._load_settings()

    # --- the form ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self.url_combo.currentText().strip()

    @property
    def frame_size(self) -> tuple[int, int]:
        w, _, h = str(self.size_combo.currentData() or "1280x720").partition("x")
        return int(w), int(h)

    def _load_settings(self) -> None:
        s = self.ctx.settings
        self.find_cameras()
        self.url_combo.setEditText(s.camera or str(self.ctx.extras.get("camera") or ""))
        w, h = s.camera_width, s.camera_height
        i = self.size_combo.findData(f"{w}x{h}")
        if i < 0:
            self.size_combo.addItem(f"{w} × {h}", f"{w}x{h}")
            i = self.size_combo.count() - 1
        self.size_combo.setCurrentIndex(i)
        self.fps_spin.setValue(s.camera_fps)

    def find_cameras(self) -> None:
        typed = self.url
        self.url_combo.clear()
        for url in [*video_devices(), "test:"]:
            self.url_combo.addItem(url, url)
        self.url_combo.setEditText(typed)

    # --- preview -----------------------------------------------------------------------------

    def start_preview(self) -> None:
        if self.camera is not None:
            return
        w, h = self.frame_size
        self._folder = tempfile.mkdtemp(prefix="parcelproof-camera-")
        config = CaptureConfig(
            url=self.url, folder=self._folder, width=w, height=h, fps=self.fps_spin.value()
        )
        relay = self._relay
        self.camera = Camera(config, on_status=relay.status_reported.emit)
        self.camera.start()
        self._timer.start()
        self.preview_button.setText(self.tr("Stop preview"))
        for widget in (self.url_combo, self.size_combo, self.fps_spin, self.find_button):
            widget.setEnabled(False)

    def stop_preview(self) -> None:
        self._timer.stop()
        camera, folder = self.camera, self._folder
        self.camera, self._folder = None, None
        if camera is not None:
            camera.on_status = None
            self._jobs.submit(lambda: _stop_camera(camera, folder), lambda _r: None)
        self.preview_button.setText(self.tr("Start preview"))
        for widget in (self.url_combo, self.size_combo, self.fps_spin, self.find_button):
            widget.setEnabled(True)

    def shutdown(self) -> None:
        """Stop the preview's capture (the panel's close_station): it waits for the process."""
        self._timer.stop()
        camera, folder = self.camera, self._folder
        self.camera = None
        if camera is not None:
            camera.on_status = None
            _stop_camera(camera, folder)

    def _on_preview_button_clicked(self) -> None:
        if self.camera is None:
            self.start_preview()
        else:
            self.stop_preview()

    def _on_camera_status(self, status: CameraStatus) -> None:
        if self.camera is None:
            return
        self.status = status
        if status.error:
            text = "✖ " + warning_text(status.error)
            if status.detail:
                text += f"\n{status.detail}"
            self.state_label.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            text = self.tr("{state} · {fps} fps · {frames} frames · encoder {encoder}").format(
                state=status.state,
                fps=f"{status.fps:.1f}",
                frames=status.frames,
                encoder=status.encoder or "-",
            )
            self.state_label.setStyleSheet("")
        self.state_label.setText(text)

    def _on_timer_timeout(self) -> None:
        if self._grabbing or self._folder is None:
            return
        self._grabbing = True
        folder = self._folder
        self._jobs.submit(lambda: latest_frame(folder), self._on_frame, self._on_frame_failed)

    def _on_frame_failed(self, _exc: Exception) -> None:
        self._grabbing = False

    def _on_frame(self, jpeg: bytes | None) -> None:
        self._grabbing = False
        if jpeg is None or self.camera is None:
            return
        image = QImage.fromData(jpeg, "JPEG")
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview_shown.emit()

    # --- test recording ----------------------------------------------------------------------

    def _on_test_button_clicked(self) -> None:
        self.start_preview()
        camera = self.camera
        assert camera is not None and self._folder is not None
        out = Path(self._folder) / "test-recording.mp4"
        self.test_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Recording 5 seconds…"))
        self._jobs.submit(
            lambda: record_trial_clip(camera, out), self._on_tested, self._on_test_failed
        )

    def _on_tested(self, rec: TrialClip) -> None:
        self.test_button.setEnabled(True)
        per_hour = rec.bytes / max(rec.seconds, 0.1) * 3600
        self.result_label.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        self.result_label.setText(
            "✔ "
            + self.tr(
                "Test clip: {seconds} s, {frames} frames, {kb} KB (about {mb} MB per hour of packing)"
            ).format(
                seconds=f"{rec.seconds:.1f}",
                frames=rec.frames,
                kb=f"{rec.bytes / 1024:.0f}",
                mb=f"{per_hour / 1e6:.0f}",
            )
        )
        self.test_recorded.emit(rec)

    def _on_test_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        code = getattr(exc, "code", "") or "camera_unreachable"
        self.result_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.result_label.setText("✖ " + warning_text(code))

    # --- save --------------------------------------------------------------------------------

    def _on_save_button_clicked(self) -> None:
        s = self.ctx.settings
        s.camera = self.url
        s.camera_width, s.camera_height = self.frame_size
        s.camera_fps = self.fps_spin.value()
        try:
            save_settings(s)
        except OSError as exc:
            self.saved_label.setText(
                "✖ " + self.tr("Could not save the settings: {error}").format(error=exc)
            )
            return
        text = self.tr("Saved: {camera}, {width} × {height}, {fps} fps").format(
            camera=s.camera or self.tr("no camera"),
            width=s.camera_width,
            height=s.camera_height,
            fps=s.camera_fps,
        )
        self.saved_label.setText("✔ " + text)
        self.settings_saved.emit(s.camera)


def _stop_camera(camera: Camera, folder: str | None) -> Any:
    camera.stop()
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
