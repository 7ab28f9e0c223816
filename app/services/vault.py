"""Secrets at rest: a platform account's app secret and session token.

Decision: they live in the database, encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package); the key is not in the database. It comes from ``$PARCELPROOF_KEY``
or from a key file only the station's user can read (mode 0600, ``secret.key`` in the user
config dir, made on first use). Why not the OS keyring: floor stations run Linux without a
desktop keyring service, and a floor of stations shares one PostgreSQL database, so the
encrypted value is shared and each station needs the same key (copy the key file, or set the
variable). A database dump, a backup or a screen shows only ciphertext; the clear value exists
only in memory of the process that signs a request.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from app.services.errors import ServiceError

ENV = "PARCELPROOF_KEY"


def key_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("parcelproof", appauthor=False)) / "secret.key"


def _key() -> bytes:
    env = os.environ.get(ENV, "").strip()
    if env:
        return env.encode()
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(Fernet.generate_key())
    return path.read_bytes().strip()


def seal(value: str) -> str:
    return Fernet(_key()).encrypt(value.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    """The clear value; ``ServiceError("secret_unreadable")`` when this station's key is not
    the one it was sealed with."""
    try:
        return Fernet(_key()).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError) as exc:
        raise ServiceError("secret_unreadable", path=str(key_path()), env=ENV) from exc
