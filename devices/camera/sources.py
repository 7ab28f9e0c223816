"""Camera URLs, as FFmpeg (PyAV) opens them.

``v4l2:/dev/videoN`` or a bare ``/dev/videoN``: a USB camera on Linux (V4L2, MJPEG asked for,
at the frame size and rate asked); ``rtsp://…``: an IP camera (over TCP, which survives a lossy
Wi-Fi better than UDP); ``http://…``/``https://…``: MJPEG over HTTP (a ``multipart/x-mixed-
replace`` stream, what cheap IP cameras serve); ``test:``: FFmpeg's moving test pattern
(``testsrc2``) in real time, the demo's camera. Everything else is refused with ``bad_url``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices.errors import DeviceError


@dataclass(frozen=True)
class SourceSpec:
    """What `av.open` is given for a camera URL."""

    url: str  # as the user gave it
    file: str
    format: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    kind: str = ""  # v4l2 / rtsp / mjpeg / test
    live_timeout_s: float | None = 5.0  # a network or device read that hangs this long fails


def parse_source(url: str, width: int = 1280, height: int = 720, fps: int = 15) -> SourceSpec:
    """The FFmpeg input for camera ``url`` (raises `DeviceError` ``bad_url``)."""
    text = (url or "").strip()
    size = f"{width}x{height}"
    if text == "test:" or text.startswith("test:"):
        # `realtime` paces the generator to the wall clock, as a camera would deliver
        graph = f"testsrc2=size={size}:rate={fps},realtime"
        return SourceSpec(text, graph, "lavfi", {}, "test", None)
    if text.startswith("v4l2:") or text.startswith("/dev/video"):
        path = text.removeprefix("v4l2:") or "/dev/video0"
        opts = {"video_size": size, "framerate": str(fps), "input_format": "mjpeg"}
        return SourceSpec(text, path, "video4linux2", opts, "v4l2")
    if text.startswith("rtsp://") or text.startswith("rtsps://"):
        return SourceSpec(text, text, None, {"rtsp_transport": "tcp"}, "rtsp")
    if text.startswith("http://") or text.startswith("https://"):
        return SourceSpec(text, text, "mpjpeg", {}, "mjpeg")
    raise DeviceError(
        "bad_url",
        f"camera {url!r}: use v4l2:/dev/videoN, rtsp://…, http://… (MJPEG) or test:",
        port=url,
    )
