"""JD's print component (京东打印组件) as a printer, against a local stand-in speaking JD's own
protocol (orderType/key; the PRINT answer is the result): its printers listed, JD's print
data handed over untouched with our custom area beside it, one request per document, a failed
document said with the component's words, bad data refused, an unknown printer or a component
that is not running said before anything is sent. Then a JD shop's batch printed through it."""

from __future__ import annotations

import socket

import pytest

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
