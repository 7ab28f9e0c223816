"""Backups: SQLite's online backup API (a consistent copy while stations keep working), and
pg_dump / pg_restore (custom format) for a floor's PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from app.db.engine import Database
from app.services.errors import ServiceError


def _pg_env(db: Database) -> tuple[list[str], dict[str, str]]:
    u = make_url(db.url)
    args = ["-h", u.host or "localhost", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = u.password
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    raise ServiceError("tool_missing", tool=name)


def backup(db: Database, out: str | Path) -> Path:
    """Write a consistent copy of the database to ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if db.is_sqlite:
        src_path = make_url(db.url).database
        tmp = out.with_suffix(out.suffix + ".part")
        src = sqlite3.connect(src_path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        tmp.replace(out)
        return out
    u = make_url(db.url)
    args, env = _pg_env(db)
    proc = subprocess.run(
        [_tool("pg_dump"), *args, "-Fc", "-f", str(out), u.database or "postgres"],
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise ServiceError("backup_failed", detail=proc.stderr.strip().splitlines()[-1:])
    return out


def restore(db: Database, src: str | Path) -> None:
    """Replace the database's content with the backup (stations must be stopped)."""
    src = Path(src)
    if not src.exists():
        raise ServiceError("file_not_found", path=str(src))
    if db.is_sqlite:
        db.dispose()
        dst_path = make_url(db.url).database
        s = sqlite3.connect(src)
        try:
            ok = s.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if not ok:
                raise ServiceError("backup_damaged", path=str(src))
            d = sqlite3.connect(dst_path)
            try:
                s.backup(d)
            finally:
                d.close()
        except sqlite3.DatabaseError as exc:
            raise ServiceError("backup_damaged", path=str(src)) from exc
        finally:
            s.close()
        return
    u = make_url(db.url)
    args, env = _pg_env(db)
    db.dispose()
    proc = subprocess.run(
        [
            _tool("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "-d",
            u.database or "postgres",
            str(src),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise ServiceError("restore_failed", detail=proc.stderr.strip().splitlines()[-1:])
