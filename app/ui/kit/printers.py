"""Which printer a station's documents go to, chosen from the settings.

Two printers on a real floor: the thermal **label printer** (``Settings.printer``: waybills)
and the **office printer** (``Settings.extra["office_printer"]``: A4 documents such as the stub
register bound with a bundle and the handover manifest). In ``--demo``, or when a printer is not
set or its setting is unusable, documents are written as PDF files into a folder, and the text
says so — a station never silently drops a document.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.ui.kit.context import StationContext
from printing import Backend, PdfFileBackend, backend_from_url


@dataclass(frozen=True)
class PrinterChoice:
    backend: Backend
    text: str  # for the operator: where the documents go
    pdf_folder: str  # "" when a real printer is used


def _pdf_folder(ctx: StationContext, prefix: str) -> str:
    folder = ctx.extras.get("pdf_folder") or tempfile.mkdtemp(prefix=prefix)
    ctx.extras["pdf_folder"] = folder
    os.makedirs(folder, exist_ok=True)
    return str(folder)


def _choose(ctx: StationContext, setting: str, prefix: str) -> PrinterChoice:
    setting = setting.strip()
    if ctx.demo or not setting:
        folder = _pdf_folder(ctx, prefix)
        if ctx.demo:
            text = QCoreApplication.translate("Printers", "PDF printer: files go to {folder}")
        else:
            text = QCoreApplication.translate(
                "Printers", "No printer set: documents are written as PDF to {folder}"
            )
        return PrinterChoice(PdfFileBackend(folder + os.sep), text.format(folder=folder), folder)
    try:
        return PrinterChoice(
            backend_from_url(setting),
            QCoreApplication.translate("Printers", "Printer: {name}").format(name=setting),
            "",
        )
    except ValueError:
        folder = _pdf_folder(ctx, prefix)
        text = QCoreApplication.translate(
            "Printers",
            "The printer setting {name} is not usable: documents are written as PDF to {folder}",
        )
        return PrinterChoice(
            PdfFileBackend(folder + os.sep), text.format(name=setting, folder=folder), folder
        )


def label_printer(ctx: StationContext) -> PrinterChoice:
    """The waybill printer (``Settings.printer``)."""
    return _choose(ctx, ctx.settings.printer or "", "parcelproof-print-")


def office_printer(ctx: StationContext) -> PrinterChoice:
    """The A4 printer for registers and manifests (``extra["office_printer"]``)."""
    return _choose(ctx, str(ctx.settings.extra.get("office_printer", "")), "parcelproof-docs-")
