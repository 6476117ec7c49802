import { Tag } from 'antd';
import { provinceToday } from '../../components/ActionsPanel';

const DAY_MS = 86_400_000;
// Within this many days of its limit a petition is flagged as due soon.
const SOON_DAYS = 3;
// Solid tags with white text: Ant's light presets are below AA contrast in orange.
const COLORS = { overdue: '#a8071a', soon: '#ad4e00', inTime: '#237804' };

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round(
    (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS,
  );
}

/** The current step's limit as a coloured badge: red overdue, orange due soon, green in time. */
export function DueBadge({ dueOn, overdue }: { dueOn: string | null; overdue: boolean }) {
  if (!dueOn) return <Tag>Không có thời hạn</Tag>;
  const left = daysBetween(provinceToday(), dueOn);
  if (overdue || left < 0) {
    return (
      <Tag color={COLORS.overdue} data-testid="due-badge">
        Quá hạn{left < 0 ? ` ${-left} ngày` : ''}
      </Tag>
    );
  }
  if (left <= SOON_DAYS) {
    return (
      <Tag color={COLORS.soon} data-testid="due-badge">
        {left === 0 ? 'Đến hạn hôm nay' : `Sắp đến hạn (còn ${left} ngày)`}
      </Tag>
    );
  }
  return (
    <Tag color={COLORS.inTime} data-testid="due-badge">
      Trong hạn (còn {left} ngày)
    </Tag>
  );
}
