"""Every refusal a service can raise reaches a person in words (issue #23, point 4).

The codes are found in the source, not listed by hand: every ``ServiceError(...)`` in app/ is
read with ``ast``. A code built at run time is expanded here explicitly; a new kind of
construction fails this test until it is handled. Each code must have a sentence in English
and in Chinese for the command line (app/cli/messages.py) and for the screens (app/ui/kit/texts.py
and the stations' registered words, through Qt's translation).
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _constants(node: ast.expr) -> set[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):  # "no_stub" if known else "not_found"
        a, b = _constants(node.body), _constants(node.orelse)
        return a | b if a is not None and b is not None else None
    return None


def _dynamic(node: ast.expr, where: str) -> set[str]:
    """The codes a non-literal first argument can take, handled one by one."""
    from app.domain import verify
    from app.services.weighing import common as weighing

    src = ast.unparse(node)
    if src == "f'offline_{res.verdict}'":  # outbox: a replayed scan that did not count
        return {f"offline_{v}" for v in (*verify.REFUSED, verify.NEED_SERIAL)}
    if src == "why":  # weighing: the refusal reason of `_refusal`
        return {weighing.REASON_NOT_VERIFIED, weighing.REASON_INTERCEPTED, weighing.REASON_HELD}
    if src == "duplicate_code":  # admin `_commit(fn, "duplicate_…")`: found at its callers
        return set()
    raise AssertionError(f"{where}: ServiceError({src}) is built in a way this test cannot read")


def service_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name == "ServiceError" and node.args:
                found = _constants(node.args[0])
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                codes |= found if found is not None else _dynamic(node.args[0], where)
            elif name == "_commit" and len(node.args) >= 2:  # the admin's duplicate codes
                found = _constants(node.args[1])
                assert found, f"{path}:{node.lineno}: _commit's code is not a literal"
                codes |= found
    return codes


CODES = sorted(service_codes())


def test_the_scan_finds_the_codes_of_every_area():
    assert len(CODES) > 80
    for code in ("not_a_backup", "offline_wrong_item", "not_verified", "duplicate_sku", "no_stub"):
        assert code in CODES


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_code_has_a_sentence_on_the_command_line(lang):
    from app.cli.messages import TABLES

    table = TABLES[lang]
    missing = [c for c in CODES if c not in table]
    assert not missing, f"no {lang} sentence on the command line for {missing}"
    if lang == "zh_CN":  # Chinese, not the English copied
        assert all(re.search(r"[\u4e00-\u9fff]", table[c]) for c in CODES)


def test_the_cli_never_prints_a_code_or_a_dict():
    from app.cli.messages import worded
    from app.services.errors import ServiceError

    for code in CODES:
        for lang in ("en", "zh_CN"):
            text = worded(ServiceError(code, path="/tmp/x.db", waybill="YT1", key="K"), lang)
            text = re.sub(r"\$PARCELPROOF_\w+", "$VAR", text)  # an environment variable's name
            assert "_" not in text and "{" not in text and "[" not in text, (code, text)
    # a code no table knows still comes out in words
    assert worded(ServiceError("brand_new_code", path="/x"), "en") == "refused: /x"


def _gui_templates(qapp, lang: str) -> dict[str, str]:
    from app.ui.kit import texts
    from app.ui.shell.i18n import install_translators

    for name in (
        "app.ui.desks.admin.common",
        "app.ui.desks.admin.accounts",
        "app.ui.desks.print.platform_panel",
        *texts._EVENT_MODULES,
    ):
        importlib.import_module(name)
    install_translators(qapp, lang)
    try:
        return texts.error_templates()
    finally:
        install_translators(qapp, "en")


def test_every_code_has_a_sentence_on_the_screens_in_both_languages(qapp):
    en = _gui_templates(qapp, "en")
    zh = _gui_templates(qapp, "zh_CN")
    missing = [c for c in CODES if c not in en]
    assert not missing, f"no words on the screens for {missing}"
    untranslated = [c for c in CODES if not re.search(r"[\u4e00-\u9fff]", zh[c])]
    assert not untranslated, f"no Chinese on the screens for {untranslated}"


def test_each_command_table_words_through_the_shared_one():
    """The commands' own wording (printing, accounts, shipping) falls back to the shared table
    instead of printing the code and its parameters (was: ``cart_empty``, ``k=v``)."""
    from app.cli import accounts, printing, shipping
    from app.services.errors import ServiceError

    exc = ServiceError("not_on_cart", waybill="YT9")
    for text in (
        str(shipping._service_error(exc)),
        accounts._worded(exc),
        printing._worded(exc),
    ):
        assert "YT9" in text and "not_on_cart" not in text and "=" not in text
