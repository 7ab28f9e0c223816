"""Compile the Qt translation sources (``resources/translations/*.ts``) into ``.qm`` files.

Run at install time by ``scripts/setup.sh`` (``python -m app.i18n_build``) and, as a fallback,
by the GUI on start when a ``.qm`` is missing or older than its ``.ts``. ``--update`` also
re-extracts the strings from the sources with ``pyside6-lupdate`` (a developer step).
Uses the Qt tools shipped in the PySide6 wheel; imports no Qt itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES = [ROOT / "app" / "ui"]


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("parcelproof_*.ts"))


def python_sources() -> list[Path]:
    out: list[Path] = []
    for d in SOURCES:
        out.extend(sorted(d.rglob("*.py")))
    return out


def stale(ts: Path) -> bool:
    qm = ts.with_suffix(".qm")
    return not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime


def extract(ts_out: list[Path], *, no_obsolete: bool = True) -> None:
    """Run lupdate over the UI sources into the given .ts files (translations are kept)."""
    cmd = [_tool("pyside6-lupdate"), *map(str, python_sources()), "-locations", "none"]
    if no_obsolete:
        cmd.append("-no-obsolete")
    cmd += ["-ts", *map(str, ts_out)]
    subprocess.run(cmd, check=True, capture_output=True)


def _messages(tree: ET.ElementTree) -> list[tuple[str, ET.Element]]:
    out = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg))
    return out


def unfinished(ts: Path) -> list[str]:
    """``context: source`` of every entry without a finished translation."""
    bad = []
    for ctx, msg in _messages(ET.parse(ts)):
        tr = msg.find("translation")
        texts = (
            [tr.text]
            if tr is not None and not len(tr)
            else [n.text for n in (tr if tr is not None else [])]
        )
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(texts):
            bad.append(f"{ctx}: {msg.findtext('source')}")
    return bad


def fill(ts: Path, translate: Callable[[str, str, bool], list[str] | None]) -> int:
    """Fill unfinished entries with ``translate(context, source, numerus)``; returns count."""
    tree = ET.parse(ts)
    n = 0
    for ctx, msg in _messages(tree):
        tr = msg.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        numerus = msg.get("numerus") == "yes"
        forms = translate(ctx, msg.findtext("source") or "", numerus)
        if not forms:
            continue
        for child in list(tr):
            tr.remove(child)
        if numerus:
            tr.text = None
            for f in forms:
                ET.SubElement(tr, "numerusform").text = f
        else:
            tr.text = forms[0]
        del tr.attrib["type"]
        n += 1
    _write(tree, ts)
    return n


def _write(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def english(_ctx: str, source: str, numerus: bool) -> list[str]:
    """English is the source language: the translation is the source (plural: drop "(s)")."""
    if numerus:
        return [source.replace("(s)", ""), source.replace("(s)", "s")]
    return [source]


def compile_all(*, only_stale: bool = False) -> list[Path]:
    built = []
    for ts in ts_files():
        if only_stale and not stale(ts):
            continue
        qm = ts.with_suffix(".qm")
        # written beside and renamed into place: a running program may have the old file
        # mapped, and rewriting it in place pulls the pages from under its translator
        part = qm.with_name(f".{qm.name}.{os.getpid()}.part")
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(part)], check=True, capture_output=True
        )
        os.replace(part, qm)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--update" in argv:
        extract(ts_files())
        fill(TRANSLATIONS / "parcelproof_en.ts", english)
    if "--set" in argv:  # --set zh_CN mapping.json: {"context|source" or "source": "译文"}
        i = argv.index("--set")
        lang, mapping = argv[i + 1], json.loads(Path(argv[i + 2]).read_text(encoding="utf-8"))

        def from_map(ctx: str, source: str, numerus: bool) -> list[str] | None:
            t = mapping.get(f"{ctx}|{source}", mapping.get(source))
            if t is None:
                return None
            return t if isinstance(t, list) else [t]

        print(f"filled {fill(TRANSLATIONS / f'parcelproof_{lang}.ts', from_map)} entries")
    for ts in ts_files():
        for entry in unfinished(ts):
            print(f"unfinished in {ts.name}: {entry}")
    for qm in compile_all():
        print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
