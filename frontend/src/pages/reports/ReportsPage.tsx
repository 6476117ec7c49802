import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/context';
import { can, reach } from '../../auth/permissions';
import { provinceToday } from '../../components/ActionsPanel';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatNumber } from '../../format/format';
import { useEnumLabel } from '../../meta/useEnums';
import {
  invalidateReports,
  periodsQuery,
  reportsQuery,
  type Report,
  type ReportPeriod,
} from './api';
import { reportOverdue } from './board';
import { CreatePeriodForm } from './CreatePeriodForm';
import { OVERDUE_COLOR, ReportStatusTag } from './ReportStatusTag';

/** A unit officer's reports, by period, with the status and the deadline (overdue in red). */
function UnitReports() {
  const reports = useQuery(reportsQuery());
  const kindLabel = useEnumLabel('report_period_kind');
  const today = provinceToday();
  if (reports.isError)
    return <QueryError error={reports.error} onRetry={() => void reports.refetch()} />;
  return (
    <Card size="small" title="Báo cáo của đơn vị theo kỳ">
      <Table<Report>
        size="small"
        rowKey="id"
        loading={reports.isPending}
        dataSource={reports.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: 'Chưa có kỳ báo cáo nào' }}
        columns={[
          {
            key: 'period',
            title: 'Kỳ báo cáo',
            render: (_, r) => <Link to={`/reports/${r.id}`}>{r.period.label}</Link>,
          },
          { key: 'kind', title: 'Loại', render: (_, r) => kindLabel(r.period.kind) },
          {
            key: 'data',
            title: 'Số liệu',
            render: (_, r) => `${formatDate(r.period.data_from)} – ${formatDate(r.period.data_to)}`,
          },
          {
            key: 'deadline',
            title: 'Hạn gửi',
            render: (_, r) =>
              reportOverdue(r, today) ? (
                <Flex gap={4} wrap>
                  <strong style={{ color: OVERDUE_COLOR }}>{formatDate(r.period.deadline)}</strong>
                  <Tag color={OVERDUE_COLOR} data-testid="report-overdue">
                    Quá hạn gửi
                  </Tag>
                </Flex>
              ) : (
                formatDate(r.period.deadline)
              ),
          },
          {
            key: 'status',
            title: 'Trạng thái',
            render: (_, r) => (
              <Flex gap={4} wrap>
                <ReportStatusTag status={r.status} />
                {r.late && <Tag color={OVERDUE_COLOR}>Gửi muộn</Tag>}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Sở Nội vụ's (and the readers') periods, each opening its completeness board. */
function Periods({ canCreate }: { canCreate: boolean }) {
  const periods = useQuery(periodsQuery());
  const kindLabel = useEnumLabel('report_period_kind');
  const unitKindLabel = useEnumLabel('unit_kind');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  if (periods.isError)
    return <QueryError error={periods.error} onRetry={() => void periods.refetch()} />;
  return (
    <Card
      size="small"
      title="Các kỳ báo cáo"
      extra={
        canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            Tạo kỳ báo cáo
          </Button>
        )
      }
    >
      <Table<ReportPeriod>
        size="small"
        rowKey="id"
        loading={periods.isPending}
        dataSource={periods.data?.items ?? []}
        pagination={false}
        scroll={{ x: 820 }}
        locale={{ emptyText: 'Chưa có kỳ báo cáo nào' }}
        columns={[
          {
            key: 'label',
            title: 'Kỳ báo cáo',
            render: (_, p) => <Link to={`/reports/periods/${p.id}`}>{p.label}</Link>,
          },
          { key: 'kind', title: 'Loại', render: (_, p) => kindLabel(p.kind) },
          {
            key: 'data',
            title: 'Số liệu',
            render: (_, p) => `${formatDate(p.data_from)} – ${formatDate(p.data_to)}`,
          },
          { key: 'deadline', title: 'Hạn gửi', render: (_, p) => formatDate(p.deadline) },
          {
            key: 'units',
            title: 'Đơn vị báo cáo',
            render: (_, p) => p.unit_kinds.map((k) => unitKindLabel(k)).join(', '),
          },
          {
            key: 'expected',
            title: 'Số báo cáo',
            align: 'right',
            render: (_, p) => formatNumber(p.expected_reports),
          },
        ]}
      />
      <Modal
        open={creating}
        title="Tạo kỳ báo cáo"
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        width={640}
      >
        <CreatePeriodForm
          onCancel={() => setCreating(false)}
          onCreated={(period) => {
            setCreating(false);
            void message.success(`Đã tạo ${period.label}`);
            void invalidateReports(queryClient);
            navigate(`/reports/periods/${period.id}`);
          }}
        />
      </Modal>
    </Card>
  );
}

export default function ReportsPage() {
  const me = useMe();
  const all = reach(me, 'reports:read') === 'any';
  return (
    <>
      <PageHeader
        title="Báo cáo định kỳ"
        subtitle={
          all
            ? 'Báo cáo kết quả thực hiện Chỉ thị 05-CT/TU của các đơn vị, theo kỳ'
            : 'Báo cáo kết quả thực hiện Chỉ thị 05-CT/TU của đơn vị gửi Sở Nội vụ'
        }
      />
      {all ? <Periods canCreate={can(me, 'reports:review')} /> : <UnitReports />}
    </>
  );
}
