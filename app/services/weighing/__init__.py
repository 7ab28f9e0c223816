"""The weighing station (抽单称重): verdicts, holds and overrides, stubs (底单) and learned weights.

Every function is one user action = one transaction and returns plain dataclasses.

* `start_weighing` — the scan: what the parcel should weigh, or a refusal code
  (``not_found``, ``intercepted``, ``not_verified``).
* `record_weighing` — the capture: verdict, explanation of a hold, the stub's bundle and
  position (allocated in the database under lock), the order's status. Committed before the
  caller shows anything green.
* `explain_difference` — which units most likely make a weight difference: the one story
  told at the scale, on the weigh line and at the dispute desk.
* `override` — a supervisor releases a weight hold (badge + PIN + reason).
* `close_bundle` / `find_stub` — the stub bundles and their register.
* `learned_weights` / `adopt_weight` — unit weights learned from the floor.

Floor settings (`app.services.floor_settings`): the stub bundle size and whether parcels must
be packed (not just verified) before weighing. Tolerances are per shop (``shops.tolerance_abs_grams`` / ``tolerance_permille``).

The rooms: `verdicts` (the scan, the capture, the explanation, the override), `stubs` (bundles
and positions), `learned` (the weights station's service) and `common` (hold reasons, loading a
parcel, the floor settings it reads). Import from here: this package re-exports their public
names.
"""

from __future__ import annotations

from app.services.weighing.common import (
    DEFAULT_BUNDLE_SIZE,
    REASON_BATCH,
    REASON_HEAVY,
    REASON_HELD,
    REASON_INTERCEPTED,
    REASON_LIGHT,
    REASON_NOT_VERIFIED,
    STEP,
    WEIGHT_REASONS,
    bundle_size,
    operator_name,
    packing_required,
    weighable_statuses,
)
from app.services.weighing.learned import LearnedWeight, adopt_weight, learned_weights
from app.services.weighing.stubs import (
    BundleReport,
    BundleState,
    StubEntry,
    StubLocation,
    StubPlace,
    close_bundle,
    current_bundle,
    find_stub,
    register_data,
)
from app.services.weighing.verdicts import (
    Covered,
    LineInfo,
    WeighContext,
    WeighResult,
    explain_difference,
    last_weighing,
    override,
    record_weighing,
    start_weighing,
)

__all__ = [
    "BundleReport",
    "BundleState",
    "Covered",
    "DEFAULT_BUNDLE_SIZE",
    "LearnedWeight",
    "LineInfo",
    "REASON_BATCH",
    "REASON_HEAVY",
    "REASON_HELD",
    "REASON_INTERCEPTED",
    "REASON_LIGHT",
    "REASON_NOT_VERIFIED",
    "STEP",
    "StubEntry",
    "StubLocation",
    "StubPlace",
    "WEIGHT_REASONS",
    "WeighContext",
    "WeighResult",
    "adopt_weight",
    "bundle_size",
    "close_bundle",
    "current_bundle",
    "explain_difference",
    "find_stub",
    "last_weighing",
    "learned_weights",
    "operator_name",
    "override",
    "packing_required",
    "record_weighing",
    "register_data",
    "start_weighing",
    "weighable_statuses",
]
