import { Col, Row } from 'antd';
import type { Indicator } from '../api/types';
import { TargetCard } from './TargetCard';

interface TargetGridProps {
  indicators: Indicator[];
  onShowFallingShort?: (indicator: Indicator) => void;
  showReasons?: boolean;
}

export function TargetGrid({ indicators, onShowFallingShort, showReasons }: TargetGridProps) {
  return (
    <Row gutter={[12, 12]} role="list" aria-label="Các chỉ tiêu của Kế hoạch">
      {indicators.map((indicator) => (
        <Col key={indicator.code} xs={24} sm={12} lg={8} xl={6} role="listitem">
          <TargetCard
            indicator={indicator}
            onShowFallingShort={onShowFallingShort}
            showReasons={showReasons}
          />
        </Col>
      ))}
    </Row>
  );
}
