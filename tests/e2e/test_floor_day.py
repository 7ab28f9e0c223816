"""A day on the floor, walked by hand: the real program in a real X server at 1366×768, every
station typed into by xdotool as a keyboard-wedge scanner types, a simulated scale on a real
pty. Each step is checked on the record and on the screen (a screenshot of each is kept in the
test's folder, and the screen's texts are read back through the accessibility-free way: the
database the screen wrote and the title the window shows).

The walk: print a batch (F5); verify an order with a wrong item, one too many, another waybill
mid-order answered by one key, a language switch mid-order, the focus on header buttons (Tab,
Shift+Tab, a click); weigh a complete parcel and a light one; the supervisor releases the light
one with a reason and PIN; it is verified again from zero and weighed again; both are handed to
the courier; the light one is found at the dispute desk by its phone tail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.engine import open_database
from app.db.models import Event, Order, OrderLine
from tests.e2e.xserver import wait, xvfb
from tests.floor import foreign_barcode, goods

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)
BIN = Path(sys.executable).parent / "parcelproof"
ROOT = Path(__file__).resolve().parents[2]
W, H = 1366, 768


@pytest.fixture
def xserver():
    with xvfb(W, H, 300) as env:
        yield env


_GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1], "PNG")
"""


#: the demo operators' PIN (supervisor and admin), given as a scripted start gives it
DEMO_PIN = "0000"


