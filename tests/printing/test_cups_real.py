"""A real CUPS scheduler, started by this test, prints waybills through `CupsBackend`.

The test starts its own ``cupsd -f`` with its own configuration, spool, cache and log
directories and a private socket (it never touches the machine's CUPS), adds a queue whose
device is a file (``file:///…/label.pdf``, ``FileDevice Yes``) and whose PPD is a small thermal
label printer that takes PDF and any custom page size, so the job runs through the real filter
chain (cups-filters' ``pdftopdf``). What comes out must have the label's page size, every page,
and a barcode a real decoder reads as the waybill number (nothing was scaled).

Needs the Debian packages ``cups-daemon cups-client cups-filters`` (and poppler-utils for the
barcode check). Skipped when they are absent, unless ``PARCELPROOF_REQUIRE_CUPS`` is set (CI
sets it: then a missing CUPS fails the test).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from printing import CupsBackend, render_waybills
from printing.documents import LABEL_FORMATS
from tests.printing.support import decode, make_waybill, raster

FILTER_DIR = Path("/usr/lib/cups/filter")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
PT_PER_MM = 72 / 25.4


def _cupsd() -> str | None:
    return shutil.which("cupsd") or shutil.which("cupsd", path="/usr/sbin:/sbin")


def _missing() -> list[str]:
    missing = [n for n in ("lp", "lpstat") if shutil.which(n) is None]
    if shutil.which("lpadmin") is None and shutil.which("lpadmin", path="/usr/sbin") is None:
        missing.append("lpadmin")
    if _cupsd() is None:
        missing.append("cupsd")
    if not (FILTER_DIR / "pdftopdf").exists():
        missing.append("pdftopdf (cups-filters)")
    return missing


_MISSING = _missing()
if _MISSING and not os.environ.get("PARCELPROOF_REQUIRE_CUPS"):
    pytest.skip(
        "CUPS not installed (" + ", ".join(_MISSING) + "): apt-get install cups-daemon "
        "cups-client cups-filters; set PARCELPROOF_REQUIRE_CUPS=1 to make this a failure",
        allow_module_level=True,
    )

CUPSD_CONF = """\
Listen {sock}
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 100
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {d}
RequestRoot {d}/spool
TempDir {d}/tmp
CacheDir {d}/cache
StateDir {d}/state
ErrorLog {d}/log/error_log
AccessLog {d}/log/access_log
PageLog {d}/log/page_log
FileDevice Yes
"""

# A thermal label printer that takes PDF: default 4x6 in, any custom size up to 350 x 700 mm.
LABEL_PPD = """\
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "PPLABEL.PPD"
*Manufacturer: "Parcelproof"
*Product: "(Label PDF)"
*ModelName: "Parcelproof test label printer"
*ShortNickName: "Parcelproof label PDF"
*NickName: "Parcelproof test label printer (PDF out)"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: w288h432
*PageSize w288h432/4x6in: "<</PageSize[288 432]>>setpagedevice"
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: w288h432
*PageRegion w288h432/4x6in: "<</PageSize[288 432]>>setpagedevice"
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: w288h432
*ImageableArea w288h432/4x6in: "0 0 288 432"
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: w288h432
*PaperDimension w288h432/4x6in: "288 432"
*PaperDimension A4/A4: "595 842"
*VariablePaperSize: True
*MaxMediaWidth: "1000"
*MaxMediaHeight: "2000"
*HWMargins: 0 0 0 0
*CustomPageSize True: "pop pop pop <</PageSize[5 -2 roll]/ImagingBBox null>>setpagedevice"
*ParamCustomPageSize Width: 1 points 36 1000
*ParamCustomPageSize Height: 2 points 36 2000
*ParamCustomPageSize WidthOffset: 3 points 0 0
*ParamCustomPageSize HeightOffset: 4 points 0 0
*ParamCustomPageSize Orientation: 5 int 0 0
"""


class Scheduler:
    """Our own cupsd on a private socket; ``add_file_queue`` makes a queue printing to a file."""

    def __init__(self) -> None:
        # not under pytest's 0700 tmp dirs: filters run as CUPS' unprivileged user
        self.dir = Path(tempfile.mkdtemp(prefix="ppcups-", dir="/tmp"))
        self.dir.chmod(0o755)
        for sub in ("spool", "cache", "state", "log"):
            (self.dir / sub).mkdir()
        for sub in ("tmp", "out"):
            (self.dir / sub).mkdir()
            (self.dir / sub).chmod(0o1777)
        self.sock = str(self.dir / "cups.sock")
        (self.dir / "cupsd.conf").write_text(CUPSD_CONF.format(sock=self.sock))
        (self.dir / "cups-files.conf").write_text(CUPS_FILES_CONF.format(d=self.dir))
        (self.dir / "label.ppd").write_text(LABEL_PPD)
        self.proc: subprocess.Popen[bytes] | None = None
        self.confs: list[Path] = []

    def start(self) -> None:
        cupsd = _cupsd()
        assert cupsd, "cupsd not found: apt-get install cups-daemon"
        self.proc = subprocess.Popen(
            [
                cupsd,
                "-f",
                "-c",
                str(self.dir / "cupsd.conf"),
                "-s",
                str(self.dir / "cups-files.conf"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "log" / "stderr", "wb"),  # noqa: SIM115 - lives with cupsd
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"cupsd exited at start:\n{self.log()}")
            r = subprocess.run(
                ["lpstat", "-h", self.sock, "-r"], capture_output=True, text=True, check=False
            )
            if "is running" in r.stdout and "not" not in r.stdout:
                return
            time.sleep(0.2)
        raise RuntimeError(f"cupsd did not come up within 60 s:\n{self.log()}")

    def _add_queue(self, name: str, device: str, ppd: Path) -> None:
        lpadmin = shutil.which("lpadmin") or shutil.which("lpadmin", path="/usr/sbin")
        subprocess.run(
            [str(lpadmin), "-h", self.sock, "-p", name, "-E", "-v", device, "-P", str(ppd)],
            capture_output=True,
            check=True,
            timeout=60,
        )

    def add_file_queue(self, name: str) -> Path:
        out = self.dir / "out" / f"{name}.pdf"
        # CUPS 2.4.2-3+deb12u10 opens a file: device O_WRONLY|O_EXCL, without O_CREAT: the
        # file must be there (as a printer's device node is); earlier builds created it
        out.touch()
        out.chmod(0o666)
        self._add_queue(name, f"file://{out}", self.dir / "label.ppd")
        return out

    def add_cups_pdf_queue(self, name: str) -> Path:
        """A queue on the cups-pdf backend (Debian's printer-driver-cups-pdf), the virtual PDF
        printer offices use: PDF in, PostScript through CUPS' filters, Ghostscript back to PDF.
        cups-pdf reads ``/etc/cups/cups-pdf-<instance>.conf`` for device ``cups-pdf:/<instance>``
        (a fixed path: this needs root, as CI is); our instance writes into our directory."""
        out = self.dir / f"cups-pdf-{name}"
        out.mkdir()
        out.chmod(0o1777)
        conf = Path(f"/etc/cups/cups-pdf-{name}.conf")
        conf.write_text(f"Out {out}\nAnonDirName {out}\nLabel 0\nUserUMask 0000\n")
        self.confs.append(conf)
        self._add_queue(name, f"cups-pdf:/{name}", CUPS_PDF_PPD)
        return out

    def log(self) -> str:
        parts = []
        for f in ("stderr", "error_log"):
            p = self.dir / "log" / f
            if p.exists():
                parts.append(p.read_text(errors="replace")[-4000:])
        return "\n".join(parts)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for conf in self.confs:
            conf.unlink(missing_ok=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cups() -> Iterator[Scheduler]:
    if _MISSING:
        pytest.fail("PARCELPROOF_REQUIRE_CUPS is set but CUPS is missing: " + ", ".join(_MISSING))
    sched = Scheduler()
    try:
        sched.start()
        yield sched
    finally:
        sched.stop()


def _wait_done(backend: CupsBackend, job_id: str, out: Path, sched: Scheduler) -> bytes:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if backend.job_status(job_id) == "completed" and out.exists() and out.stat().st_size:
            return out.read_bytes()
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not complete within 90 s:\n{sched.log()}")


def _pages_mm(pdf: bytes) -> list[tuple[float, float]]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [
        (float(p.mediabox.width) / PT_PER_MM, float(p.mediabox.height) / PT_PER_MM)
        for p in reader.pages
    ]


@pytest.mark.parametrize("fmt", ["100x180", "76x130"])
def test_waybills_through_a_real_cups_queue_keep_the_label_size(cups: Scheduler, fmt: str) -> None:
    queue = f"PP_LABEL_{fmt.replace('x', '_')}"
    out = cups.add_file_queue(queue)
    backend = CupsBackend(queue, server=cups.sock, timeout=60)
    assert queue in CupsBackend.list_printers(server=cups.sock)
    items = [make_waybill(0), make_waybill(1)]
    res = backend.send(render_waybills(items, fmt), title=f"waybills {fmt}", media=fmt)
    assert res.ok, res.message
    assert res.job_id and res.job_id.startswith(f"{queue}-")

    printed = _wait_done(backend, res.job_id, out, cups)
    assert printed.startswith(b"%PDF")  # the real filter chain wrote a PDF
    lf = LABEL_FORMATS[fmt]
    pages = _pages_mm(printed)
    assert len(pages) == 2  # one page per waybill, none added or lost
    for w, h in pages:
        # CUPS rounds custom sizes to whole points (0.35 mm)
        assert abs(w - lf.width) < 0.6 and abs(h - lf.height) < 0.6, (w, h)
    # not scaled: the waybill number still decodes from what CUPS produced
    found = [text for _fmt, text, _y in decode(raster(printed, 1))]
    assert items[0].waybill_no in found


def test_without_the_media_option_the_queue_default_shows(cups: Scheduler) -> None:
    """The control: the queue's default is 4x6 in, so the size above came from our option."""
    out = cups.add_file_queue("PP_DEFAULT")
    backend = CupsBackend("PP_DEFAULT", server=cups.sock, timeout=60)
    res = backend.send(render_waybills([make_waybill(0)], "100x180"), title="no media")
    assert res.ok, res.message
    (w, h), *_ = _pages_mm(_wait_done(backend, res.job_id or "", out, cups))
    assert abs(w - 101.6) < 0.6 and abs(h - 152.4) < 0.6


def test_an_unknown_queue_is_a_failed_job_with_a_message(cups: Scheduler) -> None:
    res = CupsBackend("NO_SUCH_QUEUE", server=cups.sock, timeout=30).send(b"%PDF-1.4\n")
    assert not res.ok
    assert "NO_SUCH_QUEUE" in res.message


def test_waybills_through_a_cups_pdf_queue_keep_the_label_size(cups: Scheduler) -> None:
    """The same through the cups-pdf virtual printer (PDF → PostScript → Ghostscript → PDF)."""
    usable = CUPS_PDF_BACKEND.exists() and CUPS_PDF_PPD.exists() and os.access("/etc/cups", os.W_OK)
    if not usable:
        if os.environ.get("PARCELPROOF_REQUIRE_CUPS"):
            pytest.fail(
                "cups-pdf missing or /etc/cups not writable: apt-get install "
                "printer-driver-cups-pdf and run as root"
            )
        pytest.skip("cups-pdf not installed (printer-driver-cups-pdf) or not root")
    queue = "PP_CUPS_PDF"
    out = cups.add_cups_pdf_queue(queue)
    backend = CupsBackend(queue, server=cups.sock, timeout=60)
    items = [make_waybill(0), make_waybill(1)]
    res = backend.send(render_waybills(items, "100x180"), title="waybills 100x180", media="100x180")
    assert res.ok, res.message
    deadline = time.monotonic() + 90
    files: list[Path] = []
    while time.monotonic() < deadline:
        files = sorted(out.rglob("*.pdf"))
        if files and backend.job_status(res.job_id or "") == "completed":
            break
        time.sleep(0.2)
    assert files, f"cups-pdf wrote nothing:\n{cups.log()}"
    printed = files[0].read_bytes()
    pages = _pages_mm(printed)
    assert len(pages) == 2
    for w, h in pages:
        assert abs(w - 100) < 0.6 and abs(h - 180) < 0.6, (w, h)
    found = [text for fmt, text, _y in decode(raster(printed, 1)) if fmt == "Code128"]
    assert items[0].waybill_no in found
