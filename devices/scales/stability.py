"""Our own stability check on top of the indicator's motion flag (docs/dev/architecture.md,
"Devices and printing").

A weight is *stable* only when

* the indicator says so, where it can (``Reading.stable`` is True; None means the protocol
  has no flag and only our check counts), and it is not out of range, AND
* our own check holds: at least ``min_readings`` consecutive readings (default 5) spanning at
  least ``min_seconds`` (default 0.5 s) all lie within ±``band_divisions`` display divisions
  (default 1) of the newest reading.

Pure logic: fed ``(reading, monotonic_seconds)`` so that tests control time. Not thread-safe;
it lives on the thread that feeds it (the scale reader thread).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from devices.scales.base import Reading


@dataclass(frozen=True, slots=True)
class StabilityState:
    """Result of one :meth:`StabilityChecker.feed`.

    ``stable``: the weight is stable now. ``settled``: it became stable with this reading
    (True once per settle; the next settle needs the run to break first). ``grams``: the
    newest reading's grams. ``run``: length of the current run of close readings."""

    stable: bool
    settled: bool
    grams: int
    run: int


class StabilityChecker:
    """N consecutive readings over at least T seconds within ±k divisions."""

    def __init__(
        self,
        min_readings: int = 5,
        min_seconds: float = 0.5,
        band_divisions: int = 1,
        division_grams: int | None = None,
    ) -> None:
        if min_readings < 1 or min_seconds < 0 or band_divisions < 0:
            raise ValueError("min_readings >= 1, min_seconds >= 0, band_divisions >= 0")
        self.min_readings = min_readings
        self.min_seconds = min_seconds
        self.band_divisions = band_divisions
        self.division_grams = division_grams  # None: use each reading's division_grams
        self._run: deque[tuple[float, int]] = deque()
        self._settled = False
        self.stable = False

    def reset(self) -> None:
        """Forget the run (after a reconnect or a tare)."""
        self._run.clear()
        self._settled = False
        self.stable = False

    def feed(self, reading: Reading, t: float) -> StabilityState:
        """Add a reading taken at monotonic time ``t`` (seconds)."""
        g = reading.grams
        if reading.overload or reading.stable is False:
            self._run.clear()
            self._settled = False
            self.stable = False
            return StabilityState(False, False, g, 0)
        div = self.division_grams or reading.division_grams or 1
        band = div * self.band_divisions
        run = self._run
        # keep only the newest readings that are all within the band around g
        lo, hi = g - band, g + band
        drop = 0
        for i, (_, v) in enumerate(run):
            if v < lo or v > hi:
                drop = i + 1
        if drop:
            for _ in range(drop):
                run.popleft()
            self._settled = False
        run.append((t, g))
        # bound the run: drop the oldest while the rest still has enough readings and time
        need_n, need_t = self.min_readings, self.min_seconds
        while len(run) > need_n and t - run[1][0] >= need_t:
            run.popleft()
        stable = len(run) >= self.min_readings and (t - run[0][0]) >= self.min_seconds
        settled = stable and not self._settled
        if stable:
            self._settled = True
        elif self._settled:
            self._settled = False
        self.stable = stable
        return StabilityState(stable, settled, g, len(run))
