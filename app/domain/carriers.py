"""Carrier assignment at review: primary, then secondary, skipping areas not served (超区)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CarrierRule:
    id: int
    code: str
    excluded_areas: tuple[str, ...]  # "省" or "省/市"
    active: bool = True


def serves(c: CarrierRule, province: str, city: str) -> bool:
    if not c.active:
        return False
    for area in c.excluded_areas:
        prov, _, ct = area.partition("/")
        if prov and province.startswith(prov.rstrip("省市")) and (not ct or ct == city):
            return False
    return True


def choose_carrier(
    province: str, city: str, preferred: list[CarrierRule], others: list[CarrierRule]
) -> CarrierRule | None:
    """The shop's primary, else its secondary, else any other active carrier that serves it."""
    for c in [*preferred, *others]:
        if serves(c, province, city):
            return c
    return None
