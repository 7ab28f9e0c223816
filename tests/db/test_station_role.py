"""Least privilege on PostgreSQL: the stations' role (``parcelproof db grant-station``) does
the floor's work, only adds to the evidence, owns nothing and cannot switch a guard off."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app.__main__ import main
from app.db.chain import verify_chain
from app.db.engine import open_database
from app.db.migrate import upgrade
from app.db.models import EVIDENCE_TABLES, Base, Event, Weighing
from app.db.roles import READ_ONLY_TABLES, STATION_WRITES, grant_station, station_roles
from app.services.handover import close_cart, open_cart, scan_parcel
from tests.floor import printed_parcels, status_of, verify, weigh
from tests.pgroles import STATION_PASSWORD, STATION_ROLE, owner_database, station_url

pg = pytest.mark.postgres


def test_every_table_has_a_station_grant_decided():
    """A new table must say what a station may do to it (app/db/roles.py)."""
    decided = set(EVIDENCE_TABLES) | set(STATION_WRITES) | set(READ_ONLY_TABLES)
    assert set(Base.metadata.tables) - decided == set()
    assert not set(EVIDENCE_TABLES) & set(STATION_WRITES)


@pytest.fixture
def owner_url(pg_server_url):
    from tests.conftest import _pg_database

    url = _pg_database(pg_server_url)
    owner = open_database(url)
    upgrade(owner)
    owner.dispose()
    return url


@pytest.fixture
def station(owner_url):
    db = open_database(station_url(owner_url))
    yield db
    db.dispose()


@pg
def test_the_station_role_prints_verifies_weighs_and_hands_over(station):
    with station.read() as s:
        assert s.execute(text("SELECT current_user")).scalar_one() == STATION_ROLE
    parcels = printed_parcels(station, 6, seed=5)
    for p in parcels:
        verify(station, p.order_id)
        weigh(station, p.order_id)
    carrier = parcels[0].carrier
    mine = [p for p in parcels if p.carrier == carrier]
    cart = open_cart(station, carrier, operator="1006", station="交接 1")
    for p in mine:
        r = scan_parcel(station, cart, p.waybill_no, operator="1006", station="交接 1")
        assert r.verdict == "accepted", r
    close_cart(station, cart, courier_name="王师傅", operator="1006", station="交接 1")
    assert {status_of(station, p.order_id) for p in mine} == {"handed_over"}
    with station.read() as s:
        assert verify_chain(s).intact
        assert s.scalar(select(func.count()).select_from(Weighing)) == len(parcels)
        owned = s.execute(
            text(
                "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                "WHERE r.rolname = current_user"
            )
        ).scalar_one()
    assert owned == 0  # owns nothing


TAMPERING = {
    "update": "UPDATE {t} SET id = id",
    "delete": "DELETE FROM {t}",
    "truncate": "TRUNCATE {t} CASCADE",
    "disable trigger": "ALTER TABLE {t} DISABLE TRIGGER {t}_append_only",
    "disable all triggers": "ALTER TABLE {t} DISABLE TRIGGER ALL",
    "drop": "DROP TABLE {t} CASCADE",
}


@pg
@pytest.mark.parametrize("table", EVIDENCE_TABLES)
def test_the_station_role_cannot_alter_the_evidence(station, table):
    parcels = printed_parcels(station, 2, seed=9)
    verify(station, parcels[0].order_id)
    weigh(station, parcels[0].order_id)
    with station.read() as s:
        before = s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        head = verify_chain(s).head
    refused = {}
    for what, stmt in TAMPERING.items():
        with pytest.raises(Exception) as caught, station.engine.begin() as c:  # noqa: PT011
            c.exec_driver_sql(stmt.format(t=table))
        refused[what] = str(caught.value.orig)
    for what, message in refused.items():
        assert "permission denied" in message or "must be owner" in message, (what, message)
    with station.read() as s:
        assert s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == before
        rep = verify_chain(s)
        assert rep.intact and rep.head == head


@pg
def test_the_station_role_has_no_ddl(station):
    for stmt in (
        "CREATE TABLE mine (id int)",
        "ALTER TABLE orders ADD COLUMN x int",
        "DROP TABLE orders CASCADE",
        "TRUNCATE orders CASCADE",
        "DELETE FROM orders",
        "UPDATE alembic_version SET version_num = '0001'",
        "DROP FUNCTION parcelproof_append_only() CASCADE",
    ):
        refused = pytest.raises(Exception, match="permission denied|must be owner")  # noqa: PT011
        with refused, station.engine.begin() as c:
            c.exec_driver_sql(stmt)


@pg
def test_grant_station_on_the_command_line(owner_url, capsys):
    import json

    role = "pp_station_cli"
    assert main(["--db", owner_url, "db", "grant-station", role, "--password", "s3cret"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["role"] == role and done["created"] is True
    assert set(done["append_only"]) == set(EVIDENCE_TABLES)
    assert done["writes"]["orders"] == ["SELECT", "INSERT", "UPDATE"]
    # run again: the same role, updated, not a second one
    assert main(["--db", owner_url, "db", "grant-station", role]) == 0
    assert json.loads(capsys.readouterr().out)["created"] is False
    owner = open_database(owner_url)
    with owner.engine.connect() as c:
        assert role in station_roles(c)
        verifier = c.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role}
        ).scalar_one()
    owner.dispose()
    assert verifier.startswith("SCRAM-SHA-256$4096:")  # the password never travelled plain

    # the owner's own login cannot be the stations' role
    me = make_url(owner_url).username
    assert main(["--db", owner_url, "--lang", "en", "db", "grant-station", me]) == 2
    assert "owns nothing" in capsys.readouterr().err
    assert main(["--db", owner_url, "--lang", "en", "db", "grant-station", "Robert'); DROP"]) == 2
    assert "cannot be a role name" in capsys.readouterr().err


@pg
def test_a_station_does_not_migrate_and_says_the_owner_must(pg_server_url, capsys):
    from tests.conftest import _pg_database

    url = _pg_database(pg_server_url)
    owner = open_database(url)
    upgrade(owner, "0002")  # a floor whose server is still at an older program's schema
    grant_station(owner, STATION_ROLE, STATION_PASSWORD)
    station = make_url(url).set(username=STATION_ROLE, password=STATION_PASSWORD)
    station_text = station.render_as_string(hide_password=False)

    assert main(["--db", station_text, "--lang", "en", "db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert "owner must run `parcelproof db upgrade` first" in err and STATION_ROLE in err
    assert "Traceback" not in err
    assert main(["--db", station_text, "--lang", "en", "verify-log"]) == 2
    assert "owner must run" in capsys.readouterr().err

    # the owner migrates; the stations' role gets the grants on the new tables with it
    upgrade(owner)
    owner.dispose()
    assert main(["--db", station_text, "db", "upgrade"]) == 0  # at head: nothing to do
    capsys.readouterr()
    db = open_database(station_text)
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM dispute_cases")).scalar_one() == 0
    db.dispose()
    assert main(["--db", station_text, "verify-log"]) == 0


@pg
def test_a_privilege_refusal_on_the_command_line_is_words(station, capsys):
    printed_parcels(station, 1, seed=3)
    with owner_database(station) as owner, owner.engine.begin() as c:
        c.exec_driver_sql(f"REVOKE INSERT ON events FROM {STATION_ROLE}")
    with station.read() as s:
        order_no = s.scalar(select(func.min(text("order_no"))).select_from(text("orders")))
        events = s.scalar(select(func.count()).select_from(Event))
    rc = main(["--db", station.url, "--lang", "en", "intercept", order_no, "--reason", "退款"])
    err = capsys.readouterr().err
    assert rc == 2
    assert f"refused this to the login {STATION_ROLE}" in err and "events" in err
    assert "Traceback" not in err and "psycopg" not in err
    with station.read() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == events


def test_every_refusal_of_grant_station_has_words_in_both_languages():
    from app.cli.common import ROLE_TEXTS, SCHEMA_TEXTS
    from app.db import roles

    codes = set(re.findall(r"``(\w+)``", roles.RoleRefused.__doc__ or "")) - {"code", "params"}
    assert codes and codes <= set(ROLE_TEXTS["en"]) == set(ROLE_TEXTS["zh_CN"])
    assert set(SCHEMA_TEXTS["en"]) == set(SCHEMA_TEXTS["zh_CN"])


@pg
def test_an_owner_who_is_not_a_superuser_sets_up_the_floor(pg_server_url, capsys):
    """The usual floor: the database belongs to a login that may create roles, not to a
    superuser; it migrates and grants, and the stations' role works and cannot tamper."""
    import uuid

    import psycopg

    u = make_url(pg_server_url)
    name = f"pp_floor_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, dbname="postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'pp_floor_owner'").fetchone():
            conn.execute("CREATE ROLE pp_floor_owner LOGIN CREATEROLE")
        conn.execute(f'CREATE DATABASE "{name}" OWNER pp_floor_owner')
    owner = u.set(username="pp_floor_owner", database=name).render_as_string(hide_password=False)
    assert main(["--db", owner, "db", "upgrade"]) == 0
    role = "pp_station_b"
    assert main(["--db", owner, "db", "grant-station", role, "--password", "pw"]) == 0
    capsys.readouterr()
    station = open_database(
        make_url(owner).set(username=role, password="pw").render_as_string(hide_password=False)
    )
    try:
        parcels = printed_parcels(station, 2, seed=4)
        verify(station, parcels[0].order_id)
        weigh(station, parcels[0].order_id)
        assert status_of(station, parcels[0].order_id) == "weighed"
        for stmt in ("ALTER TABLE events DISABLE TRIGGER ALL", "DELETE FROM weighings"):
            refused = pytest.raises(Exception, match="permission denied|must be owner")  # noqa: PT011
            with refused, station.engine.begin() as c:
                c.exec_driver_sql(stmt)
    finally:
        station.dispose()


@pg
def test_a_superuser_cannot_become_the_stations_role(owner_url, capsys):
    db = open_database(owner_url)
    with db.engine.begin() as c:
        if c.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'pp_strong'")).first() is None:
            c.exec_driver_sql("CREATE ROLE pp_strong LOGIN SUPERUSER")
    db.dispose()
    assert main(["--db", owner_url, "--lang", "en", "db", "grant-station", "pp_strong"]) == 2
    assert "superuser" in capsys.readouterr().err
