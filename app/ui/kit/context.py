"""What the shell hands every desk: `StationContext` (the database, who is signed in, this
station's settings and name). It sits in the kit so that a desk needs nothing from the shell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.db.engine import Database
from app.services.operators import OperatorInfo
from app.settings import Settings


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
