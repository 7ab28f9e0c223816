"""The devices panel's words: a device error worded for the technician (with the fix), the
connection state with a sign and its colour, and the time of a line in the live views."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from app.domain.floortime import to_floor
from devices.errors import DeviceError


def device_error_text(err: DeviceError | None) -> str:
    """A device error worded for the technician (the English message as a fallback)."""
    if err is None:
        return ""
    port = err.port or ""
    texts = {
        "permission_denied": QCoreApplication.translate(
            "Devices",
            "You may not open {port}. Add your user to the dialout group:\n"
            "sudo usermod -aG dialout $USER\n"
            "(or install the udev rule resources/linux/99-parcelproof-serial.rules)\n"
            "then log out and log in again.",
        ),
        "not_found": QCoreApplication.translate(
            "Devices", "Port {port} not found: is the cable plugged in, is the port name right?"
        ),
        "busy": QCoreApplication.translate(
            "Devices", "Port {port} is used by another program: close it, then connect again."
        ),
        "bad_url": QCoreApplication.translate(
            "Devices", "{port} is not a port name or URL this program understands."
        ),
        "bad_settings": QCoreApplication.translate(
            "Devices", "Port {port} refuses these line settings (baud, parity)."
        ),
        "io_error": QCoreApplication.translate(
            "Devices", "Reading {port} failed: the cable was pulled or the device restarted."
        ),
        "unknown_protocol": QCoreApplication.translate(
            "Devices", "This scale protocol is not known."
        ),
    }
    text = texts.get(err.code)
    return text.format(port=port) if text is not None else err.message


def state_text(state: str) -> str:
    """The connection state in words, with a sign (colour is never the only signal)."""
    return {
        "connecting": "… "
        + QCoreApplication.translate("Devices", "Connecting: port open, waiting for data"),
        "ok": "✔ " + QCoreApplication.translate("Devices", "Connected: data arrives"),
        "no_data": "⚠ "
        + QCoreApplication.translate(
            "Devices",
            "No data: the port is open but the scale sends nothing (cable, baud rate, "
            "continuous output switched off?)",
        ),
        "disconnected": "✖ " + QCoreApplication.translate("Devices", "Disconnected"),
        "stopped": "○ " + QCoreApplication.translate("Devices", "Not connected"),
        "detecting": "… "
        + QCoreApplication.translate("Devices", "Detecting the protocol (a few seconds)"),
    }.get(state, state)


_STATE_COLOURS = {
    "ok": "#0a7d16",
    "connecting": "#8a6d00",
    "detecting": "#8a6d00",
    "no_data": "#b35c00",
    "disconnected": "#b00000",
    "stopped": "#444444",
}


def _now() -> str:
    return to_floor(dt.datetime.now(dt.UTC)).strftime("%H:%M:%S.%f")[:-3]
