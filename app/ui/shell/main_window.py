"""The main window: a header (station, operator), the station chooser and the open station."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import heap
from app.services.operators import OperatorInfo
from app.ui.kit import sound
from app.ui.kit.context import StationContext
from app.ui.kit.screen import available, fit_size, show_on_screen
from app.ui.kit.texts import role_label
from app.ui.shell.icons import app_icon
from app.ui.shell.idle import IdleWatcher
from app.ui.shell.signin import SignInDialog
from app.ui.shell.stations import allowed, available_stations, station_class

#: after a station opens, when to freeze what it holds (app.heap): after the first paint
SETTLE_AFTER_MS = 500


class StationChooser(QWidget):
    """Big buttons, one per working station."""

    station_chosen = Signal(str)

    def __init__(self, operator: OperatorInfo | None, parent=None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Choose a station"))
        f = QFont(title.font())
        f.setPointSize(22)
        f.setBold(True)
        title.setFont(f)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs = [c for c in available_stations() if allowed(c, operator)]
        for i, spec in enumerate(specs):
            b = QPushButton(spec.title())
            b.setMinimumSize(260, 110)
            bf = QFont(b.font())
            bf.setPointSize(18)
            b.setFont(bf)
            b.clicked.connect(lambda _=False, n=spec.STATION: self.station_chosen.emit(n))
            grid.addWidget(b, i // 4, i % 4)  # 13 stations in 4 rows: fits 1366×768
            self.buttons[spec.STATION] = b
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(grid)
        lay.addStretch(1)


class MainWindow(QMainWindow):
    """Holds at most one open station; F2 goes back to the chooser."""

    station_opened = Signal(str)
    signed_out = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._db = ctx.db
        self._demo = ctx.demo
        self.operator = ctx.operator
        self.station: QWidget | None = None
        self.station_name = ""
        self.setWindowTitle(self.tr("Parcelproof"))
        # never larger than the screen (1366×768 is common): `show_on_floor` maximises it
        self.resize(fit_size(QSize(1280, 800), available(self)))

        self.title = QLabel()
        tf = QFont(self.title.font())
        tf.setPointSize(16)
        tf.setBold(True)
        self.title.setFont(tf)
        self.who = QLabel()
        self.back = QPushButton()
        self.sign_out = QPushButton()
        self.language = QPushButton()
        # spoken prompts (错货, 拦截件…) on or off; the tones stay (app.ui.kit.sound)
        sound.set_voice_enabled(bool(ctx.settings.extra.get(sound.SETTING, True)))
        self.voice = QPushButton()
        self.voice.setCheckable(True)
        self.voice.setChecked(sound.voice_enabled())
        self.setWindowIcon(app_icon())
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.who)
        header.addWidget(self.voice)
        header.addWidget(self.language)
        header.addWidget(self.back)
        header.addWidget(self.sign_out)

        self.chooser = StationChooser(self.operator)
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
        self.language.clicked.connect(self._on_language_clicked)
        self.voice.toggled.connect(self._on_voice_toggled)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, activated=self.show_chooser)
        self.idle = IdleWatcher(ctx.settings.idle_lock_minutes, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.idled.connect(self.lock)
        self._update_header()

    def show_on_floor(self) -> None:
        """Show the window maximised within the screen's available area, or full screen
        (setting ``full_screen``)."""
        show_on_screen(self, full_screen=self.ctx.settings.full_screen)

    def _update_header(self) -> None:
        self.back.setText(self.tr("Stations (F2)"))
        self.sign_out.setText(self.tr("Sign out"))
        on = self.voice.isChecked()
        # a style icon, not an emoji: the floor's fonts may have no glyph for one
        self.voice.setIcon(
            self.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaVolume
                if on
                else QStyle.StandardPixmap.SP_MediaVolumeMuted
            )
        )
        self.voice.setText(self.tr("Voice on") if on else self.tr("Voice off"))
        # the button names the other language, in that language
        self.language.setText("English" if self.ctx.settings.lang == "zh_CN" else "中文")
        spec = station_class(self.station_name) if self.station_name else None
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
        spec = station_class(name)
        if spec is None or not allowed(spec, self.operator):
            self.statusBar().showMessage(
                self.tr("The station “{name}” is not available in this version.").format(name=name),
                10_000,
            )
            return False
        self._close_station()
        self.ctx.operator = self.operator
        self.station = spec(self.ctx)
        self.station_name = name
        self.stack.addWidget(self.station)
        self.stack.setCurrentWidget(self.station)
        focus = getattr(self.station, "focus_scan_field", None)
        if callable(focus):
            focus()
        self._update_header()
        self.station_opened.emit(name)
        # once the station is up, what it holds is kept out of later collections (app.heap)
        QTimer.singleShot(SETTLE_AFTER_MS, heap.settle)
        return True

    def _close_station(self) -> None:
        if self.station is None:
            return
        closer = getattr(self.station, "close_station", None)
        if callable(closer):
            closer()
        self.stack.removeWidget(self.station)
        self.station.deleteLater()
        self.station = None

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.release_app_filters()
        self._close_station()
        super().closeEvent(event)

    def show_chooser(self) -> None:
        self.stack.setCurrentWidget(self.chooser)
        self.station_name = ""
        self._update_header()

    def release_app_filters(self) -> None:
        """Take the idle watcher off the application: a window that is gone must not keep
        an application-wide event filter (it would sit in every event's path)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)

    def lock(self) -> None:
        """Idle too long: the station locks until a badge is scanned again (anyone allowed
        may take over; the station stays open when the new operator may use it)."""
        if self.isHidden():
            return
        dlg = SignInDialog(
            self._db,
            hint=self.tr("Locked after idle time. Scan your badge."),
            station=self.ctx.station_name,
            parent=self,
        )
        if dlg.exec() and dlg.operator:
            changed = self.operator is None or dlg.operator.code != self.operator.code
            self.operator = dlg.operator
            self.ctx.operator = dlg.operator
            if changed:
                current = self.station_name
                self._rebuild_chooser()
                if current:
                    self.open_station(current)
            self._update_header()
        self.idle.set_minutes(self.ctx.settings.idle_lock_minutes)

    def _on_language_clicked(self) -> None:
        from app.settings import save_settings
        from app.ui.shell.i18n import install_translators

        lang = "en" if self.ctx.settings.lang == "zh_CN" else "zh_CN"
        self.ctx.settings.lang = lang
        app = QApplication.instance()
        if app is not None:
            install_translators(app, lang)
        if not self.ctx.demo:
            save_settings(self.ctx.settings)
        current = self.station_name
        # the station is made again in the new language and takes over what it held (the
        # open order, the search, the last scans): a switch mid-order loses nothing
        keeper = getattr(self.station, "keep_state", None) if current else None
        state = keeper() if callable(keeper) else None
        self._rebuild_chooser()  # widgets are made again, in the new language
        if current and self.open_station(current) and state is not None:
            self.station.resume_state(state)  # type: ignore[union-attr]
        self.setWindowTitle(self.tr("Parcelproof"))
        self._update_header()

    def _on_voice_toggled(self, on: bool) -> None:
        from app.settings import save_settings

        sound.set_voice_enabled(on)
        self.ctx.settings.extra[sound.SETTING] = on
        if not self.ctx.demo:
            save_settings(self.ctx.settings)
        self._update_header()

    def _on_sign_out_clicked(self) -> None:
        self.operator = None
        self._update_header()
        self.signed_out.emit()
        dlg = SignInDialog(self._db, station=self.ctx.station_name, parent=self)
        if dlg.exec() and dlg.operator:
            self.operator = dlg.operator
            self.ctx.operator = dlg.operator
            self._rebuild_chooser()
            self._update_header()
        else:
            self.close()

    def _rebuild_chooser(self) -> None:
        self._close_station()
        old = self.chooser
        self.chooser = StationChooser(self.operator)
        self.chooser.station_chosen.connect(self.open_station)
        self.stack.insertWidget(0, self.chooser)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.show_chooser()
