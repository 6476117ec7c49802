import { Typography } from 'antd';
import { formatDate, formatDateTime } from '../../format/format';
import type { PetitionEvent } from './api';
import styles from './PetitionTimeline.module.css';

interface PetitionTimelineProps {
  receivedOn: string;
  sourceLabel: string;
  history: readonly PetitionEvent[];
  actionLabel: (action: string) => string;
  statusLabel: (status: string) => string;
  outcomeLabel: (outcome: string) => string;
  unitName: (id: number) => string;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** What the event recorded besides its status: reason, target unit, decision, extension. */
function eventFacts(event: PetitionEvent, props: PetitionTimelineProps): [string, string][] {
  const { details } = event;
  const facts: [string, string][] = [];
  const reason = text(details.reason);
  if (reason) facts.push(['Lý do', reason]);
  if (typeof details.to_unit_id === 'number') {
    const from = typeof details.from_unit_id === 'number' ? details.from_unit_id : null;
    facts.push([
      'Chuyển',
      from === null
        ? `đến ${props.unitName(details.to_unit_id)}`
        : `từ ${props.unitName(from)} đến ${props.unitName(details.to_unit_id)}`,
    ]);
  }
  const decision = text(details.decision_number);
  if (decision) facts.push(['Số quyết định', decision]);
  const outcome = text(details.outcome);
  if (outcome) facts.push(['Kết quả', props.outcomeLabel(outcome)]);
  if (typeof details.extension === 'number') facts.push(['Lần gia hạn', String(details.extension)]);
  const note = text(event.note);
  if (note) facts.push(['Ghi chú', note]);
  return facts;
}

/** The petition's history, oldest first: who did what, on which day, from which state, why. */
export function PetitionTimeline(props: PetitionTimelineProps) {
  const { history, actionLabel, statusLabel } = props;
  return (
    <ol className={styles.timeline} aria-label="Quá trình xử lý đơn">
      <li className={styles.item}>
        <span className={styles.dot} aria-hidden />
        <div className={styles.head}>
          <strong>Tiếp nhận đơn</strong>
          <span className={styles.day}>{formatDate(props.receivedOn)}</span>
        </div>
        <Typography.Text type="secondary">{props.sourceLabel}</Typography.Text>
      </li>
      {history.map((event, index) => (
        <li key={`${event.at}-${index}`} className={styles.item}>
          <span className={styles.dot} aria-hidden />
          <div className={styles.head}>
            <strong>{actionLabel(event.action)}</strong>
            <span className={styles.day}>{formatDate(event.acted_on)}</span>
          </div>
          <div className={styles.status}>
            {statusLabel(event.from_status)} → {statusLabel(event.to_status)}
          </div>
          <dl className={styles.facts}>
            {eventFacts(event, props).map(([term, value]) => (
              <div key={term}>
                <dt>{term}:</dt> <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <Typography.Text type="secondary" className={styles.who}>
            {event.actor_full_name ?? event.actor_name} · ghi lúc {formatDateTime(event.at)}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}
