import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent } from './format';

describe('Vietnamese formats', () => {
  it('groups thousands with dots and decimals with a comma', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatPercent(0.875)).toBe('87,5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes dates as dd/mm/yyyy and times in the province time zone', () => {
    expect(formatDate('2026-03-01')).toBe('01/03/2026');
    expect(formatDateTime('2026-12-02T02:47:45Z')).toBe('02/12/2026 09:47');
    expect(formatDateTime('2026-12-02T09:47:45.122+07:00')).toBe('02/12/2026 09:47');
  });
});
