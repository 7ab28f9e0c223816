"""The receiver masking rule (app.domain.privacy): what our screens and the stub show."""

from __future__ import annotations

import pytest

from app.domain.privacy import is_masked, mask_name, mask_phone


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("王小雨", "王*雨"),
        ("欧阳小雨", "欧*雨"),  # one * however many are hidden: the length is not told
        ("阿卜杜拉·买买提", "阿*提"),
        ("王雨", "王*"),
        ("王", "王"),
        (" 李 四 ", "李*"),
        ("Li Lei", "L* L*"),
        ("John Smith", "J* S*"),
        ("Anna", "A*"),
        ("J Smith", "J S*"),
        ("王**", "王**"),  # the platform's export masked it already
        ("*雨", "*雨"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_names(name: str, shown: str) -> None:
    assert mask_name(name) == shown


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13912341234", "139****1234"),
        ("139 1234 1234", "139****1234"),
        ("139-1234-1234", "139****1234"),
        ("+8613912341234", "139****1234"),
        ("+86 139 1234 1234", "139****1234"),
        ("008618601234567", "186****4567"),
        ("8615057123456", "150****3456"),
        ("13912341234-5678", "139****1234-5678"),  # a privacy number's extension stays
        ("17012345678转1234", "170****5678-1234"),
        ("0571-88886666", "0571-****6666"),  # the area code says the city, nothing more
        ("010 6552 9988", "010-****9988"),
        ("(021) 6888 1234", "021-****1234"),
        ("075588886666", "0755-****6666"),
        ("0571-88886666-123", "0571-****6666-123"),
        ("4008123123", "******3123"),
        ("95338", "*5338"),
        ("1234", "1234"),
        ("139****1234", "139****1234"),  # masked by the platform: as it came
        ("*******1234", "*******1234"),
        ("", ""),
    ],
)
def test_phones(phone: str, shown: str) -> None:
    assert mask_phone(phone) == shown


@pytest.mark.parametrize(
    "phone", ["13912341234", "+86 139 1234 1234", "0571-88886666", "13912341234-5678"]
)
def test_no_more_than_the_last_four_of_the_number_show(phone: str) -> None:
    shown = mask_phone(phone)
    assert is_masked(shown)
    assert "1234 1234" not in shown and "88886666" not in shown and "12341234" not in shown


def test_masking_twice_changes_nothing() -> None:
    for value in ("王小雨", "Li Lei", "13912341234", "0571-88886666"):
        assert mask_name(mask_name(value)) == mask_name(value)
        assert mask_phone(mask_phone(value)) == mask_phone(value)
