"""The admin station's Floor settings tab: stubs per bundle, the packing step, the floor time
zone, the phone on our own labels and 6-digit PINs. Saving asks the admin's PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from app.domain import floortime
from app.services import admin as svc
from app.ui.desks.admin.common import AdminTab, spin

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation


def _zone_box() -> QComboBox:
    """The floor time zone: the system's first (data ``""``), then the IANA names; typing
    completes a name (``Asia/Sh…``)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    system = floortime.system_zone()
    box.addItem(
        QCoreApplication.translate("Admin", "System time zone ({zone})").format(
            zone=floortime.zone_name(system)
        ),
        "",
    )
    for name in sorted(available_timezones()):
        box.addItem(name, name)
    completer = box.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
    return box


class SettingsTab(AdminTab):
    """The floor settings every station reads."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.bundle = spin(1, svc.MAX_BUNDLE_SIZE)
        self.packing = QCheckBox(self.tr("Parcels must be packed (confirmed) before weighing"))
        self.time_zone = _zone_box()
        self.mask_phone = QCheckBox(self.tr("Our own labels print the receiver's phone masked"))
        self.six_digits = QCheckBox(self.tr("PINs must have 6 digits"))
        self.save_button = QPushButton(self.tr("Save settings"))
        form = QFormLayout()
        form.addRow(self.tr("Stubs per bundle"), self.bundle)
        form.addRow("", self.packing)
        form.addRow(self.tr("Floor time zone"), self.time_zone)
        zone_note = QLabel(
            self.tr(
                "Every screen, document, report and the same-day cut-off use this zone; "
                "documents print it next to their times."
            )
        )
        zone_note.setWordWrap(True)
        form.addRow("", zone_note)
        form.addRow("", self.mask_phone)
        phone_note = QLabel(
            self.tr(
                "Off: the phone prints whole, so the courier can call the receiver. The stub and "
                "every screen show the receiver masked either way; a platform's e-waybill is "
                "printed by its own print component."
            )
        )
        phone_note.setWordWrap(True)
        form.addRow("", phone_note)
        form.addRow("", self.six_digits)
        pin_note = QLabel(
            self.tr(
                "On: a supervisor or admin with a 4-digit PIN cannot sign in until you set them "
                "a new 6-digit PIN (Operators tab). Give yourself a 6-digit PIN first."
            )
        )
        pin_note.setWordWrap(True)
        form.addRow("", pin_note)
        form.addRow(self.save_button)
        note = QLabel(self.tr("Weight tolerances are set per shop (Shops tab)."))
        note.setWordWrap(True)
        form.addRow(note)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        db = self.db
        self.run(lambda: svc.floor_settings(db), self._on_loaded)

    def _on_loaded(self, fs: svc.FloorSettings) -> None:
        self.bundle.setValue(fs.bundle_size)
        self.packing.setChecked(fs.packing_required)
        i = self.time_zone.findData(fs.time_zone)
        if i < 0:  # a name this machine's list lacks: shown as it is
            self.time_zone.addItem(fs.time_zone, fs.time_zone)
            i = self.time_zone.count() - 1
        self.time_zone.setCurrentIndex(i)
        self.mask_phone.setChecked(fs.label_masks_phone)
        self.six_digits.setChecked(fs.six_digit_pins)

    def zone_name(self) -> str:
        """The chosen IANA name (``""``: the system's zone); typed text counts as a name."""
        text = self.time_zone.currentText().strip()
        i = self.time_zone.findText(text)
        return str(self.time_zone.itemData(i) or "") if i >= 0 else text

    def save(self) -> None:
        new = svc.FloorSettings(
            self.bundle.value(),
            self.packing.isChecked(),
            self.zone_name(),
            self.mask_phone.isChecked(),
            self.six_digits.isChecked(),
        )
        db, who = self.db, self.who

        def done(_r: object) -> None:
            self.station.report("ok", self.tr("Floor settings saved."))
            self.reload()

        self.with_pin(
            self.tr("Your PIN to save the floor settings."),
            lambda pin: svc.save_floor_settings(db, new, admin_pin=pin, **who),
            done,
        )
