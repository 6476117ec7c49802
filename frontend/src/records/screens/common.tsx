// Small renders shared by the record screens.
import { Tag } from 'antd';
import { formatDate, formatDateTime, formatNumber } from '../../format/format';

export const date = (value: string | null | undefined) => formatDate(value);
export const dateTime = (value: string | null | undefined) => formatDateTime(value);
export const number = (value: number | null | undefined) => formatNumber(value);
export const text = (value: string | null | undefined) => value || '—';

// Ant's light tag colours are below WCAG AA contrast: solid, dark ones with white text.
const TAG_COLOURS = { green: '#1f6f1f', red: '#b3261e', blue: '#0b5cad' } as const;

export function StatusTag({
  tone,
  children,
}: {
  tone?: keyof typeof TAG_COLOURS;
  children: React.ReactNode;
}) {
  return <Tag color={tone ? TAG_COLOURS[tone] : undefined}>{children}</Tag>;
}

export function ActiveTag({
  active,
  yes = 'Đang hoạt động',
  no = 'Ngừng hoạt động',
}: {
  active: boolean;
  yes?: string;
  no?: string;
}) {
  return active ? <StatusTag tone="green">{yes}</StatusTag> : <StatusTag>{no}</StatusTag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  return overdue ? <StatusTag tone="red">Quá hạn</StatusTag> : null;
}

/** A JSON value (an audit event's before/after) readable by a person. */
export function JsonBlock({ value }: { value: unknown }) {
  if (value == null) return <span>—</span>;
  return (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
