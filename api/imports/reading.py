"""Reading an uploaded spreadsheet: CSV (UTF-8 with or without BOM, UTF-16 as Excel's
"Unicode text", or Windows-1258) or XLSX, into a header and numbered rows.

A file in another legacy Vietnamese encoding (TCVN3/ABC, VNI) is refused with a message
naming it: decoded as anything else it would be silently garbled.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import Any, NamedTuple

from openpyxl import load_workbook

from api.common.problems import Problem
from api.common.text import fold

Cell = str | int | float | bool | date | datetime | None

XLSX_MAGIC = b"PK\x03\x04"
# Windows-1258 writes Vietnamese tones as combining marks after the letter.
_CP1258_TONES = re.compile("[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY][\u0300\u0301\u0303\u0309\u0323]")
# TCVN3 (ABC) puts whole Vietnamese letters in 0xA1-0xFE; these bytes are its commonest
# (ư ơ đ â ê ô ă and toned a/e/o), and rarely follow one another in Latin-1 text.
_TCVN3_BYTES = frozenset(b"\xad\xac\xae\xa9\xaa\xab\xa8\xb5\xb8\xb6\xb7\xb9\xc7\xd0\xd5\xe3\xe8")
# VNI writes a vowel followed by a tone/shape byte (a + ø = à, e + ã = ễ...).
_VNI_PAIR = re.compile(rb"[aeiouyAEIOUY][\xf8\xf9\xfb\xf5\xef\xe2\xe1\xe0\xf6\xf4\xe3\xec\xea]")


class UnreadableFile(Problem):
    """The file cannot be read at all (as opposed to rows that fail): a 4xx, not a report."""

    status, slug, title = 415, "unreadable-file", "Không đọc được tệp"


class TooManyRows(Problem):
    status, slug, title = 413, "too-many-rows", "Tệp có quá nhiều dòng"


class Row(NamedTuple):  # a tuple: a file holds many
    number: int  # as the spreadsheet shows it (the header is row 1 of a plain CSV)
    cells: list[Cell]


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    header_row: int
    rows: Iterator[Row]
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1258", "xlsx"


def read_sheet(content: bytes, filename: str, known_headers: set[str]) -> Sheet:
    """Open CSV or XLSX. `known_headers` (folded) locate the header row below a title."""
    if content.startswith(XLSX_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content, known_headers)
    if filename.lower().endswith(".xls"):
        raise UnreadableFile("Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy lưu lại dạng .xlsx")
    text, encoding = decode_text(content)
    return _read_csv(text, encoding, known_headers)


def decode_text(content: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in; UnreadableFile when it is not one we can
    read correctly."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _nfc(content[3:].decode("utf-8", errors="strict"), "utf-8-sig")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(content.decode("utf-16"), "utf-16")
    try:
        return _nfc(content.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    legacy = _legacy_encoding(content)
    if legacy == "cp1258":
        return _nfc(content.decode("cp1258"), "cp1258")
    names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
    if legacy in names:
        raise UnreadableFile(
            f"Tệp dùng bảng mã {names[legacy]}, không phải Unicode. Hãy mở tệp và lưu lại dạng"
            " “CSV UTF-8” (hoặc chuyển mã bằng Unikey) rồi tải lên lại."
        )
    raise UnreadableFile(
        "Tệp không phải văn bản UTF-8 và không nhận ra bảng mã tiếng Việt nào (Windows-1258,"
        " TCVN3, VNI). Hãy lưu lại dạng “CSV UTF-8” rồi tải lên lại."
    )


def _legacy_encoding(content: bytes) -> str | None:
    """The legacy encoding whose signature best explains the non-ASCII bytes, if any does."""
    high = sum(1 for b in content if b >= 0x80)
    if not high:
        return None
    try:
        cp1258_marks = len(_CP1258_TONES.findall(content.decode("cp1258")))
    except UnicodeDecodeError:
        cp1258_marks = 0
    scores = {
        "cp1258": cp1258_marks / high,
        "vni": len(_VNI_PAIR.findall(content)) / high,
        "tcvn3": sum(1 for b in content if b in _TCVN3_BYTES) / high,
    }
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] >= 0.3 else None


def _nfc(text: str, encoding: str) -> tuple[str, str]:
    return unicodedata.normalize("NFC", text), encoding


def _header_index(rows: list[list[Cell]], known: set[str]) -> int:
    """The first of the top rows that names most known columns (a title row may sit above)."""
    best, best_hits = 0, 0
    for index, cells in enumerate(rows):
        hits = sum(1 for c in cells if isinstance(c, str) and fold(c) in known)
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def _clean_header(cells: list[Cell]) -> list[str]:
    return [unicodedata.normalize("NFC", str(c)).strip() if c is not None else "" for c in cells]


def _read_csv(text: str, encoding: str, known: set[str]) -> Sheet:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = csv.reader(io.StringIO(text, newline=""), dialect)
    top: list[list[Cell]] = []
    for cells in records:
        top.append(list(cells))
        if len(top) == 10:
            break
    if not top:
        raise UnreadableFile("Tệp trống: không có dòng tiêu đề")
    header_at = _header_index(top, known)

    def rows() -> Iterator[Row]:
        # The CSV reader goes on from where the look-ahead stopped.
        for offset, cells in enumerate(top[header_at + 1 :], start=header_at + 2):
            yield Row(offset, cells)
        for number, cells in enumerate(records, start=len(top) + 1):
            yield Row(number, cells)

    return Sheet(_clean_header(top[header_at]), header_at + 1, rows(), encoding)


def _read_xlsx(content: bytes, known: set[str]) -> Sheet:
    try:
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile("Tệp .xlsx bị hỏng hoặc không phải tệp Excel") from exc
    sheet_values, sheet_formulas = values.worksheets[0], formulas.worksheets[0]
    value_rows = sheet_values.iter_rows(values_only=True)
    formula_rows = sheet_formulas.iter_rows(values_only=True)
    top: list[tuple[list[Cell], list[Cell]]] = []
    for cells, raw in zip(value_rows, formula_rows, strict=False):
        top.append((list(cells), list(raw)))
        if len(top) == 10:
            break
    if not top:
        raise UnreadableFile("Bảng tính trống: không có dòng tiêu đề")
    header_at = _header_index([cells for cells, _ in top], known)

    def rows() -> Iterator[Row]:
        rest = zip(value_rows, formula_rows, strict=False)
        pairs = chain(top[header_at + 1 :], rest)
        number = header_at + 1
        try:
            for number, (cells, raw) in enumerate(pairs, start=header_at + 2):
                yield Row(number, [_xlsx_cell(v, f) for v, f in zip(cells, raw, strict=False)])
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            raise UnreadableFile(f"Tệp .xlsx bị hỏng sau dòng {number}") from exc
        finally:
            values.close()
            formulas.close()

    return Sheet(_clean_header(top[header_at][0]), header_at + 1, rows(), "xlsx")


class UncomputedFormula(str):
    """A formula cell saved without its value (a file written by a program, not Excel)."""


def _xlsx_cell(value: Cell, raw: Cell) -> Cell:
    if value is None and isinstance(raw, str) and raw.startswith("="):
        return UncomputedFormula(raw)
    return value
