"""Evaluations in bulk: the plain checks give the schema's errors, a dry run judges every row
against the stored ones without writing, and an atomic import stops writing at its first
failed row."""

import dataclasses
import gc

import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.imports.collector import collection_paused
from api.imports.kinds import KINDS
from api.surveys import evaluations as evaluation_service
from api.surveys.models import Evaluation
from tests.api.imports.helpers import import_report

HEADER = "external_id,unit_code,dossier_code,procedure_code,field,level,evaluated_at\n"


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def _stored(db) -> dict[str, tuple[str, str | None, str]]:
    rows = db.execute(
        select(Evaluation.external_id, Evaluation.dossier_code, Evaluation.procedure_code)
        .add_columns(Evaluation.level)
        .order_by(Evaluation.external_id)
    )
    return {e: (d, p, level.value) for e, d, p, level in rows}


def _errors(report) -> list[tuple[int, str, str, str]]:
    return [(e["row"], e["column"], e["code"], e["message"]) for e in report["errors"]]


def test_what_the_plain_checks_refuse_the_schema_explains(client, auth, db):
    content = _csv(
        "S-1,X-GIAVIEN,HS-1,,land,satisfied,01/03/2026 09:00",
        "S 2,X-GIAVIEN,HS-2,,land,satisfied,01/03/2026 09:00",  # a space inside the id
        "S-3,X-GIAVIEN,HS\x00-3,,land,satisfied,01/03/2026 09:00",
        "S-4,X-GIAVIEN,HS-4,1.\x00,land,satisfied,01/03/2026 09:00",
        "S-5,X-GIAVIEN,HS-5,,land,satisfied,01/03/2099 09:00",
        "S-6,X-GIAVIEN,HS-6,,land,satisfied,2026-03-01T09:00:00+07:00",
    )
    report = import_report(client, auth("vanphong"), "evaluations", "s.csv", content, atomic=False)
    assert (report["created"], report["failed"], report["committed"]) == (2, 4, True)
    nul = "Văn bản chứa ký tự NUL (\\x00) không hợp lệ"
    assert _errors(report) == [
        (3, "external_id", "string_pattern_mismatch", "Sai định dạng"),
        (4, "", "value_error", nul),
        (5, "", "value_error", nul),
        (6, "evaluated_at", "value_error", "Thời điểm đánh giá không được ở tương lai"),
    ]
    assert list(_stored(db)) == ["S-1", "S-6"]


GOOD = (
    "D-1,X-GIAVIEN,HS-1,1.004227,land,satisfied,01/03/2026 09:00",
    "D-2,X-GIAVIEN,HS-2,,land,neutral,01/03/2026 10:00",
)


def test_a_dry_run_judges_stored_rows_without_writing(client, auth, db):
    import_report(client, auth("vanphong"), "evaluations", "d.csv", _csv(*GOOD))
    before = _stored(db)
    events = db.scalar(select(func.count()).select_from(AuditEvent))
    content = _csv(
        GOOD[0],  # as stored
        GOOD[1].replace("neutral", "dissatisfied").replace("HS-2,,", "HS-2,1.2,"),
        "D-3,X-GIAVIEN,HS-3,,land,satisfied,01/03/2026 11:00",
        "D-2,X-GIAVIEN,HS-2,,land,neutral,01/03/2026 10:00",  # D-2 again in the same file
    )
    report = import_report(client, auth("vanphong"), "evaluations", "d.csv", content, dry_run=True)
    counts = [report[k] for k in ("rows", "created", "updated", "unchanged", "failed")]
    assert counts == [4, 1, 1, 1, 1]
    assert report["committed"] is False
    assert _errors(report) == [
        (5, "external_id", "duplicate_in_file", "Trùng (Nguồn, Mã đánh giá) với dòng 3")
    ]
    assert _stored(db) == before
    # The import's own event only: nothing was updated, so nothing else was audited.
    assert db.scalar(select(func.count()).select_from(AuditEvent)) == events + 1

    fixed = content.replace(b"\nD-2,X-GIAVIEN,HS-2,,land,neutral,01/03/2026 10:00\n", b"\n")
    done = import_report(client, auth("vanphong"), "evaluations", "d.csv", fixed)
    assert [done[k] for k in ("created", "updated", "unchanged", "failed")] == [1, 1, 1, 0]
    assert _stored(db) == {
        "D-1": ("HS-1", "1.004227", "satisfied"),
        "D-2": ("HS-2", "1.2", "dissatisfied"),
        "D-3": ("HS-3", None, "satisfied"),
    }


