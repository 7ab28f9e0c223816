"""Numbers, money and times in the form of the current UI language (QLocale).

``install_translators`` sets ``QLocale.setDefault(QLocale(lang))``, so ``QLocale()`` here is the
language the user chose (``--lang`` / the header switch): ``zh_CN`` or ``en``. Amounts arrive
as integers (grams, fen); times arrive in UTC (aware or naive-UTC) and are shown on the floor's
clock (`app.domain.floortime`: the floor time zone setting, the same the documents print), not
in whatever zone this machine happens to be set to.

The units stay symbols in both languages (``g``, ``kg``, ``¥``): the floor writes them that
way in Chinese too, and the label printers print them so.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTime

from app.domain.floortime import to_floor


def _locale(locale: QLocale | None) -> QLocale:
    if locale is not None:
        return locale
    loc = QLocale()
    # no UI language installed yet (a test, a tool): the "C" locale would drop the digit
    # grouping, and English is the program's other language anyway
    return QLocale("en_US") if loc.language() == QLocale.Language.C else loc


def number(n: int, locale: QLocale | None = None) -> str:
    """An integer with the locale's digit grouping: ``1,234``."""
    return _locale(locale).toString(int(n))


def grams(g: int, locale: QLocale | None = None) -> str:
    """A weight in grams: ``1,234 g`` (negative for a difference: ``-412 g``)."""
    return f"{number(g, locale)} g"


def kilograms(g: int, locale: QLocale | None = None) -> str:
    """A weight in kilograms with three decimals (exact to the gram): ``1.234 kg``."""
    loc = _locale(locale)
    return f"{loc.toString(int(g) / 1000, 'f', 3)} kg"


def weight(g: int, locale: QLocale | None = None) -> str:
    """Grams below 10 kg, kilograms from 10 kg on (a pallet reads better as ``12.500 kg``)."""
    return grams(g, locale) if abs(int(g)) < 10_000 else kilograms(g, locale)


def money(fen: int, locale: QLocale | None = None) -> str:
    """Renminbi from an integer number of fen: ``¥12.34``, ``-¥0.50``, ``¥1,234.00``."""
    loc = _locale(locale)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{loc.toString(yuan)}{loc.decimalPoint()}{cents:02d}"


def _to_local(when: dt.datetime) -> tuple[QDate, QTime]:
    """``when`` (aware, or naive UTC) as the floor clock's date and time of day.

    Qt gets the wall-clock fields only, never an instant: it would put them in the system's
    zone again (and move a time that does not exist there, in a DST gap)."""
    t = to_floor(when)
    return QDate(t.year, t.month, t.day), QTime(t.hour, t.minute, t.second, t.microsecond // 1000)


def _date_format(loc: QLocale) -> str:
    """The locale's short date form with a four-digit year (a record is read for years)."""
    f = loc.dateFormat(QLocale.FormatType.ShortFormat)
    return f if "yyyy" in f else f.replace("yy", "yyyy", 1)


def date_time(when: dt.datetime | str | None, locale: QLocale | None = None) -> str:
    """Date and time on the floor's clock, the locale's short form: ``2026/11/23 19:52`` (zh_CN),
    ``11/23/2026 7:52 PM`` (en). ISO strings (JSON from the services) are accepted."""
    if when is None or when == "":
        return ""
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when)
    loc = _locale(locale)
    day, clock = _to_local(when)
    time_fmt = loc.timeFormat(QLocale.FormatType.ShortFormat)
    return f"{loc.toString(day, _date_format(loc))} {loc.toString(clock, time_fmt)}"


def date(when: dt.datetime | dt.date | None, locale: QLocale | None = None) -> str:
    """The date alone, on the floor's clock, in the locale's short form."""
    if when is None:
        return ""
    loc = _locale(locale)
    day = _to_local(when)[0] if isinstance(when, dt.datetime) else QDate(*when.timetuple()[:3])
    return loc.toString(day, _date_format(loc))


def time(when: dt.datetime | None, locale: QLocale | None = None, seconds: bool = False) -> str:
    """The time of day, on the floor's clock, in the locale's form (``19:52`` / ``7:52 PM``).

    ``seconds`` adds the seconds (a job log, a scan list) in the locale's own order.
    """
    if when is None:
        return ""
    loc = _locale(locale)
    fmt = loc.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in fmt:
        fmt = fmt.replace("mm", "mm:ss", 1)
    return loc.toString(_to_local(when)[1], fmt)
