"""Schema migrations (Alembic) run from code: ``parcelproof db upgrade`` and the start check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from app.db.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest migration's revision. The start check compares the database with it without
#: loading Alembic (≈0.4 s of a station's start); a test holds it equal to Alembic's head.
HEAD = "0012"


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> str:
    """Create or migrate the schema to ``revision``; returns the revision reached.

    A database a newer program has migrated is left alone (`SchemaMismatch` ``schema_newer``).
    On PostgreSQL only the schema's owner migrates: a station's login (``db grant-station``)
    is told so (``schema_older_station``) and a schema already at head is left as it is. After
    migrating, every station role of the database gets its grants on the tables as they now
    are (`app.db.roles.regrant_stations`), so the stations keep working.
    """
    problem = schema_state(db)
    if problem is not None and problem.code in ("schema_newer", "schema_older_station"):
        raise problem
    if problem is None and revision == "head" and not db.is_sqlite:
        from app.db.roles import may_migrate

        if not may_migrate(db):  # a station at head: nothing to do, nothing it may do
            return HEAD
    from alembic import command

    from app.db.roles import regrant_stations

    cfg = _config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        if conn.dialect.name == "postgresql":
            regrant_stations(conn)
    return current_revision(db) or ""


def revision_autogenerate(db: Database, message: str) -> None:  # developer tool
    from alembic import command

    cfg = _config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)


class SchemaMismatch(Exception):
    """The database's schema is not the one this program was built for.

    ``code`` says which way (the UI and the CLI word it in the user's language): ``schema_missing``
    (no schema yet), ``schema_older`` (run ``parcelproof db upgrade``), ``schema_older_station``
    (older, and this login is a station's, which may not migrate: the owner must) or
    ``schema_newer`` (the database was upgraded by a newer program: this one is too old for
    it). ``params`` holds ``have`` and ``want``, the two revisions, and ``login`` (the
    station's role) for ``schema_older_station``.
    """

    def __init__(
        self, code: str, message: str, *, have: str | None, want: str, login: str = ""
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params = {"have": have or "", "want": want}
        if login:
            self.params["login"] = login


def _known(revision: str) -> bool:
    """Whether this program's migrations contain ``revision`` (else a newer program made it)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def _stamped(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except Exception:  # noqa: BLE001 - no table yet, or another problem: Alembic will say
        return None
    return rows[0][0] if len(rows) == 1 else None


def schema_state(db: Database) -> SchemaMismatch | None:
    """None when the schema is this program's head, else the mismatch (not raised)."""
    if _stamped(db) == HEAD:  # the usual case, answered without Alembic
        return None
    have = current_revision(db)
    want = head_revision()
    if have == want:
        return None
    if have is None:
        return SchemaMismatch(
            "schema_missing",
            "the database has no schema yet: run `parcelproof db upgrade`",
            have=None,
            want=want,
        )
    if not _known(have):
        return SchemaMismatch(
            "schema_newer",
            f"the database schema is at {have}, newer than this program ({want}): "
            "this program is older than the database; update this station",
            have=have,
            want=want,
        )
    from app.db.roles import current_login, may_migrate

    if not may_migrate(db):
        login = current_login(db)
        return SchemaMismatch(
            "schema_older_station",
            f"the database schema is at {have}, this program needs {want}; {login} may not "
            "change the schema: the database's owner must run `parcelproof db upgrade` first",
            have=have,
            want=want,
            login=login,
        )
    return SchemaMismatch(
        "schema_older",
        f"the database schema is at {have}, this program needs {want}: "
        "run `parcelproof db upgrade`",
        have=have,
        want=want,
    )


def check_schema(db: Database) -> None:
    """Raise `SchemaMismatch` with a plain message when the schema is missing or different."""
    problem = schema_state(db)
    if problem is not None:
        raise problem
