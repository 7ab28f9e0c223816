"""Library boundaries and the benchmark entry point (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_printing_imports_neither_qt_nor_app() -> None:
    code = (
        "import sys, printing, printing.documents, printing.labels, printing.backends, "
        "printing.routing, printing.bench;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'app')];"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bench_reports_json() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "printing.bench", "--n", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    assert result["labels"] == 3 and result["format"] == "100x180"
    assert result["ms_per_label"] > 0 and result["printer_s_per_label"] == 1.2


def test_public_api() -> None:
    import printing

    for name in (
        "render_waybills",
        "render_slips",
        "render_pick_list",
        "render_manifest",
        "render_zpl",
        "render_tspl",
        "WaybillData",
        "RoutingTable",
        "CupsBackend",
    ):
        assert hasattr(printing, name), name
