"""Backups: SQLite's online backup API (a consistent copy while stations keep working), and
pg_dump / pg_restore (custom format) for a floor's PostgreSQL server.

A restore cannot destroy (issue #23):

1. The file is checked before anything is touched. It must be a Parcelproof database of a
   schema revision this program knows, and its evidence chain must verify. A SQLite backup
   *is* the database: it is copied to a staging file beside the floor's database and read
   there. A pg_dump file is restored into a scratch database on the same server, read there
   and dropped: that is how its schema revision, event count and chain head are read from
   the dump, and how its chain is verified. An older revision is migrated on the staging
   copy; the floor's database receives the migrated copy.
2. Other connections to the database refuse the restore (SQLite: another process holds the
   database's shared-memory file, see `_sqlite_in_use`; PostgreSQL: other sessions in
   ``pg_stat_activity``), unless forced.
3. The current database is copied first (``kept``): SQLite beside the database file,
   PostgreSQL a pg_dump in ``keep_dir`` (default: the user data dir's ``kept`` folder).
4. Only then is the content replaced, in one transaction (SQLite's backup API on the
   database; ``pg_restore --single-transaction``).

``force`` overrides the chain check and the other connections, never the file checks. It
needs an administrator and their PIN, and the override is recorded on the restored chain as
a ``restore_forced`` event naming that administrator.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from app.db.engine import Database, open_database
from app.services.errors import ServiceError

#: The tables a Parcelproof database has whatever its revision.
_CORE_TABLES = frozenset({"alembic_version", "events", "chain_head", "orders", "operators"})
#: Who may force a restore (administrators; the event names them).
FORCE_ROLES = frozenset({"admin"})


@dataclass(frozen=True)
class BackupInfo:
    """What a backup (or a database) holds: its schema revision and evidence chain."""

    revision: str
    events: int
    head: str
    intact: bool
    problem: str = ""


@dataclass(frozen=True)
class Restored:
    """A restore done: the file, what the database now holds, and the copy kept of the old."""

    path: str
    revision: str
    events: int
    head: str
    kept: str | None
    forced: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "restored": self.path,
            "kept": self.kept,
            "revision": self.revision,
            "events": self.events,
            "head": self.head,
        }
        if self.forced:
            out["forced"] = list(self.forced)
        return out


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


def _last_line(stderr: str) -> str:
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


# --- reading a database ----------------------------------------------------------------------


def describe(db: Database) -> BackupInfo:
    """The schema revision, event count and chain head of a Parcelproof database."""
    from app.db.chain import verify_chain
    from app.db.migrate import current_revision

    revision = current_revision(db) or ""
    with db.read() as s:
        rep = verify_chain(s)
    return BackupInfo(revision, rep.events, rep.head, rep.intact, rep.problem)


def _inspect(candidate: Database, path: Path) -> tuple[BackupInfo, bool]:
    """Check that ``candidate`` (a staged copy of ``path``) is a Parcelproof database of a
    known revision and read it; migrates an older revision. Returns the info and whether it
    was migrated. Raises ``not_a_backup`` / ``backup_newer`` / ``backup_damaged``."""
    from app.db.migrate import _known, current_revision, head_revision, upgrade

    try:
        tables = set(inspect(candidate.engine).get_table_names())
    except Exception as exc:  # noqa: BLE001 - "file is not a database" and its kin
        raise ServiceError("not_a_backup", path=str(path)) from exc
    if not tables >= _CORE_TABLES:
        raise ServiceError("not_a_backup", path=str(path))
    try:
        revision = current_revision(candidate) or ""
    except Exception as exc:  # noqa: BLE001
        raise ServiceError("backup_damaged", path=str(path)) from exc
    if not revision:
        raise ServiceError("not_a_backup", path=str(path))
    if not _known(revision):
        raise ServiceError("backup_newer", path=str(path), revision=revision)
    migrated = False
    if revision != head_revision():
        try:
            upgrade(candidate)
        except Exception as exc:  # noqa: BLE001 - a migration that fails on this content
            raise ServiceError("backup_damaged", path=str(path)) from exc
        migrated = True
    try:
        info = describe(candidate)
    except Exception as exc:  # noqa: BLE001 - rows the models cannot read: damaged
        raise ServiceError("backup_damaged", path=str(path)) from exc
    return info, migrated


# --- backup ----------------------------------------------------------------------------------


def backup(db: Database, out: str | Path) -> Path:
    """Write a consistent copy of the database to ``out``."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServiceError("cannot_write", path=str(out), detail=exc.strerror or "") from None
    if out.is_dir():
        raise ServiceError("cannot_write", path=str(out), detail="is a directory")
    if db.is_sqlite:
        src_path = make_url(db.url).database
        tmp = out.with_suffix(out.suffix + ".part")
        try:
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
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise ServiceError("backup_failed", detail=str(exc)) from None
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
        raise ServiceError("backup_failed", detail=_last_line(proc.stderr))
    return out


