"""One parcel, one story: the same light weight at the scale (the weighing service the weigh
station records through), on the headless weigh line and at the dispute desk names the same
missing units, with the same "sure / ambiguous / none".

The parcel holds a pillow (410 g), two T-shirts (180 g) and a cable (45 g) and weighs 400 g
light: one pillow (10 g off) or two T-shirts and the cable (5 g off, but three units). Both fit
within the tolerance; the stories must not differ by the door the weight came in through.
"""

from __future__ import annotations

import json
import time

from app.__main__ import main
from app.services.weighing import record_weighing
from devices.simulate import SimulatedScale, SimulatedSerialScanner
from tests.floor import Line, add_order

LINES = [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2), ("ELE-CBL-C1M", 1)]
EXPECTED = 410 + 2 * 180 + 45 + 120 + 20  # goods, carton, filler
LIGHT = EXPECTED - 400


def _desk(url: str, waybill: str, capsys, dest: int | None = None) -> dict:
    argv = ["--db", url, "dispute", waybill, "--json"]
    if dest is not None:
        argv += ["--dest-weight", str(dest)]
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _pairs(suspects) -> list[tuple[str, int]]:
    return sorted((s["sku"], s["qty"]) for s in suspects)


def test_one_light_parcel_gets_the_same_suspects_everywhere(sqlite_db, capsys):
    db = sqlite_db
    for wb in ("WB-SCALE", "WB-LINE", "WB-DEST"):  # three parcels packed alike
        add_order(db, wb, LINES)

    # at the scale: what the weigh station records and shows
    at_scale = record_weighing(db, "WB-SCALE", LIGHT, 1, "1006", "称重台 1")
    assert (at_scale.verdict, at_scale.reason, at_scale.difference_grams) == ("hold", "light", -400)
    scale_story = _pairs(at_scale.as_json()["suspects"])
    # one missing pillow is likelier than three units that happen to add up (both fit: the
    # story says it is not sure, see the end)
    assert scale_story == [("BED-PIL-MEM", 1)]

    # the headless weigh line, its JSON line as a script reads it
    scale = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=0, seed=5)
    scanner = SimulatedSerialScanner()
    line = Line(db.url, scale, scanner)
    try:
        assert line.ready.wait(20), "".join(line.err)
        scanner.scan("WB-LINE")
        scale.place(LIGHT)
        on_line = line.next()
        scale.remove()
        time.sleep(0.3)
    finally:
        line.close()
        scale.close()
        scanner.close()
    assert (on_line["verdict"], on_line["reason"], on_line["grams"]) == ("hold", "light", LIGHT)

    # the dispute desk: the parcel that left light, and one that left complete and came to the
    # destination with the same light weight
    left_light = _desk(db.url, "WB-SCALE", capsys)
    assert (left_light["finding"], left_light["difference_grams"]) == ("short", -400)
    record_weighing(db, "WB-DEST", EXPECTED, 1, "1006", "称重台 1")
    at_dest = _desk(db.url, "WB-DEST", capsys, dest=LIGHT)
    assert (at_dest["dispatch"]["finding"], at_dest["finding"]) == ("consistent", "short")
    assert at_dest["difference_grams"] == -400

    assert _pairs(on_line["suspects"]) == scale_story
    assert _pairs(left_light["suspects"]) == scale_story
    assert _pairs(at_dest["suspects"]) == scale_story
    assert left_light["confidence"] == at_dest["confidence"] == at_scale.explanation.confidence
    assert at_scale.explanation.confidence == "ambiguous"
