import { Card, Col, Row, Statistic, Table, Tabs } from 'antd';
import type { Dashboard, PetitionGroup } from '../../api/types';
import { formatNumber, formatPercent } from '../../format/format';

type Petitions = Dashboard['petitions'];

const byOverdue = (a: PetitionGroup, b: PetitionGroup) => b.overdue - a.overdue || b.open - a.open;

function PetitionTable({ rows, groupTitle }: { rows: PetitionGroup[]; groupTitle: string }) {
  return (
    <Table<PetitionGroup>
      rowKey="key"
      size="small"
      dataSource={[...rows].sort(byOverdue)}
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ x: 620 }}
      locale={{ emptyText: 'Chưa có đơn thư nào trong năm' }}
      columns={[
        { title: groupTitle, dataIndex: 'label' },
        {
          title: 'Đã nhận',
          dataIndex: 'received',
          align: 'right',
          render: formatNumber,
          width: 90,
        },
        {
          title: 'Đang xử lý',
          dataIndex: 'open',
          align: 'right',
          render: formatNumber,
          width: 100,
        },
        {
          title: 'Quá hạn',
          dataIndex: 'overdue',
          align: 'right',
          width: 90,
          render: (overdue: number) => (
            <span style={overdue > 0 ? { color: '#a8071a', fontWeight: 600 } : undefined}>
              {formatNumber(overdue)}
            </span>
          ),
        },
        {
          title: 'Giải quyết đúng hạn',
          dataIndex: 'on_time_rate',
          align: 'right',
          width: 150,
          render: (rate: number | null) => formatPercent(rate),
        },
      ]}
    />
  );
}

export function PetitionsSection({ petitions }: { petitions: Petitions }) {
  const { total } = petitions;
  return (
    <Card title="Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh" size="small">
      <Row gutter={[16, 8]} style={{ marginBottom: 8 }}>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="Đã nhận" value={formatNumber(total.received)} />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="Đang xử lý" value={formatNumber(total.open)} />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="Quá hạn" value={formatNumber(total.overdue)} />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="Đúng hạn" value={formatPercent(total.on_time_rate)} />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="Kéo dài" value={formatNumber(total.prolonged)} />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="Vượt cấp" value={formatNumber(total.over_level)} />
        </Col>
      </Row>
      <Tabs
        items={[
          {
            key: 'unit',
            label: 'Theo đơn vị',
            children: <PetitionTable rows={petitions.by_unit} groupTitle="Đơn vị" />,
          },
          {
            key: 'field',
            label: 'Theo lĩnh vực',
            children: <PetitionTable rows={petitions.by_field} groupTitle="Lĩnh vực" />,
          },
          {
            key: 'case',
            label: 'Theo loại đơn',
            children: <PetitionTable rows={petitions.by_case_type} groupTitle="Loại đơn" />,
          },
        ]}
      />
    </Card>
  );
}
