"""The command line as a script runs it, for the end-to-end tests: a fresh SQLite floor, the
station key and the PIN in the environment, one call per command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent / "parcelproof"

Run = Callable[..., subprocess.CompletedProcess]


def cli_floor(tmp_path: Path, orders: int = 30, *, pin: str = "0000") -> tuple[Run, Path]:
    """``run(*args)`` on a demo floor of ``orders`` orders (``python -m app`` from this
    checkout, so a worktree tests its own code), and the database file."""
    env = {**os.environ, "PARCELPROOF_KEY": Fernet.generate_key().decode(), "PARCELPROOF_PIN": pin}
    env.pop("PARCELPROOF_DB", None)
    path = tmp_path / "floor.db"

    def run(*args: str, pin: str | None = None) -> subprocess.CompletedProcess:
        """``pin``: this run's $PARCELPROOF_PIN instead of the floor's ("" for none)."""
        run_env = env if pin is None else {**env, "PARCELPROOF_PIN": pin}
        return subprocess.run(
            [sys.executable, "-m", "app", "--db", f"sqlite:///{path}", *args],
            capture_output=True, text=True, env=run_env, timeout=120, cwd=ROOT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip

    made = run("demo-data", "--orders", str(orders), "--seed", "5")
    assert made.returncode == 0, made.stderr
    return run, path
