"""Barcode scanners: keyboard-wedge burst detection (pure logic) and serial scanners."""

from devices.scanners.wedge import Decision, WedgeDetector

__all__ = ["Decision", "WedgeDetector"]