def test_a_blank_optional_cell_empties_the_stored_value(client, auth, db):
    import_report(client, auth("vanphong"), "evaluations", "d.csv", _csv(*GOOD))
    blanked = GOOD[0].replace("1.004227", "")
    dry = import_report(
        client, auth("vanphong"), "evaluations", "d.csv", _csv(blanked), dry_run=True
    )
    assert (dry["updated"], dry["unchanged"]) == (1, 0)
    assert _stored(db)["D-1"][1] == "1.004227"
    done = import_report(client, auth("vanphong"), "evaluations", "d.csv", _csv(blanked))
    assert done["updated"] == 1
    assert _stored(db)["D-1"][1] is None


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two rows, so that a small file spans several."""
    kind = dataclasses.replace(KINDS["evaluations"], batch_size=2)
    monkeypatch.setitem(KINDS, "evaluations", kind)


@pytest.fixture
def inserts(monkeypatch) -> list[int]:
    """The number of rows of each call of the portal's insert."""
    calls: list[int] = []
    insert = evaluation_service.insert_evaluations

    def counting(db, rows):
        calls.append(len(rows))
        return insert(db, rows)

    monkeypatch.setattr(evaluation_service, "insert_evaluations", counting)
    return calls


def _rows(count: int, bad: int | None = None) -> bytes:
    unit = lambda n: "NOWHERE" if n == bad else "X-GIAVIEN"  # noqa: E731
    return _csv(
        *(f"C-{n},{unit(n)},HS-{n},,land,satisfied,01/03/2026 09:00" for n in range(1, count + 1))
    )


def test_an_atomic_import_stops_writing_at_its_first_failed_row(
    client, auth, db, small_chunks, inserts
):
    report = import_report(client, auth("vanphong"), "evaluations", "c.csv", _rows(7, bad=4))
    assert [report[k] for k in ("rows", "created", "failed")] == [7, 6, 1]
    assert report["committed"] is False
    assert _errors(report) == [
        (5, "unit_code", "unknown_unit", "Không tìm thấy đơn vị có mã hoặc tên 'NOWHERE'")
    ]
    assert inserts == [2]  # the first chunk only; the others were judged, not written
    assert _stored(db) == {}


def test_a_dry_run_never_writes_and_a_commit_writes_each_chunk(
    client, auth, db, small_chunks, inserts
):
    dry = import_report(client, auth("vanphong"), "evaluations", "c.csv", _rows(5), dry_run=True)
    assert (dry["created"], dry["committed"], inserts) == (5, False, [])
    assert _stored(db) == {}
    done = import_report(client, auth("vanphong"), "evaluations", "c.csv", _rows(5))
    assert (done["created"], done["committed"], inserts) == (5, True, [2, 2, 1])
    assert len(_stored(db)) == 5
    partial = import_report(
        client, auth("vanphong"), "evaluations", "c.csv", _rows(7, bad=6), atomic=False
    )
    assert [partial[k] for k in ("created", "unchanged", "failed")] == [1, 5, 1]
    assert partial["committed"] is True and inserts[3:] == [1]
    assert sorted(_stored(db)) == ["C-1", "C-2", "C-3", "C-4", "C-5", "C-7"]


def test_the_collector_is_paused_during_imports_and_restored_after():
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # a second import at the same time
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first one still runs
    assert gc.isenabled()
    gc.disable()  # a process that turned it off itself
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError
    assert gc.isenabled()
