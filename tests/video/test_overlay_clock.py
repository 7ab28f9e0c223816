"""The overlay's clock is the floor's: the same hour the scan events are shown with."""

from __future__ import annotations

import datetime as dt

import pytest

from app.__main__ import main
from app.domain import floortime
from devices.camera.overlay import OverlayText, local_time_text, zone_of


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/Los_Angeles"])
def test_the_overlay_shows_a_scan_time_as_the_floor_shows_it(zone: str) -> None:
    at = dt.datetime(2026, 3, 8, 10, 30, 15, 400000, tzinfo=dt.UTC)  # a scan event's `at`
    shown = floortime.to_floor(at, floortime.zone_named(zone))
    assert local_time_text(at.timestamp(), zone_of(zone)) == shown.strftime("%Y-%m-%d %H:%M:%S %z")


def test_an_unknown_zone_falls_back_to_the_systems_like_the_stations() -> None:
    assert zone_of("Nowhere/Else") is None
    assert zone_of("") is None
    t = 1_800_000_000.0
    assert local_time_text(t, None) == dt.datetime.fromtimestamp(t).astimezone().strftime(
        "%Y-%m-%d %H:%M:%S %z"
    )


def test_a_frame_carries_the_waybill_as_text_and_qr_code() -> None:
    import numpy as np
    import zxingcpp
    from PIL import Image

    from devices.camera.overlay import Overlay

    ov = Overlay(640, 360, "Asia/Shanghai")
    ov.set_text(OverlayText("YT7788990011", "PDD-1", "打包台 2", "1004"))
    yuv = np.full((360 * 3 // 2, 640), 128, dtype=np.uint8)
    ov.burn(yuv, 1_800_000_000.0)
    img = Image.fromarray(yuv[:360])
    assert [r.text for r in zxingcpp.read_barcodes(img)] == ["YT7788990011"]
    assert yuv[:40, :100].max() == 255  # white text on black at the top left


def test_a_camera_url_nobody_knows_is_refused_at_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--camera", "ftp://camera-1"]) == 2
    assert "--camera" in capsys.readouterr().err
