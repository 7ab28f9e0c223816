"""The stations this build offers. A station appears in the chooser only once it works."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.db.engine import Database


@dataclass(frozen=True)
class StationSpec:
    name: str  # the --station name of CONTRACT.md
    title: Callable[[], str]  # translated at call time
    factory: Callable[[Database], QWidget]


def _order_browser(db: Database) -> QWidget:
    from app.ui.order_browser import OrderBrowser

    return OrderBrowser(db)


def available_stations() -> list[StationSpec]:
    return [
        StationSpec(
            "orders",
            lambda: QCoreApplication.translate("Stations", "Order browser"),
            _order_browser,
        ),
    ]


def station_spec(name: str) -> StationSpec | None:
    return next((s for s in available_stations() if s.name == name), None)