def backup_info(path: str | Path, db: Database | None = None) -> BackupInfo | None:
    """The revision and chain of a backup just written (SQLite: read from the file itself);
    None for a pg_dump, whose content is read by `restore` (see the module's notes)."""
    path = Path(path)
    if db is not None and not db.is_sqlite:
        return None
    copy = open_database(f"sqlite:///{path}")
    try:
        return describe(copy)
    finally:
        copy.dispose()
        for suffix in ("-wal", "-shm"):  # the backup is one file: no side files left beside it
            Path(str(path) + suffix).unlink(missing_ok=True)


# --- restore ---------------------------------------------------------------------------------


def _sqlite_in_use(db_path: str) -> bool:
    """Whether another process has the SQLite database open.

    Every connection to a database in WAL mode (every station's) holds a shared lock on the
    "dead man switch" byte of the ``-shm`` file (offset 128, SQLite's unix VFS) for as long as
    it is open. If another process holds it, an exclusive lock on that byte is refused. POSIX
    locks are per process: this process's own connections are closed first (the caller
    disposes its engine), and closing this probe's descriptor would drop this process's
    locks on the file, which is why nothing of ours may be open while it runs.
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no probe
        return False
    shm = Path(db_path + "-shm")
    if not shm.exists():
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True  # cannot even open it: do not pretend nobody uses it
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128, os.SEEK_SET)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128, os.SEEK_SET)
        return False
    finally:
        os.close(fd)


def _pg_sessions(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        )


def _pg_end_sessions(db: Database) -> None:
    """Forced: the other sessions on the database are ended (their stations reconnect)."""
    with db.engine.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )


def _authenticate(db: Database, operator: str, pin: str | None) -> str:
    from app.services.operators import require_role, sign_in

    if not operator:
        raise ServiceError("not_allowed", operator="", roles=",".join(sorted(FORCE_ROLES)))
    require_role(db, operator, FORCE_ROLES)
    return sign_in(db, operator, pin).code


def _has_schema(db: Database) -> bool:
    try:
        return set(inspect(db.engine).get_table_names()) >= _CORE_TABLES
    except Exception:  # noqa: BLE001 - an empty or unreadable current database
        return False


@contextlib.contextmanager
def _sqlite_staged(src: Path, beside: Path) -> Iterator[tuple[Path, Database]]:
    """A copy of ``src`` beside the floor's database, opened; removed afterwards."""
    stage = beside.with_name(f".{beside.name}.restore-{uuid.uuid4().hex[:8]}")
    try:
        try:  # the user's file is only read: a byte copy (with its WAL, if one is beside it)
            shutil.copyfile(src, stage)
            if Path(str(src) + "-wal").is_file():
                shutil.copyfile(str(src) + "-wal", str(stage) + "-wal")
        except OSError as exc:
            raise ServiceError("not_a_backup", path=str(src)) from exc
        try:
            d = sqlite3.connect(stage)
            try:
                ok = d.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                d.close()
        except sqlite3.DatabaseError as exc:
            foreign = "not a database" in str(exc).lower()
            raise ServiceError(
                "not_a_backup" if foreign else "backup_damaged", path=str(src)
            ) from None
        except sqlite3.Error as exc:
            raise ServiceError("not_a_backup", path=str(src)) from exc
        if not ok:
            raise ServiceError("backup_damaged", path=str(src))
        staged = open_database(f"sqlite:///{stage}")
        try:
            yield stage, staged
        finally:
            staged.dispose()
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(stage) + suffix).unlink(missing_ok=True)


def _record_force(
    db: Database, src: Path, operator: str, forced: tuple[str, ...], problem: str
) -> None:
    from app.db.chain import append_event

    with db.write() as s:
        append_event(
            s,
            "restore_forced",
            station="cli",
            operator=operator,
            detail={"file": str(src), "overrode": list(forced), "problem": problem},
        )


def restore(
    db: Database,
    src: str | Path,
    *,
    force: bool = False,
    operator: str = "",
    pin: str | None = None,
    keep_dir: str | Path | None = None,
) -> Restored:
    """Replace the database's content with the backup ``src``; see the module's notes.

    Refusals (nothing changed): ``file_not_found``, ``not_a_backup``, ``backup_damaged``,
    ``backup_newer``, ``backup_chain_broken``, ``stations_connected``, and for ``force`` the
    sign-in's ``not_allowed`` / ``pin_required`` / ``wrong_pin``.
    """
    src = Path(src)
    if not src.exists():
        raise ServiceError("file_not_found", path=str(src))
    if not src.is_file():  # a folder, /dev/null, a device: not a backup
        raise ServiceError("not_a_backup", path=str(src))
    db.dispose()
    if db.is_sqlite:
        return _restore_sqlite(db, src, force, operator, pin)
    return _restore_pg(db, src, force, operator, pin, keep_dir)


