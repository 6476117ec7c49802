import { Button, Card, Progress, Tag, Typography } from 'antd';
import { useId } from 'react';
import type { Indicator } from '../api/types';
import { formatNumber, formatPercent } from '../format/format';
import styles from './TargetCard.module.css';

type Standing = 'met' | 'not-met' | 'no-data' | 'not-applicable';

const STANDING: Record<Standing, { label: string; color: string }> = {
  met: { label: 'Đạt', color: 'green' },
  'not-met': { label: 'Chưa đạt', color: 'red' },
  'no-data': { label: 'Chưa có số liệu', color: 'default' },
  'not-applicable': { label: 'Không áp dụng', color: 'default' },
};

export function standingOf(indicator: Indicator): Standing {
  if (!indicator.applies) return 'not-applicable';
  if (indicator.met === true) return 'met';
  if (indicator.met === false) return 'not-met';
  return 'no-data';
}

interface TargetCardProps {
  indicator: Indicator;
  /** Province view: a button opens the units that fall short. */
  onShowFallingShort?: (indicator: Indicator) => void;
  /** A unit's own scorecard: why it falls short, written out. */
  showReasons?: boolean;
}

export function TargetCard({ indicator, onShowFallingShort, showReasons }: TargetCardProps) {
  const titleId = useId();
  const standing = standingOf(indicator);
  const { label, color } = STANDING[standing];
  const shortfalls = indicator.falling_short;
  const percent = indicator.value == null ? 0 : Math.round(indicator.value * 1000) / 10;

  return (
    <Card className={styles.card} size="small" aria-labelledby={titleId} role="article">
      <div className={styles.head}>
        <Tag color="blue" className={styles.code}>
          {indicator.code}
        </Tag>
        <Tag color={color} data-testid="standing">
          {label}
        </Tag>
      </div>
      <Typography.Title level={3} id={titleId} className={styles.name}>
        {indicator.name}
      </Typography.Title>
      <div className={styles.figures}>
        <span className={styles.value} data-testid="value">
          {formatPercent(indicator.value)}
        </span>
        <span className={styles.target}>Chỉ tiêu: {formatPercent(indicator.target)}</span>
      </div>
      <Progress
        percent={percent}
        showInfo={false}
        size="small"
        status={standing === 'not-met' ? 'exception' : standing === 'met' ? 'success' : 'normal'}
        aria-label={`Kết quả ${formatPercent(indicator.value)}, chỉ tiêu ${formatPercent(indicator.target)}`}
      />
      <Typography.Text type="secondary" className={styles.ratio}>
        Kết quả: {formatNumber(indicator.numerator)}/{formatNumber(indicator.denominator)}
      </Typography.Text>
      {showReasons && shortfalls.length > 0 && (
        <ul className={styles.reasons}>
          {shortfalls.map((shortfall) => (
            <li key={shortfall.unit_id}>{shortfall.reason}</li>
          ))}
        </ul>
      )}
      {onShowFallingShort && shortfalls.length > 0 && (
        <Button
          className={styles.action}
          onClick={() => onShowFallingShort(indicator)}
          aria-describedby={titleId}
        >
          Xem đơn vị chưa đạt ({formatNumber(shortfalls.length)})
        </Button>
      )}
    </Card>
  );
}
