"""A private X server (Xvfb) for the end-to-end tests, and the wait they all use."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def wait(pred: Callable[[], object], timeout: float = 30.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def xvfb(width: int, height: int, display_base: int) -> Iterator[dict[str, str]]:
    """Xvfb at ``width``×``height`` on a display of this process's own; yields the
    environment a program needs to show its windows there (xcb, not offscreen)."""
    display = f":{display_base + os.getpid() % 200}"
    proc = subprocess.Popen(
        # -noreset: without it the server resets when its last client leaves, and a program
        # started in that moment (the next station of a walk) cannot connect
        ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("PARCELPROOF_DB", None)
    try:
        wait(
            lambda: (
                subprocess.run(
                    ["xdotool", "getmouselocation"], env=env, capture_output=True
                ).returncode
                == 0
            ),
            20,
            "Xvfb",
        )
        yield env
    finally:
        proc.terminate()
        proc.wait(10)
