import { Card, Table } from 'antd';
import type { HeadReceptionMonth } from '../../api/types';
import { formatNumber } from '../../format/format';

type Shortfall = HeadReceptionMonth['falling_short'][number];

/** Heads of units who did not receive citizens in person as often as the law asks, by month. */
export function HeadReceptionSection({ months }: { months: HeadReceptionMonth[] }) {
  const latestFirst = [...months].reverse();
  return (
    <Card title="Người đứng đầu chưa trực tiếp tiếp công dân đủ số buổi" size="small">
      <Table<HeadReceptionMonth>
        rowKey="month"
        size="small"
        dataSource={latestFirst}
        pagination={{ pageSize: 6, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: 'Chưa có tháng nào để kiểm tra' }}
        expandable={{
          rowExpandable: (month) => month.falling_short.length > 0,
          expandedRowRender: (month) => (
            <Table<Shortfall>
              rowKey="unit_id"
              size="small"
              dataSource={month.falling_short}
              pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
              scroll={{ x: 480 }}
              columns={[
                { title: 'Đơn vị', dataIndex: 'name' },
                {
                  title: 'Đã tiếp / phải tiếp',
                  key: 'held',
                  align: 'right',
                  render: (_: unknown, row) =>
                    `${formatNumber(row.held)}/${formatNumber(row.required)}`,
                },
                { title: 'Số ngày tiếp', dataIndex: 'days', align: 'right', render: formatNumber },
              ]}
            />
          ),
        }}
        columns={[
          { title: 'Tháng', dataIndex: 'label' },
          {
            title: 'Đơn vị được kiểm tra',
            dataIndex: 'units_checked',
            align: 'right',
            render: formatNumber,
          },
          {
            title: 'Chưa đạt',
            key: 'short',
            align: 'right',
            render: (_: unknown, month) => formatNumber(month.falling_short.length),
          },
        ]}
      />
    </Card>
  );
}
