import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { errorMessage, ApiError } from '../../api/problem';
import { useMe } from '../../auth/context';
import { reach } from '../../auth/permissions';
import { ActionsPanel, provinceToday } from '../../components/ActionsPanel';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../format/format';
import { useEnumLabel } from '../../meta/useEnums';
import {
  actOnReport,
  downloadReport,
  invalidateReports,
  reportKey,
  reportQuery,
  type Report,
  type ReportActionName,
} from './api';
import { reportOverdue, returnNote } from './board';
import { FiguresTables } from './FiguresTables';
import { NarrativeForm } from './NarrativeForm';
import { REPORT_ACTION_SPECS } from './reportActions';
import { OVERDUE_COLOR, ReportStatusTag } from './ReportStatusTag';

function Dates({ report }: { report: Report }) {
  const overdue = reportOverdue(report, provinceToday());
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
      items={[
        {
          key: 'deadline',
          label: 'Hạn gửi',
          children: (
            <Flex gap={8} wrap align="center">
              <strong>{formatDate(report.period.deadline)}</strong>
              {overdue && (
                <Tag color={OVERDUE_COLOR} data-testid="report-overdue">
                  Quá hạn gửi
                </Tag>
              )}
              {report.late && <Tag color={OVERDUE_COLOR}>Gửi muộn</Tag>}
            </Flex>
          ),
        },
        {
          key: 'data',
          label: 'Số liệu',
          children: `${formatDate(report.period.data_from)} – ${formatDate(report.period.data_to)}`,
        },
        { key: 'first', label: 'Gửi lần đầu', children: formatDateTime(report.first_submitted_at) },
        { key: 'sent', label: 'Gửi gần nhất', children: formatDateTime(report.submitted_at) },
        { key: 'accepted', label: 'Tiếp nhận', children: formatDateTime(report.accepted_at) },
      ]}
    />
  );
}

function History({ report }: { report: Report }) {
  const actionLabel = useEnumLabel('report_action');
  const statusLabel = useEnumLabel('report_status');
  if (!report.history.length) return <span>Chưa có thao tác nào.</span>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} aria-label="Quá trình xử lý báo cáo">
      {report.history.map((event, index) => (
        <li key={index} style={{ marginBottom: 8 }}>
          <strong>{actionLabel(event.action)}</strong> → {statusLabel(event.to_status)}
          <div>
            {formatDateTime(event.at)} · {event.actor_name}
          </div>
          {event.note && <div style={{ whiteSpace: 'pre-wrap' }}>“{event.note}”</div>}
        </li>
      ))}
    </ol>
  );
}

export default function ReportDetailPage() {
  const id = Number(useParams().reportId);
  const valid = Number.isInteger(id) && id > 0;
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useQuery({ ...reportQuery(id), enabled: valid });
  const actionLabel = useEnumLabel('report_action');
  const kindLabel = useEnumLabel('report_period_kind');
  const [dirty, setDirty] = useState(false);
  const [downloading, setDownloading] = useState(false);

  if (!valid || (report.error instanceof ApiError && report.error.status === 404)) {
    return (
      <Result
        status="404"
        title="Không tìm thấy báo cáo"
        subTitle="Báo cáo này không có, hoặc không thuộc phạm vi bạn được xem."
        extra={
          <Button type="primary" onClick={() => navigate('/reports')}>
            Về danh sách báo cáo
          </Button>
        }
      />
    );
  }
  if (report.isError) {
    return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  }
  if (!report.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const record = report.data;
  const note = returnNote(record);
  // The unit may write while it may refresh: a draft or a returned report of its own.
  const editable = record.allowed_actions.includes('refresh');
  const back =
    reach(me, 'reports:read') === 'any' ? `/reports/periods/${record.period_id}` : '/reports';

  function saved(updated: Report) {
    queryClient.setQueryData(reportKey(id), updated);
    void invalidateReports(queryClient);
  }

  async function act(_action: ReportActionName, body: Record<string, unknown>) {
    const updated = await actOnReport(record, body as Parameters<typeof actOnReport>[1]);
    saved(updated);
    return updated;
  }

  async function download() {
    setDownloading(true);
    try {
      await downloadReport(record.id);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <>
      <PageHeader
        title={`${record.period.label} — ${record.unit.name}`}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            {kindLabel(record.period.kind)} · Trạng thái: <ReportStatusTag status={record.status} />
          </Flex>
        }
        actions={
          <>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={downloading}
              onClick={() => void download()}
            >
              Tải báo cáo (Word)
            </Button>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(back)}>
              {back === '/reports' ? 'Danh sách báo cáo' : 'Bảng theo dõi kỳ báo cáo'}
            </Button>
          </>
        }
      />
      {note && (
        <Alert
          type="warning"
          showIcon
          data-testid="return-comment"
          title={note.action === 'reopen' ? 'Báo cáo được mở lại' : 'Báo cáo bị trả lại để bổ sung'}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap' }}>{note.note}</div>
              <div>
                {note.actor_name} · {formatDateTime(note.at)}
              </div>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small" title="Thời hạn">
              <Dates report={record} />
            </Card>
            <Card size="small" title="Số liệu tổng hợp từ hệ thống">
              <FiguresTables figures={record.figures} computedAt={record.figures_computed_at} />
            </Card>
            <Card size="small" title="Nội dung báo cáo">
              <NarrativeForm
                report={record}
                editable={editable}
                onSaved={saved}
                onReload={() => void report.refetch()}
                onDirtyChange={setDirty}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card size="small">
              {dirty && editable && (
                <Alert
                  type="info"
                  showIcon
                  title="Nội dung có thay đổi chưa lưu"
                  description="Hãy lưu nội dung trước khi gửi: báo cáo gửi đi là bản đã lưu."
                  style={{ marginBottom: 12 }}
                />
              )}
              <ActionsPanel<ReportActionName>
                title="Xử lý báo cáo"
                allowed={record.allowed_actions}
                labelOf={actionLabel}
                specs={REPORT_ACTION_SPECS}
                onSubmit={act}
                onReload={() => void report.refetch()}
                emptyText="Bạn chỉ được xem báo cáo này ở trạng thái hiện tại."
              />
            </Card>
            <Card size="small" title="Quá trình xử lý">
              <History report={record} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
