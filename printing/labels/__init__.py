"""Thermal label languages: the waybill layout as ZPL II or TSPL bytes for 203-dpi printers.

Send the bytes with :class:`printing.backends.RawSocketBackend` (port 9100) or
:class:`printing.backends.RawDeviceBackend` (``/dev/usb/lp0``), or through a raw CUPS queue.
"""

from printing.labels.tspl import render_tspl, tspl_string
from printing.labels.zpl import render_zpl, zpl_field_data

__all__ = ["render_tspl", "render_zpl", "tspl_string", "zpl_field_data"]
