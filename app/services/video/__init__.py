"""Packing video (打包视频) services: a station's recorder, clips on the chain, retention,
``video show`` / ``video export`` and verify-log's clip check. See docs/dev/packing-video.md."""

from app.services.video.clips import (
    ClipCheck,
    ClipProblem,
    ExpiredClip,
    ExportResult,
    RecordedClip,
    apply_retention,
    check_clip_files,
    clip_folder,
    clipped_order_ids,
    export_clips,
    record_clip,
    show_clips,
)
from app.services.video.recorder import WARNINGS, RecorderStatus, StationRecorder

__all__ = [
    "WARNINGS",
    "ClipCheck",
    "ClipProblem",
    "ExpiredClip",
    "ExportResult",
    "RecordedClip",
    "RecorderStatus",
    "StationRecorder",
    "apply_retention",
    "check_clip_files",
    "clip_folder",
    "clipped_order_ids",
    "export_clips",
    "record_clip",
    "show_clips",
]
