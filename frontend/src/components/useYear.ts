import { useSearchParams } from 'react-router';

// The plan implementing Directive 05-CT/TU starts in 2026: no figures exist before it.
export const FIRST_PLAN_YEAR = 2026;

export function currentYear(): number {
  return new Date().getFullYear();
}

export function selectableYears(): number[] {
  const last = Math.max(currentYear(), FIRST_PLAN_YEAR);
  return Array.from({ length: last - FIRST_PLAN_YEAR + 1 }, (_, i) => last - i);
}

/** The year a page shows, kept in the address (?year=) so a link or a reload keeps it. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = selectableYears().includes(asked) ? asked : Math.max(currentYear(), FIRST_PLAN_YEAR);
  const setYear = (next: number) =>
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      updated.set('year', String(next));
      return updated;
    });
  return [year, setYear];
}
