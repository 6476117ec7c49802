"""`dvcq upload`: send a spreadsheet to a DVCQ server through its import API, as the office's
scripts do: a dry run first, then the commit.

A large file of evaluations is split here into CSV parts of `batch_size` rows (each with the
header), so no request carries 100,000 rows; the parts' reports are summed and their row
numbers turned back into the original file's. Every import is idempotent by natural key, so a
part is resent after a network error or a 5xx, and running the same file again is safe.
"""

import csv
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from api.common.problems import Problem
from api.common.text import fold
from api.imports.columns import CellError, Context, UnitIndex, is_blank
from api.imports.engine import ImportKind, RowError, known_headers
from api.imports.kinds import KINDS
from api.imports.reading import Cell, Row, UncomputedFormula, read_sheet

API = "/api/v1"
SPLIT_KINDS = frozenset({"evaluations"})  # the kind sent by the 100,000; others have few rows
RETRIES = 3
TIMEOUT = httpx.Timeout(600.0, connect=15.0)  # the server reads a whole part before answering


class UploadError(Exception):
    """The upload cannot go on (credentials, file, server): not a row's failure. `report` has
    what the parts sent so far did, when some were."""

    def __init__(self, message: str, report: "UploadReport | None" = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class Credentials:
    username: str | None = None
    password: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    def grant(self) -> tuple[dict[str, str], tuple[str, str] | None]:
        """The token request's form and HTTP Basic credentials; a client wins over a person."""
        if self.client_id and self.client_secret:
            return {"grant_type": "client_credentials"}, (self.client_id, self.client_secret)
        if self.username and self.password:
            form = {"grant_type": "password", "username": self.username}
            return form | {"password": self.password}, None
        raise UploadError(
            "Thiếu thông tin đăng nhập: cần --username và --password (DVCQ_USERNAME,"
            " DVCQ_PASSWORD) hoặc --client-id và --client-secret (DVCQ_CLIENT_ID,"
            " DVCQ_CLIENT_SECRET)"
        )


@dataclass(frozen=True)
class Part:
    """One request's file. `numbers`: the original row number of each data row of a part
    cut from the file; empty when the part is the file itself."""

    file_name: str
    content: bytes
    rows: int = 0
    numbers: tuple[int, ...] = ()
    header_row: int = 1

    def original_row(self, row: int) -> int:
        if not self.numbers:
            return row
        if row == 1:
            return self.header_row
        index = row - 2  # a part is its header on row 1, then its rows without gaps
        return self.numbers[index] if 0 <= index < len(self.numbers) else row

    @property
    def first_row(self) -> int | None:
        return self.numbers[0] if self.numbers else None

    @property
    def last_row(self) -> int | None:
        return self.numbers[-1] if self.numbers else None


@dataclass(frozen=True)
class Prepared:
    kind: str
    file_name: str
    parts: list[Part]
    rejected: list[RowError] = field(default_factory=list)  # refused here, never sent

    @property
    def rows(self) -> int:
        return sum(part.rows for part in self.parts)


@dataclass(frozen=True)
class PartResult:
    import_id: int
    first_row: int | None
    last_row: int | None
    failed: int
    committed: bool


@dataclass
class UploadReport:
    kind: str
    file_name: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    committed: bool = False  # every part was written
    not_sent: int = 0  # rows of the parts after one that failed to commit
    errors: list[RowError] = field(default_factory=list)
    parts: list[PartResult] = field(default_factory=list)

    def reject(self, errors: list[RowError]) -> None:
        self.rows += len({error.row for error in errors})
        self.failed += len({error.row for error in errors})
        self.errors += errors

    def add(self, part: Part, body: dict[str, Any]) -> None:
        for name in ("rows", "created", "updated", "unchanged", "failed"):
            setattr(self, name, getattr(self, name) + int(body[name]))
        seen = set(self.errors)
        for error in body["errors"]:
            moved = RowError(
                part.original_row(int(error["row"])),
                error["column"],
                error["code"],
                error["message"],
            )
            if moved not in seen:  # a header error comes back from every part
                seen.add(moved)
                self.errors.append(moved)
        self.errors.sort(key=lambda e: (e.row, e.column))
        self.parts.append(
            PartResult(body["id"], part.first_row, part.last_row, body["failed"], body["committed"])
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file_name,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "not_sent": self.not_sent,
            "errors": [error.as_dict() for error in self.errors],
            "imports": [asdict(part) for part in self.parts],
        }


def server_url(raw: str) -> str:
    """The server's root, whether given as https://host or https://host/api/v1."""
    url = raw.strip().rstrip("/").removesuffix(API)
    if not url.startswith(("http://", "https://")):
        raise UploadError(f"Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https:// ({raw})")
    return url


def open_client(server: str) -> httpx.Client:
    """The HTTP client of the `upload` command; the tests replace it with the app's."""
    return httpx.Client(base_url=server, timeout=TIMEOUT)


# --- reading and splitting the file ---------------------------------------------------------


def prepare(kind_name: str, path: Path, batch_size: int) -> Prepared:
    """The file as one part, or, for evaluations with more than `batch_size` rows, in parts."""
    kind = KINDS.get(kind_name)
    if kind is None:
        raise UploadError(f"Không có loại dữ liệu '{kind_name}'; chọn: {', '.join(KINDS)}")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise UploadError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
    whole = Prepared(kind.name, path.name, [Part(path.name, content)])
    if kind.name not in SPLIT_KINDS:
        return whole
    try:
        split = _split(kind, path, content, batch_size)
    except Problem as exc:
        raise UploadError(f"Không đọc được tệp {path.name}: {exc.detail or exc.title}") from exc
    return split if len(split.parts) > 1 else whole


def _split(kind: ImportKind, path: Path, content: bytes, batch_size: int) -> Prepared:
    sheet = read_sheet(content, path.name, known_headers(kind))
    key_of = _key_reader(kind, sheet.header)
    names = ", ".join(kind.column(name).label for name in kind.key)
    seen: dict[tuple[Any, ...], int] = {}
    parts: list[Part] = []
    rejected: list[RowError] = []
    batch: list[Row] = []
    for row in _data_rows(sheet.rows):
        key = key_of(row)
        first = seen.setdefault(key, row.number) if key is not None else row.number
        if first != row.number:
            # Parts are checked apart, so a key repeated in two of them is caught here.
            message = f"Trùng ({names}) với dòng {first}"
            rejected.append(RowError(row.number, kind.key[-1], "duplicate_in_file", message))
            continue
        batch.append(row)
        if len(batch) == batch_size:
            parts.append(_part(path, len(parts) + 1, sheet.header, sheet.header_row, batch))
            batch = []
    if batch or not parts:
        parts.append(_part(path, len(parts) + 1, sheet.header, sheet.header_row, batch))
    return Prepared(kind.name, path.name, parts, rejected)


def _data_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        if all(is_blank(cell) for cell in row.cells):
            continue  # the server skips them too
        for cell in row.cells:
            if isinstance(cell, UncomputedFormula):
                raise UploadError(
                    f"Dòng {row.number} có ô chứa công thức chưa có giá trị ({cell}): mở tệp"
                    " bằng Excel, lưu lại rồi tải lên"
                )
        yield row


def _key_reader(kind: ImportKind, header: list[str]) -> Callable[[Row], tuple[Any, ...] | None]:
    """The row's natural key parsed as the server parses it; None when a part of it is
    unreadable (the server reports that cell) or the key is blank."""
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        for name in kind.key:
            if fold(text) in kind.column(name).headers():
                positions.setdefault(name, index)
    context = Context(UnitIndex({}, {}, {}))  # no key column of a split kind names a unit

    def key_of(row: Row) -> tuple[Any, ...] | None:
        values: list[Any] = []
        for name in kind.key:
            position = positions.get(name)
            cell: Cell = None
            if position is not None and position < len(row.cells):
                cell = row.cells[position]
            if is_blank(cell):
                values.append(None)
                continue
            try:
                values.append(kind.column(name).parse(cell, context))
            except CellError:
                return None
        return None if all(value is None for value in values) else tuple(values)

    return key_of


def _part(path: Path, number: int, header: list[str], header_row: int, rows: list[Row]) -> Part:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_csv_text(cell) for cell in row.cells] for row in rows)
    return Part(
        f"{path.stem}-phan-{number}.csv",
        buffer.getvalue().encode("utf-8"),
        len(rows),
        tuple(row.number for row in rows),
        header_row,
    )


