"""Least privilege on PostgreSQL: the login role the stations of a floor connect as.

The schema's owner (the login that runs ``parcelproof db upgrade``) owns every table. The
stations connect as a role `grant_station` makes (``parcelproof db grant-station ROLE``): it
owns nothing, so it can neither change the schema nor switch a trigger off (only an owner may
``ALTER TABLE``); it may read every table, only add to the evidence tables (no ``UPDATE``,
``DELETE`` or ``TRUNCATE`` there), and change only the operational tables a station's work
changes (`STATION_WRITES`).

New tables: `app.db.migrate.upgrade` gives every role that already holds station grants in
the database (`station_roles`) the grants again after migrating, so a station keeps working
after the owner upgrades; re-running ``grant-station`` does the same for one role. A table the
migrations add must be named in `STATION_WRITES` or `EVIDENCE_TABLES` (a test holds that);
until then the stations may only read it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from typing import Any

from sqlalchemy import Connection, text

from app.db.engine import Database
from app.db.models import EVIDENCE_TABLES

#: Besides SELECT (every table) and INSERT (every table but ``alembic_version``): what a
#: station's work changes in each operational table. Found by following each service a
#: station calls (import, print, pick, verify, pack, weigh, hand over, the dispute desk, the
#: admin station, the outbox's replay); a table a station only adds to is not named.
STATION_WRITES: dict[str, tuple[str, ...]] = {
    "chain_head": ("UPDATE",),  # the chain's head moves with every event (no INSERT)
    "orders": ("UPDATE",),  # status, waybill number, claim, carton, hold
    "order_lines": ("UPDATE", "DELETE"),  # verified quantity; a re-import replaces them
    "products": ("UPDATE",),  # the admin's edits, learned unit weights
    "product_barcodes": ("DELETE",),  # the admin removes a product's code
    "operators": ("UPDATE",),  # PIN, role, active
    "carriers": ("UPDATE",),
    "shops": ("UPDATE",),
    "stations": (),
    "cartons": (),
    "waybill_pools": (),
    "waybill_numbers": ("UPDATE",),  # a number taken from the pool
    "platform_accounts": ("UPDATE", "DELETE"),  # the admin station's accounts
    "platform_waybills": (),
    "floor_settings": ("UPDATE",),
    "stub_bundles": ("UPDATE",),  # a bundle fills and closes
    "dispute_cases": ("UPDATE",),  # a case is settled
    "video_clips": ("UPDATE",),  # retention marks a clip expired (its deletion is chained first)
    "pin_guards": ("UPDATE",),  # wrong PINs counted, a badge locked and unlocked
}

#: Tables the stations only read.
READ_ONLY_TABLES = ("alembic_version",)

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleRefused(Exception):
    """``grant-station`` cannot make the role: ``code`` and ``params`` (the CLI words them).

    Codes: ``not_postgresql``, ``bad_role_name``, ``role_is_owner`` (the role is the schema's
    owner or may act as it), ``role_too_strong`` (a superuser, a replication role or one
    that bypasses row security), ``role_owns_objects``, ``role_may_create`` (it could still create tables),
    ``grant_refused`` (the owner's login may not create or alter roles).
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(f"{code} {params}")
        self.code = code
        self.params = params


def table_privileges(table: str) -> tuple[str, ...]:
    """What a station may do to ``table``."""
    if table in EVIDENCE_TABLES:
        return ("SELECT", "INSERT")
    if table in STATION_WRITES:
        extra = STATION_WRITES[table]
        base = ("SELECT",) if table == "chain_head" else ("SELECT", "INSERT")
        return base + extra
    return ("SELECT",)


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5803's form, as
    ``psql``'s ``\\password`` makes it): the password itself never travels to the server nor
    lands in its log."""
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _tables(conn: Connection) -> list[str]:
    return list(
        conn.execute(
            text(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                "current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname"
            )
        ).scalars()
    )


def station_roles(conn: Connection) -> list[str]:
    """The roles that hold a station's grants in this database: those, other than the owner,
    that may add to the ``events`` table."""
    return list(
        conn.execute(
            text(
                "SELECT DISTINCT r.rolname FROM pg_class c "
                "CROSS JOIN LATERAL aclexplode(c.relacl) a "
                "JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE c.oid = to_regclass('events') AND a.privilege_type = 'INSERT' "
                "AND a.grantee <> c.relowner ORDER BY 1"
            )
        ).scalars()
    )


def _apply_grants(conn: Connection, role: str) -> dict[str, list[str]]:
    """Give ``role`` exactly the station's privileges on this database's tables."""
    q = _quote(conn, role)
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    database = conn.execute(text("SELECT current_database()")).scalar_one()
    # PUBLIC usually has both already; granting them needs the database's and the schema's
    # owner, who need not be the tables' owner
    if not conn.execute(
        text("SELECT has_database_privilege(:r, current_database(), 'CONNECT')"), {"r": role}
    ).scalar_one():
        conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {_quote(conn, database)} TO {q}")
    if not conn.execute(
        text("SELECT has_schema_privilege(:r, current_schema(), 'USAGE')"), {"r": role}
    ).scalar_one():
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_quote(conn, schema)} TO {q}")
    conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_quote(conn, schema)} FROM {q}")
    conn.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_quote(conn, schema)} FROM {q}")
    granted: dict[str, list[str]] = {}
    for table in _tables(conn):
        privileges = table_privileges(table)
        conn.exec_driver_sql(f"GRANT {', '.join(privileges)} ON {_quote(conn, table)} TO {q}")
        granted[table] = list(privileges)
    # USAGE is what nextval() needs for an id; no SELECT/UPDATE, so no setval()
    conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {_quote(conn, schema)} TO {q}")
    return granted


def _check_role(conn: Connection, role: str) -> None:
    """Refuse a role that is, or may act as, an owner of the schema's tables, or owns
    anything here: such a role could switch the evidence's triggers off."""
    me = conn.execute(text("SELECT current_user")).scalar_one()
    if role == me:
        raise RoleRefused("role_is_owner", role=role)
    row = conn.execute(
        text("SELECT rolsuper, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = :r"),
        {"r": role},
    ).first()
    if row is None:
        return
    if row.rolsuper or row.rolbypassrls or row.rolreplication:
        raise RoleRefused("role_too_strong", role=role)
    acting_as_owner = conn.execute(
        text(
            "SELECT count(*) FROM pg_class c WHERE c.relnamespace = "
            "current_schema()::regnamespace AND pg_has_role(:r, c.relowner, 'MEMBER')"
        ),
        {"r": role},
    ).scalar_one()
    if acting_as_owner:
        owns = conn.execute(
            text(
                "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                "WHERE r.rolname = :r"
            ),
            {"r": role},
        ).scalar_one()
        raise RoleRefused("role_owns_objects" if owns else "role_is_owner", role=role)
    owns_other = conn.execute(
        text(
            "SELECT (SELECT count(*) FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner"
            " WHERE r.rolname = :r) + (SELECT count(*) FROM pg_proc p JOIN pg_roles r"
            " ON r.oid = p.proowner WHERE r.rolname = :r) + (SELECT count(*) FROM pg_class c"
            " JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = :r)"
        ),
        {"r": role},
    ).scalar_one()
    if owns_other:
        raise RoleRefused("role_owns_objects", role=role)


def grant_station(db: Database, role: str, password: str | None = None) -> dict[str, Any]:
    """Create (or update) the login role ``role`` for the stations and give it the station's
    privileges on this database (run as the schema's owner, after ``db upgrade``).

    ``password`` (optional: a server that trusts the stations' network or uses certificates
    needs none) is stored as a SCRAM verifier. Returns what was done, for the CLI's JSON.
    """
    from sqlalchemy.exc import ProgrammingError

    if db.is_sqlite:
        raise RoleRefused("not_postgresql")
    if not _ROLE_NAME.match(role):
        raise RoleRefused("bad_role_name", role=role)
    try:
        with db.engine.begin() as conn:
            _check_role(conn, role)
            q = _quote(conn, role)
            exists = conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first()
            # (ALTER may not name REPLICATION unless a superuser runs it: _check_role
            # refused such a role already)
            attributes = "LOGIN NOCREATEDB NOCREATEROLE"
            if not exists:
                attributes += " NOSUPERUSER NOREPLICATION NOBYPASSRLS"
            if password:
                attributes += f" PASSWORD {_literal(scram_verifier(password))}"
            verb = "ALTER" if exists else "CREATE"
            conn.exec_driver_sql(f"{verb} ROLE {q} {attributes}")
            granted = _apply_grants(conn, role)
            if conn.execute(
                text("SELECT has_schema_privilege(:r, current_schema(), 'CREATE')"), {"r": role}
            ).scalar_one():
                # before PostgreSQL 15 everybody (PUBLIC) may create in schema public
                conn.exec_driver_sql(
                    f"REVOKE CREATE ON SCHEMA {_quote(conn, _schema(conn))} FROM PUBLIC"
                )
                if conn.execute(
                    text("SELECT has_schema_privilege(:r, current_schema(), 'CREATE')"),
                    {"r": role},
                ).scalar_one():
                    raise RoleRefused("role_may_create", role=role)
            database = conn.execute(text("SELECT current_database()")).scalar_one()
    except ProgrammingError as exc:
        detail = str(getattr(exc, "orig", exc) or exc).splitlines()[0]
        raise RoleRefused("grant_refused", role=role, detail=detail) from None
    evidence = [t for t in granted if t in EVIDENCE_TABLES]
    return {
        "role": role,
        "created": not exists,
        "database": database,
        "append_only": evidence,
        "writes": {t: p for t, p in granted.items() if t not in EVIDENCE_TABLES},
    }


def _schema(conn: Connection) -> str:
    return conn.execute(text("SELECT current_schema()")).scalar_one()


def regrant_stations(conn: Connection) -> list[str]:
    """After a migration (on the owner's connection): every station role of this database
    gets the station's privileges on the tables as they now are."""
    roles = station_roles(conn)
    for role in roles:
        _apply_grants(conn, role)
    return roles


def may_migrate(db: Database) -> bool:
    """Whether this login may change the schema: SQLite, no schema yet, or the login is (or
    may act as) the owner of the migrations' own table."""
    if db.is_sqlite:
        return True
    with db.engine.connect() as conn:
        owner_ok = conn.execute(
            text(
                "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
                "WHERE c.oid = to_regclass('alembic_version')"
            )
        ).scalar()
    return owner_ok is None or bool(owner_ok)


def current_login(db: Database) -> str:
    """The role this connection signs in as (for the words of a refusal)."""
    if db.is_sqlite:
        return ""
    with db.engine.connect() as conn:
        return str(conn.execute(text("SELECT current_user")).scalar_one())
