"""The floor time zone as the stations share it: a ``floor_settings`` row.

The zone is floor-wide, not per station: a waybill printed on one station, the manifest printed
on another and the dashboard on a third must show the same hour, so it lives with the other
floor settings in the database (edited on the admin station, audited there) and not in a
station's own settings file. Empty (no row) means the system's zone.

`floor_zone` reads it inside a service's session (and makes it the process's zone for the
screens, `app.domain.floortime.use_floor_zone`); `load_floor_zone` does that once when a
station or a command opens its database.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.domain import floortime
from app.services import floor_settings

log = logging.getLogger(__name__)


def zone_setting(s: Session) -> str:
    """The IANA name the floor settings hold (``""``: the system's zone)."""
    return floor_settings.read(s, floor_settings.FLOOR_ZONE).strip()


def floor_zone(s: Session) -> dt.tzinfo:
    """The floor's zone as the database holds it now; also the process's zone from here on.

    A name this machine's time-zone database does not know falls back to the system's zone
    (logged): a station must still start, and the admin station shows the setting to fix."""
    name = zone_setting(s)
    try:
        zone = floortime.zone_named(name)
    except ValueError:
        log.warning("floor time zone %r is unknown here; using the system's zone", name)
        zone = floortime.system_zone()
    return floortime.use_floor_zone(zone)


def read_floor_zone(db: Database) -> dt.tzinfo:
    """`floor_zone` in a session of its own: the clock a document about to print shows."""
    with db.read() as s:
        return floor_zone(s)


def load_floor_zone(db: Database) -> dt.tzinfo:
    """Read the floor zone once (a station or a command opening its database). A database
    without the table yet (before ``db upgrade``) leaves the system's zone."""
    try:
        return read_floor_zone(db)
    except SQLAlchemyError:
        log.debug("floor settings not readable; the floor zone is the system's", exc_info=True)
        return floortime.use_floor_zone(None)


def set_zone_setting(s: Session, name: str) -> tuple[str, str]:
    """Write the floor zone ``name`` (validated; ``""`` = the system's) in ``s``; returns
    ``(old, new)``. ``ValueError`` for an unknown name. The caller audits the change."""
    name = (name or "").strip()
    floortime.zone_named(name)  # raises for an unknown name
    return floor_settings.write(s, floor_settings.FLOOR_ZONE, name), name
