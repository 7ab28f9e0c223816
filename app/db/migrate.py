"""Schema migrations (Alembic) run from code: ``parcelproof db upgrade`` and the start check."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db.engine import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> str:
    """Create or migrate the schema to ``revision``; returns the revision reached."""
    cfg = _config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return current_revision(db) or ""


def revision_autogenerate(db: Database, message: str) -> None:  # developer tool
    cfg = _config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)


class SchemaMismatch(Exception):
    """The database's schema is not the one this program was built for."""


def check_schema(db: Database) -> None:
    """Raise `SchemaMismatch` with a plain message when the schema is missing or different."""
    have = current_revision(db)
    want = head_revision()
    if have is None:
        raise SchemaMismatch("the database has no schema yet: run `parcelproof db upgrade`")
    if have != want:
        raise SchemaMismatch(
            f"the database schema is at {have}, this program needs {want}: "
            "run `parcelproof db upgrade` (or update this station)"
        )
