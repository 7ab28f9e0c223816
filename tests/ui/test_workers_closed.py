"""A background job that ends after its desk was closed is dropped, never delivered to a dead
widget, and never takes the station down with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_jobs_ending_after_their_widgets_were_deleted_are_dropped():
    code = textwrap.dedent(
        """
        import time
        import shiboken6
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        from app.ui.kit.workers import JobRunner, pool
        got = []
        for _ in range(200):
            widgets = []
            for _ in range(10):
                w = QWidget()
                JobRunner(w).submit(lambda: time.sleep(0.0005) or 1, got.append)
                widgets.append(w)
            for w in widgets:
                app.processEvents()
                shiboken6.delete(w)
        pool().waitForDone()
        app.processEvents()
        print(len(got))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0"