def _check(
    info: BackupInfo, src: Path, force: bool, current: Database, candidate: Database, op: str, pin
) -> tuple[list[str], str]:
    """The chain check (``force`` overrides it) and the force's sign-in: the forced list and
    the administrator who authenticated ('' when not forced)."""
    forced: list[str] = []
    if not info.intact:
        if not force:
            raise ServiceError("backup_chain_broken", path=str(src), problem=info.problem)
        forced.append("chain")
    who = ""
    if force:  # asked against the floor's database; a fresh one has nobody: the backup's
        who = _authenticate(current if _has_schema(current) else candidate, op, pin)
        current.dispose()
    return forced, who


def _restore_sqlite(db: Database, src: Path, force: bool, operator: str, pin) -> Restored:
    dst = Path(make_url(db.url).database or "")
    with _sqlite_staged(src, dst) as (stage, staged):
        info, _migrated = _inspect(staged, src)
        forced, who = _check(info, src, force, db, staged, operator, pin)
        staged.dispose()
        if _sqlite_in_use(str(dst)):
            if not force:
                raise ServiceError("stations_connected", count=1)
            forced.append("connections")
        kept = None
        if dst.exists() and dst.stat().st_size > 0:
            kept_path = dst.with_name(f"{dst.stem}.before-restore-{_stamp()}{dst.suffix or '.db'}")
            kept = str(backup(db, kept_path))
            db.dispose()
        try:
            s = sqlite3.connect(stage)
            try:
                d = sqlite3.connect(dst, timeout=15)
                try:
                    s.backup(d)
                finally:
                    d.close()
            finally:
                s.close()
        except sqlite3.Error as exc:
            raise ServiceError("restore_failed", detail=str(exc)) from None
    if forced:
        _record_force(db, src, who, tuple(forced), info.problem)
        info = describe(db)
    return Restored(str(src), info.revision, info.events, info.head, kept, tuple(forced))


def _pg_admin(db: Database):
    """A psycopg connection (autocommit) to the server's maintenance database."""
    import psycopg

    u = make_url(db.url)
    return psycopg.connect(
        host=u.host or "localhost",
        port=u.port or 5432,
        user=u.username or "postgres",
        password=u.password or None,
        dbname="postgres",
        autocommit=True,
    )


def _restore_pg(
    db: Database, src: Path, force: bool, operator: str, pin, keep_dir: str | Path | None
) -> Restored:
    u = make_url(db.url)
    target = u.database or "postgres"
    args, env = _pg_env(db)
    # a session that appears meanwhile makes the restore fail (and roll back), not hang
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " -c lock_timeout=30s").strip()
    listed = subprocess.run(
        [_tool("pg_restore"), "-l", str(src)], env=env, capture_output=True, text=True
    )
    if listed.returncode != 0:
        raise ServiceError("not_a_backup", path=str(src))
    scratch = f"pp_restore_check_{uuid.uuid4().hex[:12]}"
    with _pg_admin(db) as conn:
        conn.execute(f'CREATE DATABASE "{scratch}"')
    verified: Path | None = None
    try:
        proc = subprocess.run(
            [_tool("pg_restore"), *args, "--no-owner", "--exit-on-error", "-d", scratch, str(src)],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise ServiceError("backup_damaged", path=str(src))
        cand = open_database(u.set(database=scratch).render_as_string(hide_password=False))
        try:
            info, migrated = _inspect(cand, src)
            forced, who = _check(info, src, force, db, cand, operator, pin)
            if migrated:  # the floor receives the migrated copy
                verified = src.with_name(f".{src.name}.migrated-{uuid.uuid4().hex[:8]}")
                backup(cand, verified)
        finally:
            cand.dispose()
    finally:
        with _pg_admin(db) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    try:
        sessions = _pg_sessions(db)
        if sessions > 0:
            if not force:
                raise ServiceError("stations_connected", count=sessions)
            forced.append("connections")
            _pg_end_sessions(db)  # their open transactions would hold the restore's locks
        db.dispose()
        kept_dir = Path(keep_dir) if keep_dir else _default_keep_dir()
        kept = str(backup(db, kept_dir / f"{target}.before-restore-{_stamp()}.dump"))
        proc = subprocess.run(
            [
                _tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "-d",
                target,
                str(verified or src),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise ServiceError("restore_failed", detail=_last_line(proc.stderr))
    finally:
        if verified is not None:
            verified.unlink(missing_ok=True)
    if forced:
        _record_force(db, src, who, tuple(forced), info.problem)
    info = describe(db)
    return Restored(str(src), info.revision, info.events, info.head, kept, tuple(forced))


def _default_keep_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("parcelproof", appauthor=False)) / "kept"
