"""Packing video (打包视频): cameras, the capture process, the overlay and clip cutting.

FFmpeg through PyAV (``av``): it opens every camera kind the floor has (V4L2, RTSP, MJPEG over
HTTP, FFmpeg's own ``lavfi`` test source), and its wheels bundle FFmpeg with libx264, so no
system FFmpeg is needed. No Qt and no ``app`` here (docs/dev/architecture.md); design notes in
docs/dev/packing-video.md.

- `sources.parse_source`: a camera URL (``v4l2:/dev/video0``, ``rtsp://…``, ``http://…``,
  ``test:``) as what FFmpeg opens.
- `capture.Camera`: the handle the application holds. It runs the capture process (spawned),
  which reads the camera, burns the overlay into every frame, encodes H.264 and writes short MP4
  segments into a folder; it sends `capture.CameraStatus` back and takes overlay text.
- `clips.make_clip`: one parcel's clip cut from the segments (a remux, no re-encoding), with
  its SHA-256, start, end and frame count; `clips.ClipCutter` runs it in a process of its own;
  `clips.cut_for_upload` a copy cut to a length/size.
"""

from devices.camera.capture import Camera, CameraStatus, CaptureConfig
from devices.camera.clips import (
    ClipCutter,
    ClipFile,
    CutFailed,
    cut_for_upload,
    file_sha256,
    make_clip,
)
from devices.camera.overlay import OverlayText
from devices.camera.sources import SourceSpec, parse_source

__all__ = [
    "Camera",
    "CameraStatus",
    "CaptureConfig",
    "ClipCutter",
    "ClipFile",
    "CutFailed",
    "OverlayText",
    "SourceSpec",
    "cut_for_upload",
    "file_sha256",
    "make_clip",
    "parse_source",
]
