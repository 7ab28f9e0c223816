"""The operating system's print queue through the CUPS command-line tools (``lp``, ``lpstat``).

``lp -d PRINTER -t TITLE -o media=Custom.100x180mm -o fit-to-page=false -o print-scaling=none``
with the document on stdin; ``lp`` answers ``request id is PRINTER-12 (1 file(s))`` and the
backend returns ``PRINTER-12`` as the job id. Scaling is switched off because a waybill scaled
by even 2 % has barcode modules that are no longer whole printer dots.

For raw ZPL/TSPL through a raw CUPS queue pass ``raw=True`` (adds ``-o raw``).
``server`` (``host:port`` or a scheduler socket path) talks to that CUPS scheduler instead of
the default one (``lp -h``/``lpstat -h``; without it ``$CUPS_SERVER`` or the local one).
Blocking (``lp`` can wait on a busy scheduler); call from a worker thread.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence

from printing.backends.base import JobResult

_REQUEST_ID = re.compile(r"request id is (\S+)")
_LABEL = re.compile(r"^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$")


def media_option(media: str | None) -> str | None:
    """``"100x180"`` → ``"Custom.100x180mm"``; paper names (``"A4"``) and CUPS media names pass
    through; ``None`` → ``None``."""
    if not media:
        return None
    m = _LABEL.match(media.strip().lower().replace("×", "x").removesuffix("mm"))
    if m:
        return f"Custom.{m.group(1)}x{m.group(2)}mm"
    return media


def parse_request_id(output: str) -> str | None:
    """The job id from ``lp``'s ``request id is X-12 (1 file(s))``."""
    m = _REQUEST_ID.search(output)
    return m.group(1) if m else None


class CupsBackend:
    """A CUPS queue by name. ``options`` are extra ``-o key=value`` pairs; ``server`` a CUPS
    scheduler (``host:port`` or socket path) other than the default."""

    name = "cups"

    def __init__(
        self,
        printer: str,
        *,
        options: Mapping[str, str] | None = None,
        raw: bool = False,
        timeout: float = 60.0,
        lp: str = "lp",
        lpstat: str = "lpstat",
        server: str | None = None,
    ) -> None:
        if not printer or printer.startswith("-"):
            raise ValueError(f"bad printer name {printer!r}")
        if server is not None and (not server.strip() or server.startswith("-")):
            raise ValueError(f"bad CUPS server {server!r}")
        self.printer = printer
        self.options = dict(options or {})
        self.raw = raw
        self.timeout = timeout
        self.lp = lp
        self.lpstat = lpstat
        self.server = server.strip() if server else None

    def _server_args(self) -> list[str]:
        return ["-h", self.server] if self.server else []

    def command(self, *, title: str = "", media: str | None = None) -> list[str]:
        """The ``lp`` argument vector for a job (the document goes to stdin)."""
        lp = shutil.which(self.lp) or self.lp
        cmd = [lp, *self._server_args(), "-d", self.printer]
        if title:
            cmd += ["-t", title[:255]]
        opts: dict[str, str] = {}
        mo = media_option(media)
        if mo:
            opts["media"] = mo
        if self.raw:
            cmd += ["-o", "raw"]
        else:
            opts["fit-to-page"] = "false"
            opts["print-scaling"] = "none"
        opts.update(self.options)
        for k, v in opts.items():
            cmd += ["-o", f"{k}={v}"]
        return cmd

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        if shutil.which(self.lp) is None:
            return JobResult(
                False,
                None,
                f"'{self.lp}' not found: install the CUPS client (apt-get install cups-client)",
                self.name,
            )
        try:
            proc = subprocess.run(
                self.command(title=title, media=media),
                input=data,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return JobResult(False, None, f"lp did not answer within {self.timeout:g} s", self.name)
        except OSError as exc:
            return JobResult(False, None, f"cannot run lp: {exc}", self.name)
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace").strip()
        if proc.returncode != 0:
            low = err.lower()
            if "does not exist" in low or "unknown" in low or "not found" in low:
                msg = f"printer {self.printer!r} is unknown to CUPS ({err})"
            elif "scheduler" in low or "connect" in low:
                where = self.server or "the local CUPS scheduler"
                msg = f"cannot reach {where}: {err}"
            else:
                msg = f"lp failed with exit {proc.returncode}: {err or out.strip()}"
            return JobResult(False, None, msg, self.name)
        job_id = parse_request_id(out)
        if job_id is None:
            return JobResult(False, None, f"lp gave no request id: {out.strip() or err}", self.name)
        return JobResult(True, job_id, f"queued on {self.printer} as {job_id}", self.name)

    # ------------------------------------------------------------------ status

    def _lpstat(self, args: Sequence[str]) -> str:
        if shutil.which(self.lpstat) is None:
            raise FileNotFoundError(f"'{self.lpstat}' not found: install cups-client")
        proc = subprocess.run(
            [shutil.which(self.lpstat) or self.lpstat, *self._server_args(), *args],
            capture_output=True,
            timeout=self.timeout,
            check=False,
        )
        return proc.stdout.decode("utf-8", "replace")

    def pending_jobs(self) -> list[str]:
        """Ids of this printer's jobs not completed yet (``lpstat -W not-completed -o``)."""
        out = self._lpstat(["-W", "not-completed", "-o", self.printer])
        return [ln.split()[0] for ln in out.splitlines() if ln.strip()]

    def job_status(self, job_id: str) -> str:
        """``"pending"`` while the job waits or prints, ``"completed"`` once CUPS lists it as
        completed, ``"unknown"`` otherwise (purged, cancelled, or another server)."""
        if job_id in self.pending_jobs():
            return "pending"
        out = self._lpstat(["-W", "completed", "-o", self.printer])
        if any(ln.split()[:1] == [job_id] for ln in out.splitlines()):
            return "completed"
        return "unknown"

    def printer_state(self) -> str:
        """The printer's status lines from ``lpstat -l -p PRINTER`` (for the UI's tooltip)."""
        return self._lpstat(["-l", "-p", self.printer]).strip()

    @staticmethod
    def list_printers(
        lpstat: str = "lpstat", timeout: float = 10.0, server: str | None = None
    ) -> list[str]:
        """Queue names CUPS knows (``lpstat -e``); empty when CUPS is absent."""
        exe = shutil.which(lpstat)
        if exe is None:
            return []
        try:
            proc = subprocess.run(
                [exe, *(["-h", server] if server else []), "-e"],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return []
        return [
            ln.strip() for ln in proc.stdout.decode("utf-8", "replace").splitlines() if ln.strip()
        ]