class Floor:
    """The X server, the database and the program's windows, driven like a worker."""

    def __init__(self, env: dict, db_url: str, shots: Path, scale_port: str) -> None:
        self.env = env
        self.db_url = db_url
        self.db = open_database(db_url)
        self.shots = shots
        self.scale_port = scale_port
        self.app: subprocess.Popen | None = None
        self.n = 0
        self.stderr: list[str] = []  # each run's stderr: an expected refusal prints nothing

    # the program ----------------------------------------------------------------------

    def open(
        self,
        station: str,
        operator: str,
        lang: str = "zh_CN",
        *,
        program: list[str] | None = None,
        extra: list[str] | None = None,
    ) -> None:
        """The ``station``'s window, signed in as ``operator``. ``program``: how it is started
        (the installed ``parcelproof`` unless given); ``extra``: more of its arguments."""
        self.close()
        args = [*(program or [str(BIN)]), "--db", self.db_url, "--lang", lang]
        args += ["--station", station, "--operator", operator, *(extra or [])]
        if station == "weigh":
            args += ["--scale", self.scale_port, "--scale-protocol", "stgs"]
        wid = ""

        def window() -> bool:
            nonlocal wid
            r = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "Parcelproof"],
                env=self.env,
                capture_output=True,
                text=True,
            )
            wid = r.stdout.split()[0] if r.stdout.split() else ""
            return bool(wid) or self.app.poll() is not None

        for _attempt in range(3):
            self.app = subprocess.Popen(
                args,
                env={**self.env, "PARCELPROOF_PIN": DEMO_PIN},  # a supervisor's station asks it
                cwd=ROOT if program else None,  # ``python -m app`` imports this checkout's
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            wait(window, 60, f"the {station} station")
            if wid or b"could not connect to display" not in self.app.stderr.read():
                break
            time.sleep(1.0)  # the X server was busy: start the program again
        assert wid, f"the {station} station did not start"
        self.wid = wid
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=self.env, check=False)
        time.sleep(1.0)  # the station's first jobs (lists, the scale)

    def close(self) -> str:
        err = ""
        if self.app is not None:
            assert self.app.poll() is None, self.app.stderr.read().decode()
            self.app.terminate()
            try:
                _, e = self.app.communicate(timeout=10)
                err = e.decode()
            except subprocess.TimeoutExpired:
                self.app.kill()
            self.app = None
            self.stderr.append(err)
        return err

    def geometry(self) -> tuple[int, int, int, int]:
        out = subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", self.wid],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        g = dict(line.split("=", 1) for line in out.split())
        return int(g["X"]), int(g["Y"]), int(g["WIDTH"]), int(g["HEIGHT"])

    # hands ----------------------------------------------------------------------------

    def wedge(self, code: str) -> None:
        """A USB scanner: the code typed 3 ms a key, then Enter."""
        subprocess.run(["xdotool", "type", "--delay", "3", code], env=self.env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=self.env, check=True)

    def keys(self, *keys: str) -> None:
        """A person: keys one by one."""
        for k in keys:
            subprocess.run(["xdotool", "key", "--delay", "120", k], env=self.env, check=True)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "120", text], env=self.env, check=True)

    def click(self, x: int, y: int) -> None:
        subprocess.run(
            ["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"],
            env=self.env,
            check=True,
        )
        time.sleep(0.3)

    def shot(self, name: str) -> Path:
        self.n += 1
        path = self.shots / f"{self.n:02d}-{name}.png"
        subprocess.run(
            [sys.executable, "-c", _GRAB, str(path)], env=self.env, check=True, timeout=60
        )
        return path

    # the record -----------------------------------------------------------------------

    def status(self, order_id: int) -> str:
        with self.db.read() as s:
            return s.get(Order, order_id).status

    def counted(self, order_id: int) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.sum(OrderLine.verified_qty)).where(OrderLine.order_id == order_id)
                )
                or 0
            )

    def events(self, order_id: int) -> list[tuple[str, dict]]:
        with self.db.read() as s:
            return [
                (e.kind, e.detail or {})
                for e in s.scalars(
                    select(Event).where(Event.order_id == order_id).order_by(Event.seq)
                )
            ]

    def verdicts(self, order_id: int) -> list[str]:
        return [d.get("verdict", "") for k, d in self.events(order_id) if k == "scan"]

    def show(self, key: str) -> list[dict]:
        out = subprocess.run(
            [str(BIN), "--db", self.db_url, "show", key, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout)


def test_a_day_on_the_floor(xserver, tmp_path):
    from devices.simulate import SimulatedScale

    db_url = f"sqlite:///{tmp_path / 'floor.db'}"
    subprocess.run(
        [str(BIN), "--db", db_url, "demo-data", "--orders", "16", "--seed", "7"],
        check=True,
        capture_output=True,
    )
    shots = tmp_path / "shots"
    shots.mkdir()
    scale = SimulatedScale("stgs", rate_hz=20, settle_s=0.4, noise_grams=0, seed=1)
    f = Floor(xserver, db_url, shots, scale.port)
    try:
        _walk(f, scale)
        tracebacks = [e for e in f.stderr if "Traceback" in e]
        assert not tracebacks, tracebacks[0]
    finally:
        f.close()
        scale.close()
        if os.environ.get("PARCELPROOF_KEEP_SHOTS"):
            shutil.copytree(shots, os.environ["PARCELPROOF_KEEP_SHOTS"], dirs_exist_ok=True)


def _walk(f: Floor, scale) -> None:
    # --- print a batch: F5 at the print station -------------------------------------------
    f.open("print", "1002")
    x, y, w, h = f.geometry()
    assert (w, h) == (W, H) and (x, y) == (0, 0), "the window fills the 1366×768 screen"
    f.keys("F5")
    wait(lambda: len(goods(f.db)) >= 10, 60, "the batch printed")
    f.shot("print")
    f.close()

    printed = goods(f.db)
    g = next(x for x in printed if not x.serial and x.units >= 3)  # the parcel that goes light
    h = next(x for x in printed if x.order_id != g.order_id and not x.serial)
    wrong = foreign_barcode(f.db, g)
    codes = [code for _sku, qty, code, _s in g.lines for _ in range(qty)]

    # --- verify: wrong item, one too many, another waybill, language switch, header focus --
    f.open("verify", "1004")
    f.wedge(g.waybill_no)
    wait(lambda: f.verdicts(g.order_id)[-1:] == ["opened"], 20, "order opened")
    f.wedge(wrong)
    wait(lambda: f.verdicts(g.order_id)[-1:] == ["wrong_item"], 20, "wrong item refused")
    f.shot("verify-wrong-item")
    # a click on the voice button and Shift+Tab onto the header: scans still count
    f.click(x + w - 400, 29)  # the header's right half: voice / language / stations buttons
    f.keys("shift+Tab")
    f.wedge(codes[0])
    wait(lambda: f.counted(g.order_id) == 1, 20, "first unit counted with the header focused")
    f.keys("Tab")
    f.wedge(codes[1])
    wait(lambda: f.counted(g.order_id) == 2, 20, "second unit counted after Tab")
    # another waybill mid-order: one key answers (2: continue); a scan before it is refused
    f.wedge(h.waybill_no)
    wait(lambda: f.verdicts(g.order_id)[-1:] == ["other_order"], 20, "another waybill")
    f.shot("verify-other-waybill")
    f.wedge(codes[2])
    wait(lambda: f.verdicts(g.order_id)[-1:] == ["awaiting_decision"], 20, "refused, recorded")
    f.keys("2")
    time.sleep(0.5)
    # the language switch mid-order (the header's language button, by its place)
    f.click(x + w - 270, 29)
    time.sleep(1.5)
    f.shot("verify-after-language-switch")
    for n, code in enumerate(codes[2:], start=3):
        f.wedge(code)
        wait(lambda n=n: f.counted(g.order_id) >= n or f.status(g.order_id) == "verified", 20,
              f"unit {n} counted after the switch")  # fmt: skip
    wait(lambda: f.status(g.order_id) == "verified", 20, "g verified")
    # one too many: the next order, its first line scanned once more than it has
    f.wedge(h.waybill_no)
    wait(lambda: f.verdicts(h.order_id)[-1:] == ["opened"], 20, "h opened")
    sku, qty, code, _ = h.lines[0]
    for _ in range(qty + 1):
        f.wedge(code)
    wait(lambda: "extra_unit" in f.verdicts(h.order_id), 20, "one too many refused")
    f.shot("verify-one-too-many")
    for _s, q2, c2, _ in h.lines[1:]:
        for _ in range(q2):
            f.wedge(c2)
    wait(lambda: f.status(h.order_id) == "verified", 20, "h verified")
    f.close()

    # --- weigh: h complete, g light ------------------------------------------------------
    f.open("weigh", "1006")
    wait(lambda: scale.frames_sent > 5, 20, "the scale")
    expected = {}
    for parcel in (h, g):
        f.wedge(parcel.waybill_no)
        time.sleep(1.0)
        ctx = _expected(f, parcel.waybill_no)
        expected[parcel.order_id] = ctx
        grams = ctx if parcel is h else ctx - 400
        scale.place(grams)
        wait(lambda p=parcel: any(k == "weighed" for k, _ in f.events(p.order_id)), 30,
              "weighed")  # fmt: skip
        time.sleep(0.5)
        f.shot(f"weigh-{'ok' if parcel is h else 'light'}")
        scale.remove()
        time.sleep(1.0)
    assert f.status(h.order_id) == "weighed" and f.status(g.order_id) == "held"
    # the light parcel again at the scale: "on hold", not "not verified"
    f.wedge(g.waybill_no)
    wait(lambda: f.events(g.order_id)[-1][0] == "weigh_refused", 20, "refused at the scale")
    assert f.events(g.order_id)[-1][1]["reason"] == "held"
    f.shot("weigh-held-refused")
    f.close()

    # --- holds: the supervisor releases g with a reason and the PIN ------------------------
    f.open("holds", "1001")
    f.wedge(g.waybill_no)
    time.sleep(0.8)
    f.keys("1", "Return")
    time.sleep(0.5)
    f.type("recount")
    f.keys("Return")
    time.sleep(0.3)
    f.type("0000")
    f.keys("Return")
    wait(lambda: f.status(g.order_id) == "printed", 20, "released to verification")
    f.shot("holds-released")
    assert f.counted(g.order_id) == 0
    rel = [d for k, d in f.events(g.order_id) if k == "hold_released"][-1]
    assert rel["recount"] and rel["note"] == "recount"
    f.close()

    # --- verify again from zero, weigh again ------------------------------------------------
    f.open("verify", "1004")
    f.wedge(g.waybill_no)
    wait(lambda: f.verdicts(g.order_id)[-1:] == ["opened"], 20, "g opened for the recount")
    f.shot("verify-recount")
    for code in codes:
        f.wedge(code)
    wait(lambda: f.status(g.order_id) == "verified", 20, "g verified again")
    f.close()
    f.open("weigh", "1006")
    wait(lambda: scale.frames_sent > 5, 20, "the scale")
    f.wedge(g.waybill_no)
    time.sleep(1.0)
    scale.place(expected[g.order_id])
    wait(lambda: f.status(g.order_id) == "weighed", 30, "g weighed OK")
    f.shot("weigh-again-ok")
    scale.remove()
    f.close()

    # --- handover: both parcels on the courier's cart ----------------------------------------
    carrier = f.show(g.order_no)[0]["carrier"]
    same = f.show(h.order_no)[0]["carrier"] == carrier
    f.open("handover", "1006")
    f.wedge(_carrier_code(f, g.order_id))
    time.sleep(1.0)
    f.wedge(g.waybill_no)
    if same:
        f.wedge(h.waybill_no)

    def on_cart(p) -> bool:
        return any(
            d.get("step") == "handover" and d.get("verdict") == "accepted"
            for k, d in f.events(p.order_id)
        )

    wait(lambda: on_cart(g) and (on_cart(h) or not same), 20, "both parcels on the cart")
    f.shot("handover-cart")
    f.keys("F10")  # close: the courier's name first
    time.sleep(0.5)
    f.type("Zhang")
    f.keys("Return")
    time.sleep(1.5)
    f.shot("handover-closing")
    if f.status(g.order_id) != "handed_over":  # parcels of the carrier left behind: asked first
        f.keys("2")
    wait(lambda: f.status(g.order_id) == "handed_over", 30, "handed over")
    time.sleep(1.0)
    f.shot("handover-closed")
    f.close()

    # --- the dispute desk: g found by its phone tail -----------------------------------------
    tail = f.show(g.order_no)[0].get("phone_tail") or _phone_tail(f, g.order_id)
    f.open("dispute", "1007")
    f.type(tail)
    f.keys("Return")
    time.sleep(2.0)
    f.shot("dispute-phone-tail")
    f.close()

    story = f.show(g.order_no)[0]
    kinds = [e["kind"] for e in story["events"]]
    i = kinds.index("hold_released")
    assert "verified" in kinds[:i] and "verified" in kinds[i:] and "weighed" in kinds[i:]
    verdicts = [e["detail"].get("verdict") for e in story["events"] if e["kind"] == "scan"]
    assert {"wrong_item", "other_order", "awaiting_decision"} <= set(verdicts)
    assert [w["verdict"] for w in story["weighings"]][-2:] == ["hold", "ok"]


def _expected(f: Floor, waybill: str) -> int:
    from app.services.weighing import start_weighing

    return start_weighing(f.db, waybill).expected_grams


def _carrier_code(f: Floor, order_id: int) -> str:
    from app.db.models import Carrier

    with f.db.read() as s:
        o = s.get(Order, order_id)
        return s.get(Carrier, o.carrier_id).code


def _phone_tail(f: Floor, order_id: int) -> str:
    with f.db.read() as s:
        return s.get(Order, order_id).phone_tail
