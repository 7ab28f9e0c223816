"""The admin station's Operators tab: staff numbers, roles, badges and PINs; operators are
deactivated, never deleted. Every change asks the admin's own PIN again, and a badge locked
after too many wrong PINs is shown and unlocked here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.services import admin as svc
from app.ui.desks.admin.common import AdminTab, fill, new_table, yes
from app.ui.kit.texts import role_label

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation


class OperatorsTab(AdminTab):
    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.OperatorRow] = []
        self.locked: dict[str, str] = {}  # 工号 → locked until (the floor's clock)
        self.creating = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search staff number, name or badge"))
        self.table = new_table(
            [
                self.tr("Staff no."),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Badge"),
                self.tr("Active"),
                self.tr("PIN set"),
                self.tr("Locked until"),
            ]
        )
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.role = QComboBox()
        for r in svc.ROLES:
            self.role.addItem(role_label(r), r)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("empty: OP + staff number"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(
            self.tr("4–12 digits (6–12 where the floor requires); supervisors and admins need one")
        )
        self.new_button = QPushButton(self.tr("New operator"))
        self.save_button = QPushButton(self.tr("Save operator"))
        self.pin_button = QPushButton(self.tr("Reset PIN"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.unlock_button = QPushButton(self.tr("Unlock badge"))
        self.unlock_button.setToolTip(
            self.tr("Lift the lock after too many wrong PINs (it also ends by itself).")
        )
        form = QFormLayout()
        form.addRow(self.tr("Staff no."), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.pin_button,
            self.active_button,
            self.unlock_button,
            self.save_button,
        ):
            buttons.addWidget(b)
        form.addRow(buttons)
        note = QLabel(self.tr("Operators are never deleted: events name them. Deactivate instead."))
        note.setWordWrap(True)
        form.addRow(note)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(form, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addLayout(body, 1)
        self.search.returnPressed.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.pin_button.clicked.connect(self.reset_pin)
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        self.start_new()

    def reload(self) -> None:
        db, text = self.db, self.search.text()
        self.run(lambda: (svc.list_operators(db, text), svc.locked_badges(db)), self._on_loaded)

    def _on_loaded(self, loaded: tuple[list[svc.OperatorRow], dict[str, str]]) -> None:
        self.rows, self.locked = loaded
        fill(
            self.table,
            [
                [
                    r.code,
                    r.name,
                    role_label(r.role),
                    r.badge,
                    yes(r.active),
                    yes(r.has_pin),
                    self.locked.get(r.code, ""),
                ]
                for r in self.rows
            ],
        )
        self._show_unlock()

    def _show_unlock(self) -> None:
        r = self.current()
        self.unlock_button.setEnabled(r is not None and r.code in self.locked)

    def current(self) -> svc.OperatorRow | None:
        sel = self.table.selectionModel().selectedRows()
        return self.rows[sel[0].row()] if sel else None

    def _on_table_item_selection_changed(self) -> None:
        r = self.current()
        if r is None:
            return
        self.creating = False
        self.code.setText(r.code)
        self.code.setReadOnly(True)
        self.name.setText(r.name)
        self.role.setCurrentIndex(max(0, self.role.findData(r.role)))
        self.badge.setText(r.badge)
        self.pin.clear()
        self.active_button.setText(self.tr("Deactivate") if r.active else self.tr("Reactivate"))
        self.pin_button.setEnabled(True)
        self.active_button.setEnabled(True)
        self._show_unlock()

    def start_new(self) -> None:
        self.table.clearSelection()
        self.creating = True
        self.code.setReadOnly(False)
        for w in (self.code, self.name, self.badge, self.pin):
            w.clear()
        self.role.setCurrentIndex(0)
        self.pin_button.setEnabled(False)
        self.active_button.setEnabled(False)
        self.unlock_button.setEnabled(False)

    def _done(self, message: str) -> Callable[[Any], None]:
        def done(_result: object) -> None:
            self.pin.clear()
            self.station.report("ok", message)
            self.reload()

        return done

    def save(self) -> None:
        db, who = self.db, self.who
        code, name, role = self.code.text().strip(), self.name.text(), self.role.currentData()
        badge, pin = self.badge.text().strip(), self.pin.text().strip()
        msg = self.tr("Operator {code} saved.").format(code=code)
        if self.creating:
            report = self._done(msg)

            def added(row: svc.OperatorRow) -> None:
                self.creating = False
                self.code.setReadOnly(True)
                report(row)

            self.with_pin(
                self.tr("Your PIN to add operator {code}.").format(code=code),
                lambda admin_pin: svc.add_operator(
                    db, code, name, role, badge=badge, pin=pin, admin_pin=admin_pin, **who
                ),
                added,
            )
        else:
            self.with_pin(
                self.tr("Your PIN to change operator {code}.").format(code=code),
                lambda admin_pin: svc.update_operator(
                    db,
                    code,
                    name=name,
                    role=role,
                    badge=badge or None,
                    pin=pin,
                    admin_pin=admin_pin,
                    **who,
                ),
                self._done(msg),
            )

    def reset_pin(self) -> None:
        db, who, code, pin = self.db, self.who, self.code.text().strip(), self.pin.text().strip()
        msg = self.tr("New PIN set for {code}.").format(code=code)
        self.with_pin(
            self.tr("Your PIN to set a new PIN for {code}.").format(code=code),
            lambda admin_pin: svc.reset_pin(db, code, pin, admin_pin=admin_pin, **who),
            self._done(msg),
        )

    def toggle_active(self) -> None:
        r = self.current()
        if r is None:
            return
        db, who, active = self.db, self.who, not r.active
        msg = (
            self.tr("Operator {code} reactivated.")
            if active
            else self.tr("Operator {code} deactivated.")
        ).format(code=r.code)
        self.with_pin(
            (
                self.tr("Your PIN to reactivate {code}.")
                if active
                else self.tr("Your PIN to deactivate {code}.")
            ).format(code=r.code),
            lambda admin_pin: svc.set_operator_active(
                db, r.code, active, admin_pin=admin_pin, **who
            ),
            self._done(msg),
        )

    def unlock(self) -> None:
        r = self.current()
        if r is None:
            return
        db, who = self.db, self.who
        msg = self.tr("The badge of {code} is unlocked.").format(code=r.code)
        self.with_pin(
            self.tr("Your PIN to unlock the badge of {code}.").format(code=r.code),
            lambda admin_pin: svc.unlock_badge(db, r.code, admin_pin=admin_pin, **who),
            self._done(msg),
        )
