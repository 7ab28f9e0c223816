"""The Qt printer backend: the one to use where there is no CUPS (Windows, macOS).

The only module of ``printing`` that imports Qt (docs/dev/architecture.md allows this one), so that
``printing.documents``, ``printing.labels`` and ``printing.backends`` stay Qt-free.

How a job is printed:

1. the PDF is opened with QtPdf's ``QPdfDocument`` (from memory, nothing written to disk);
2. each page is rendered to an image at the printer's own resolution (203 dpi for a thermal
   label printer) so that a barcode module of a whole number of dots stays a whole number of
   dots — the driver gets pixels it does not need to resample;
3. the printer is given the page's exact size in millimetres, zero margins and full-page mode,
   and the image is drawn 1:1 onto the page (no "fit to page", no scaling).

``QtPrinterBackend("NAME")`` prints on the system printer NAME (``""`` the default printer);
``QtPrinterBackend.pdf_file(path)`` uses Qt's own PDF writer instead, which the tests use to
check page size and barcode of what Qt would send to a printer.

Blocking, like every backend: call ``send`` from a worker thread (QPainter on a QPrinter and
QPdfDocument are both usable outside the GUI thread). A QGuiApplication must exist; the CLI
makes one on the offscreen platform when it is run without a GUI.
"""

from __future__ import annotations

import itertools
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from printing.backends.base import JobResult

_POINTS_PER_MM = 72 / 25.4
_counter = itertools.count(1)
_lock = threading.Lock()


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new offscreen one for command-line use."""
    app = QGuiApplication.instance()
    if app is None:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app  # type: ignore[return-value]


def printer_names() -> list[str]:
    """The system's printers as Qt sees them (CUPS on Linux, the spooler on Windows)."""
    return list(QPrinterInfo.availablePrinterNames())


def _on_white(img: QImage) -> QImage:
    """QtPdf renders onto a transparent background; a printer wants paper white."""
    out = QImage(img.size(), QImage.Format.Format_Grayscale8)
    out.fill(0xFFFFFFFF)
    p = QPainter(out)
    p.drawImage(0, 0, img)
    p.end()
    return out


class QtPrinterBackend:
    """Prints PDF bytes through QPrinter (see the module docstring)."""

    name = "qt"

    def __init__(self, printer: str = "", *, dpi: int = 203, pdf_path: str | None = None) -> None:
        self.printer = printer
        self.dpi = dpi
        self.pdf_path = pdf_path

    @classmethod
    def pdf_file(cls, path: str, *, dpi: int = 203) -> QtPrinterBackend:
        """Qt's PDF writer as the "printer" (images at ``dpi``, pages at their exact size)."""
        return cls(dpi=dpi, pdf_path=path)

    def _make_printer(self) -> tuple[QPrinter | None, str]:
        if self.pdf_path is not None:
            p = QPrinter(QPrinter.PrinterMode.HighResolution)
            p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            p.setOutputFileName(self.pdf_path)
            p.setResolution(self.dpi)
            return p, ""
        if self.printer:
            info = QPrinterInfo.printerInfo(self.printer)
            if info.isNull():
                known = ", ".join(printer_names()) or "none"
                return None, f"printer {self.printer!r} not found (known: {known})"
        else:
            info = QPrinterInfo.defaultPrinter()
            if info.isNull():
                return None, "no default printer is set up"
        p = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        p.setResolution(self.dpi)
        return p, ""

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        """Print every page of the PDF ``data`` at its own size; ``media`` is not needed (the
        page size comes from the document) and is ignored."""
        ensure_gui_application()
        printer, problem = self._make_printer()
        if printer is None:
            return JobResult(False, None, problem, self.name)
        doc = QPdfDocument()
        buf = QBuffer()
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        doc.load(buf)
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
            return JobResult(False, None, f"not a printable PDF ({doc.error().name})", self.name)
        with _lock:
            job = f"qt-{next(_counter)}"
        printer.setDocName(title or job)
        printer.setFullPage(True)
        painter = QPainter()
        try:
            for page in range(doc.pageCount()):
                pts = doc.pagePointSize(page)
                w_mm, h_mm = pts.width() / _POINTS_PER_MM, pts.height() / _POINTS_PER_MM
                size = QPageSize(
                    QSizeF(w_mm, h_mm),
                    QPageSize.Unit.Millimeter,
                    f"{w_mm:.0f}x{h_mm:.0f}",
                    QPageSize.SizeMatchPolicy.ExactMatch,  # never snap to a "standard" size
                )
                layout = QPageLayout(
                    size,
                    QPageLayout.Orientation.Portrait,
                    QMarginsF(0, 0, 0, 0),
                    QPageLayout.Unit.Millimeter,
                )
                if page == 0:
                    if not printer.setPageLayout(layout):
                        return JobResult(
                            False,
                            None,
                            f"the printer refuses a {w_mm:.0f}x{h_mm:.0f} mm page",
                            self.name,
                        )
                    if not painter.begin(printer):
                        return JobResult(False, None, "the printer cannot be opened", self.name)
                else:
                    printer.setPageLayout(layout)
                    if not printer.newPage():
                        return JobResult(False, None, "the printer refused a new page", self.name)
                dpi = printer.resolution()
                px = QSize(round(w_mm / 25.4 * dpi), round(h_mm / 25.4 * dpi))
                img = doc.render(page, px)
                if img.isNull():
                    return JobResult(False, None, f"page {page + 1} could not be drawn", self.name)
                img = _on_white(img)
                # 1:1: the printer's device pixels are at `dpi` too (setResolution above)
                painter.drawImage(QPointF(0, 0), img)
        finally:
            if painter.isActive():
                painter.end()
            doc.close()
        if printer.printerState() == QPrinter.PrinterState.Error:
            return JobResult(False, None, "the printer reported an error", self.name)
        target = self.pdf_path or self.printer or "default printer"
        return JobResult(True, self.pdf_path or job, f"sent to {target}", self.name)
