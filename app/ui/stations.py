"""The stations this build offers. A station appears in the chooser only once it works.

A station is a QWidget class in its own module under ``app/ui`` with:

- ``STATION``: its ``--station`` name (CONTRACT.md), and ``ROLES``: the roles that may open it
  (empty = everybody);
- ``title() -> str`` (a classmethod, translated);
- ``__init__(self, ctx: StationContext)``;
- optionally ``focus_scan_field()`` (called when shown) and ``close_station()`` (called when
  another station replaces it: stop device threads there).

Modules listed in `STATION_MODULES` that do not exist yet are skipped.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QWidget

from app.db.engine import Database
from app.services.operators import OperatorInfo
from app.settings import Settings

#: (module, class) in chooser order.
STATION_MODULES: tuple[tuple[str, str], ...] = (
    ("app.ui.print_station", "PrintStation"),
    ("app.ui.pick_station", "PickStation"),
    ("app.ui.verify_station", "VerifyStation"),
    ("app.ui.pack_station", "PackStation"),
    ("app.ui.weigh_station", "WeighStation"),
    ("app.ui.handover_station", "HandoverStation"),
    ("app.ui.dispute_station", "DisputeStation"),
    ("app.ui.supervisor_station", "SupervisorStation"),
    ("app.ui.weights_station", "WeightsStation"),
    ("app.ui.dashboard_station", "DashboardStation"),
    ("app.ui.admin_station", "AdminStation"),
    ("app.ui.device_panel", "DevicePanel"),
    ("app.ui.order_browser", "OrderBrowser"),
)


@dataclass
class StationContext:
    """What every station is given: the database, who is signed in, this station's settings."""

    db: Database
    operator: OperatorInfo | None
    settings: Settings = field(default_factory=Settings)
    station_name: str = ""  # this PC's station name, recorded on every event
    demo: bool = False
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. a simulated scale in --demo

    @property
    def operator_code(self) -> str:
        return self.operator.code if self.operator else ""


def _load() -> list[type[QWidget]]:
    out = []
    for mod_name, cls_name in STATION_MODULES:
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as exc:
            if exc.name != mod_name:
                raise
            continue
        out.append(getattr(mod, cls_name))
    return out


def available_stations() -> list[type[QWidget]]:
    return _load()


def station_class(name: str) -> type[QWidget] | None:
    return next((c for c in _load() if getattr(c, "STATION", "") == name), None)


def allowed(cls: type[QWidget], operator: OperatorInfo | None) -> bool:
    roles = getattr(cls, "ROLES", ())
    if not roles:
        return True
    return operator is not None and (operator.role in roles or operator.role == "admin")
