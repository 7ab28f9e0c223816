"""PIN hashing for privileged roles (scrypt, per-PIN salt, constant-time check)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

N, R, P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def check_pin(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


# --- wrong PINs: a growing wait, then a lock ------------------------------------------------

#: seconds to wait before the next try after the 1st, 2nd, … wrong PIN in a row (the last
#: value for more): one slip of the finger costs nothing, a guesser waits longer each time
PIN_DELAYS: tuple[int, ...] = (0, 1, 2, 4, 8)
#: wrong PINs in a row that lock the badge
LOCK_AFTER = 5
#: how long a lock lasts unless an admin lifts it
LOCK_MINUTES = 15

#: a PIN is digits only: 4 to 12 of them, at least `LONG_PIN` where the floor requires it
SHORT_PIN, LONG_PIN, MAX_PIN = 4, 6, 12


def pin_delay(failures: int) -> int:
    """Seconds before the next try after ``failures`` wrong PINs in a row."""
    if failures <= 0:
        return 0
    return PIN_DELAYS[min(failures, len(PIN_DELAYS)) - 1]


def pin_length_ok(pin: str, *, six_digits: bool) -> bool:
    """Whether ``pin`` may be set: digits only, 4 (6 when the floor requires them) to 12."""
    shortest = LONG_PIN if six_digits else SHORT_PIN
    return pin.isascii() and pin.isdigit() and shortest <= len(pin) <= MAX_PIN
