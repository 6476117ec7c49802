import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format/format';
import { useEnumChoices, useEnumLabel } from '../../meta/useEnums';
import {
  downloadSummary,
  periodStatusQuery,
  type PeriodStatus,
  type UnitCompleteness,
} from './api';
import styles from './Board.module.css';
import {
  filterCounts,
  filterUnits,
  isBoardFilter,
  LATE_OR_MISSING_LABEL,
  type BoardFilter,
} from './board';
import { SEARCH } from './CreatePeriodForm';
import { CompletenessTag, OVERDUE_COLOR } from './ReportStatusTag';

function Counts({ status }: { status: PeriodStatus }) {
  const label = useEnumLabel('report_completeness');
  const cells: [string, string][] = [
    ['Số đơn vị phải báo cáo', formatNumber(status.expected)],
    ['Đã gửi', formatNumber(status.submitted)],
    ['Gửi đúng hạn', formatNumber(status.on_time)],
    ['Tỷ lệ gửi đúng hạn', formatPercent(status.share_on_time)],
    ...(Object.entries(status.counts) as [string, number][]).map(
      ([key, count]): [string, string] => [label(key), formatNumber(count)],
    ),
  ];
  return (
    <Row gutter={[16, 16]} data-testid="board-counts">
      {cells.map(([title, value]) => (
        <Col key={title} xs={12} sm={8} md={6} xl={4}>
          <Statistic title={title} value={value} />
        </Col>
      ))}
    </Row>
  );
}

export default function PeriodBoardPage() {
  const id = Number(useParams().periodId);
  const valid = Number.isInteger(id) && id > 0;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = useQuery({ ...periodStatusQuery(id), enabled: valid });
  const completeness = useEnumChoices('report_completeness');
  const kindLabel = useEnumLabel('unit_kind');
  const periodKindLabel = useEnumLabel('report_period_kind');
  const [downloading, setDownloading] = useState<'docx' | 'xlsx' | null>(null);
  const raw = params.get('trang-thai');
  const filter: BoardFilter = isBoardFilter(
    raw,
    completeness.map((c) => c.value),
  )
    ? raw
    : 'all';

  if (!valid || (status.error instanceof ApiError && status.error.status === 404)) {
    return (
      <Result
        status="404"
        title="Không tìm thấy kỳ báo cáo"
        extra={
          <Button type="primary" onClick={() => navigate('/reports')}>
            Về danh sách kỳ báo cáo
          </Button>
        }
      />
    );
  }
  if (status.isError) {
    return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  }
  if (!status.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const board = status.data;
  const counts = filterCounts(board);
  const q = params.get('q') ?? '';
  const rows = filterUnits(board.units, filter, q);

  async function download(format: 'docx' | 'xlsx') {
    setDownloading(format);
    try {
      await downloadSummary(id, format);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  }

  const options = [
    { value: 'all', label: `Tất cả (${formatNumber(counts.all)})` },
    {
      value: 'late_or_missing',
      label: `${LATE_OR_MISSING_LABEL} (${formatNumber(counts.late_or_missing)})`,
    },
    ...completeness.map((choice) => ({
      value: choice.value,
      label: `${choice.label} (${formatNumber(counts[choice.value] ?? 0)})`,
    })),
  ];

  return (
    <>
      <PageHeader
        title={board.label}
        subtitle={`${periodKindLabel(board.kind)} · Hạn gửi ${formatDate(board.deadline)}${
          board.deadline_passed ? ' (đã hết hạn)' : ''
        }`}
        actions={
          <>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={downloading === 'docx'}
              onClick={() => void download('docx')}
            >
              Báo cáo tổng hợp (Word)
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={downloading === 'xlsx'}
              onClick={() => void download('xlsx')}
            >
              Số liệu tổng hợp (Excel)
            </Button>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/reports')}>
              Các kỳ báo cáo
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title="Tình hình gửi báo cáo">
          <Counts status={board} />
        </Card>
        <Card size="small" title="Báo cáo của các đơn vị">
          <Form layout="inline" style={{ marginBottom: 12 }}>
            <Form.Item label="Lọc theo tình trạng" htmlFor="board-filter">
              <Select
                id="board-filter"
                virtual={false}
                showSearch={SEARCH}
                style={{ minWidth: 280, maxWidth: '100%' }}
                value={filter}
                options={options}
                onChange={(value: string) => {
                  const next = new URLSearchParams(params);
                  if (value === 'all') next.delete('trang-thai');
                  else next.set('trang-thai', value);
                  setParams(next, { replace: true });
                }}
              />
            </Form.Item>
            <Form.Item label="Tìm đơn vị" htmlFor="board-search">
              <Input.Search
                id="board-search"
                allowClear
                defaultValue={q}
                placeholder="Tên hoặc mã đơn vị"
                style={{ width: 260, maxWidth: '100%' }}
                onSearch={(value) => {
                  const next = new URLSearchParams(params);
                  if (value.trim()) next.set('q', value);
                  else next.delete('q');
                  setParams(next, { replace: true });
                }}
              />
            </Form.Item>
          </Form>
          <Table<UnitCompleteness>
            size="small"
            rowKey="report_id"
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 900 }}
            rowClassName={(row) => (row.late || row.missing ? (styles.flagged ?? '') : '')}
            locale={{ emptyText: 'Không có đơn vị nào ở tình trạng này' }}
            columns={[
              {
                key: 'unit',
                title: 'Đơn vị',
                render: (_, row) => <Link to={`/reports/${row.report_id}`}>{row.unit.name}</Link>,
              },
              { key: 'kind', title: 'Loại đơn vị', render: (_, row) => kindLabel(row.unit.kind) },
              {
                key: 'completeness',
                title: 'Tình trạng',
                render: (_, row) => (
                  <Flex gap={4} wrap>
                    <CompletenessTag completeness={row.completeness} />
                    {row.missing && (
                      <Tag color={OVERDUE_COLOR} data-testid="missing">
                        Chưa gửi, quá hạn
                      </Tag>
                    )}
                    {row.late && row.completeness !== 'submitted_late' && (
                      <Tag color={OVERDUE_COLOR}>Gửi muộn</Tag>
                    )}
                  </Flex>
                ),
              },
              {
                key: 'first',
                title: 'Gửi lần đầu',
                render: (_, row) => formatDateTime(row.first_submitted_at),
              },
              {
                key: 'sent',
                title: 'Gửi gần nhất',
                render: (_, row) => formatDateTime(row.submitted_at),
              },
              {
                key: 'accepted',
                title: 'Tiếp nhận',
                render: (_, row) => formatDateTime(row.accepted_at),
              },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
