"""Helpers of the packing-video tests: decode a clip, read the QR codes of its frames."""

from __future__ import annotations

import time
from collections.abc import Callable

import av
import zxingcpp


def decode_frames(path: str) -> list[av.VideoFrame]:
    with av.open(path) as c:
        return list(c.decode(video=0))


def qr_texts(path: str, every: int = 5) -> list[str]:
    """The QR texts read from every ``every``-th frame of the clip at ``path``."""
    out = []
    for i, frame in enumerate(decode_frames(path)):
        if i % every == 0:
            out.extend(r.text for r in zxingcpp.read_barcodes(frame.to_image()))
    return out


def wait_for(cond: Callable[[], bool], timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()
