"""What "stable" means on this floor: one rule for every place that reads a scale.

The weighing station captures a parcel's weight on the first stable reading, the devices
panel shows the technician "stable" while setting a scale up, and ``parcelproof weigh-line``
and ``scale read --stable`` wait for it; all of them judge the readings with the checker made
here, so the panel never calls a weight stable that the weighing station would not.

The rule itself (`app.domain.weighing`): at least ``STABLE_READINGS`` readings over at least
``STABLE_SECONDS``, all within ± ``STABLE_BAND_DIVISIONS`` display divisions of the newest,
on top of the indicator's own motion flag (`devices.scales.stability`).
"""

from __future__ import annotations

from app.domain.weighing import STABLE_BAND_DIVISIONS, STABLE_READINGS, STABLE_SECONDS
from devices.scales.stability import StabilityChecker


def floor_stability() -> StabilityChecker:
    """A fresh checker with the floor's rule (one per scale reader: it keeps the run)."""
    return StabilityChecker(STABLE_READINGS, STABLE_SECONDS, STABLE_BAND_DIVISIONS)
