// The completeness board's logic, apart from its drawing (tested in board.test.ts).
import { foldVietnamese } from '../../format/text';
import type { Completeness, PeriodStatus, Report, UnitCompleteness } from './api';

/** A completeness value, or one of the two groups Sở Nội vụ chases. */
export type BoardFilter = Completeness | 'late_or_missing' | 'all';

export const LATE_OR_MISSING_LABEL = 'Gửi muộn hoặc chưa gửi khi đã quá hạn';

export function filterUnits(units: readonly UnitCompleteness[], filter: BoardFilter, q = '') {
  const shown =
    filter === 'all'
      ? [...units]
      : filter === 'late_or_missing'
        ? units.filter((u) => u.late === true || u.missing)
        : units.filter((u) => u.completeness === filter);
  const typed = foldVietnamese(q.normalize('NFC').trim());
  if (!typed) return shown;
  return shown.filter((u) =>
    [u.unit.name, u.unit.short_name, u.unit.code].some((text) =>
      foldVietnamese(text).includes(typed),
    ),
  );
}

export function isBoardFilter(
  value: string | null,
  choices: readonly string[],
): value is BoardFilter {
  return value === 'all' || value === 'late_or_missing' || (!!value && choices.includes(value));
}

/** How many units each filter shows, for the filter's own labels. */
export function filterCounts(status: PeriodStatus): Record<string, number> {
  const counts: Record<string, number> = { all: status.units.length, ...status.counts };
  counts.late_or_missing = filterUnits(status.units, 'late_or_missing').length;
  return counts;
}

/** A unit's report not sent yet and the deadline's day over (the province's today, YYYY-MM-DD). */
export function reportOverdue(report: Pick<Report, 'status' | 'period'>, today: string): boolean {
  return (
    (report.status === 'draft' || report.status === 'returned') && report.period.deadline < today
  );
}

/** The coordinator's last word to the unit: the comment of a return, or the reason of a reopen. */
export function returnNote(report: Pick<Report, 'status' | 'history'>) {
  if (report.status !== 'returned') return null;
  const event = [...report.history]
    .reverse()
    .find((e) => e.to_status === 'returned' && (e.action === 'return' || e.action === 'reopen'));
  return event ?? null;
}