def _csv_text(cell: Cell) -> str:
    """A cell as text the server parses to the same value as the cell itself."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # what the server makes of 45.0 in a text column
    return str(cell)  # dates and times as ISO text, which the server reads as the cell itself


# --- talking to the server ------------------------------------------------------------------


def problem_text(response: httpx.Response) -> str:
    """The problem+json's detail, or what the response has instead."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:200] or response.reason_phrase
    if isinstance(body, dict):
        return str(body.get("detail") or body.get("title") or body)
    return str(body)


class Uploader:
    """Signs in and sends a prepared file, retrying network errors and 5xx with backoff."""

    def __init__(
        self,
        client: httpx.Client,
        credentials: Credentials,
        *,
        retries: int = RETRIES,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.credentials = credentials
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self._token: str | None = None

    def sign_in(self) -> None:
        form, basic = self.credentials.grant()
        response = self._send("POST", f"{API}/auth/token", data=form, auth=basic)
        if response.status_code != 200:
            raise UploadError(f"Đăng nhập không được: {problem_text(response)}")
        self._token = response.json()["access_token"]

    def send(
        self,
        prepared: Prepared,
        *,
        dry_run: bool,
        atomic: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> UploadReport:
        """Each part in turn; on a commit, an atomic upload stops at a part that wrote nothing."""
        report = UploadReport(prepared.kind, prepared.file_name, dry_run)
        report.reject(prepared.rejected)
        for index, part in enumerate(prepared.parts):
            try:
                body = self._import(prepared.kind, part, dry_run=dry_run, atomic=atomic)
            except UploadError as exc:
                exc.report = report
                raise
            report.add(part, body)
            if progress is not None:
                progress(part.rows)
            if not dry_run and atomic and not body["committed"]:
                report.not_sent = sum(p.rows for p in prepared.parts[index + 1 :])
                break
        report.committed = (
            not dry_run
            and not report.not_sent
            and len(report.parts) == len(prepared.parts)
            and all(part.committed for part in report.parts)
        )
        return report

    def _import(self, kind: str, part: Part, *, dry_run: bool, atomic: bool) -> dict[str, Any]:
        response = self._authorized(
            "POST",
            f"{API}/imports/{kind}",
            params={"dry_run": str(dry_run).lower(), "atomic": str(atomic).lower()},
            files={"file": (part.file_name, part.content)},
        )
        if response.status_code != 200:
            raise UploadError(
                f"Máy chủ không nhận tệp {part.file_name} ({response.status_code}):"
                f" {problem_text(response)}"
            )
        return dict(response.json())

    def _authorized(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        if self._token is None:
            self.sign_in()
        response = self._send(method, url, headers=self._headers(), **kwargs)
        if response.status_code == 401:  # the 15-minute token ran out during a long upload
            self.sign_in()
            response = self._send(method, url, headers=self._headers(), **kwargs)
        return response

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"}

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        failure = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                failure = f"lỗi kết nối: {exc or type(exc).__name__}"
                continue
            if response.status_code < 500:
                return response
            failure = f"máy chủ báo lỗi {response.status_code}: {problem_text(response)}"
        raise UploadError(
            f"Không gửi được đến {self.client.base_url} sau {self.retries + 1} lần thử"
            f" ({failure}). Chạy lại lệnh với cùng tệp là an toàn."
        )


# --- what people read -----------------------------------------------------------------------

TABLE_LIMIT = 50


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def describe(report: UploadReport, server: str) -> list[str]:
    """The report for people: the counts, the first errors as a table, where the rest are."""
    verb = "Kiểm tra (chưa ghi)" if report.dry_run else "Đã ghi"
    if not report.dry_run and not report.committed:
        verb = "Ghi chưa trọn" if any(p.committed for p in report.parts) else "Không ghi được"
    lines = [
        f"{verb} — {report.file_name} ({report.kind}): {number(report.rows)} dòng; thêm mới"
        f" {number(report.created)}, cập nhật {number(report.updated)}, không đổi"
        f" {number(report.unchanged)}, lỗi {number(report.failed)}."
    ]
    if report.not_sent:
        lines.append(
            f"Dừng ở phần có lỗi: {number(report.not_sent)} dòng sau đó chưa gửi. Sửa tệp rồi"
            " chạy lại: các dòng đã ghi sẽ báo “không đổi”."
        )
    if report.errors:
        lines += _error_table(report.errors)
        lines += _error_files(report, server)
    return lines


def _error_table(errors: list[RowError]) -> list[str]:
    shown = errors[:TABLE_LIMIT]
    width = max(len("Cột"), *(len(error.column) for error in shown))
    lines = [f"{'Dòng':>7}  {'Cột':<{width}}  Lỗi"]
    lines += [f"{error.row:>7}  {error.column:<{width}}  {error.message}" for error in shown]
    if len(errors) > len(shown):
        lines.append(f"… và {number(len(errors) - len(shown))} lỗi khác.")
    return lines


def _error_files(report: UploadReport, server: str) -> list[str]:
    failed = [part for part in report.parts if part.failed]
    url = f"{server}{API}/imports/{{}}/errors.csv"
    if len(report.parts) == 1 and failed:
        return [f"Danh sách lỗi đầy đủ (CSV, cần đăng nhập): {url.format(failed[0].import_id)}"]
    lines = []
    if len(report.errors) > TABLE_LIMIT:
        lines.append("Mọi lỗi, đúng số dòng của tệp: chạy lại với --dry-run-only --json.")
    if failed:
        lines.append("Lỗi của từng phần (CSV, cần đăng nhập; số dòng tính trong phần đó):")
    for part in failed[:5]:
        rows = f"dòng {part.first_row}–{part.last_row}"
        lines.append(f"  {rows}: {url.format(part.import_id)}")
    if len(failed) > 5:
        lines.append(f"  … và {len(failed) - 5} phần khác.")
    return lines
