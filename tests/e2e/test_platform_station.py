"""The print station of a Taobao shop walked by hand in a real X server (Xvfb 1366×768,
xdotool keys): the platform panel shows the Cainiao account's branch and balance and the print
PC's component; F5 with the focus moved off the scan field prints the batch through the
(stand-in) component, one label fails at the component and is said in words; the language is
switched; the component is stopped and a retry says which program to start; the component is
back and the retry prints the same number. The record is checked after each step; every
step's screenshot is saved (``PARCELPROOF_KEEP_SHOTS=DIR`` keeps them)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from app.db.migrate import upgrade
from app.db.models import Order, PrintJob
from app.services.demo import make_demo_data
from tests.e2e.test_floor_day import Floor, H, W
from tests.e2e.xserver import wait, xvfb
from tests.platforms.gateway import TopGateway, save_account
from tests.printing.component_standin import ComponentStandIn

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)
SHOP = "棉眠家纺旗舰店"
FAILS = "7700000000002"


@pytest.fixture
def walk(tmp_path, monkeypatch):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("PARCELPROOF_KEY", key)
    gw = TopGateway(secret="top-secret-value", session="tok")
    gw.balance = 300
    comp = ComponentStandIn("cainiao", printers=("ZTO 热敏", "Office"))
    db_url = f"sqlite:///{tmp_path / 'floor.db'}"
    keep = os.environ.get("PARCELPROOF_KEEP_SHOTS")
    shots = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="pp-platform-walk-"))
    shots.mkdir(parents=True, exist_ok=True)
    config = tmp_path / "settings.json"
    config.write_text(
        json.dumps(
            {
                "printer": f"file:{tmp_path / 'labels'}/",
                "extra": {
                    "components": {"cainiao": f"127.0.0.1:{comp.port}"},
                    "component_printers": {"cainiao/ZTO": "ZTO 热敏"},
                },
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "labels").mkdir()
    with xvfb(W, H, 340) as env:
        env = {**env, "PARCELPROOF_KEY": key, "PARCELPROOF_CONFIG": str(config)}
        floor = Floor(env, db_url, shots, "")
        upgrade(floor.db)
        make_demo_data(floor.db, 30, seed=5)
        save_account(floor.db, gw, SHOP)
        yield floor, gw, comp
        err = floor.close()
        assert "Traceback" not in "".join(floor.stderr) + err
    gw.close()
    comp.close()


def _statuses(floor: Floor, numbers: set[str]) -> dict[str, str]:
    with floor.db.read() as s:
        return dict(
            s.execute(
                select(Order.waybill_no, Order.status).where(Order.waybill_no.in_(numbers))
            ).all()
        )


def _failed_jobs(floor: Floor) -> int:
    with floor.db.read() as s:
        return len(s.scalars(select(PrintJob).where(PrintJob.result != "ok")).all())


def test_a_print_operator_prints_a_platform_batch_and_retries_by_hand(walk):
    floor, gw, comp = walk
    comp.fail_documents = {FAILS}
    floor.open("print", "1002", "zh_CN")
    wait(lambda: gw.requests, 30, "the balance asked of the platform")
    floor.shot("panel")
    assert floor.geometry()[3] <= H  # the whole station fits the 768-pixel screen

    # the focus moved off the scan field: F5 still prints the batch
    floor.keys("Tab", "Tab", "F5")
    wait(lambda: len(comp.tasks) >= len(gw.issued) > 0, 60, "the batch at the component")
    numbers = set(gw.issued.values())
    wait(lambda: _failed_jobs(floor) == 1, 30, "the failed label recorded")
    floor.shot("one-label-failed")
    st = _statuses(floor, numbers)
    assert st[FAILS] == "paid" and {v for k, v in st.items() if k != FAILS} == {"printed"}

    # the component stops; the retry says which program to start, nothing is marked printed
    port = comp.port
    comp.close()
    floor.click(1235, 220)  # “重打失败的面单（1）”
    wait(lambda: _failed_jobs(floor) == 2, 30, "the retry recorded as failed")
    floor.shot("component-stopped")
    assert _statuses(floor, {FAILS})[FAILS] == "paid"

    # the next worker reads English; the component is back: the retry prints the same number
    floor.close()
    comp2 = ComponentStandIn("cainiao", printers=("ZTO 热敏", "Office"), port=port)
    try:
        floor.open("print", "1002", "en")
        floor.shot("component-back-en")
        floor.click(1235, 220)  # “Retry failed prints (1)”
        wait(lambda: comp2.printed, 30, "the retried label at the component")
        floor.shot("retried-en")
        assert comp2.printed == [("ZTO 热敏", FAILS)]
        assert _statuses(floor, {FAILS})[FAILS] == "printed"
        assert set(gw.issued.values()) == numbers  # no second number
    finally:
        comp2.close()
