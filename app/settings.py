"""Typed settings of one station, kept as JSON under the user config dir (platformdirs).

The command line wins over the file: ``--db``, ``--lang``, ``--station``, ``--scale`` only
change this run. Nothing here imports Qt.
"""

from __future__ import annotations

import json
import locale
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
ENV_LANG = "PARCELPROOF_LANG"
ENV_CONFIG = "PARCELPROOF_CONFIG"


@dataclass
class Settings:
    db_url: str = ""
    lang: str = ""
    station: str = ""
    station_name: str = ""
    scale_port: str = ""
    scale_protocol: str = "auto"
    camera: str = ""  # packing video: the station's camera URL ("": none)
    camera_width: int = 1280  # the clips' frame size and rate
    camera_height: int = 720
    camera_fps: int = 15
    printer: str = ""
    label_format: str = "100x180"
    idle_lock_minutes: int = 10
    full_screen: bool = False  # the main window fills the whole monitor (else maximised)
    extra: dict = field(default_factory=dict)


def config_path() -> Path:
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("parcelproof", appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing or damaged file gives the defaults, never a crash."""
    path = path or config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    s = Settings()
    for k, v in data.items():
        if k in known and isinstance(v, type(getattr(s, k))):
            setattr(s, k, v)
    return s


def save_settings(s: Settings, path: Path | None = None) -> None:
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(s), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def choose_language(requested: str | None = None, saved: str = "") -> str:
    """``--lang`` first, then $PARCELPROOF_LANG, the saved setting, then the system locale.

    A Chinese system locale (zh_*) gives zh_CN; anything else gives en.
    """
    for cand in (requested, os.environ.get(ENV_LANG), saved):
        if cand in LANGUAGES:
            return cand
    sys_lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    if not sys_lang:
        try:
            sys_lang = locale.getlocale()[0] or ""
        except ValueError:
            sys_lang = ""
    return "zh_CN" if sys_lang.lower().startswith("zh") else "en"
