"""The admin's floor settings: read and save, each change audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.db.engine import Database
from app.domain import floortime as floortime_domain
from app.domain.floortime import SETTING_KEY, ZONE_FIELD, is_zone_name
from app.domain.pins import LONG_PIN
from app.services import floor_settings as fs
from app.services import floortime
from app.services.admin.common import MAX_BUNDLE_SIZE, _admin_with_pin, _audit, _int
from app.services.errors import ServiceError
from app.services.weighing import DEFAULT_BUNDLE_SIZE


@dataclass(frozen=True)
class FloorSettings:
    """The floor-wide settings the stations read (``floor_settings`` rows): stub bundle size
    (``weighing.bundle_size``), whether a parcel must be packed before weighing
    (``packing_step.on``), the floor's time zone (``floor_time.zone``, an IANA name; empty:
    the system's), whether our own label prints the receiver's phone masked
    (``label_privacy.mask_phone``; off: whole, as couriers call the receiver) and whether PINs
    must have 6 digits (``pins.six_digits``). Weight
    tolerances are per shop (`save_shop`)."""

    bundle_size: int = DEFAULT_BUNDLE_SIZE
    packing_required: bool = False
    time_zone: str = ""
    label_masks_phone: bool = False
    six_digit_pins: bool = False


def floor_settings(db: Database) -> FloorSettings:
    with db.read() as s:
        return FloorSettings(
            bundle_size=fs.read(s, fs.BUNDLE_SIZE),
            packing_required=fs.read(s, fs.PACKING_REQUIRED),
            time_zone=floortime.zone_setting(s),
            label_masks_phone=fs.read(s, fs.LABEL_MASKS_PHONE),
            six_digit_pins=fs.read(s, fs.SIX_DIGIT_PINS),
        )


def save_floor_settings(
    db: Database,
    new: FloorSettings,
    *,
    operator: str,
    admin_pin: str | None = None,
    station: str = "",
) -> None:
    """Save the floor settings: an admin's act with the admin's own PIN; each change audited."""
    operator = _admin_with_pin(db, operator, admin_pin, station)
    if new.six_digit_pins and len(admin_pin or "") < LONG_PIN:
        # requiring 6 digits with a shorter PIN of one's own would lock the admin out
        raise ServiceError("own_pin_six_digits", operator=operator, digits=LONG_PIN)
    size = _int(new.bundle_size, "bundle_size", 1, MAX_BUNDLE_SIZE)
    zone = (new.time_zone or "").strip()
    if not is_zone_name(zone):
        raise ServiceError("invalid_value", field="time_zone", value=new.time_zone)
    changes: Iterable[tuple[fs.Setting[Any], object]] = (
        (fs.BUNDLE_SIZE, size),
        (fs.PACKING_REQUIRED, bool(new.packing_required)),
        (fs.LABEL_MASKS_PHONE, bool(new.label_masks_phone)),
        (fs.SIX_DIGIT_PINS, bool(new.six_digit_pins)),
    )
    with db.write() as s:
        for setting, value in changes:
            current = fs.write(s, setting, value)
            if current == value:
                continue
            _audit(
                s,
                "floor_setting",
                setting.name,
                "update",
                {setting.field: current},
                {setting.field: value},
                operator=operator,
                station=station,
            )
        old_zone, zone = floortime.set_zone_setting(s, zone)
        if old_zone != zone:
            _audit(
                s,
                "floor_setting",
                f"{SETTING_KEY}.{ZONE_FIELD}",
                "update",
                {ZONE_FIELD: old_zone},
                {ZONE_FIELD: zone},
                operator=operator,
                station=station,
            )
    floortime_domain.use_floor_zone(zone)
