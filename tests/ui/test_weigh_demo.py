"""The demo scale's "parcel missing an item" button: for a one-item order packed in
a bag it used to place the bag alone (15 g), which the capture gate takes for an empty
platform, so nothing happened; now the parcel is weighed and held as light."""

from __future__ import annotations

import pytest

from app.domain.weighing import short_parcel_grams
from app.services.operators import find_operator
from app.settings import Settings
from app.ui.desks.weigh.station import WeighStation
from app.ui.kit.context import StationContext
from devices.simulate import SimulatedScale
from tests.floor import add_order

T = 20_000


@pytest.fixture
def demo_station(qtbot, sqlite_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    add_order(sqlite_db, "WB1", [("BED-PIL-MEM", 1)], carton="CTN-BAG-S")  # 410 g in a 15 g bag
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=1, seed=4)
    ctx = StationContext(
        db=sqlite_db,
        operator=find_operator(sqlite_db, "1006"),
        settings=Settings(),
        station_name="称重台 1",
        demo=True,
        extras={"scale": sim},
    )
    w = WeighStation(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.scale_state == "ok" and not w.gate.needs_zero, timeout=T)
    yield w
    w.close_station()
    sim.close()


def test_missing_item_demo_holds_a_one_item_order(qtbot, demo_station):
    w = demo_station
    assert w.demo_light_button.isVisible()
    w.scan_field.setText("WB1")
    w.scan_field.returnPressed.emit()
    qtbot.waitUntil(lambda: w.context is not None, timeout=T)
    with qtbot.waitSignal(w.weighing_recorded, timeout=T) as sig:
        w.demo_light_button.click()
    res = sig.args[0]
    assert res.verdict == "hold" and res.difference_grams < -res.tolerance_grams
    assert w.verdict_kind == "hold"


def test_short_parcel_weight():
    # one pillow in a bag: the empty bag (15 g) would read as an empty platform
    assert short_parcel_grams([(410, 1)], 425, 50) == 41
    # two units: without the heavier one, lighter by the noise asked for
    assert short_parcel_grams([(410, 1), (180, 1)], 730, 50, lighter_by=7) == 313
    # a 45 g cable within a 50 g tolerance: two of three go missing to show it
    assert short_parcel_grams([(45, 3)], 275, 50) == 185
    # goods lighter than the tolerance: no weight the scale would both capture and hold
    assert short_parcel_grams([(45, 1)], 60, 50) is None
