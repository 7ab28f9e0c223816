"""The receiver-privacy floor setting: whether our own label prints the receiver's phone masked.

A ``floor_settings`` row (``label_privacy`` = ``{"mask_phone": true}``), edited with the other
floor settings on the admin station (`app.services.admin.save_floor_settings`, audited there).
No row means off: the label prints the phone whole, as couriers call the receiver from it. The
stub and every screen mask the receiver always (`app.domain.privacy`); a platform's e-waybill is
printed by the platform's component from its own data and never by us.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services import floor_settings


def label_masks_phone(s: Session) -> bool:
    """Whether our own label (pool numbers) prints the receiver's phone masked."""
    return floor_settings.read(s, floor_settings.LABEL_MASKS_PHONE)
