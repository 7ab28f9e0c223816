"""Raw TCP printing (port 9100, "JetDirect"/"AppSocket") for ZPL and TSPL label printers."""

from __future__ import annotations

import contextlib
import socket

from printing.backends.base import JobResult


class RawSocketBackend:
    """Sends the bytes over one TCP connection and closes it; the printer prints what it got.

    ``timeout`` (seconds) bounds the connect and every send. Blocking; call from a worker
    thread. There is no job id: port 9100 has no protocol to report one.
    """

    name = "raw-socket"

    def __init__(self, host: str, port: int = 9100, timeout: float = 10.0) -> None:
        self.host = host
        self.port = int(port)
        self.timeout = float(timeout)

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        where = f"{self.host}:{self.port}"
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as s:
                s.settimeout(self.timeout)
                s.sendall(data)
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_WR)
        except TimeoutError:
            return JobResult(
                False, None, f"printer {where} timed out after {self.timeout:g} s", self.name
            )
        except ConnectionRefusedError:
            return JobResult(False, None, f"printer {where} refused the connection", self.name)
        except OSError as exc:
            return JobResult(False, None, f"printer {where}: {exc.strerror or exc}", self.name)
        return JobResult(True, None, f"{len(data)} bytes sent to {where}", self.name)
