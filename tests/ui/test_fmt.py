"""Weights, money and times in the UI language's form (QLocale), en and zh_CN."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale

from app.ui.kit import fmt

EN, ZH = QLocale("en_US"), QLocale("zh_CN")
AT = dt.datetime(2026, 11, 23, 11, 52, 7, tzinfo=dt.UTC)  # stored UTC


@pytest.mark.parametrize("loc", [EN, ZH], ids=["en", "zh_CN"])
def test_weights_and_money(loc):
    assert fmt.grams(1234, loc) == "1,234 g"
    assert fmt.grams(-412, loc) == "-412 g"
    assert fmt.grams(0, loc) == "0 g"
    assert fmt.kilograms(1234, loc) == "1.234 kg"
    assert fmt.kilograms(50, loc) == "0.050 kg"
    assert fmt.weight(9_999, loc) == "9,999 g"
    assert fmt.weight(12_500, loc) == "12.500 kg"
    assert fmt.money(1234, loc) == "¥12.34"
    assert fmt.money(123456, loc) == "¥1,234.56"
    assert fmt.money(5, loc) == "¥0.05"
    assert fmt.money(-50, loc) == "-¥0.50"


def test_a_locale_with_other_separators_is_followed():
    de = QLocale("de_DE")  # not shipped, but proves the locale decides, not the code
    assert fmt.grams(1234, de) == "1.234 g"
    assert fmt.kilograms(1234, de) == "1,234 kg"
    assert fmt.money(123456, de) == "¥1.234,56"


def test_times_are_local_in_the_locale_form():
    local = AT.astimezone()
    hm24 = local.strftime("%H:%M")
    assert fmt.date_time(AT, ZH) == f"{local.year}/{local.month}/{local.day} {hm24}"
    assert fmt.date(AT, ZH) == f"{local.year}/{local.month}/{local.day}"
    assert fmt.time(AT, ZH) == hm24
    assert fmt.time(AT, ZH, seconds=True) == local.strftime("%H:%M:%S")
    h12 = local.hour % 12 or 12
    ampm = "AM" if local.hour < 12 else "PM"
    en_time = f"{h12}:{local.minute:02d}"
    assert fmt.date_time(AT, EN).replace("\u202f", " ") == (
        f"{local.month}/{local.day}/{local.year} {en_time} {ampm}"
    )
    assert fmt.time(AT, EN, seconds=True).replace("\u202f", " ") == (
        f"{en_time}:{local.second:02d} {ampm}"
    )
    assert fmt.date(dt.date(2026, 1, 2), EN) == "1/2/2026"
    # the services hand ISO strings in JSON; nothing at all is shown as nothing
    assert fmt.date_time(AT.isoformat(), ZH) == fmt.date_time(AT, ZH)
    assert fmt.date_time(None) == "" and fmt.time(None) == "" and fmt.date(None) == ""


def test_default_locale_is_the_ui_language(qapp):
    from app.ui.kit.widgets import local_time
    from app.ui.shell.i18n import install_translators

    try:
        install_translators(qapp, "zh_CN")
        assert fmt.grams(1234) == "1,234 g"
        assert local_time(AT) == fmt.date_time(AT, ZH)
        install_translators(qapp, "en")
        assert local_time(AT) == fmt.date_time(AT, EN)
    finally:
        install_translators(qapp, "en")


def test_without_a_ui_language_numbers_are_grouped_the_english_way(qapp):
    before = QLocale()
    try:
        QLocale.setDefault(QLocale.c())
        assert fmt.grams(1234) == "1,234 g" and fmt.money(123456) == "¥1,234.56"
    finally:
        QLocale.setDefault(before)
