"""A real PostgreSQL server for the test session.

Uses ``$PARCELPROOF_TEST_PG`` (a server URL) when set (see tests/conftest.py); otherwise runs
``initdb`` in a temp dir and starts ``postgres`` on a free local port, with the server of
``app.bench.pgserver`` (the one the benchmark starts) and ``fsync`` off: a test's data need
not survive a power cut. As root, the server runs as the ``postgres`` user.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.bench import pgserver


class PgServer(pgserver.PgServer):
    def __init__(
        self, options: Mapping[str, str] | None = None, hba: list[str] | None = None
    ) -> None:
        super().__init__({"fsync": "off", **(options or {})}, hba=hba)
