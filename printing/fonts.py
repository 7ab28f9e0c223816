"""The CJK font the PDF documents embed.

Labels must print Chinese, so every PDF embeds a TrueType CJK face. The default is Debian's
WenQuanYi Zen Hei (package ``fonts-wqy-zenhei``), found at run time; nothing is shipped in the
repository. The search order is:

1. ``$PARCELPROOF_CJK_FONT`` (a ``.ttf``/``.ttc`` path; ``path.ttc#N`` picks sub-font N),
2. ``resources/fonts/*.ttf|*.ttc`` next to the package (if someone ships a licensed font there),
3. the well-known system paths in :data:`CANDIDATES`.

reportlab embeds only the glyphs used (a subset, ``FontFile2`` in the PDF), so a 17 MB ``.ttc``
costs a few kilobytes per document. Parsing the file takes ~0.3 s, so the font is loaded once per
process and shared; call :func:`cjk_font_name` from any thread (loading is guarded by a lock).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

#: Family name under which the font is registered with reportlab.
FONT_NAME = "PPCJK"

#: System paths tried in order, with the sub-font index for collections.
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # CFF: reportlab rejects it
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),  # Fedora
)

_RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "fonts"


class FontNotFoundError(RuntimeError):
    """No usable CJK TrueType font on this machine."""


@dataclass(frozen=True)
class FontInfo:
    """The font in use: reportlab name, file and sub-font index."""

    name: str
    path: str
    subfont: int


_lock = threading.Lock()
_font: FontInfo | None = None


def _candidates() -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    env = os.environ.get("PARCELPROOF_CJK_FONT", "").strip()
    if env:
        path, _, idx = env.partition("#")
        out.append((path, int(idx or 0)))
    if _RESOURCES.is_dir():
        for p in sorted(_RESOURCES.iterdir()):
            if p.suffix.lower() in (".ttf", ".ttc"):
                out.append((str(p), 0))
    out.extend(CANDIDATES)
    return out


def load_cjk_font() -> FontInfo:
    """Find, load and register the CJK font once; later calls return the cached result.

    Raises :class:`FontNotFoundError` naming the paths tried and the package to install.
    """
    global _font
    if _font is not None:
        return _font
    with _lock:
        if _font is not None:
            return _font
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        tried: list[str] = []
        for path, idx in _candidates():
            if not os.path.isfile(path):
                tried.append(f"{path} (missing)")
                continue
            try:
                font = TTFont(FONT_NAME, path, subfontIndex=idx)
            except (TTFError, OSError, ValueError) as exc:
                tried.append(f"{path} ({exc})")
                continue
            if ord("中") not in font.face.charToGlyph:
                tried.append(f"{path} (no CJK glyphs)")
                continue
            pdfmetrics.registerFont(font)
            _font = FontInfo(FONT_NAME, path, idx)
            return _font
        raise FontNotFoundError(
            "no CJK TrueType font found for the PDF labels; install the Debian package "
            "'fonts-wqy-zenhei' (apt-get install fonts-wqy-zenhei) or set PARCELPROOF_CJK_FONT "
            "to a .ttf/.ttc file. Tried: " + "; ".join(tried)
        )


def cjk_font_name() -> str:
    """The registered reportlab font name (loads the font on first use)."""
    return load_cjk_font().name


def string_width_mm(text: str, size_mm: float) -> float:
    """Width of ``text`` in the CJK font at an em size of ``size_mm`` millimetres."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, cjk_font_name(), 1000.0) * size_mm / 1000.0
