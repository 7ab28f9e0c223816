"""The floor-wide settings (``floor_settings`` rows), each read and written in one place.

A row holds a JSON object; a setting is one field of one row, with its type and default
(`Setting`). Every station reads a setting through `read` (in the caller's session) or `get`
(a session of its own), and the admin station writes it through `write` (the caller audits),
so a setting cannot be written under one key and read under another. A stored value of the
wrong type, or one its check refuses, reads as the default: a station must still work.

Settings that are whole tables (the imported routing, ``routing``) keep their own row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import FloorSetting
from app.domain import floortime, privacy

T = TypeVar("T", bool, int, str)


def _any(_value: Any) -> bool:
    return True


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One floor setting: field ``field`` of row ``row``, of the type of ``default``."""

    row: str
    field: str
    default: T
    check: Callable[[T], bool] = _any

    @property
    def name(self) -> str:
        """``row.field``: the key the audit log shows."""
        return f"{self.row}.{self.field}"

    def value_of(self, raw: object) -> T:
        """``raw`` as this setting (the default when missing, mistyped or refused)."""
        if type(raw) is type(self.default) and self.check(raw):  # type: ignore[arg-type]
            return raw  # type: ignore[return-value]
        return self.default


#: parcels per stub bundle at the weighing station (the stub printer's pile)
BUNDLE_SIZE: Setting[int] = Setting("weighing", "bundle_size", 50, lambda n: n > 0)
#: packing confirmation: on, a parcel must be packed (the pack station's carton scan) before
#: the scale takes it; off (the demo floor), a verified parcel may go straight to the scale
PACKING_REQUIRED: Setting[bool] = Setting("packing_step", "on", False)
#: our own label (pool numbers) prints the receiver's phone masked (off: whole)
LABEL_MASKS_PHONE: Setting[bool] = Setting(privacy.SETTING_KEY, privacy.PHONE_FIELD, False)
#: the floor's time zone, an IANA name ("": the system's); checked when written
FLOOR_ZONE: Setting[str] = Setting(floortime.SETTING_KEY, floortime.ZONE_FIELD, "")
#: an e-waybill account "runs low" below this many numbers; 0 turns the warning off
LOW_BALANCE: Setting[int] = Setting("ewaybill", "low_balance", 500, lambda n: n >= 0)
#: packing video: seconds a clip runs on after its parcel is complete
VIDEO_TAIL_S: Setting[int] = Setting("video", "tail_s", 3, lambda n: 0 <= n <= 60)
#: packing video: a clip whose parcel was never completed closes after this many seconds
VIDEO_LIMIT_S: Setting[int] = Setting("video", "limit_s", 120, lambda n: 10 <= n <= 3600)
#: packing video: clips older than this many days are deleted (never an open dispute's)
VIDEO_RETENTION_DAYS: Setting[int] = Setting("video", "retention_days", 60, lambda n: n >= 1)
#: packing video: the clips of a station may use this many GB; the oldest go first beyond it
VIDEO_BUDGET_GB: Setting[int] = Setting("video", "budget_gb", 200, lambda n: n >= 1)
#: packing video: the clip folder, a share every desk reaches ("": each station's own
#: data folder, which only that station reads)
VIDEO_FOLDER: Setting[str] = Setting("video", "folder", "")

#: PINs must have 6 digits or more: a 4-digit PIN is refused at sign-in (the admin sets a new
#: one) and setting a PIN checks it
SIX_DIGIT_PINS: Setting[bool] = Setting("pins", "six_digits", False)


_VALUE = select(FloorSetting.value).where(FloorSetting.key == bindparam("key"))


def _row(s: Session, key: str) -> dict[str, Any]:
    # the value alone, not an ORM object: a weighing reads a setting at every scan
    return _fields(s.execute(_VALUE, {"key": key}).scalar())


def _fields(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def read(s: Session, setting: Setting[T]) -> T:
    return setting.value_of(_row(s, setting.row).get(setting.field))


def read_with(setting: Setting[Any]) -> tuple[Select, dict[str, Any]]:
    """The statement that reads ``setting``, for `app.db.chain.read_together` with other
    reads; `value_read` gives the setting's value from its rows."""
    return _VALUE, {"key": setting.row}


def value_read(setting: Setting[T], rows: Sequence[Any]) -> T:
    return setting.value_of(_fields(rows[0][0] if rows else None).get(setting.field))


def get(db: Database, setting: Setting[T]) -> T:
    """`read` in a read session of its own."""
    with db.read() as s:
        return read(s, setting)


def write(s: Session, setting: Setting[T], value: T) -> T:
    """Store ``value`` (the row's other fields kept) unless the setting already reads so;
    returns the value read before. The caller checks ``value`` and audits a change
    (`app.services.admin`)."""
    row = s.get(FloorSetting, setting.row)
    old = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
    before = setting.value_of(old.get(setting.field))
    if before != value:
        if row is None:
            row = FloorSetting(key=setting.row, value={})
            s.add(row)
        row.value = {**old, setting.field: value}
    return before
