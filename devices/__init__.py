"""Device library for Parcelproof: scales, scanners and their simulators.

No Qt and no ``app`` imports here (see docs/dev/architecture.md). Everything blocking runs on plain
``threading`` threads owned by the reader classes; callbacks document the thread they run on.
"""

from devices.errors import DeviceError

__all__ = ["DeviceError"]
