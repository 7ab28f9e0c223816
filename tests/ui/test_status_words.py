"""A refusal that names an order's status says it in the user's language: a
Chinese message never carries the code ("尚未校验（printed）")."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import app
import app.ui
from app.ui.kit.texts import STATUSES, error_templates, error_text, status_label
from app.ui.shell.i18n import install_translators

APP = Path(app.__file__).parent


def _codes_raised_with_a_status() -> set[str]:
    """Codes of every ``ServiceError(code, …, status=…)`` in the program (a code held in a
    variable stands for every template that names a status)."""
    codes: set[str] = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "ServiceError"
                and any(k.arg == "status" for k in node.keywords)
            ):
                first = node.args[0] if node.args else None
                codes.add(first.value if isinstance(first, ast.Constant) else "*")
    return codes


@pytest.fixture
def zh(qapp):
    for m in pkgutil.walk_packages(app.ui.__path__, "app.ui."):  # every desk registers its texts
        importlib.import_module(m.name)
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_no_english_status_word_in_a_chinese_refusal(zh):
    templates = error_templates()
    with_status = {c for c, t in templates.items() if "{status}" in t}
    raised = _codes_raised_with_a_status()
    assert "not_verified" in with_status and "*" in raised  # the weigh station's refusal
    codes = with_status | (raised - {"*"})
    seen = 0
    for code in sorted(codes):
        fields = {f for _, f, _, _ in string.Formatter().parse(templates.get(code, "")) if f}
        for status in STATUSES:
            params = {f: "123" for f in fields} | {"status": status}
            text = error_text(code, params)
            english = re.findall(r"[A-Za-z_]{3,}", text)
            assert not english, f"{code} / {status}: {text}"
            if "{status}" in templates.get(code, ""):
                assert status_label(status) in text
                seen += 1
    assert seen >= len(STATUSES)


def test_status_labels_cover_the_contract(zh):
    for status in STATUSES:
        label = status_label(status)
        assert label != status and not re.search(r"[A-Za-z]", label), status
