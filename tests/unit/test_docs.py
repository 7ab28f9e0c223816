"""The user manual (docs/en, docs/zh_CN) stays true to the screens: every text it quotes as the
screen's is a real UI string of that language (from the shipped .ts files), every hold reason
is explained in both languages, the two languages have the same pages, and every link works.

Quoting convention: English pages put screen text in “…”, Chinese pages in 「…」. Placeholders
({order_no}, %n) may be quoted as they are or with an example value.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = ROOT / "docs"
TS = ROOT / "resources" / "translations"
PAGES = {
    "index.md",
    "print-operator.md",
    "picker.md",
    "verifier-packer.md",
    "weigher.md",
    "after-sales.md",
    "supervisor.md",
    "admin.md",
    "holds.md",
    "new-station.md",
}
QUOTES = {"en": re.compile(r"“([^”]+)”"), "zh_CN": re.compile(r"「([^」]+)」")}
#: quoted texts that are not Qt strings: the language button, spoken prompts, the menu entry
NOT_QT = {
    "en": {
        "中文",
        "English",
        "Wrong item",
        "One too many",
        "Intercepted. Send it back",
        "Too light, four hundred twelve grams",
        "Parcelproof",
        "发货校验称重",
        "Demo (no hardware)",
    },
    "zh_CN": {"中文", "English", "发货校验称重", "演示模式（无需硬件）", "Parcelproof"},
}


def _ts_strings(lang: str) -> dict[str, list[str]]:
    """context → the texts the screen shows in ``lang`` (sources for en, translations for zh)."""
    out: dict[str, list[str]] = {}
    root = ET.parse(TS / f"parcelproof_{lang}.ts").getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            if lang == "en":
                texts = [msg.findtext("source") or ""]
            else:
                tr = msg.find("translation")
                forms = [] if tr is None else [n.text or "" for n in tr.iter("numerusform")]
                texts = forms or [(tr.text or "") if tr is not None else ""]
            out.setdefault(name, []).extend(t for t in texts if t)
    return out


def _pattern(text: str) -> re.Pattern[str]:
    rx = re.escape(" ".join(text.split()))
    rx = re.sub(r"\\\{[^}]*\\\}", ".+?", rx)  # {order_no}, {diff:\+d}
    rx = rx.replace("%n", r"\d+")
    return re.compile(rx)


def _screen_patterns(lang: str) -> list[re.Pattern[str]]:
    pats = []
    for texts in _ts_strings(lang).values():
        for t in texts:
            for x in [t, *t.splitlines()]:
                # "{platform}: {n}" would match any "a: b": a pattern must have some words
                literal = re.sub(r"\{[^}]*\}|%n|\s", "", x)
                exact = "{" not in x and "%n" not in x
                if exact or len(literal) >= 3 or (lang == "zh_CN" and len(literal) >= 2):
                    pats.append(_pattern(x))
    return pats


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_both_languages_have_every_page(lang):
    assert {p.name for p in (DOCS / lang).glob("*.md")} == PAGES


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_quoted_screen_texts_are_real_ui_strings(lang):
    pats = _screen_patterns(lang)
    wrong = []
    for page in sorted((DOCS / lang).glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for quoted in QUOTES[lang].findall(text):
            q = " ".join(quoted.split())  # a quote may wrap over two lines
            if q in NOT_QT[lang]:
                continue
            if not any(p.fullmatch(q) for p in pats):
                wrong.append(f"{page.name}: {q}")
    assert not wrong, "quoted as the screen's but not a UI string:\n" + "\n".join(wrong)


def test_every_hold_reason_is_explained_in_both_languages():
    en, zh = _ts_strings("en"), _ts_strings("zh_CN")
    reasons_en = [*en["Hold"], "Verification incomplete", "Too light", "Too heavy"]
    reasons_zh = [*zh["Hold"], "校验未完成", "重量偏轻", "重量偏重"]
    holds_en = " ".join((DOCS / "en" / "holds.md").read_text(encoding="utf-8").split())
    holds_zh = " ".join((DOCS / "zh_CN" / "holds.md").read_text(encoding="utf-8").split())
    assert len(reasons_en) >= 10
    assert [r for r in reasons_en if f"“{r}”" not in holds_en] == []
    assert [r for r in reasons_zh if f"「{r}」" not in holds_zh] == []


def _slug(heading: str) -> str:
    s = heading.strip().lower()
    s = "".join(c for c in s if c.isalnum() or c in " -_")
    return s.replace(" ", "-")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_links_and_anchors_resolve(lang):
    bad = []
    for page in (DOCS / lang).glob("*.md"):
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            file, _, anchor = target.partition("#")
            dest = (page.parent / file).resolve() if file else page
            if not dest.is_file():
                bad.append(f"{page.name}: {target}")
                continue
            if anchor:
                heads = re.findall(r"^#+ (.+)$", dest.read_text(encoding="utf-8"), re.M)
                if anchor not in {_slug(h) for h in heads}:
                    bad.append(f"{page.name}: #{anchor}")
    assert not bad, bad
