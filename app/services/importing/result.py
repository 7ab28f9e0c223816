"""What an import did: counts and the rows' errors (the CLI's JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.importers.orders import RowError


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [{"line": e.line, "message": e.message} for e in self.errors],
        }
