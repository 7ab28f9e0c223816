"""The devices library's own error type.

``serial.SerialException`` and ``OSError`` from a port never leak out of ``devices``: they become
a :class:`DeviceError` with a stable ``code`` (for the UI to word, and for tests) and a one-line
English ``message`` that names the port.
"""

from __future__ import annotations

import errno as _errno

#: Error codes a :class:`DeviceError` can carry.
CODES = (
    "permission_denied",  # the user may not open the port (not in the dialout group)
    "not_found",  # the device path does not exist (unplugged, wrong name)
    "busy",  # another program holds the port
    "bad_url",  # serial_for_url could not understand the URL
    "bad_settings",  # baud rate / parity the port refuses
    "io_error",  # read/write failed: cable pulled, device reset
    "unknown_protocol",  # a scale protocol name that is not registered
)


class DeviceError(Exception):
    """A device problem with a machine-readable ``code`` and a one-line ``message``."""

    def __init__(self, code: str, message: str, port: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.port = port

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"DeviceError({self.code!r}, {self.message!r})"


def _errno_of(exc: BaseException) -> int | None:
    """Find an errno in an exception or in the chain pyserial wraps it in."""
    seen = 0
    cur: BaseException | None = exc
    while cur is not None and seen < 5:
        code = getattr(cur, "errno", None)
        if isinstance(code, int):
            return code
        if cur.args and isinstance(cur.args[0], int):
            return cur.args[0]
        cur = cur.__cause__ or cur.__context__
        seen += 1
    return None


def from_serial_exception(exc: BaseException, port: str, action: str = "open") -> DeviceError:
    """Translate a ``serial.SerialException``/``OSError``/``ValueError`` into a DeviceError."""
    if isinstance(exc, DeviceError):
        return exc
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    code_no = _errno_of(exc)
    if isinstance(exc, PermissionError) or code_no in (_errno.EACCES, _errno.EPERM):
        return DeviceError(
            "permission_denied",
            f"permission denied on {port}: add the user to the 'dialout' group "
            f"(sudo usermod -aG dialout $USER) and log in again",
            port,
        )
    if isinstance(exc, FileNotFoundError) or code_no in (
        _errno.ENOENT,
        _errno.ENODEV,
        _errno.ENXIO,
    ):
        return DeviceError("not_found", f"serial port {port} not found (unplugged?)", port)
    if code_no == _errno.EBUSY or "busy" in text.lower():
        return DeviceError("busy", f"serial port {port} is busy (used by another program)", port)
    if isinstance(exc, ValueError):
        low = text.lower()
        if "url" in low or "scheme" in low or "protocol" in low:
            return DeviceError("bad_url", f"cannot open {port!r}: {text}", port)
        return DeviceError("bad_settings", f"bad line settings for {port}: {text}", port)
    return DeviceError("io_error", f"cannot {action} serial port {port}: {text}", port)
