import { Card, Progress, Table } from 'antd';
import type { PeriodCompleteness } from '../../api/types';
import { formatDate, formatNumber, formatPercent } from '../../format/format';

/** The periodic reports due this year: how many units owe one, sent it, and sent it on time. */
export function ReportingCard({ periods }: { periods: PeriodCompleteness[] }) {
  return (
    <Card title="Báo cáo định kỳ của các đơn vị" size="small">
      <Table<PeriodCompleteness>
        rowKey="period_id"
        size="small"
        dataSource={periods}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: 'Chưa có kỳ báo cáo nào có hạn nộp trong năm' }}
        columns={[
          { title: 'Kỳ báo cáo', dataIndex: 'label' },
          { title: 'Hạn nộp', dataIndex: 'deadline', render: formatDate, width: 110 },
          {
            title: 'Đã nộp / phải nộp',
            key: 'submitted',
            width: 190,
            render: (_, period) => (
              <>
                {formatNumber(period.submitted)} / {formatNumber(period.expected)}
                <Progress
                  percent={period.expected ? (100 * period.submitted) / period.expected : 0}
                  showInfo={false}
                  size="small"
                  aria-hidden
                />
              </>
            ),
          },
          {
            title: 'Đúng hạn',
            dataIndex: 'share_on_time',
            align: 'right',
            width: 100,
            render: formatPercent,
          },
          {
            title: 'Nộp muộn',
            key: 'late',
            align: 'right',
            width: 90,
            render: (_, period) => formatNumber(period.counts.submitted_late),
          },
          {
            title: 'Chưa nộp',
            key: 'missing',
            align: 'right',
            width: 90,
            render: (_, period) => formatNumber(period.expected - period.submitted),
          },
        ]}
      />
    </Card>
  );
}
