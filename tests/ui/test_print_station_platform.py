"""The print station on a floor with a Taobao shop's Cainiao account: the account's balance and
the component's state and printers shown, a batch printed through the (stand-in) Cainiao print
component in batch order, a failed document retried with the same number, a component that is
not running named in the operator's words."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import Order
from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.services.platform_print import COMPONENTS_SETTING, PRINTERS_SETTING
from app.settings import Settings
from app.ui.desks.print.station import PrintStation
from app.ui.kit.context import StationContext
from app.ui.shell.i18n import install_translators
from tests.platforms.gateway import TopGateway, save_account
from tests.printing.component_standin import ComponentStandIn

WAIT = 30_000
SHOP = "棉眠家纺旗舰店"


@pytest.fixture(autouse=True)
def station_key(monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())


@pytest.fixture
def floor(qtbot, qapp, sqlite_db, tmp_path):
    install_translators(qapp, "en")
    gw = TopGateway(secret="top-secret-value", session="tok")
    gw.balance = 120
    comp = ComponentStandIn("cainiao", printers=("ZTO 热敏", "Office"))
    make_demo_data(sqlite_db, 40, seed=5)
    save_account(sqlite_db, gw, SHOP)
    settings = Settings(lang="en")
    settings.extra[COMPONENTS_SETTING] = {"cainiao": f"127.0.0.1:{comp.port}"}
    ctx = StationContext(
        db=sqlite_db,
        operator=find_operator(sqlite_db, "1002"),
        settings=settings,
        station_name="print-1",
        demo=True,
        extras={"pdf_folder": str(tmp_path / "pdf")},
    )
    w = PrintStation(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    panel = w.platform_panel
    qtbot.waitUntil(lambda: panel._remote is not None, timeout=WAIT)
    yield w, gw, comp
    gw.close()
    comp.close()
    install_translators(qapp, "en")


def _idle(qtbot, w):
    qtbot.waitUntil(
        lambda: not w._jobs.busy and not w._printing and not w.platform_panel._loading,
        timeout=WAIT,
    )


def _cell(w, col: int) -> str:
    return w.platform_panel.table.item(0, col).text()


def test_the_account_its_balance_and_the_components_printers_are_shown(qtbot, floor):
    w, gw, comp = floor
    panel = w.platform_panel
    assert panel.isVisible() and panel.table.rowCount() == 1
    assert (_cell(w, 0), _cell(w, 1), _cell(w, 2)) == (SHOP, "Cainiao", "ZTO")
    assert _cell(w, 3) == "571001"  # the branch the platform answered
    assert "120" in _cell(w, 4) and "low" in _cell(w, 4)  # under the 500 threshold
    assert "Running low" in panel.warning.text() and "120" in panel.warning.text()
    assert "connected, 2 printers" in _cell(w, 5)
    combo = panel.table.cellWidget(0, 6)
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["ZTO 热敏", "Office"]
    combo.setCurrentIndex(combo.findData("ZTO 热敏"))
    assert w.ctx.settings.extra[PRINTERS_SETTING] == {"cainiao/ZTO": "ZTO 热敏"}
    _idle(qtbot, w)


def test_a_batch_prints_through_the_component_and_a_failed_document_is_retried(qtbot, floor):
    w, gw, comp = floor
    panel = w.platform_panel
    combo = panel.table.cellWidget(0, 6)
    combo.setCurrentIndex(combo.findData("ZTO 热敏"))
    comp.fail_documents = {"7700000000002"}  # paper out on the second label
    with qtbot.waitSignal(w.batch_printed, timeout=WAIT) as sig:
        w.print_batch()
    res = sig.args[0]
    numbers = set(gw.issued.values())
    assert numbers and {w_["waybill_no"] for w_ in res.waybills} >= numbers
    assert not res.ok  # one document failed
    in_batch_order = [x["waybill_no"] for x in res.waybills if x["waybill_no"] in numbers]
    done = [doc for _p, doc in comp.printed]
    assert done == [n for n in in_batch_order if n != "7700000000002"]  # on the ZTO printer
    assert {p for p, _d in comp.printed} == {"ZTO 热敏"}
    _idle(qtbot, w)
    qtbot.waitUntil(lambda: w.retry_button.isEnabled(), timeout=WAIT)
    assert "(1)" in w.retry_button.text()
    comp.fail_documents = set()
    with qtbot.waitSignal(w.batch_printed, timeout=WAIT) as sig:
        w.retry_button.click()
    again = sig.args[0]
    assert again.ok and [x["waybill_no"] for x in again.waybills] == ["7700000000002"]
    assert comp.printed[-1] == ("ZTO 热敏", "7700000000002")
    assert len(gw.issued) == len(numbers)  # the same number, not a second one
    with w._db.read() as s:
        o = s.scalar(select(Order).where(Order.waybill_no == "7700000000002"))
        assert o.status == "printed"
    _idle(qtbot, w)


def test_a_component_that_is_not_running_is_named_and_nothing_is_marked_printed(qtbot, floor):
    w, gw, comp = floor
    comp.close()
    w.shop_combo.setCurrentIndex(w.shop_combo.findText(SHOP))
    w.carrier_combo.setCurrentIndex(w.carrier_combo.findData("ZTO"))
    _idle(qtbot, w)
    with qtbot.waitSignal(w.batch_printed, timeout=WAIT) as sig:
        w.print_batch()
    res = sig.args[0]
    assert not res.ok and res.component_problems[0].code == "not_running"
    assert "Cainiao print component is not running" in w.message.text()
    assert "Nothing was marked printed" in w.message.text()
    with w._db.read() as s:
        statuses = set(
            s.scalars(select(Order.status).where(Order.waybill_no.in_(set(gw.issued.values()))))
        )
    assert statuses == {"paid"}
    _idle(qtbot, w)


def test_a_platform_orders_preview_is_drawn_by_its_component_never_by_us(qtbot, floor):
    """Our own drawing would put the platform's protected receiver on the screen: the label of
    a platform order is previewed by its component; our PDF preview refuses it."""
    from app.services import print_jobs
    from app.services.errors import ServiceError

    w, gw, comp = floor
    with qtbot.waitSignal(w.batch_printed, timeout=WAIT):
        w.print_batch()
    _idle(qtbot, w)
    with w._db.read() as s:
        oid = s.scalar(select(Order.id).where(Order.waybill_no.in_(set(gw.issued.values()))))
    with pytest.raises(ServiceError) as err:
        print_jobs.preview_pdf(w._db, oid)
    assert err.value.code == "needs_component"
    with qtbot.waitSignal(w.preview_shown, timeout=WAIT) as sig:
        w.preview(oid, "platform label")
    assert sig.args[0].isVisible() and len(comp.previews) == 1
    assert comp.previews[0]["preview"] is True
    sig.args[0].close()
    comp.close()  # the component is gone: the station says which program to start
    w.preview(oid, "platform label")
    qtbot.waitUntil(lambda: "not running" in w.message.text(), timeout=WAIT)
    _idle(qtbot, w)
