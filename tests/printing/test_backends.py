"""Print backends against real files, a real local socket and a stand-in lp script."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from printing.backends import (
    Backend,
    CupsBackend,
    PdfFileBackend,
    RawDeviceBackend,
    RawSocketBackend,
    RecordingBackend,
    backend_from_url,
    media_option,
    parse_request_id,
)


def test_pdf_file_backend_writes_files(tmp_path: Path) -> None:
    b = PdfFileBackend(tmp_path)
    assert isinstance(b, Backend)
    r1 = b.send(b"%PDF-1.4 one", title="waybills B1/2")
    r2 = b.send(b"%PDF-1.4 two", title="waybills B1/2")
    assert r1.ok and r2.ok and r1.job_id != r2.job_id
    assert Path(r1.job_id).read_bytes() == b"%PDF-1.4 one"
    assert Path(r1.job_id).parent == tmp_path and "/" not in Path(r1.job_id).name
    out = tmp_path / "sub" / "out.pdf"
    r = PdfFileBackend(out).send(b"x")
    assert r.ok and out.read_bytes() == b"x"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".part-")]


def test_pdf_file_backend_makes_a_missing_folder_given_with_a_slash(tmp_path: Path) -> None:
    r = PdfFileBackend(f"{tmp_path}/new/docs/").send(b"%PDF-1.4", title="stub register 1")
    assert r.ok and Path(r.job_id).parent == tmp_path / "new" / "docs"
    assert Path(r.job_id).name.startswith("stub_register_1-")


def test_pdf_file_backend_reports_unwritable_target(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    r = PdfFileBackend(blocker / "x.pdf").send(b"x")
    assert not r.ok and "cannot write" in r.message


def test_raw_socket_backend_against_a_local_server() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    got: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
            got.append(b"".join(chunks))

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    payload = b"^XA^FO10,10^FDhello^FS^XZ" * 5000
    r = RawSocketBackend("127.0.0.1", port, timeout=5).send(payload, title="zpl")
    t.join(10)
    server.close()
    assert r.ok, r.message
    assert got == [payload]


def test_raw_socket_backend_refused() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = RawSocketBackend("127.0.0.1", port, timeout=2).send(b"x")
    assert not r.ok and "127.0.0.1" in r.message


def test_raw_device_backend(tmp_path: Path) -> None:
    dev = tmp_path / "lp0"
    dev.write_bytes(b"")
    assert RawDeviceBackend(dev).send(b"SIZE 100 mm,180 mm\r\n").ok
    assert dev.read_bytes() == b"SIZE 100 mm,180 mm\r\n"
    r = RawDeviceBackend(tmp_path / "missing" / "lp0").send(b"x")
    assert not r.ok and "missing" in r.message


def test_recording_backend() -> None:
    b = RecordingBackend()
    assert b.send(b"a", title="t", media="100x180").job_id == "rec-1"
    assert b.last is not None and b.last.media == "100x180"
    b.fail_with = "paper out"
    r = b.send(b"b")
    assert not r.ok and r.message == "paper out" and len(b.jobs) == 1


def test_media_and_request_id_parsing() -> None:
    assert media_option("100x180") == "Custom.100x180mm"
    assert media_option("76x130mm") == "Custom.76x130mm"
    assert media_option("A4") == "A4"
    assert media_option(None) is None
    assert parse_request_id("request id is Zebra-12 (1 file(s))\n") == "Zebra-12"
    assert parse_request_id("nothing") is None


FAKE_LP = """#!/bin/sh
# stand-in for CUPS lp: records argv and stdin, answers like lp
printf '%s\\n' "$@" > "$FAKE_DIR/argv"
cat > "$FAKE_DIR/stdin"
case "$2" in
  Label*) echo "request id is $2-42 (1 file(s))" ;;
  *) echo "lp: The printer or class does not exist." >&2; exit 1 ;;
esac
"""

FAKE_LPSTAT = """#!/bin/sh
case "$*" in
  *not-completed*) echo "Label100-42   root   1024   Mon 20 May 2024 10:00:00" ;;
  *completed*) echo "Label100-41   root   1024   Mon 20 May 2024 09:00:00" ;;
  "-e") echo Label100; echo Office ;;
esac
"""


@pytest.fixture
def fake_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for name, body in (("lp", FAKE_LP), ("lpstat", FAKE_LPSTAT)):
        p = bindir / name
        p.write_text(body)
        p.chmod(p.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_DIR", str(tmp_path))
    return tmp_path


def test_cups_backend_sends_with_media_and_no_scaling(fake_cups: Path) -> None:
    r = CupsBackend("Label100").send(b"%PDF-1.4 x", title="waybills B1", media="100x180")
    assert r.ok and r.job_id == "Label100-42", r.message
    argv = (fake_cups / "argv").read_text().splitlines()
    assert argv[:4] == ["-d", "Label100", "-t", "waybills B1"]
    assert "media=Custom.100x180mm" in argv and "fit-to-page=false" in argv
    assert (fake_cups / "stdin").read_bytes() == b"%PDF-1.4 x"


def test_cups_backend_unknown_printer(fake_cups: Path) -> None:
    r = CupsBackend("Nope").send(b"x")
    assert not r.ok and "unknown to CUPS" in r.message and "Nope" in r.message


def test_cups_backend_status(fake_cups: Path) -> None:
    b = CupsBackend("Label100")
    assert b.pending_jobs() == ["Label100-42"]
    assert b.job_status("Label100-42") == "pending"
    assert b.job_status("Label100-41") == "completed"
    assert b.job_status("Label100-1") == "unknown"
    assert CupsBackend.list_printers() == ["Label100", "Office"]


def test_cups_backend_without_lp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    r = CupsBackend("Label100").send(b"x")
    assert not r.ok and "cups-client" in r.message


def test_backend_from_url(tmp_path: Path) -> None:
    assert isinstance(backend_from_url("Label100"), CupsBackend)
    raw = backend_from_url("cups-raw:Zebra")
    assert isinstance(raw, CupsBackend) and raw.raw
    s = backend_from_url("socket://10.0.0.5")
    assert isinstance(s, RawSocketBackend) and s.port == 9100
    assert isinstance(backend_from_url("device:/dev/usb/lp0"), RawDeviceBackend)
    assert isinstance(backend_from_url(f"file:{tmp_path}/"), PdfFileBackend)
    assert isinstance(backend_from_url("record:"), RecordingBackend)
    with pytest.raises(ValueError):
        backend_from_url("ftp://x")
