"""Scale indicator protocols, auto-detection, stability and the live reader.

Public API (what the app calls)::

    from devices.scales import Reading, PROTOCOLS, get_protocol, protocol_names
    p = get_protocol("stgs", unit=None)      # a fresh stream parser
    readings = p.feed(chunk)                 # -> list[Reading]; p.bad_frames counts bad checks
    from devices.scales.detect import detect_protocol, probe_port
    from devices.scales.stability import StabilityChecker
    from devices.scales.reader import ScaleReader
"""

from devices.scales.base import LineSettings, Reading, ScaleProtocol
from devices.scales.registry import PROTOCOLS, get_protocol, protocol_names

__all__ = [
    "PROTOCOLS",
    "LineSettings",
    "Reading",
    "ScaleProtocol",
    "get_protocol",
    "protocol_names",
]
