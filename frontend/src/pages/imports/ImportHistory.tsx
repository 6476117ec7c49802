import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { importsQuery } from '../../api/queries';
import type { ImportSummary } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, formatNumber } from '../../format/format';

const PAGE_SIZE = 10;

function Status({ run }: { run: ImportSummary }) {
  if (run.committed) return <Tag color="green">Đã ghi</Tag>;
  if (run.dry_run) return <Tag color="blue">Kiểm tra</Tag>;
  return <Tag color="red">Không ghi (có lỗi)</Tag>;
}

interface ImportHistoryProps {
  kindLabel: (name: string) => string;
  onDownloadErrors: (run: ImportSummary) => void;
}

export function ImportHistory({ kindLabel, onDownloadErrors }: ImportHistoryProps) {
  const [page, setPage] = useState(1);
  const history = useQuery(importsQuery({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));

  return (
    <Card title="Lịch sử nhập dữ liệu" size="small" role="region" aria-label="Lịch sử nhập dữ liệu">
      {history.isError && (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      )}
      <Table<ImportSummary>
        rowKey="id"
        size="small"
        loading={history.isFetching}
        dataSource={history.data?.items}
        scroll={{ x: 1080 }}
        locale={{ emptyText: 'Chưa có lần nhập nào' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: history.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'at', width: 140, render: formatDateTime },
          { title: 'Loại dữ liệu', dataIndex: 'kind', width: 180, render: kindLabel },
          { title: 'Tệp', dataIndex: 'file_name', width: 180, ellipsis: true },
          { title: 'Người nhập', dataIndex: 'actor_name', width: 120 },
          {
            title: 'Kết quả',
            key: 'status',
            width: 150,
            render: (_: unknown, run) => <Status run={run} />,
          },
          { title: 'Số dòng', dataIndex: 'rows', align: 'right', width: 80, render: formatNumber },
          {
            title: 'Mới / sửa / không đổi',
            key: 'counts',
            align: 'right',
            width: 150,
            render: (_: unknown, run) =>
              [run.created, run.updated, run.unchanged].map(formatNumber).join(' / '),
          },
          {
            title: 'Lỗi',
            dataIndex: 'failed',
            align: 'right',
            width: 130,
            render: (_: number, run) =>
              run.failed > 0 ? (
                <Button size="small" type="link" onClick={() => onDownloadErrors(run)}>
                  {formatNumber(run.failed)} · errors.csv
                </Button>
              ) : (
                formatNumber(0)
              ),
          },
        ]}
      />
    </Card>
  );
}
