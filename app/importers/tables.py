"""Reading the files platforms and people hand us: CSV in GBK/GB18030/UTF-8(-BOM), or XLSX.

Values are cleaned of the guards spreadsheets need: ``="3781245190217638451"`` (so long
numbers stay text), a leading ``'`` or tab on phones, stray spaces. Headers are matched with
their surrounding spaces removed (Taobao writes some with a trailing space).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple, TextIO


class UnreadableFile(Exception):
    """The file cannot be read at all (missing, not a table, unknown encoding)."""


@dataclass(frozen=True)
class Row:
    line: int  # 1-based physical line where the record starts in the file
    values: dict[str, str]

    def get(self, *names: str) -> str:
        for n in names:
            v = self.values.get(n)
            if v:
                return v
        return ""


class Record(NamedTuple):
    """A row as read: its cells by column index, raw (`clean` them on use), or ``error`` when
    the CSV record is broken. ``extra``: non-empty cells beyond the header's width."""

    line: int  # 1-based physical line where the record starts in the file
    cells: Sequence[object]
    error: str = ""
    extra: int = 0


GUARDS = "='\t "  # a cell starting with one of these needs cleaning
PADDING = "\t "  # ... or ending with one of these


def clean(value: object) -> str:
    if value.__class__ is str:  # fast path: most cells carry no guard and no padding
        if not value:
            return value  # type: ignore[return-value]
        first = value[0]  # type: ignore[index]
        if first not in GUARDS and value[-1] not in PADDING:  # type: ignore[index]
            return value  # type: ignore[return-value]
        if first == "'":  # '13912341234: what the slow path below makes of it
            return value[1:].strip()  # type: ignore[index]
        if first == "=" and value[1:2] == '"' and value[-1] == '"':  # type: ignore[index]
            return value[2:-1].strip()  # type: ignore[index]
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()
    v = value.strip().strip("\t").strip()
    if v.startswith('="') and v.endswith('"'):
        v = v[2:-1]
    elif v.startswith("'"):
        v = v[1:]
    return v.strip()


def norm_header(h: object) -> str:
    return clean(h).replace("\ufeff", "").replace(" ", "").replace("\u3000", "")


ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, path: Path) -> str:
    """Decode with the BOM's word, else UTF-8, else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:  # a UTF-16 mark on bytes that are not UTF-16
            raise _not_text(path) from None
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise _not_text(path)


def read_records(path: str | Path, *, stream: bool = False) -> tuple[list[str], Iterator[Record]]:
    """The normalised header and the rows as `Record`s (cells by index, cleaned on use):
    the fast way for big files, where most cells of a row are never looked at.

    ``stream``: a GB18030 file (one whose start is not UTF-8) is decoded as it is read, so
    the first rows come before the whole file is decoded; bytes that are not GB18030 then
    raise `UnreadableFile` while the rows are read, not here (its reader must drop what it
    read: the importer's one transaction does)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path}: {exc.strerror or exc}") from exc
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(path, data)
    if stream and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and not _utf8_start(data):
        source = io.TextIOWrapper(io.BytesIO(data), encoding="gb18030", newline="")
        try:
            sample = source.read(8192)
            source.seek(0)
        except UnicodeDecodeError:
            raise _not_text(path) from None
    else:
        text = decode(data, path)
        sample, source = text[:8192], io.StringIO(text, newline="")
    if "\x00" in sample[:4096]:
        raise UnreadableFile(f"{path}: binary data, not a CSV file")
    return _read_csv(path, source, sample)


def _not_text(path: Path) -> UnreadableFile:
    return UnreadableFile(f"{path}: not UTF-8 or GB18030 text")


def _utf8_start(data: bytes) -> bool:
    """Whether the first 64 KiB read as UTF-8 (a character cut at the end allowed)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:65536], final=False)
    except UnicodeDecodeError:
        return False
    return True


def read_rows(path: str | Path) -> tuple[list[str], Iterator[Row]]:
    """Return the normalised header and an iterator of rows with their line numbers."""
    header, records = read_records(path)

    def rows() -> Iterator[Row]:
        for r in records:
            if r.error:
                yield Row(r.line, {"__error__": r.error})
                continue
            cells = r.cells
            values = {header[i]: clean(cells[i]) for i in range(min(len(header), len(cells)))}
            if r.extra:
                values["__extra__"] = str(r.extra)
            yield Row(r.line, values)

    return header, rows()


def _read_csv(path: Path, source: TextIO, sample: str) -> tuple[list[str], Iterator[Record]]:
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(source, delimiter=delimiter)
    try:
        raw_header = next(reader)
    except StopIteration:
        raise UnreadableFile(f"{path}: the file is empty") from None
    except UnicodeDecodeError:
        raise _not_text(path) from None
    except csv.Error as exc:
        raise UnreadableFile(f"{path}: {exc}") from exc
    header = [norm_header(h) for h in raw_header]
    if not any(header):
        raise UnreadableFile(f"{path}: no header row")

    def records() -> Iterator[Record]:
        width = len(header)
        make = _record
        start = reader.line_num + 1
        while True:
            try:
                for rec in reader:  # a loop over the reader: no call per row to resume it
                    if len(rec) == width and rec[0].strip():  # most rows
                        yield make((start, rec, "", 0))
                    elif rec and (rec[0].strip() or any(c.strip() for c in rec)):
                        extra = 0
                        if len(rec) > width and any(c.strip() for c in rec[width:]):
                            extra = len(rec) - width
                        yield make((start, rec, "", extra))
                    start = reader.line_num + 1
                return
            except csv.Error as exc:
                yield Record(start, (), str(exc))
                start = reader.line_num + 1
            except UnicodeDecodeError:
                raise _not_text(path) from None

    return header, records()


_record = partial(tuple.__new__, Record)  # a Record without the Python-level __new__


def _read_xlsx(path: Path, data: bytes) -> tuple[list[str], Iterator[Record]]:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        raw_header = next(it)
    except StopIteration:
        raise UnreadableFile(f"{path}: the workbook is empty") from None
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(f"{path}: not a readable XLSX workbook ({exc})") from exc
    header = [norm_header(h) for h in raw_header]

    def records() -> Iterator[Record]:
        for n, rec in enumerate(it, start=2):
            if rec is None or all(c is None or str(c).strip() == "" for c in rec):
                continue
            yield Record(n, rec)
        wb.close()

    return header, records()
