"""A serial port the user may not open: the devices layer says ``permission_denied`` and the
CLI exits 2 with one line naming the dialout group, in the user's language.

Root bypasses file permissions, so as root the EACCES is injected where pyserial raises it
(``serial.serial_for_url``) and, where ``setpriv`` exists, the CLI also runs as ``nobody``
against a real pty it may not open; as any other user a real ``chmod 000`` pty is used.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import serial

from app.__main__ import main
from app.cli.device_messages import device_message
from devices.connection import PortReader, open_port
from devices.errors import DeviceError, from_serial_exception

ROOT = Path(__file__).resolve().parent.parent.parent
IS_ROOT = os.geteuid() == 0


@pytest.fixture
def denied_pty():
    """A real pty slave whose mode denies everybody (root still gets through)."""
    master, slave = os.openpty()
    path = os.ttyname(slave)
    os.chmod(path, 0)
    yield path
    os.close(slave)
    os.close(master)


@pytest.fixture
def denied(monkeypatch, denied_pty):
    """A port path that refuses this process: the real pty, or EACCES injected for root."""
    if IS_ROOT:

        def deny(url, *a, **kw):
            raise serial.SerialException(
                errno.EACCES, f"could not open port {url}: [Errno 13] Permission denied: {url!r}"
            )

        monkeypatch.setattr(serial, "serial_for_url", deny)
    return denied_pty


def _cli(argv, monkeypatch, lang=None):
    monkeypatch.delenv("PARCELPROOF_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main([*(["--lang", lang] if lang else []), *argv])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.skipif(IS_ROOT, reason="root opens a chmod 000 pty anyway")
def test_real_pty_without_permission(denied_pty):
    with pytest.raises(DeviceError) as e:
        open_port(denied_pty)
    assert e.value.code == "permission_denied" and e.value.port == denied_pty


def test_open_port_says_permission_denied(denied):
    with pytest.raises(DeviceError) as e:
        open_port(denied)
    assert e.value.code == "permission_denied"
    assert denied in e.value.message and "dialout" in e.value.message


@pytest.mark.parametrize(
    "exc",
    [
        serial.SerialException(errno.EACCES, "could not open port: Permission denied"),
        serial.SerialException(errno.EPERM, "could not open port: Operation not permitted"),
        PermissionError(errno.EACCES, "Permission denied"),
        OSError(errno.EPERM, "Operation not permitted"),
    ],
)
def test_eacces_and_eperm_in_any_wrapper(exc):
    assert from_serial_exception(exc, "/dev/ttyUSB0").code == "permission_denied"


def test_reader_thread_reports_the_denied_port(denied):
    seen: list[tuple[str, DeviceError | None]] = []
    reader = PortReader(denied, on_state=lambda s, e: seen.append((s, e)), retry_interval=0.05)
    with reader:
        for _ in range(250):
            if any(e is not None for _, e in seen):
                break
            reader._stop.wait(0.02)
    errors = [(s, e.code) for s, e in seen if e is not None]
    assert errors and errors[0] == ("disconnected", "permission_denied")


@pytest.mark.parametrize("command", ["read", "probe"])
def test_cli_scale_exits_2_with_one_line_in_english(denied, monkeypatch, command):
    extra = ["--protocol", "stgs"] if command == "read" else ["--capture", "0.2"]
    code, out, err = _cli(["scale", command, "--port", denied, *extra], monkeypatch, "en")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert denied in err and "dialout" in err and "log in again" in err and "udev" in err


@pytest.mark.parametrize("command", ["read", "probe"])
def test_cli_scale_speaks_chinese_when_the_user_does(denied, monkeypatch, command):
    extra = ["--protocol", "auto"] if command == "read" else []
    code, _, err = _cli(["scale", command, "--port", denied, *extra], monkeypatch, "zh_CN")
    assert code == 2 and err.count("\n") == 1
    assert "无权打开串口" in err and "dialout" in err and "重新登录" in err and denied in err


def test_chinese_system_locale_without_lang(monkeypatch):
    monkeypatch.delenv("PARCELPROOF_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    err = DeviceError("permission_denied", "permission denied on /dev/ttyS0", "/dev/ttyS0")
    assert device_message(err).startswith("无权打开串口 /dev/ttyS0")
    assert "not found" in device_message(DeviceError("not_found", "x not found", "x"), "en")


@pytest.mark.skipif(
    not IS_ROOT or shutil.which("setpriv") is None, reason="needs root to become nobody"
)
@pytest.mark.parametrize("lang, words", [("en", "dialout"), ("zh_CN", "无权打开串口")])
def test_cli_as_an_unprivileged_user_on_a_real_pty(denied_pty, lang, words):
    """No injection: the kernel refuses ``nobody`` the pty, pyserial raises, the CLI words it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARCELPROOF_")}
    env.update(HOME="/tmp", PYTHONDONTWRITEBYTECODE="1", LANG="C.UTF-8")
    run = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
        + ["-m", "app", "--lang", lang, "scale", "read", "--port", denied_pty]
        + ["--protocol", "stgs"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "Permission denied" in run.stderr and "python" in run.stderr.lower():
        pytest.skip(f"nobody cannot run this checkout's Python: {run.stderr[:200]}")
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and words in run.stderr and denied_pty in run.stderr


def test_weigh_line_reports_the_denied_scale_in_chinese(denied, monkeypatch, tmp_path):
    """The headless line keeps retrying (a cable may come back) and says why on stderr."""
    url = f"sqlite:///{tmp_path / 'pp.db'}"
    assert _cli(["--db", url, "db", "upgrade"], monkeypatch)[0] == 0
    code, out, err = _cli(
        ["--db", url, "weigh-line", "--scanner", "loop://", "--scale", denied]
        + ["--scale-protocol", "stgs", "--timeout", "1.5"],
        monkeypatch,
        "zh_CN",
    )
    assert out == ""
    assert f"scale disconnected (无权打开串口 {denied}" in err and "dialout" in err
