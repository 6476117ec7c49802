import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import type { Dashboard, SatisfactionGroup } from '../../api/types';
import { EChart, type ChartOption } from '../../components/charts/EChart';
import { formatNumber, formatPercent } from '../../format/format';

type Satisfaction = Dashboard['satisfaction'];

const BAR = '#0b5cad';
const LINE_ALL = '#d4380d';
const LINE_LCI = '#7c3aed';

function referenceLines(satisfaction: Satisfaction, axis: 'xAxis' | 'yAxis') {
  return {
    symbol: 'none',
    silent: true,
    // Named in the legend above the charts: two labels on close lines overlap.
    label: { show: false },
    data: [
      {
        name: `Chỉ tiêu chung ${formatPercent(satisfaction.target_all)}`,
        [axis]: satisfaction.target_all,
        lineStyle: { color: LINE_ALL, type: 'dashed' as const, width: 2 },
      },
      {
        name: `Đất đai, xây dựng, đầu tư ${formatPercent(satisfaction.target_land_construction_investment)}`,
        [axis]: satisfaction.target_land_construction_investment,
        lineStyle: { color: LINE_LCI, type: 'dotted' as const, width: 2 },
      },
    ],
  };
}

function tooltipFor(groups: SatisfactionGroup[]) {
  return {
    trigger: 'axis' as const,
    formatter: (params: unknown) => {
      const first = Array.isArray(params) ? (params[0] as { dataIndex: number }) : null;
      const group = first ? groups[first.dataIndex] : undefined;
      if (!group) return '';
      return `${group.label}<br/>Hài lòng: ${formatPercent(group.rate)}<br/>Số ý kiến: ${formatNumber(group.answers)}`;
    },
  };
}

function rateBars(
  groups: SatisfactionGroup[],
  satisfaction: Satisfaction,
  labels: string[],
  horizontal: boolean,
): ChartOption {
  const categories = {
    type: 'category' as const,
    data: labels,
    inverse: horizontal,
    axisLabel: horizontal
      ? { width: 150, overflow: 'truncate' as const }
      : { interval: 0, hideOverlap: true },
  };
  const rates = {
    type: 'value' as const,
    min: 0,
    max: 1,
    axisLabel: { formatter: (value: number) => formatPercent(value) },
  };
  return {
    grid: horizontal
      ? { left: 160, right: 24, top: 24, bottom: 24 }
      : { left: 48, right: 16, top: 24, bottom: 32 },
    tooltip: tooltipFor(groups),
    xAxis: horizontal ? rates : categories,
    yAxis: horizontal ? categories : rates,
    series: [
      {
        type: 'bar',
        name: 'Tỷ lệ hài lòng',
        data: groups.map((group) => group.rate),
        itemStyle: { color: BAR },
        barMaxWidth: 28,
        markLine: referenceLines(satisfaction, horizontal ? 'xAxis' : 'yAxis'),
      },
    ],
  };
}

function monthLabel(group: SatisfactionGroup): string {
  // key is YYYYMM; "T3" is how a Vietnamese chart axis names March.
  return `T${Number(group.key.slice(4))}`;
}

function TargetLegend({ satisfaction }: { satisfaction: Satisfaction }) {
  const line = (color: string, style: string) => (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 28,
        borderTop: `2px ${style} ${color}`,
        verticalAlign: 'middle',
        marginRight: 6,
      }}
    />
  );
  return (
    <p
      style={{
        margin: '0 0 8px',
        display: 'flex',
        flexWrap: 'wrap',
        gap: '4px 20px',
        fontSize: 13,
      }}
    >
      <span>
        {line(LINE_ALL, 'dashed')}Chỉ tiêu chung (CT3a): {formatPercent(satisfaction.target_all)}
      </span>
      <span>
        {line(LINE_LCI, 'dotted')}Đất đai, xây dựng, đầu tư (CT3b):{' '}
        {formatPercent(satisfaction.target_land_construction_investment)}
      </span>
    </p>
  );
}

export function SatisfactionCharts({ satisfaction }: { satisfaction: Satisfaction }) {
  const byMonth = useMemo(
    () =>
      rateBars(satisfaction.by_month, satisfaction, satisfaction.by_month.map(monthLabel), false),
    [satisfaction],
  );
  const byField = useMemo(
    () =>
      rateBars(
        satisfaction.by_field,
        satisfaction,
        satisfaction.by_field.map((group) => group.label),
        true,
      ),
    [satisfaction],
  );
  const empty = satisfaction.total.answers === 0;

  return (
    <Card title="Mức độ hài lòng về thủ tục hành chính" size="small">
      <Row gutter={[16, 8]} style={{ marginBottom: 8 }}>
        <Col xs={12} md={6}>
          <Statistic title="Tỷ lệ hài lòng cả năm" value={formatPercent(satisfaction.total.rate)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="Số ý kiến đánh giá" value={formatNumber(satisfaction.total.answers)} />
        </Col>
      </Row>
      <TargetLegend satisfaction={satisfaction} />
      {empty ? (
        <Empty description="Chưa có ý kiến đánh giá nào trong năm" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <h3 style={{ fontSize: 14, margin: '0 0 4px' }}>Theo tháng</h3>
            <EChart
              option={byMonth}
              height={260}
              label={`Tỷ lệ hài lòng theo tháng; chỉ tiêu ${formatPercent(satisfaction.target_all)} chung và ${formatPercent(satisfaction.target_land_construction_investment)} cho đất đai, xây dựng, đầu tư`}
            />
          </Col>
          <Col xs={24} xl={12}>
            <h3 style={{ fontSize: 14, margin: '0 0 4px' }}>Theo lĩnh vực</h3>
            <EChart
              option={byField}
              height={Math.max(260, satisfaction.by_field.length * 26 + 48)}
              label="Tỷ lệ hài lòng theo lĩnh vực thủ tục hành chính"
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
