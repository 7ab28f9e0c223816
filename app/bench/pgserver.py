"""A PostgreSQL server of our own in a temp dir, for ``parcelproof bench --engine postgresql``
when no PostgreSQL database is named, and for the tests (``tests/pgserver.py``).

``initdb`` makes a cluster in a temp dir and ``postgres`` serves it on a free local port, with
its socket in the same dir. ``initdb`` refuses to run as root, so as root (a CI container)
the cluster belongs to the ``postgres`` user and both run as that user (``runuser``).
Standard library only: no database driver is needed to start or stop it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path


def bindir() -> Path:
    """The folder of the newest PostgreSQL server programs (``initdb``, ``pg_dump``, …)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A cluster in a temp dir and the server on it. ``settings`` are the server's ``-c``
    options (``{"fsync": "off"}`` for tests; the bench keeps the durable defaults); ``hba``:
    lines put at the top of ``pg_hba.conf`` (matched before initdb's ``trust``); files they
    name can be placed in the server's own folder with `put_file`."""

    def __init__(
        self, settings: Mapping[str, str] | None = None, hba: list[str] | None = None
    ) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="pp-pg-"))
        self.data = self.tmp / "data"
        self.port = _free_port()
        self.settings = {"max_connections": "200", **(settings or {})}
        self.proc: subprocess.Popen | None = None
        self._as_root = os.geteuid() == 0
        self.hba = list(hba or [])

    def put_file(self, name: str, data: bytes, mode: int = 0o600) -> Path:
        """A file in the server's folder that the server can read (a key must be 0600 and
        the server's own: as root, the ``postgres`` user's)."""
        path = self.tmp / name
        path.write_bytes(data)
        path.chmod(mode)
        if self._as_root:
            shutil.chown(path, "postgres", "postgres")
        return path

    def _cmd(self, *argv: str) -> list[str]:
        if self._as_root:
            return ["runuser", "-u", "postgres", "--", *argv]
        return list(argv)

    def start(self) -> str:
        """Create the cluster (first time only) and start the server; returns its URL.

        After ``stop(keep_data=True)`` it starts the same cluster again on the same port
        (the load test's outage phase)."""
        programs = bindir()
        if self.data.exists():
            return self._launch(programs)
        if self._as_root:
            shutil.chown(self.tmp, "postgres", "postgres")
        subprocess.run(
            self._cmd(
                str(programs / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if self.hba:
            hba = self.data / "pg_hba.conf"
            hba.write_text("\n".join(self.hba) + "\n" + hba.read_text())
        return self._launch(programs)

    def _launch(self, programs: Path) -> str:
        options = [a for k, v in self.settings.items() for a in ("-c", f"{k}={v}")]
        self.proc = subprocess.Popen(
            self._cmd(
                str(programs / "postgres"),
                "-D",
                str(self.data),
                "-p",
                str(self.port),
                "-h",
                "127.0.0.1",
                "-k",
                str(self.tmp),
                *options,
            ),
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "server.log", "a"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            r = subprocess.run(
                [str(programs / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                stdout=subprocess.DEVNULL,
            )
            if r.returncode == 0:
                return self.url
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        log = (self.tmp / "server.log").read_text(errors="replace")
        raise RuntimeError(f"PostgreSQL did not start:\n{log}")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self, *, keep_data: bool = False) -> None:
        """Stop the server; ``keep_data`` keeps the cluster so that ``start()`` brings the same
        databases back (a server outage), otherwise the temp dir is removed."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)
        # As root the process we started is a `runuser` wrapper: the postmaster itself may
        # still be shutting down. It is gone when it has removed its pid file.
        pid_file = self.data / "postmaster.pid"
        deadline = time.monotonic() + 30
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if not keep_data:
            shutil.rmtree(self.tmp, ignore_errors=True)
