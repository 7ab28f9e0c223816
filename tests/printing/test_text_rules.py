"""Masking, goods summaries, line breaking and the small helpers."""

from __future__ import annotations

import pytest

from printing.documents import GoodsLine, fmt_grams, goods_summary, mask_name, mask_phone
from printing.i18n import norm_lang, tr
from printing.layout import EmFontModel, StepFontModel, truncate, wrap

FM = EmFontModel()


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王小雨", "王*雨"),
        ("王雨", "王*"),
        ("欧阳小雨", "欧**雨"),
        ("王", "*"),
        ("", ""),
        (" 李四 ", "李*"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13912341234", "139****1234"),
        ("139 1234 1234", "139****1234"),
        ("+8613912341234", "139****1234"),
        ("13912341234-5678", "139****1234-5678"),
        ("0571-88886666", "057******6666"),
        ("1234", "1234"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_goods_summary_merges_and_cuts_with_total() -> None:
    goods = [GoodsLine("A", 2), GoodsLine("B", 1), GoodsLine("A", 1), GoodsLine("C", 3)]
    assert goods_summary(goods) == "A×3，B×1，C×3"
    short = goods_summary(goods, fits=lambda s: len(s) <= 10)
    assert short == "A×3…等7件"
    assert goods_summary(goods, fits=lambda s: True, lang="en") == "A×3, B×1, C×3"
    assert goods_summary([]) == ""


def test_wrap_breaks_chinese_anywhere_but_keeps_latin_runs() -> None:
    lines = wrap("浙江省杭州市西湖区文三路478号华星时代广场", 10 * 3.0, 3.0, FM)
    assert lines == ["浙江省杭州市西湖区文", "三路478号华星时代广", "场"]
    lines = wrap("收件人地址是 ABCDEFGH 号", 10 * 3.0, 3.0, FM)
    assert lines == ["收件人地址是", "ABCDEFGH 号"]


def test_wrap_never_starts_a_line_with_a_comma() -> None:
    for n in range(3, 12):
        for ln in wrap("一二三四，五六七八，九十、一二三。四五", n * 3.0, 3.0, FM)[1:]:
            assert ln[0] not in "，、。"


def test_wrap_max_lines_ends_with_ellipsis() -> None:
    lines = wrap("一二三四五六七八九十" * 3, 5 * 3.0, 3.0, FM, max_lines=2)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(FM.width(ln, 3.0) <= 15.0 + 1e-6 for ln in lines)


def test_truncate() -> None:
    assert truncate("abc", 10, 3.0, FM) == "abc"
    t = truncate("一二三四五六", 10.0, 3.0, FM)
    assert t.endswith("…") and FM.width(t, 3.0) <= 10.0


def test_step_font_model_rounds_down_to_whole_multipliers() -> None:
    fm = StepFontModel(24)
    dot = 25.4 / 203
    assert fm.size(2.0) == pytest.approx(24 * dot)  # never below one step
    assert fm.size(6.5) == pytest.approx(48 * dot)
    assert fm.size(9.0) == pytest.approx(72 * dot)


def test_weights_and_languages() -> None:
    assert fmt_grams(1234) == "1234 g (1.234 kg)"
    assert fmt_grams(50) == "50 g (0.050 kg)"
    assert (
        norm_lang("en_US") == "en" and norm_lang("zh-CN") == "zh_CN" and norm_lang(None) == "zh_CN"
    )
    assert tr("more_items", "zh_CN", n=5) == "…等5件"
    assert tr("no-such-key", "en") == "no-such-key"
