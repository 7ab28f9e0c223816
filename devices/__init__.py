"""Scales and barcode scanners: a library with no Qt and no app imports."""
