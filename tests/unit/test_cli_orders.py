"""`show` and `intercept` as scripts use them: JSON out, exit codes, the timeline."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.__main__ import main
from app.db.models import Order
from app.services.demo import make_demo_data
from app.services.orders import find_order_ids


@pytest.fixture
def demo_url(tmp_path):
    from app.db.engine import open_database
    from app.db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    db = open_database(url)
    upgrade(db)
    make_demo_data(db, 120, seed=3)
    db.dispose()
    return url


def _first_order(url: str) -> Order:
    from app.db.engine import open_database

    db = open_database(url)
    with db.read() as s:
        o = s.scalars(select(Order).order_by(Order.id)).first()
        s.expunge(o)
    db.dispose()
    return o


def test_show_json_has_the_contract_keys(demo_url, capsys):
    o = _first_order(demo_url)
    assert main(["--db", demo_url, "show", o.order_no, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 1
    story = out[0]
    for key in (
        "order_no",
        "status",
        "waybill_no",
        "carrier",
        "expected_grams",
        "tolerance_grams",
        "lines",
        "weighings",
        "events",
    ):
        assert key in story
    assert story["order_no"] == o.order_no and story["status"] == "paid"
    line = story["lines"][0]
    assert set(line) >= {"sku", "barcode", "name", "qty", "unit_grams", "verified_qty"}
    assert story["expected_grams"] > sum(li["unit_grams"] * li["qty"] for li in story["lines"])


def test_show_by_phone_tail_and_nothing_found(demo_url, capsys):
    o = _first_order(demo_url)
    assert main(["--db", demo_url, "show", o.phone_tail, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert o.order_no in [st["order_no"] for st in out]
    assert all(st["receiver_phone"].endswith(o.phone_tail) for st in out)
    assert main(["--db", demo_url, "show", "does-not-exist", "--json"]) == 1


def test_show_text_masks_the_receiver_and_the_json_keeps_the_stored_values(demo_url, capsys):
    """A person reading the terminal sees 王*雨; the JSON for scripts is the data as stored
    (docs/dev/contract.md: keys unchanged in meaning)."""
    from app.domain.privacy import mask_name

    o = _first_order(demo_url)
    assert main(["--db", demo_url, "show", o.order_no]) == 0
    text = capsys.readouterr().out
    assert mask_name(o.receiver_name) in text and o.receiver_name not in text
    assert main(["--db", demo_url, "show", o.order_no, "--json"]) == 0
    (story,) = json.loads(capsys.readouterr().out)
    assert story["receiver_name"] == o.receiver_name
    assert story["receiver_phone"] == o.receiver_phone


def test_phone_tail_search_uses_longer_tails_to_narrow(demo_db):
    with demo_db.read() as s:
        o = s.scalars(select(Order).order_by(Order.id)).first()
        by4 = find_order_ids(s, o.receiver_phone[-4:])
        by7 = find_order_ids(s, o.receiver_phone[-7:])
        assert o.id in by4 and o.id in by7
        assert set(by7) <= set(by4)
        assert find_order_ids(s, "123") == []  # three digits are too few to search by


def test_intercept_then_show_tells_the_story(demo_url, capsys):
    o = _first_order(demo_url)
    assert (
        main(
            [
                "--db",
                demo_url,
                "--operator",
                "1007",
                "intercept",
                o.order_no,
                "--reason",
                "买家申请退款",
            ]
        )
        == 0
    )
    res = json.loads(capsys.readouterr().out)
    assert res[0]["status"] == "cancelled"
    main(["--db", demo_url, "show", o.order_no, "--json"])
    story = json.loads(capsys.readouterr().out)[0]
    assert story["status"] == "cancelled"
    ev = story["events"][-1]
    assert ev["kind"] == "cancelled" and ev["detail"]["reason"] == "买家申请退款"
    assert ev["operator"] == "1007"
    # a second interception changes nothing and says so
    assert main(["--db", demo_url, "intercept", o.order_no, "--reason", "again"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["outcome"] == "already_cancelled"
    assert main(["--db", demo_url, "verify-log"]) == 0


def test_intercept_usage_errors(demo_url, capsys):
    o = _first_order(demo_url)
    assert main(["--db", demo_url, "intercept", o.order_no, "--reason", "  "]) == 2
    assert main(["--db", demo_url, "intercept", "nope", "--reason", "x"]) == 1
    assert main(["--db", demo_url, "intercept", o.order_no]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_unmigrated_database_is_a_clear_message(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["--db", url, "show", "x"]) == 2
    assert "db upgrade" in capsys.readouterr().err
