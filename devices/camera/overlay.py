"""The overlay burned into every frame: waybill, order, station, operator, local time, QR code.

Drawn straight into the frame's YUV 4:2:0 planes: a grey-scale patch (white text on black,
rendered with Pillow once per second, when the clock's second changes) at the top left, and
the QR code of the waybill number (``segno``, black on white with a quiet zone) at the bottom
right. Chroma under both is set to neutral grey. That keeps the cost per frame at two array
copies, which is what lets 1280x720 at 15 fps stay well under half a core.

Labels are not words: the lines are the values themselves (waybill number, order number,
``station · operator``, ``YYYY-MM-DD HH:MM:SS +0800``), so a clip reads the same in every
language and the QR code says what the first line is.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class OverlayText:
    """What the frames show about the parcel in front of the camera (all may be empty)."""

    waybill_no: str = ""
    order_no: str = ""
    station: str = ""
    operator: str = ""


def zone_of(name: str) -> dt.tzinfo | None:
    """The IANA zone ``name`` (``""`` or unknown: the system's local zone, ``None``)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return None


def local_time_text(t: float, zone: dt.tzinfo | None) -> str:
    """``t`` (Unix seconds) as the floor's local time with its offset."""
    when = dt.datetime.fromtimestamp(t, zone) if zone else dt.datetime.fromtimestamp(t).astimezone()
    return when.strftime("%Y-%m-%d %H:%M:%S %z")


def _even(n: int) -> int:
    return n - (n % 2)


def qr_modules(text: str) -> np.ndarray:
    """The QR code of ``text`` as booleans (True: dark), with a 4-module quiet zone."""
    qr = segno.make(text, error="m", micro=False)
    rows = [[bool(v) for v in row] for row in qr.matrix]
    core = np.array(rows, dtype=bool)
    return np.pad(core, 4, constant_values=False)


class Overlay:
    """Burns `OverlayText`, the time and the QR code into ``yuv420p`` frames of one size.

    Used on the capture process's one thread.
    """

    def __init__(
        self,
        width: int,
        height: int,
        zone: str = "",
        font_path: str = "",
        font_index: int = 0,
    ) -> None:
        self.width, self.height = width, height
        self.zone = zone_of(zone)
        size = max(10, height // 24)
        self._font = self._load_font(font_path, font_index, size)
        self._small = self._load_font(font_path, font_index, max(9, size * 3 // 4))
        self._line_h = size + max(2, size // 4)
        self.text = OverlayText()
        self._qr: np.ndarray | None = None  # the Y patch of the QR code
        self._patch: np.ndarray | None = None  # the Y patch of the text
        self._patch_second = -1

    @staticmethod
    def _load_font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
        if path and os.path.isfile(path):
            try:
                return ImageFont.truetype(path, size, index=index)
            except OSError:
                pass
        return ImageFont.load_default(size=size)  # type: ignore[return-value]

    def set_text(self, text: OverlayText) -> None:
        if text == self.text:
            return
        self.text = text
        self._patch_second = -1
        self._qr = self._render_qr(text.waybill_no) if text.waybill_no else None

    def _render_qr(self, waybill_no: str) -> np.ndarray:
        modules = qr_modules(waybill_no)
        n = modules.shape[0]
        # about 40 % of the frame's height: a decoder reads it from a compressed frame
        px = max(3, int(self.height * 0.4) // n)
        patch = np.where(modules, 0, 255).astype(np.uint8)
        patch = np.kron(patch, np.ones((px, px), dtype=np.uint8))
        side = _even(min(patch.shape[0], self.height, self.width))
        return np.ascontiguousarray(patch[:side, :side])

    def _render_text(self, t: float) -> np.ndarray:
        lines = [self.text.waybill_no, self.text.order_no]
        who = " · ".join(p for p in (self.text.station, self.text.operator) if p)
        lines = [line for line in (*lines, who) if line]
        lines.append(local_time_text(t, self.zone))
        pad = max(4, self._line_h // 4)
        fonts = [self._font] * (len(lines) - 1) + [self._small]
        widest = max(int(f.getlength(line)) for f, line in zip(fonts, lines, strict=True))
        w = _even(min(self.width, widest + 2 * pad + 2))
        h = _even(min(self.height, len(lines) * self._line_h + 2 * pad + 2))
        img = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(img)
        for i, (f, line) in enumerate(zip(fonts, lines, strict=True)):
            draw.text((pad, pad + i * self._line_h), line, fill=255, font=f)
        return np.asarray(img, dtype=np.uint8)

    def burn(self, yuv: np.ndarray, t: float) -> None:
        """Draw into ``yuv`` (``yuv420p`` as `av.VideoFrame.to_ndarray` gives it: shape
        ``(height * 3 // 2, width)``) for a frame taken at Unix time ``t``."""
        h, w = self.height, self.width
        y = yuv[:h]
        u = yuv[h : h + h // 4].reshape(h // 2, w // 2)
        v = yuv[h + h // 4 :].reshape(h // 2, w // 2)
        second = int(t)
        if second != self._patch_second or self._patch is None:
            self._patch = self._render_text(t)
            self._patch_second = second
        ph, pw = self._patch.shape
        y[:ph, :pw] = self._patch
        u[: ph // 2, : pw // 2] = 128
        v[: ph // 2, : pw // 2] = 128
        if self._qr is not None:
            side = self._qr.shape[0]
            y0, x0 = _even(h - side), _even(w - side)
            y[y0 : y0 + side, x0 : x0 + side] = self._qr
            u[y0 // 2 : (y0 + side) // 2, x0 // 2 : (x0 + side) // 2] = 128
            v[y0 // 2 : (y0 + side) // 2, x0 // 2 : (x0 + side) // 2] = 128
