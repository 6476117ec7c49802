import { Card, Col, Row, Statistic, Table } from 'antd';
import type { DashboardBacklog } from '../../api/types';
import { formatNumber } from '../../format/format';

type UnitCount = DashboardBacklog['by_unit'][number];

interface BacklogCardProps {
  title: string;
  backlog: DashboardBacklog;
  emptyText: string;
}

/** Inspection recommendations or plan tasks still owed, and which units owe them. */
export function BacklogCard({ title, backlog, emptyText }: BacklogCardProps) {
  const rows = [...backlog.by_unit].sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      <Row gutter={16} style={{ marginBottom: 8 }}>
        <Col span={12}>
          <Statistic title="Chưa hoàn thành" value={formatNumber(backlog.open)} />
        </Col>
        <Col span={12}>
          <Statistic title="Quá hạn" value={formatNumber(backlog.overdue)} />
        </Col>
      </Row>
      <Table<UnitCount>
        rowKey="unit_id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 5, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'name' },
          {
            title: 'Chưa xong',
            dataIndex: 'open',
            align: 'right',
            render: formatNumber,
            width: 90,
          },
          {
            title: 'Quá hạn',
            dataIndex: 'overdue',
            align: 'right',
            render: formatNumber,
            width: 80,
          },
        ]}
      />
    </Card>
  );
}
