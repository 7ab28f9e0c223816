"""The daily report: the day's counts on paper with the evidence chain head, which the record
reproduces (and a later change behind the app's back would not)."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from app.__main__ import main
from app.db.chain import verify_chain
from app.db.models import Event
from app.services import weighing as svc
from app.services.daily_report import daily_report, daily_report_pdf
from app.services.dashboard import today
from app.services.demo import make_demo_data
from tests.floor import add_many, weighed_parcels


def test_report_counts_the_day_and_carries_the_chain_head(db):
    wbs = add_many(db, 5)
    for wb, g in zip(wbs, (551, 549, 550, 552, 140), strict=True):  # the last one is empty
        svc.record_weighing(db, wb, g, 1, "1006", "称重台 1")
    data = daily_report(db, warehouse="杭州仓")
    assert data.day == today()
    assert data.totals["weighed"] == 4 and data.totals["held"] == 1
    assert [n for _r, n in data.holds_by_reason] == [1]
    assert any(label.endswith("(1006)") and c["weighed"] == 4 for label, c in data.operators)
    with db.read() as s:
        last = s.execute(select(Event.seq, Event.hash).order_by(Event.seq.desc()).limit(1)).one()
        report = verify_chain(s)
    assert (data.chain_seq, data.chain_head) == (last.seq, last.hash)
    assert report.intact and report.head == data.chain_head
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(daily_report_pdf(data))).pages)
    assert "发货日报" in text and data.day.isoformat() in text and "杭州仓" in text
    assert data.chain_head[:32] in text.replace("\n", "")


def test_report_daily_cli(sqlite_db, tmp_path, capsys):
    make_demo_data(sqlite_db, 8, seed=5)
    weighed_parcels(sqlite_db, 2)
    out = tmp_path / "daily.pdf"
    code = main(["--db", sqlite_db.url, "--lang", "en", "report", "daily", "--out", str(out)])
    got = json.loads(capsys.readouterr().out)
    assert code == 0 and got["file"] == str(out) and got["totals"]["weighed"] >= 2
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Daily dispatch report" in text and got["chain_head"][:16] in text
    code = main(["--db", sqlite_db.url, "report", "daily", "--date", "23/11/2026"])
    assert code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
