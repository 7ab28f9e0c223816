"""The weighing verdict box and the scanning stations' status line speak one colour code:
green for OK, the same red for a hold as for a refusal, the same dark red for a stop."""

from __future__ import annotations

from app.ui.desks import scan as scan_station
from app.ui.desks.weigh import station as weigh_station


def test_a_hold_at_the_scale_is_the_red_of_a_refusal_at_the_scanning_stations():
    scan, weigh = scan_station.COLOURS, weigh_station.COLOURS
    assert weigh["hold"] == scan["error"] and weigh["busy"] == scan["info"]
    for kind in ("ok", "stop", "warn"):
        assert weigh[kind] == scan[kind], kind
    assert not hasattr(weigh_station, "_Err")  # its refusals are the services' ServiceError
