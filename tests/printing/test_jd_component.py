"""JD's print component (京东打印组件) as a printer, against a local stand-in speaking JD's own
protocol (orderType/key; the PRINT answer is the result): its printers listed, JD's print
data handed over untouched with our custom area beside it, one request per document, a failed
document said with the component's words, bad data refused, an unknown printer or a component
that is not running said before anything is sent. Then a JD shop's batch printed through it."""

from __future__ import annotations

import json
import socket

import pytest
from sqlalchemy import select

from printing.backends import backend_from_url
from printing.backends.component import (
    ComponentBackend,
    ComponentDocument,
    ComponentError,
    JdComponentBackend,
    parse_component_url,
)
from tests.printing.component_standin import ComponentStandIn

TEMPLATE = "https://template-content.jd.com/template-oss?tempCode=jdkd76x130"
CUSTOM = {
    "data": {"goods": "蓝牙耳机 ×1", "order_no": "298761234567", "grams": "230 g"},
    "templateURL": "https://template-content.jd.com/template-open?templateCode=customer002",
}


def jd_data(number: str) -> dict:
    """JD's print data as the waybill client stores it: the standard template and the
    ciphertext of pullData's perPrintData."""
    return {"tempUrl": TEMPLATE, "printData": f"JDENC:{number}:b64cipher=="}


@pytest.fixture
def jd():
    c = ComponentStandIn("jd", printers=("JD 热敏", "Microsoft Print to PDF"))
    yield c
    c.close()


def url_of(c, printer="JD%20%E7%83%AD%E6%95%8F") -> str:
    return f"jd+ws://127.0.0.1:{c.port}?printer={printer}"


def test_jd_urls_route_to_jds_component_at_its_usual_address():
    d, target, printer = parse_component_url("jd+ws://?printer=JD%20A")
    assert (d.platform, target, printer) == ("jd", "ws://127.0.0.1:9113", "JD A")
    b = backend_from_url("jd+ws://10.0.0.7:9113?printer=P")
    assert isinstance(b, JdComponentBackend) and b.target == "ws://10.0.0.7:9113"
    assert isinstance(backend_from_url("JD+WSS://10.0.0.7:9114?printer=P"), JdComponentBackend)
    with pytest.raises(ValueError):  # no wss address of JD's component is known
        backend_from_url("jd+wss://?printer=P")
    with pytest.raises(ValueError):
        ComponentBackend("jd+ws://127.0.0.1:9113")  # the Cainiao protocol is not JD's


def test_the_components_printers_are_listed(jd):
    b = JdComponentBackend(url_of(jd))
    assert b.printers() == (["JD 热敏", "Microsoft Print to PDF"], "")
    jd.list_in = "content"  # an older component: the comma-separated list only
    assert b.printers()[0] == ["JD 热敏", "Microsoft Print to PDF"]


def test_each_document_is_one_print_request_with_jds_data_untouched_and_our_custom_area(jd):
    b = JdComponentBackend(url_of(jd))
    docs = [ComponentDocument(n, (jd_data(n), CUSTOM)) for n in ("JDVA00000000001", "JDVA02")]
    docs.append(ComponentDocument("JDVA03", (jd_data("JDVA03"),)))  # no custom area
    out = b.print_documents(docs)
    assert [(o.document_id, o.ok, o.status) for o in out] == [
        ("JDVA00000000001", True, "success"), ("JDVA02", True, "success"),
        ("JDVA03", True, "success"),
    ]  # fmt: skip
    assert len(jd.tasks) == 3
    first = jd.tasks[0]
    assert first["printName"] == "JD 热敏"
    assert first["tempUrl"] == TEMPLATE
    assert first["printData"] == ["JDENC:JDVA00000000001:b64cipher=="]  # as JD gave it
    assert first["customTempUrl"] == CUSTOM["templateURL"]
    assert first["customData"] == [CUSTOM["data"]]
    assert "customTempUrl" not in jd.tasks[2] and "customData" not in jd.tasks[2]
    assert [d for _p, d in jd.printed] == [d["printData"][0] for d in jd.tasks]


def test_a_failed_document_says_the_components_words_and_prints_again(jd):
    b = JdComponentBackend(url_of(jd))
    docs = [ComponentDocument(n, (jd_data(n),)) for n in ("JDVB01", "JDVB02", "JDVB03")]
    jd.fail_documents = {"JDENC:JDVB02:b64cipher=="}
    out = b.print_documents(docs)
    assert [o.ok for o in out] == [True, False, True]
    assert (out[1].status, out[1].message) == ("failed", "缺纸")
    jd.fail_documents = set()
    (again,) = b.print_documents([docs[1]])
    assert again.ok and jd.printed[-1] == ("JD 热敏", "JDENC:JDVB02:b64cipher==")


def test_bad_data_is_refused_and_nothing_prints(jd):
    b = JdComponentBackend(url_of(jd))
    jd.refuse_next = True  # the component: 502, the data is wrong
    (out,) = b.print_documents([ComponentDocument("JDVC01", (jd_data("JDVC01"),))])
    assert (out.ok, out.status) == (False, "refused") and "数据有误" in out.message
    # another platform's print data is not JD's: not sent at all
    cainiao = {"encryptedData": "AES:abc", "signature": "19", "templateURL": "http://x/101"}
    (out,) = b.print_documents([ComponentDocument("JDVC02", (cainiao,))])
    assert (out.ok, out.status) == (False, "refused")
    assert len(jd.tasks) == 1 and not jd.printed


