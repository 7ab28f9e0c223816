"""`print waybills`, `reprint` and `void` as scripts use them: JSON out, files, exit codes."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from app.__main__ import main
from app.services.demo import make_demo_data


def _demo(path) -> str:
    from app.db.engine import open_database
    from app.db.migrate import upgrade

    url = f"sqlite:///{path / 'demo.db'}"
    db = open_database(url)
    upgrade(db)
    make_demo_data(db, 40, seed=21)
    db.dispose()
    return url


@pytest.fixture
def demo_url(tmp_path):
    return _demo(tmp_path)


@pytest.fixture(scope="module")
def shared_url(tmp_path_factory):
    """For the refusals, which change nothing."""
    return _demo(tmp_path_factory.mktemp("cli-print"))


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _pages(path) -> list:
    return list(PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_print_waybills_to_a_pdf_prints_the_contract_json(demo_url, tmp_path, capsys):
    out_pdf, slips = tmp_path / "w.pdf", tmp_path / "s.pdf"
    code, out, err = _run(
        capsys,
        "--db",
        demo_url,
        "--operator",
        "1002",
        "print",
        "waybills",
        "--limit",
        "6",
        "--format",
        "100x150",
        "--out",
        str(out_pdf),
        "--slips",
        str(slips),
    )
    assert code == 0, err
    data = json.loads(out)
    assert {"batch", "waybills"} <= set(data)
    assert len(data["waybills"]) == 6
    assert all(set(w) == {"order_no", "waybill_no", "carrier"} for w in data["waybills"])
    pages = _pages(out_pdf)
    assert len(pages) == 6
    assert round(float(pages[0].mediabox.height) * 25.4 / 72) == 150
    assert data["waybills"][0]["order_no"] in pages[0].extract_text()
    assert len(_pages(slips)) >= 6
    assert (tmp_path / "s-picklist.pdf").exists()

    # the same orders are not printed twice; --order retries name them explicitly
    code, out, _ = _run(
        capsys,
        "--db",
        demo_url,
        "print",
        "waybills",
        "--limit",
        "6",
        "--out",
        str(tmp_path / "w2.pdf"),
    )
    assert code == 0
    again = {w["order_no"] for w in json.loads(out)["waybills"]}
    assert not again & {w["order_no"] for w in data["waybills"]}


def test_a_failed_printer_exits_1_and_keeps_the_numbers(demo_url, tmp_path, capsys):
    # an unknown CUPS queue: the printer failed, the numbers stay allocated
    code, out, err = _run(
        capsys, "--db", demo_url, "print", "waybills", "--limit", "2", "--printer", "NO_SUCH_Q"
    )
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and len(data["waybills"]) == 2
    assert "stay allocated" in err and "Traceback" not in err
    nos = [w["order_no"] for w in data["waybills"]]
    code, out, err = _run(
        capsys,
        "--db",
        demo_url,
        "print",
        "waybills",
        "--order",
        *nos,
        "--out",
        str(tmp_path / "retry.pdf"),
    )
    assert code == 0, err
    assert json.loads(out)["waybills"] == data["waybills"]  # the same numbers
    assert len(_pages(tmp_path / "retry.pdf")) == 2


def test_reprint_and_void(demo_url, tmp_path, capsys, monkeypatch):
    code, out, _ = _run(
        capsys,
        "--db",
        demo_url,
        "print",
        "waybills",
        "--limit",
        "1",
        "--out",
        str(tmp_path / "w.pdf"),
    )
    wb = json.loads(out)["waybills"][0]["waybill_no"]
    code, out, err = _run(
        capsys,
        "--db",
        demo_url,
        "reprint",
        wb,
        "--reason",
        "模糊",
        "--out",
        str(tmp_path / "r.pdf"),
    )
    assert code == 0, err
    assert json.loads(out)["reason"] == "smudged"
    page = _pages(tmp_path / "r.pdf")[0].extract_text()
    assert "补打" in page

    code, _, err = _run(
        capsys, "--db", demo_url, "--operator", "1001", "void", wb, "--reason", "torn"
    )
    assert code == 2 and "PIN of 1001" in err  # a supervisor's act needs their PIN
    monkeypatch.setenv("PARCELPROOF_PIN", "0000")
    code, _, err = _run(
        capsys, "--db", demo_url, "--operator", "1002", "void", wb, "--reason", "torn"
    )
    assert code == 2 and "may not" in err
    code, out, err = _run(
        capsys, "--db", demo_url, "--operator", "1001", "void", wb, "--reason", "torn"
    )
    assert code == 0, err
    assert json.loads(out)["voided"] is True
    code, _, err = _run(
        capsys,
        "--db",
        demo_url,
        "reprint",
        wb,
        "--reason",
        "lost",
        "--out",
        str(tmp_path / "r2.pdf"),
    )
    assert code == 2 and wb in err


@pytest.mark.parametrize(
    "argv, words",
    [
        (["print", "waybills"], "--out"),
        (["print", "waybills", "--out", "a.pdf", "--printer", "x"], "not allowed"),
        (["print", "waybills", "--format", "A4", "--out", "a.pdf"], "A4"),
        (["print", "waybills", "--limit", "0", "--out", "a.pdf"], "--limit"),
        (["print", "waybills", "--carrier", "NOPE", "--out", "a.pdf"], "NOPE"),
        (["print", "waybills", "--shop", "NOPE", "--out", "a.pdf"], "NOPE"),
        (["print", "waybills", "--out", "/no/such/dir/a.pdf"], "/no/such/dir"),
        (["reprint", "123", "--reason", "", "--out", "a.pdf"], "--reason"),
        (["reprint", "NO-SUCH", "--reason", "lost", "--out", "a.pdf"], "NO-SUCH"),
        (["void", "123", "--reason", "x"], "--operator"),
        (["set-carrier", "NO-SUCH", "--carrier", "SF", "--reason", "faster"], "NO-SUCH"),
        (["set-carrier", "NO-SUCH", "--carrier", "NOPE", "--reason", "faster"], "NOPE"),
        (["set-carrier", "NO-SUCH", "--carrier", "SF", "--reason", " "], "--reason"),
    ],
)
def test_usage_errors_exit_2_with_one_line(shared_url, tmp_path, capsys, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "--db", shared_url, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_set_carrier_then_print_with_it(demo_url, tmp_path, capsys):
    from app.db.engine import open_database
    from app.services.waybills import preview_batch

    db = open_database(demo_url)
    line = next(li for li in preview_batch(db, limit=40) if li.carrier != "SF")
    db.dispose()
    code, out, err = _run(
        capsys,
        "--db",
        demo_url,
        "set-carrier",
        line.order_no,
        "--carrier",
        "SF",
        "--reason",
        "buyer_asked",
    )
    assert code == 0, err
    assert json.loads(out) == {
        "changed": [{"order_no": line.order_no, "from": line.carrier, "to": "SF"}]
    }
    code, out, err = _run(
        capsys,
        "--db",
        demo_url,
        "print",
        "waybills",
        "--order",
        line.order_no,
        "--out",
        str(tmp_path / "w.pdf"),
    )
    assert code == 0, err
    assert json.loads(out)["waybills"][0]["carrier"] == "SF"


@pytest.mark.parametrize("status", ["handed_over", "shipped"])
def test_reprint_after_handover_needs_force_and_is_recorded_forced(
    demo_url, tmp_path, capsys, status
):
    from sqlalchemy import select

    from app.db.engine import open_database
    from app.db.models import Event, Order

    code, out, _ = _run(
        capsys,
        "--db",
        demo_url,
        "print",
        "waybills",
        "--limit",
        "1",
        "--out",
        str(tmp_path / "w.pdf"),
    )
    wb = json.loads(out)["waybills"][0]["waybill_no"]
    db = open_database(demo_url)
    with db.write() as s:  # the parcel went out with the courier
        s.scalars(select(Order).where(Order.waybill_no == wb)).one().status = status
    again = ["--db", demo_url, "reprint", wb, "--reason", "lost", "--out", str(tmp_path / "r.pdf")]
    code, out, err = _run(capsys, *again)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and wb in err and "--force" in err
    assert not (tmp_path / "r.pdf").exists()

    code, out, err = _run(capsys, *again, "--force")
    assert code == 0, err
    assert (tmp_path / "r.pdf").exists()
    with db.read() as s:
        detail = s.scalars(select(Event.detail).where(Event.kind == "reprinted")).one()
    db.dispose()
    assert detail["forced"] is True and detail["status"] == status
