import { describe, expect, it } from 'vitest';
import { filterCounts, filterUnits, isBoardFilter, reportOverdue, returnNote } from './board';
import { BOARD, report } from './fixtures';
import { defaultPeriodDates } from './periodDefaults';

const names = (units: typeof BOARD.units) => units.map((u) => u.unit.name);

describe('the completeness board filter', () => {
  it('shows every unit, one completeness, or the late and missing ones', () => {
    expect(filterUnits(BOARD.units, 'all')).toHaveLength(4);
    expect(names(filterUnits(BOARD.units, 'submitted_late'))).toEqual(['UBND xã Châu']);
    expect(names(filterUnits(BOARD.units, 'not_started'))).toEqual(['UBND xã Dương']);
    expect(names(filterUnits(BOARD.units, 'late_or_missing'))).toEqual([
      'UBND xã Châu',
      'UBND xã Dương',
    ]);
    expect(filterUnits(BOARD.units, 'returned')).toEqual([]);
  });

  it('narrows by a unit name typed without diacritics, within the status chosen', () => {
    expect(names(filterUnits(BOARD.units, 'all', 'xa chau'))).toEqual(['UBND xã Châu']);
    expect(names(filterUnits(BOARD.units, 'all', '  Xã Bình '))).toEqual(['UBND xã Bình']);
    expect(filterUnits(BOARD.units, 'accepted', 'chau')).toEqual([]);
    expect(filterUnits(BOARD.units, 'all', 'U4')).toHaveLength(1);
  });

  it('counts each choice, taking the API counts for the completeness values', () => {
    expect(filterCounts(BOARD)).toEqual({
      all: 4,
      not_started: 1,
      draft: 0,
      submitted_on_time: 1,
      submitted_late: 1,
      returned: 0,
      accepted: 1,
      late_or_missing: 2,
    });
  });

  it('accepts only known filters from the address', () => {
    const choices = ['draft', 'accepted'];
    expect(isBoardFilter('accepted', choices)).toBe(true);
    expect(isBoardFilter('late_or_missing', choices)).toBe(true);
    expect(isBoardFilter('bogus', choices)).toBe(false);
    expect(isBoardFilter(null, choices)).toBe(false);
  });
});

describe('a report in its period', () => {
  it('is overdue when not sent and the deadline day is over', () => {
    expect(reportOverdue(report({ status: 'draft' }), '2026-06-21')).toBe(true);
    expect(reportOverdue(report({ status: 'draft' }), '2026-06-20')).toBe(false);
    expect(reportOverdue(report({ status: 'submitted' }), '2026-07-01')).toBe(false);
    expect(reportOverdue(report({ status: 'returned' }), '2026-07-01')).toBe(true);
  });

  it("shows the coordinator's last return comment only while returned", () => {
    expect(returnNote(report())?.note).toBe('Bổ sung số liệu đối thoại');
    expect(returnNote(report({ status: 'submitted' }))).toBeNull();
  });
});

describe("a period's default dates (Decree 09/2019)", () => {
  it('half-year and year cut-offs, deadline six days after the data', () => {
    expect(defaultPeriodDates('6_months', 2026)).toEqual({
      data_from: '2025-12-15',
      data_to: '2026-06-14',
      deadline: '2026-06-20',
    });
    expect(defaultPeriodDates('annual', 2026)).toEqual({
      data_from: '2025-12-15',
      data_to: '2026-12-14',
      deadline: '2026-12-20',
    });
    expect(defaultPeriodDates('ad_hoc', 2026)).toBeNull();
  });
});