def test_an_unknown_printer_is_refused_before_anything_is_sent(jd):
    for printer in ("Nope", ""):  # JD's component names no default: one must be given
        with pytest.raises(ComponentError) as e:
            JdComponentBackend(url_of(jd, printer)).print_documents(
                [ComponentDocument("JDVD01", (jd_data("JDVD01"),))]
            )
        assert e.value.code == "unknown_printer" and "京东打印组件" in str(e.value)
    assert not jd.tasks


def test_a_jd_component_that_is_not_running_is_named():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here
    b = JdComponentBackend(f"jd+ws://127.0.0.1:{port}?printer=X", timeout=2)
    with pytest.raises(ComponentError) as e:
        b.print_documents([ComponentDocument("JDVE01", (jd_data("JDVE01"),))])
    assert e.value.code == "not_running"
    assert "京东打印组件 / JD print component (ws://127.0.0.1:" in str(e.value)
    assert not b.send(b"%PDF").ok  # our PDFs never go to a component


def test_an_answer_that_never_comes_is_said(jd):
    jd.silent = True
    b = JdComponentBackend(url_of(jd), result_timeout=0.5)
    (out,) = b.print_documents([ComponentDocument("JDVF01", (jd_data("JDVF01"),))])
    assert (out.ok, out.status) == (False, "no_answer")


JD_SHOP = "数码优选京东店"


class _JdNumbers:
    """JD's waybill service as the stand-in for this test: numbers with JD's print data (the
    waybill client itself is tested in tests/platforms)."""

    def __init__(self) -> None:
        self.issued: dict[str, str] = {}

    def issue(self, code, sender, requests):
        from platforms.waybill import Issued

        out = []
        for r in requests:
            number = self.issued.setdefault(r.object_id, f"JDVA{len(self.issued) + 1:011d}")
            out.append(Issued(r.object_id, number, json.dumps(jd_data(number))))
        return out


def test_a_jd_shops_batch_prints_through_jds_component(sqlite_db, jd, monkeypatch):
    """A JD shop's orders numbered by JD print through ``jd+ws://``: JD's print data as
    stored, one request each; a document the component fails is recorded failed with its
    words and waits with its number for the retry, which prints the same number."""
    from cryptography.fernet import Fernet

    from app.db.models import PrintJob
    from app.services import accounts
    from app.services.accounts import add_account
    from app.services.demo import make_demo_data
    from app.services.print_jobs import find_shop, print_batch, retry_order_nos

    db = sqlite_db
    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())
    make_demo_data(db, 40, seed=5)
    add_account(
        db, shop=JD_SHOP, platform="jd", carrier="JD", app_key="jd-app", app_secret="jd-secret",
        session="jd-token", operator="1008", pin="0000",
    )  # fmt: skip
    jd_api = _JdNumbers()
    monkeypatch.setattr(accounts, "waybill_service", lambda db, account_id: (jd_api, "JD"))
    jd.fail_documents = {jd_data("JDVA00000000002")["printData"]}
    printer = backend_from_url(url_of(jd))
    res = print_batch(
        db, printer, shop_id=find_shop(db, JD_SHOP), carrier="JD", slips=False,
        operator="1002", station="print-1",
    )  # fmt: skip
    numbers = [w["waybill_no"] for w in res.waybills]
    assert len(numbers) >= 2 and set(numbers) == set(jd_api.issued.values())
    assert not res.ok and res.message == "1 document(s) failed at the component"
    assert [t["printData"] for t in jd.tasks] == [[jd_data(n)["printData"]] for n in numbers]
    assert all(t["tempUrl"] == TEMPLATE and t["printName"] == "JD 热敏" for t in jd.tasks)
    with db.read() as s:
        jobs = {
            j.waybill_no: (j.result, j.message, j.printer)
            for j in s.scalars(select(PrintJob).where(PrintJob.document == "waybill"))
        }
    assert jobs["JDVA00000000002"][:2] == ("failed", "缺纸")
    assert all(jobs[n][:2] == ("ok", "") for n in numbers if n != "JDVA00000000002")
    assert jobs[numbers[0]][2] == "jd-component:JD 热敏"
    # the failed one waits with its number; the retry prints that same number
    waiting = retry_order_nos(db)
    (failed_order,) = [w["order_no"] for w in res.waybills if w["order_no"] in waiting]
    jd.fail_documents = set()
    again = print_batch(db, printer, order_nos=[failed_order], slips=False, operator="1002")
    assert again.ok and [w["waybill_no"] for w in again.waybills] == ["JDVA00000000002"]
    assert jd.printed[-1] == ("JD 热敏", jd_data("JDVA00000000002")["printData"])
    assert len(jd_api.issued) == len(numbers)  # no new number for the retry


def test_a_jd_preview_is_the_components_png_and_nothing_printed():
    from tests.printing.component_standin import PNG_1X1

    c = ComponentStandIn("jd", printers=("JD 热敏",))
    try:
        b = backend_from_url(f"jd+ws://127.0.0.1:{c.port}?printer=JD%20%E7%83%AD%E6%95%8F")
        doc = ComponentDocument("JDV1", ({"tempUrl": "http://t", "printData": "CIPHER"},))
        drawn = b.preview(doc)
        assert (drawn.kind, drawn.data) == ("png", PNG_1X1)
        assert c.previews[0]["printData"] == ["CIPHER"] and not c.printed
    finally:
        c.close()
