"""The floor time zone in tests: set as the admin station would, and a machine clock in UTC."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from app.db.engine import Database
from app.services.floortime import load_floor_zone, set_zone_setting


def set_floor_zone(db: Database, name: str) -> dt.tzinfo:
    """Write the floor time zone setting (``""``: the system's) and read it back as a station
    does when it opens the database; returns the zone."""
    with db.write() as s:
        set_zone_setting(s, name)
    return load_floor_zone(db)


@contextmanager
def system_zone(name: str) -> Iterator[None]:
    """This process's own clock (``TZ`` and ``time.tzset``) set to ``name`` for a while."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
