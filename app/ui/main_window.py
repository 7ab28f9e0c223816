"""The main window: a header (station, operator), the station chooser and the open station."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.services.operators import OperatorInfo
from app.ui.signin import SignInDialog
from app.ui.stations import StationSpec, available_stations, station_spec
from app.ui.texts import role_label


class StationChooser(QWidget):
    """Big buttons, one per working station."""

    station_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Choose a station"))
        f = QFont(title.font())
        f.setPointSize(22)
        f.setBold(True)
        title.setFont(f)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, spec in enumerate(available_stations()):
            b = QPushButton(spec.title())
            b.setMinimumSize(260, 120)
            bf = QFont(b.font())
            bf.setPointSize(18)
            b.setFont(bf)
            b.clicked.connect(lambda _=False, n=spec.name: self.station_chosen.emit(n))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[spec.name] = b
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(grid)
        lay.addStretch(1)


class MainWindow(QMainWindow):
    """Holds at most one open station; F2 goes back to the chooser."""

    station_opened = Signal(str)
    signed_out = Signal()

    def __init__(self, db: Database, operator: OperatorInfo | None, *, demo: bool = False) -> None:
        super().__init__()
        self._db = db
        self._demo = demo
        self.operator = operator
        self.station: QWidget | None = None
        self.station_name = ""
        self.setWindowTitle(self.tr("Parcelproof"))
        self.resize(1280, 800)

        self.title = QLabel()
        tf = QFont(self.title.font())
        tf.setPointSize(16)
        tf.setBold(True)
        self.title.setFont(tf)
        self.who = QLabel()
        self.back = QPushButton(self.tr("Stations (F2)"))
        self.sign_out = QPushButton(self.tr("Sign out"))
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.who)
        header.addWidget(self.back)
        header.addWidget(self.sign_out)

        self.chooser = StationChooser()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chooser)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addLayout(header)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.chooser.station_chosen.connect(self.open_station)
        self.back.clicked.connect(self.show_chooser)
        self.sign_out.clicked.connect(self._on_sign_out_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, activated=self.show_chooser)
        self._update_header()

    def _update_header(self) -> None:
        spec = station_spec(self.station_name) if self.station_name else None
        base = self.tr("Parcelproof")
        if self._demo:
            base += " · " + self.tr("DEMO")
        self.title.setText(f"{base} — {spec.title()}" if spec else base)
        if self.operator:
            self.who.setText(
                f"{self.operator.name} ({self.operator.code}) · {role_label(self.operator.role)}"
            )
        else:
            self.who.setText(self.tr("Not signed in"))

    def open_station(self, name: str) -> bool:
        spec: StationSpec | None = station_spec(name)
        if spec is None:
            self.statusBar().showMessage(
                self.tr("The station “{name}” is not available in this version.").format(name=name),
                10_000,
            )
            return False
        if self.station is not None:
            self.stack.removeWidget(self.station)
            self.station.deleteLater()
        self.station = spec.factory(self._db)
        self.station_name = name
        self.stack.addWidget(self.station)
        self.stack.setCurrentWidget(self.station)
        focus = getattr(self.station, "focus_scan_field", None)
        if callable(focus):
            focus()
        self._update_header()
        self.station_opened.emit(name)
        return True

    def show_chooser(self) -> None:
        self.stack.setCurrentWidget(self.chooser)
        self.station_name = ""
        self._update_header()

    def _on_sign_out_clicked(self) -> None:
        self.operator = None
        self._update_header()
        self.signed_out.emit()
        dlg = SignInDialog(self._db, parent=self)
        if dlg.exec() and dlg.operator:
            self.operator = dlg.operator
            self._update_header()
        else:
            self.close()
