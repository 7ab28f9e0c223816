"""The real verification station in a real X server, typed into by xdotool as a keyboard-wedge
scanner types: a whole order verified, a wrong item and an extra unit refused and recorded, an
intercepted order stopped; then `parcelproof show --json` is read back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Event
from app.services.orders import intercept
from tests.e2e.xserver import wait, xvfb
from tests.floor import foreign_barcode, goods, pick, printed_batch

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)
BIN = Path(sys.executable).parent / "parcelproof"


@pytest.fixture
def xserver():
    with xvfb(1280, 900, 70) as env:
        yield env


def _last_scan(db, order_id):
    with db.read() as s:
        ev = s.scalars(
            select(Event).where(Event.order_id == order_id).order_by(Event.seq.desc()).limit(1)
        ).first()
        return (ev.kind, (ev.detail or {}).get("verdict")) if ev else None


def test_verify_station_under_xvfb(xserver, sqlite_db):
    env = xserver
    db = sqlite_db
    printed_batch(db, n=12)
    g = pick(db, serial=False, lines=2)
    stopped = next(x for x in goods(db) if x.order_id != g.order_id)
    intercept(db, stopped.waybill_no, "买家退款")
    wrong = foreign_barcode(db, g)
    app = subprocess.Popen(
        [str(BIN), "--db", db.url, "--lang", "en", "--station", "verify", "--operator", "1004"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wid = ""

        def window() -> bool:
            nonlocal wid
            r = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "Parcelproof"],
                env=env,
                capture_output=True,
                text=True,
            )
            wid = r.stdout.split()[0] if r.stdout.split() else ""
            return bool(wid)

        wait(window, 60, "the station window")
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=env, check=False)

        def wedge(code: str) -> None:
            subprocess.run(["xdotool", "type", "--delay", "3", code], env=env, check=True)
            subprocess.run(["xdotool", "key", "Return"], env=env, check=True)

        wedge(g.waybill_no)
        wait(lambda: _last_scan(db, g.order_id) == ("scan", "opened"), 30, "order opened")
        wedge(wrong)
        wait(lambda: _last_scan(db, g.order_id) == ("scan", "wrong_item"), 30, "wrong item")
        sku, qty, code, _ = g.lines[0]
        for _ in range(qty):
            wedge(code)
        wedge(code)
        wait(lambda: _last_scan(db, g.order_id) == ("scan", "extra_unit"), 30, "extra unit")
        for _, qty2, code2, _ in g.lines[1:]:
            for _ in range(qty2):
                wedge(code2)
        wait(lambda: _last_scan(db, g.order_id) == ("verified", None), 30, "verified")
        wedge(stopped.waybill_no)
        wait(
            lambda: _last_scan(db, stopped.order_id) == ("intercept_stop", "intercepted"),
            30,
            "interception stop",
        )
        assert app.poll() is None, app.stderr.read().decode() if app.stderr else ""
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()

    def show(key: str) -> dict:
        out = subprocess.run(
            [str(BIN), "--db", db.url, "show", key, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout)[0]

    st = show(g.order_no)
    assert st["status"] == "verified"
    assert [li["verified_qty"] for li in st["lines"]] == [li["qty"] for li in st["lines"]]
    scans = [
        (e["detail"]["code"], e["detail"]["verdict"], e["station"], e["operator"])
        for e in st["events"]
        if e["kind"] == "scan"
    ]
    assert (wrong, "wrong_item") == scans[1][:2] and scans[1][3] == "1004"
    assert (code, "extra_unit") in [s[:2] for s in scans]
    assert scans[-1][1] == "order_complete"
    st = show(stopped.waybill_no)
    assert st["status"] == "cancelled"
    assert st["events"][-1]["kind"] == "intercept_stop"
