// Vietnamese presentation of numbers and dates: 1.234,5 · 87,5% · 02/12/2026 (province time).

const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const numbers = new Intl.NumberFormat('vi-VN');
const percents = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROVINCE_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export const NO_VALUE = '—';

export function formatNumber(value: number | null | undefined): string {
  return value == null ? NO_VALUE : numbers.format(value);
}

/** A ratio (0.875) as a Vietnamese percentage (87,5%). */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio == null ? NO_VALUE : percents.format(ratio);
}

/** An API date (YYYY-MM-DD) as dd/mm/yyyy, without passing through a time zone. */
export function formatDate(isoDate: string | null | undefined): string {
  const match = isoDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : NO_VALUE;
}

/** An API time (ISO 8601 with offset) as dd/mm/yyyy HH:mm in the province's time zone. */
export function formatDateTime(isoTime: string | null | undefined): string {
  if (!isoTime) return NO_VALUE;
  const parts = Object.fromEntries(
    dateTimeParts.formatToParts(new Date(isoTime)).map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
