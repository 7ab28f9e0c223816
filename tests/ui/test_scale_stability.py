"""The devices panel and the weighing station call the same readings stable: both scale
adapters judge with the floor's one rule (`app.domain.stability`)."""

from __future__ import annotations

from app.domain.stability import floor_stability
from app.ui.desks.devices.scale import ScaleLink
from app.ui.desks.weigh.scale import ScaleBridge
from devices.scales.base import Reading


def _reading(grams: int, division: int = 1, stable: bool | None = True) -> Reading:
    return Reading(grams, stable, False, False, None, b"", division)


#: (grams, division): a parcel settling on a scale whose last digit flickers by 2, then moving,
#: then settling again in 5 g divisions, then the indicator's own motion flag
SEQUENCE = (
    [(0, 1)] * 6
    + [(300, 1), (980, 1), (1006, 1), (1000, 1), (1002, 1), (1000, 1), (1002, 1), (1001, 1)]
    + [(1000, 1), (1002, 1), (1000, 1), (1009, 1), (1000, 1)]
    + [(2000, 5), (2010, 5), (2000, 5), (2005, 5), (2010, 5), (2000, 5), (2010, 5)]
)


def _judge(checker) -> list[bool]:
    out = [checker.feed(_reading(g, d), i * 0.15).stable for i, (g, d) in enumerate(SEQUENCE)]
    out.append(checker.feed(_reading(2000, 5, stable=False), len(SEQUENCE) * 0.15).stable)
    return out


def test_the_devices_panel_and_the_weigh_station_call_the_same_readings_stable(qapp):
    panel = ScaleLink("loop://", "stgs")  # not started: no port is opened
    station = ScaleBridge("", "stgs")
    panel_says, station_says = _judge(panel.reader.stability), _judge(station.stability)
    assert panel_says == station_says == _judge(floor_stability())
    # the flicker of two grams is stable for both (the panel once said "stable" only at ±1)
    assert True in panel_says[6:14] and panel_says[-1] is False
