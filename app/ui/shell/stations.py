"""The stations this build offers. A station appears in the chooser only once it works.

A station is a QWidget class in its own module under ``app/ui`` with:

- ``STATION``: its ``--station`` name (docs/dev/contract.md), and ``ROLES``: the roles that
  may open it (empty = everybody);
- ``title() -> str`` (a classmethod, translated);
- ``__init__(self, ctx: StationContext)``;
- optionally ``focus_scan_field()`` (called when shown) and ``close_station()`` (called when
  another station replaces it: stop device threads there).

`SPECS` lists every station with its name, roles and title, so that the chooser is drawn
without importing the station modules (start-up time); a module is imported when opened.
They come from `app.domain.stations`, the one list the command line and the services read;
a station's ``ROLES`` is ``station_roles(STATION)`` from there.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.stations import STATIONS, role_may
from app.services.operators import OperatorInfo
from app.ui.kit.context import StationContext


@dataclass(frozen=True)
class StationSpec:
    """A station as the chooser knows it, without importing its module (that costs start-up
    time: charts, PDF, the admin forms): its ``--station`` name, roles and title. The module
    is imported when the station is opened. A test holds these equal to the classes'."""

    module: str
    cls: str
    STATION: str
    ROLES: tuple[str, ...]
    _title: tuple[str, str]  # translation context, source text

    def title(self) -> str:
        return QCoreApplication.translate(*self._title)

    def load(self) -> type[QWidget]:
        return getattr(importlib.import_module(self.module), self.cls)

    def __call__(self, ctx: StationContext) -> QWidget:
        return self.load()(ctx)


def _titles() -> None:  # pragma: no cover - never called: lupdate reads the titles here
    for text in (
        "Print station",
        "Picking",
        "Verification",
        "Packing",
        "Handover",
        "Dispute desk",
        "Held orders",
        "Learned weights",
        "Daily dashboard",
        "Administration",
        "Devices",
        "Order browser",
    ):
        QCoreApplication.translate("Stations", text)
    QCoreApplication.translate("WeighStation", "Weighing and stubs")


#: every station, in chooser order: the floor's one list (`app.domain.stations.STATIONS`)
SPECS: tuple[StationSpec, ...] = tuple(
    StationSpec(f"app.ui.{s.module}", s.cls, s.name, s.roles, s.title) for s in STATIONS
)


#: (module, class) in chooser order.
STATION_MODULES: tuple[tuple[str, str], ...] = tuple((c.module, c.cls) for c in SPECS)


def available_stations() -> list[StationSpec]:
    return list(SPECS)


def station_class(name: str) -> StationSpec | None:
    """The station called ``name`` (its module is imported when it is opened)."""
    return next((c for c in SPECS if name == c.STATION), None)


def allowed(cls: StationSpec | type[QWidget], operator: OperatorInfo | None) -> bool:
    return role_may(operator.role if operator else None, getattr(cls, "ROLES", ()))
