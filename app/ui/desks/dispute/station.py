"""The dispute desk (售后核实): look a parcel up, read its story, check a claim, register it.

Tab "Check a parcel": a lookup field (waybill, order number, receiver name or phone tail;
several matches → a list to choose from), the parcel's timeline (`order_story`), the claim and
the destination's weight → the findings (`dispute_check`) in words with the items that most
likely account for a difference and how sure that is, "Register case" and "Evidence report…"
(a PDF to send to the courier or the platform).

Tab "Register" (报表登记): the cases, filtered by claim, carrier and month, exported to
CSV/XLSX, the monthly counts by claim and carrier, and settling a case (outcome + responsible).

Every database call and the PDF run on the job pool. Tests set `report_path` / `export_path`
instead of answering file dialogs.

The widgets are built in `app.ui.desks.dispute.layout`; the words for claims, findings, suspects,
steps, refusals and events are in `app.ui.desks.dispute.texts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QTableWidget, QTableWidgetItem, QWidget

from app.domain import floortime
from app.domain.privacy import mask_name, mask_phone
from app.domain.stations import station_roles
from app.services.dispute import (
    CaseRow,
    dispute_check,
    export_cases,
    list_cases,
    month_range,
    monthly_counts,
    register_case,
    settle_case,
)
from app.services.errors import ServiceError
from app.services.handover import carriers
from app.services.orders import OrderFilter, OrderRow, order_story, search_orders
from app.ui.desks.dispute.layout import DisputeLayout
from app.ui.desks.dispute.texts import (
    claim_label,
    confidence_words,
    finding_words,
    step_label,
    suspect_words,
)
from app.ui.desks.dispute.video import report_frames
from app.ui.kit.texts import event_label, exception_text, status_label
from app.ui.kit.timeline import detail_item
from app.ui.kit.wedge import WedgeFilter
from app.ui.kit.widgets import local_time
from app.ui.kit.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


# the words, importable from here as before they had a module
__all__ = [
    "DisputeStation",
    "claim_label",
    "confidence_words",
    "finding_words",
    "step_label",
    "suspect_words",
]


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            table.setItem(i, j, QTableWidgetItem("" if v is None else str(v)))


class DisputeStation(DisputeLayout, QWidget):
    """Runs on the GUI thread; every query, registration and PDF goes through the job pool."""

    STATION = "dispute"
    ROLES = station_roles("dispute")

    matches_found = Signal(int)
    findings_shown = Signal(dict)
    case_registered = Signal(int)
    report_saved = Signal(str)
    cases_loaded = Signal(int)
    message_shown = Signal(str, str)  # kind (ok/error/info), text

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Dispute desk")

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self._jobs = JobRunner(self)
        self.order_id: int | None = None
        self.findings: dict | None = None
        self.story: dict | None = None
        self.cases: list[CaseRow] = []
        self.report_path: str | None = None  # tests: skip the file dialog
        self.export_path: str | None = None
        self._gen = 0

        self._build()

        self.lookup.returnPressed.connect(self.run_lookup)
        self.lookup_button.clicked.connect(self.run_lookup)
        self.matches.itemActivated.connect(self._on_matches_item_activated)
        self.matches.itemClicked.connect(self._on_matches_item_activated)
        self.check_button.clicked.connect(self.run_check)
        self.dest.returnPressed.connect(self.run_check)
        self.claim.currentIndexChanged.connect(self._on_claim_current_index_changed)
        self.register_button.clicked.connect(self._on_register_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        for combo in (self.f_claim, self.f_carrier, self.f_month):
            combo.currentIndexChanged.connect(self.load_cases)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.settle_button.clicked.connect(self._on_settle_button_clicked)
        self.clip_panel.clips_loaded.connect(self._on_clips_loaded)
        # a waybill scanned while the focus is elsewhere (the destination weight, a header
        # button, the register's filters) is looked up, never typed into that field: a
        # parcel's number in the weight field would be checked as a weight. Keys a person
        # types (a name through the input method, a phone tail, a weight) reach their field.
        self.wedge = WedgeFilter(self, scope=self).install()
        self.wedge.scan_received.connect(self._on_wedge_scan_received)

        db = self.db
        self._jobs.submit(lambda: carriers(db), self._on_carriers_loaded, self._on_failed)
        self.load_cases()

    @property
    def busy(self) -> bool:
        return self._jobs.busy or self.clip_panel.busy

    def keep_state(self) -> dict:
        """The parcel looked up, the destination weight and the claim, for the station
        rebuilt in the other language (`resume_state`)."""
        return {
            "key": self.lookup.text(),
            "dest": self.dest.text(),
            "claim": self.claim.currentIndex(),
            "order_id": self.order_id,
        }

    def resume_state(self, state: dict) -> None:
        self.lookup.setText(state.get("key", ""))
        self.dest.setText(state.get("dest", ""))
        self.claim.blockSignals(True)
        self.claim.setCurrentIndex(state.get("claim", 0))
        self.claim.blockSignals(False)
        if state.get("order_id") is not None:
            self.open_order(state["order_id"])
        elif self.lookup.text().strip():
            self.run_lookup()

    def focus_scan_field(self) -> None:
        self.lookup.setFocus()
        self.lookup.selectAll()

    def close_station(self) -> None:
        self.wedge.uninstall()

    def _on_wedge_scan_received(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        self.tabs.setCurrentIndex(0)  # the check, from the register's tab too
        self.lookup.setText(code)
        self.focus_scan_field()
        self.run_lookup()

    def say(self, kind: str, text: str) -> None:
        colours = {"ok": "#1b7f3b", "error": "#c62828", "info": "#10243e"}
        signs = {"ok": "✔ ", "error": "✖ ", "info": ""}
        self.message.setStyleSheet(f"color: {colours[kind]}; font-weight: bold;")
        self.message.setText(signs[kind] + text)
        self.message_shown.emit(kind, text)

    def _on_failed(self, exc: Exception) -> None:
        self.say("error", exception_text(exc))

    # --- lookup -------------------------------------------------------------------------

    def run_lookup(self) -> None:
        key = self.lookup.text().strip()
        if not key:
            return
        self._gen += 1
        gen, db = self._gen, self.db

        def find() -> list[OrderRow]:
            with db.read() as s:
                return search_orders(s, OrderFilter(text=key), limit=50)

        self.clear_parcel()  # the previous parcel (another customer) never stays under a search
        self.say("info", self.tr("Looking up…"))
        self._jobs.submit(find, lambda rows: self._on_found(gen, key, rows), self._on_failed)

    def clear_parcel(self) -> None:
        """Nothing of a parcel on screen: its story, its finding, who handled it."""
        self.order_id, self.findings, self.story = None, None, None
        self.header.setText(self.tr("Scan or type a waybill number to see the parcel's story."))
        self.timeline.setRowCount(0)
        self.finding.clear()
        self.finding.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.details.clear()
        self.handled.setRowCount(0)
        self.clip_panel.clear()
        self.story_tabs.setTabText(1, self.tr("Packing video"))
        for b in (self.check_button, self.register_button, self.report_button):
            b.setEnabled(False)

    def _on_found(self, gen: int, key: str, rows: list[OrderRow]) -> None:
        if gen != self._gen:
            return
        self.matches.clear()
        self.matches_found.emit(len(rows))
        if not rows:
            self.matches.hide()
            self.say("error", self.tr("No parcel matches {key}.").format(key=key))
            return
        if len(rows) == 1:
            self.matches.hide()
            self.open_order(rows[0].id)
            return
        for r in rows:
            item = QListWidgetItem(
                f"{r.waybill_no or '-'}   {r.order_no}   {r.receiver_name} ({r.phone_tail})   "
                f"{status_label(r.status)}   {local_time(r.paid_at)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.matches.addItem(item)
        self.matches.show()
        self.matches.setCurrentRow(0)
        self.matches.setFocus()
        self.say("info", self.tr("%n parcel(s) match: choose one.", "", len(rows)))

    def _on_matches_item_activated(self, item: QListWidgetItem) -> None:
        self.open_order(int(item.data(Qt.ItemDataRole.UserRole)))

    # --- the story and the findings ------------------------------------------------------

    def _dest(self) -> int | None:
        text = self.dest.text().strip()
        return int(text) if text else None

    def open_order(self, order_id: int) -> None:
        self.order_id = order_id
        self._check(with_story=True)

    def run_check(self) -> None:
        if self.order_id is not None:
            self._check(with_story=False)

    def _on_claim_current_index_changed(self, _i: int) -> None:
        if self.findings is not None:
            self.run_check()

    def _check(self, with_story: bool) -> None:
        self._gen += 1
        gen, db, oid = self._gen, self.db, self.order_id
        dest, claim = self._dest(), self.claim.currentData()
        assert oid is not None

        def work() -> tuple[dict | None, dict]:
            story = None
            if with_story:
                with db.read() as s:
                    story = order_story(s, oid)
            return story, dispute_check(db, "", dest_grams=dest, claim=claim, order_id=oid)

        self._jobs.submit(work, lambda r: self._on_checked(gen, r), self._on_failed)

    def _on_checked(self, gen: int, result: tuple[dict | None, dict]) -> None:
        if gen != self._gen:
            return
        story, f = result
        if story is not None:
            self.story = story
            self._show_story(story)
            self.clip_panel.load(story["order_no"] or story["waybill_no"])
        self.findings = f
        self._show_findings(f)
        for b in (self.check_button, self.register_button, self.report_button):
            b.setEnabled(True)
        self.say("info", "")
        self.findings_shown.emit(f)

    def _on_clips_loaded(self, n: int) -> None:
        self.story_tabs.setTabText(
            1, self.tr("Packing video ({n})").format(n=n) if n else self.tr("Packing video")
        )

    def _show_story(self, st: dict) -> None:
        parts = [
            f"<b style='font-size:16pt'>{st['waybill_no'] or '-'}</b> &nbsp; {st['order_no']}"
            f" &nbsp; {status_label(st['status'])}",
            f"{mask_name(st['receiver_name'])} {mask_phone(st['receiver_phone'])}"
            f" — {st['address']}",
            ", ".join(f"{li['sku']} {li['name']} × {li['qty']}" for li in st["lines"]),
        ]
        self.header.setText("<br>".join(parts))
        rows = []
        for ev in st["events"]:
            rows.append(
                [
                    local_time(ev["at"]),
                    event_label(ev["kind"]),
                    ev["station"],
                    ev["operator"],
                    "",
                ]
            )
        _fill(self.timeline, rows)
        for i, ev in enumerate(st["events"]):  # the detail in words, refusals in red with ✖
            self.timeline.setItem(i, 4, detail_item(ev["kind"], ev["detail"]))

    def _show_findings(self, f: dict) -> None:
        kind = {"consistent": "#1b7f3b", "short": "#c62828", "over": "#c62828"}.get(
            f["finding"], "#10243e"
        )
        sign = {"consistent": "✔ ", "short": "✖ ", "over": "✖ "}.get(f["finding"], "? ")
        self.finding.setStyleSheet(f"font-size: 16pt; font-weight: bold; color: {kind};")
        self.finding.setText(sign + finding_words(f))

        def g(v: int | None) -> str:
            return self.tr("none") if v is None else f"{v} g"

        lines = [
            self.tr("Expected {expected} (± {tol} g) · weighed at dispatch {recorded}").format(
                expected=g(f["expected_grams"]),
                tol=f["tolerance_grams"],
                recorded=g(f["recorded_grams"]),
            ),
            self.tr("Destination {dest} · difference {diff}").format(
                dest=g(f["dest_grams"]), diff=g(f["difference_grams"])
            ),
        ]
        disp = f.get("dispatch")
        if disp and f.get("dest_grams") is not None:
            lines.append(
                self.tr("At dispatch: {text}").format(
                    text=finding_words(
                        {"finding": disp["finding"], "difference_grams": disp["difference_grams"]}
                    )
                )
            )
        names = {li["sku"]: li["name"] for li in f.get("lines") or []}
        if f["suspects"]:
            items = ", ".join(suspect_words(s, names) for s in f["suspects"])
            lines.append(self.tr("Most likely: {items}").format(items=items))
        if f["finding"] in ("short", "over") or f["suspects"]:
            lines.append(confidence_words(f.get("confidence") or "none"))
        stub = f.get("stub") or {}
        if stub.get("bundle") is not None:
            lines.append(
                self.tr("Stub: bundle {bundle}, position {position}").format(
                    bundle=stub["bundle"], position=stub["position"]
                )
            )
        else:
            lines.append(self.tr("No stub on record."))
        if f.get("handover"):
            lines.append(
                self.tr("Handed over on manifest {no} to {courier}").format(
                    no=f["handover"]["manifest_no"], courier=f["handover"]["courier"]
                )
            )
        self.details.setText("<br>".join(lines))
        _fill(
            self.handled,
            [
                [step_label(h["step"]), h["operator"], h["station"], local_time(h["at"])]
                for h in f["handled_by"]
            ],
        )

    # --- register and report ---------------------------------------------------------

    def _on_register_button_clicked(self) -> None:
        if self.findings is None:
            return
        f, claim, db, oid = self.findings, self.claim.currentData(), self.db, self.order_id
        op, st = self.ctx.operator_code, self.ctx.station_name

        def work() -> int:
            fresh = dispute_check(db, "", dest_grams=f["dest_grams"], claim=claim, order_id=oid)
            return register_case(db, fresh, claim, operator=op, station=st)

        self._jobs.submit(work, self._on_registered, self._on_failed)

    def _on_registered(self, case_id: int) -> None:
        self.say("ok", self.tr("Case {case} registered.").format(case=case_id))
        self.case_registered.emit(case_id)
        self.load_cases()

    def _ask_save(self, preset: str | None, title: str, name: str, filters: str) -> str:
        if preset:
            return preset
        path, _ = QFileDialog.getSaveFileName(self, title, name, filters)
        return path

    def _on_report_button_clicked(self) -> None:
        if self.findings is None:
            return
        f = self.findings
        path = self._ask_save(
            self.report_path,
            self.tr("Save the evidence report"),
            f"dispute-{f.get('waybill_no') or f['order_no']}.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if not path:
            return
        from app.settings import choose_language

        lang = choose_language(None, self.ctx.settings.lang)

        clips = list(self.clip_panel.clips)

        def work() -> str:
            from printing import render_dispute_report

            report = dict(f)
            try:  # the packing video's key frames, with their times
                report["key_frames"] = report_frames(clips)
            except Exception:  # noqa: BLE001 - an unreadable clip: the report goes without
                report["key_frames"] = []
            try:
                pdf = render_dispute_report(report, lang=lang, tz=floortime.floor_zone())
                Path(path).write_bytes(pdf)
            except OSError as exc:
                raise ServiceError("cannot_write", path=path, detail=exc.strerror or "") from exc
            return path

        self._jobs.submit(work, self._on_report_saved, self._on_failed)

    def _on_report_saved(self, path: str) -> None:
        self.say("ok", self.tr("Evidence report saved: {path}").format(path=path))
        self.report_saved.emit(path)

    # --- the register tab ---------------------------------------------------------------

    def _on_carriers_loaded(self, rows: list[tuple[str, str]]) -> None:
        self.f_carrier.blockSignals(True)
        for code, name in rows:
            self.f_carrier.addItem(name, code)
        self.f_carrier.blockSignals(False)

    def _filters(self) -> dict:
        out: dict[str, Any] = {}
        if self.f_claim.currentData():
            out["claim"] = self.f_claim.currentData()
        if self.f_carrier.currentData():
            out["carrier"] = self.f_carrier.currentData()
        if self.f_month.currentData():
            out["since"], out["until"] = month_range(self.f_month.currentData())
        return out

    def load_cases(self) -> None:
        db, filters = self.db, self._filters()

        def work() -> tuple[list[CaseRow], list[tuple[str, str, str, int]]]:
            return list_cases(db, **filters), monthly_counts(db)

        self._jobs.submit(work, self._on_cases_loaded, self._on_failed)

    def _on_cases_loaded(self, result: tuple[list[CaseRow], list]) -> None:
        self.cases, counts = result
        _fill(
            self.cases_table,
            [
                [
                    c.id,
                    local_time(c.created_at),
                    c.waybill_no,
                    c.order_no,
                    c.carrier,
                    claim_label(c.claim),
                    c.finding,
                    c.difference_grams,
                    c.outcome,
                    c.responsible,
                ]
                for c in self.cases
            ],
        )
        _fill(
            self.counts_table,
            [[m, claim_label(c), k, n] for m, c, k, n in sorted(counts, reverse=True)],
        )
        self.cases_loaded.emit(len(self.cases))

    def _on_export_button_clicked(self) -> None:
        path = self._ask_save(
            self.export_path,
            self.tr("Export the dispute register"),
            "disputes.xlsx",
            self.tr("Excel (*.xlsx);;CSV (*.csv)"),
        )
        if not path:
            return
        db, filters = self.db, self._filters()

        def work() -> int:
            try:
                return export_cases(db, path, **filters)
            except OSError as exc:
                raise ServiceError("cannot_write", path=path, detail=exc.strerror or "") from exc

        self._jobs.submit(
            work,
            lambda n: self.say(
                "ok", self.tr("%n case(s) exported to {path}", "", n).format(path=path)
            ),
            self._on_failed,
        )

    def _on_settle_button_clicked(self) -> None:
        row = self.cases_table.currentRow()
        if row < 0 or row >= len(self.cases):
            self.say("error", self.tr("Choose a case in the register first."))
            return
        case = self.cases[row]
        outcome, responsible = self.outcome.text(), self.responsible.currentText()
        db, op, st = self.db, self.ctx.operator_code, self.ctx.station_name

        def work() -> int:
            settle_case(db, case.id, outcome, responsible, operator=op, station=st)
            return case.id

        def done(case_id: int) -> None:
            self.say("ok", self.tr("Case {case} settled.").format(case=case_id))
            self.outcome.clear()
            self.load_cases()

        self._jobs.submit(work, done, self._on_failed)
