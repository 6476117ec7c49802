// The default dates of a period, as the API derives them (api/reports/periods.py): Decree
// 09/2019/NĐ-CP's cut-offs, and the deadline six days after the data's last day.
export const DAYS_TO_REPORT = 6;

export interface PeriodDates {
  data_from: string;
  data_to: string;
  deadline: string;
}

function plusDays(iso: string, days: number): string {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

export function defaultPeriodDates(kind: string, year: number): PeriodDates | null {
  if (kind !== '6_months' && kind !== 'annual') return null;
  const data_from = `${year - 1}-12-15`;
  const data_to = kind === '6_months' ? `${year}-06-14` : `${year}-12-14`;
  return { data_from, data_to, deadline: plusDays(data_to, DAYS_TO_REPORT) };
}
