"""Protocol registry: names (the list in docs/dev/contract.md) -> protocol classes."""

from __future__ import annotations

from devices.errors import DeviceError
from devices.scales.adam import Adam
from devices.scales.and_ import AndStandard
from devices.scales.base import ScaleProtocol
from devices.scales.cas import Cas22
from devices.scales.mtsics import MtSics
from devices.scales.ohaus import Ohaus
from devices.scales.stgs import StGs
from devices.scales.toledo import Toledo8217, ToledoContinuous
from devices.scales.yaohua import YaohuaTf0, YaohuaTf1, YaohuaTf2

#: name -> class, in the order the contract lists them
PROTOCOLS: dict[str, type[ScaleProtocol]] = {
    cls.name: cls
    for cls in (
        ToledoContinuous,
        Toledo8217,
        MtSics,
        AndStandard,
        Cas22,
        Ohaus,
        Adam,
        YaohuaTf0,
        YaohuaTf1,
        YaohuaTf2,
        StGs,
    )
}


def protocol_names() -> list[str]:
    """Registered protocol names (without ``auto``)."""
    return list(PROTOCOLS)


def get_protocol(name: str, unit: str | None = None) -> ScaleProtocol:
    """A fresh parser for protocol ``name``; ``unit`` ('g'/'kg'/'lb') for frames naming none.

    Raises :class:`DeviceError` ``unknown_protocol`` for an unknown name and ValueError for a
    bad unit."""
    try:
        cls = PROTOCOLS[name.strip().lower()]
    except (KeyError, AttributeError):
        raise DeviceError(
            "unknown_protocol",
            f"unknown scale protocol {name!r}; known: {', '.join(PROTOCOLS)}, auto",
        ) from None
    return cls(unit)
