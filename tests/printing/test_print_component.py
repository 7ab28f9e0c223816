"""The print-component backend against a local stand-in component that speaks the published
WebSocket protocol: printers listed, one task per document, each document's result back, a
failed document retried with the same number, clear errors when nothing listens or the printer
is unknown."""

from __future__ import annotations

import socket

import pytest

from printing.backends import backend_from_url
from printing.backends.component import (
    ComponentBackend,
    ComponentDocument,
    ComponentError,
    parse_component_url,
)
from tests.printing.component_standin import ComponentStandIn

PRINT_DATA = {
    "encryptedData": "AES:abc",
    "signature": "19d6f7",
    "templateURL": "http://cloudprint.cainiao.com/template/standard/101",
    "ver": "waybill_print_secret_version_1",
}
CUSTOM = {
    "data": {"goods": "记忆棉枕头 ×3", "order_no": "3781245190287600000", "grams": "1,370 g"},
    "templateURL": "http://cloudprint.cainiao.com/template/customArea/440439",
}


@pytest.fixture(params=["cainiao", "pdd"])
def component(request):
    c = ComponentStandIn(request.param)
    c.dialect = request.param
    yield c
    c.close()


def url_of(c, printer="ZTO-Thermal"):
    return f"{c.dialect}+ws://127.0.0.1:{c.port}?printer={printer}"


def test_urls_name_the_component_its_address_and_printer():
    d, target, printer = parse_component_url("cainiao+ws://10.0.0.5:13528?printer=ZTO%20A")
    assert (d.platform, target, printer) == ("cainiao", "ws://10.0.0.5:13528", "ZTO A")
    d, target, _ = parse_component_url("pdd+wss://?printer=P")
    assert (d.platform, target) == ("pdd", "wss://127.0.0.1:18653")
    assert isinstance(backend_from_url("douyin+ws://127.0.0.1:13888"), ComponentBackend)
    with pytest.raises(ValueError):
        parse_component_url("kuaishou+ws://127.0.0.1:16888")


def test_documents_print_one_task_each_and_their_results_come_back(component):
    b = ComponentBackend(url_of(component))
    names, default = b.printers()
    assert names == ["ZTO-Thermal"] and default == "ZTO-Thermal"
    docs = [ComponentDocument(f"7700000000{i}", (PRINT_DATA, CUSTOM)) for i in range(3)]
    component.fail_documents = {"77000000001"}
    out = b.print_documents(docs)
    assert [(o.document_id, o.ok) for o in out] == [
        ("77000000000", True), ("77000000001", False), ("77000000002", True),
    ]  # fmt: skip
    assert out[1].status == "failed" and out[1].message == "缺纸"
    assert len(component.tasks) == 3 and all(len(t["documents"]) == 1 for t in component.tasks)
    # the platform's print data went untouched, our custom area beside it
    assert component.tasks[0]["documents"][0]["contents"] == [PRINT_DATA, CUSTOM]
    # the failed one again, with the same number
    component.fail_documents = set()
    (again,) = b.print_documents([docs[1]])
    assert again.ok and component.printed[-1] == ("ZTO-Thermal", "77000000001")


def test_an_unknown_printer_or_a_refused_task_prints_nothing(component):
    with pytest.raises(ComponentError) as e:
        ComponentBackend(url_of(component, "Nope")).print_documents(
            [ComponentDocument("1", (PRINT_DATA,))]
        )
    assert e.value.code == "unknown_printer" and not component.tasks
    component.refuse_next = True
    (out,) = ComponentBackend(url_of(component)).print_documents(
        [ComponentDocument("2", (PRINT_DATA,))]
    )
    assert not out.ok and out.status == "refused" and not component.printed


def test_a_component_that_is_not_running_is_named(component):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here
    b = ComponentBackend(f"cainiao+ws://127.0.0.1:{port}?printer=X", timeout=2)
    with pytest.raises(ComponentError) as e:
        b.printers()
    assert e.value.code == "not_running" and "菜鸟打印组件" in str(e.value)
    assert not b.send(b"%PDF").ok  # our PDFs never go to a component


def test_a_result_that_never_comes_is_said(component):
    component.silent = True
    b = ComponentBackend(url_of(component), result_timeout=0.5)
    (out,) = b.print_documents([ComponentDocument("3", (PRINT_DATA,))])
    assert not out.ok and out.status == "no_answer"


def test_a_preview_is_drawn_by_the_component_and_nothing_printed(component):
    """``task.preview``: the component answers a previewURL on its own host (here written
    ``localhost``), which is fetched; nothing is printed."""
    b = ComponentBackend(url_of(component))
    drawn = b.preview(ComponentDocument("77000000009", (PRINT_DATA, CUSTOM)))
    assert drawn.kind == "pdf" and drawn.data.startswith(b"%PDF")
    assert drawn.data == component.preview_pdf
    assert component.previews[0]["preview"] is True and not component.printed
    assert component.previews[0]["documents"][0]["contents"] == [PRINT_DATA, CUSTOM]
