import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Statistic, Table } from 'antd';
import type { ImportColumn, ImportReport, ImportRowError } from '../../api/types';
import { formatNumber } from '../../format/format';

interface ImportResultProps {
  report: ImportReport;
  /** The kind's columns, to name each error's column as the spreadsheet does. */
  columns: ImportColumn[];
  onDownloadErrors?: (report: ImportReport) => void;
}

function outcome(report: ImportReport): { type: 'success' | 'error' | 'info'; text: string } {
  if (report.failed > 0) {
    return {
      type: 'error',
      text: `Có ${formatNumber(report.failed)} dòng lỗi: chưa ghi gì vào hệ thống. Sửa tệp theo bảng dưới đây rồi tải lên lại.`,
    };
  }
  if (report.dry_run) {
    return {
      type: 'info',
      text: 'Tệp hợp lệ, chưa ghi gì. Kiểm tra số liệu rồi bấm “Ghi vào hệ thống”.',
    };
  }
  return report.committed
    ? { type: 'success', text: 'Đã ghi vào hệ thống.' }
    : { type: 'info', text: 'Không có gì được ghi.' };
}

export function ImportResult({ report, columns, onDownloadErrors }: ImportResultProps) {
  const labelOf = (name: string) => columns.find((column) => column.name === name)?.label ?? name;
  const verdict = outcome(report);
  // A dry run tells what a commit would do.
  const counts: [string, number][] = [
    ['Số dòng', report.rows],
    [report.dry_run ? 'Sẽ thêm mới' : 'Thêm mới', report.created],
    [report.dry_run ? 'Sẽ cập nhật' : 'Cập nhật', report.updated],
    ['Không đổi', report.unchanged],
    ['Dòng lỗi', report.failed],
  ];
  const errors = report.errors.map((error, index) => ({ ...error, key: index }));

  return (
    <section aria-label="Kết quả nhập" data-testid="import-result">
      <Alert
        type={verdict.type}
        showIcon
        title={verdict.text}
        role="status"
        style={{ marginBottom: 12 }}
      />
      <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
        {counts.map(([label, value]) => (
          <Col key={label} xs={12} sm={8} md={4}>
            <Statistic title={label} value={formatNumber(value)} />
          </Col>
        ))}
      </Row>
      {report.errors.length > 0 && (
        <>
          <Table<ImportRowError & { key: number }>
            size="small"
            dataSource={errors}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 560 }}
            caption="Các lỗi trong tệp"
            columns={[
              { title: 'Dòng', dataIndex: 'row', width: 80, align: 'right', render: formatNumber },
              {
                title: 'Cột',
                dataIndex: 'column',
                width: 200,
                render: (name: string) => (name ? labelOf(name) : '—'),
              },
              { title: 'Nội dung lỗi', dataIndex: 'message' },
            ]}
          />
          {onDownloadErrors && (
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => onDownloadErrors(report)}
              style={{ marginTop: 8 }}
            >
              Tải danh sách lỗi (errors.csv)
            </Button>
          )}
        </>
      )}
    </section>
  );
}
