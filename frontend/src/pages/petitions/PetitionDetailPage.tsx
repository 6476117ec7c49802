import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useMe } from '../../auth/context';
import { ActionsPanel } from '../../components/ActionsPanel';
import { RecordForm, useUnitName, useUnits } from '../../records';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, NO_VALUE } from '../../format/format';
import { useEnumChoices, useEnumLabel } from '../../meta/useEnums';
import {
  actOnPetition,
  invalidateReceptionData,
  petitionKey,
  petitionQuery,
  type Petition,
  type PetitionActionBody,
  type PetitionActionName,
  petitions,
} from './api';
import { DueBadge } from './DueBadge';
import { petitionActionSpecs } from './petitionActions';
import { petitionEditFields } from './petitionForm';
import { mayWriteFor } from '../receptions/receptions';
import { PetitionTimeline } from './PetitionTimeline';

export function PetitionNotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="Không tìm thấy đơn thư"
      subTitle="Đơn thư này không có, hoặc không thuộc phạm vi bạn được xem."
      extra={
        <Button type="primary" onClick={() => navigate('/petitions')}>
          Về danh sách đơn thư
        </Button>
      }
    />
  );
}

function Flags({ petition }: { petition: Petition }) {
  const flags = [
    petition.prolonged && 'Kéo dài',
    petition.over_level && 'Vượt cấp',
    petition.is_complex && 'Phức tạp',
    petition.is_remote_area && 'Vùng sâu, vùng xa',
    petition.needs_verification && 'Cần xác minh',
  ].filter(Boolean);
  return flags.length ? flags.map((flag) => <Tag key={String(flag)}>{flag}</Tag>) : NO_VALUE;
}

function Facts({ petition }: { petition: Petition }) {
  const label = {
    caseType: useEnumLabel('petition_case_type'),
    field: useEnumLabel('reception_field'),
    source: useEnumLabel('petition_source'),
    level: useEnumLabel('resolution_level'),
    complexity: useEnumLabel('denunciation_complexity'),
    outcome: useEnumLabel('complaint_outcome'),
  };
  const unitName = useUnitName();
  const items = [
    { key: 'unit', label: 'Đơn vị xử lý', children: unitName(petition.unit_id) },
    { key: 'case_type', label: 'Loại đơn', children: label.caseType(petition.case_type) },
    { key: 'field', label: 'Lĩnh vực', children: label.field(petition.field) },
    { key: 'source', label: 'Nguồn đơn', children: label.source(petition.source) },
    { key: 'name', label: 'Người gửi đơn', children: petition.petitioner_name },
    {
      key: 'id_number',
      label: 'Số CCCD',
      children: petition.petitioner_id_number ?? NO_VALUE,
    },
    { key: 'address', label: 'Địa chỉ', children: petition.petitioner_address || NO_VALUE },
    ...(petition.case_type === 'complaint'
      ? [
          {
            key: 'level',
            label: 'Cấp giải quyết',
            children: label.level(petition.resolution_level ?? 'first'),
          },
        ]
      : []),
    ...(petition.case_type === 'denunciation'
      ? [{ key: 'complexity', label: 'Mức độ', children: label.complexity(petition.complexity) }]
      : []),
    { key: 'flags', label: 'Đặc điểm', children: <Flags petition={petition} /> },
    ...(petition.external_id
      ? [{ key: 'external_id', label: 'Mã trên Cổng DVC', children: petition.external_id }]
      : []),
    { key: 'summary', label: 'Nội dung', span: 'filled' as const, children: petition.summary },
  ];
  if (petition.decision_number) {
    items.push({
      key: 'decision',
      label: 'Quyết định, kết luận',
      span: 'filled' as const,
      children: [
        `Số ${petition.decision_number}`,
        petition.decision_date && `ngày ${formatDate(petition.decision_date)}`,
        petition.outcome && label.outcome(petition.outcome),
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      items={items}
    />
  );
}

function DueDates({ petition }: { petition: Petition }) {
  const items = [
    {
      key: 'due',
      label: 'Hạn của bước hiện tại',
      children: (
        <Flex gap={8} wrap align="center">
          <strong data-testid="due-on">{formatDate(petition.due_on)}</strong>
          <DueBadge dueOn={petition.due_on} overdue={petition.overdue} />
        </Flex>
      ),
    },
    { key: 'received', label: 'Ngày nhận đơn', children: formatDate(petition.received_on) },
    { key: 'accepted', label: 'Ngày thụ lý', children: formatDate(petition.accepted_on) },
    { key: 'transferred', label: 'Ngày chuyển đơn', children: formatDate(petition.transferred_on) },
    { key: 'extensions', label: 'Số lần gia hạn', children: String(petition.extensions) },
  ];
  return <Descriptions size="small" column={1} items={items} />;
}

export default function PetitionDetailPage() {
  const id = Number(useParams().petitionId);
  const valid = Number.isInteger(id) && id > 0;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const petition = useQuery({ ...petitionQuery(id), enabled: valid });
  const statusLabel = useEnumLabel('petition_status');
  const actionLabel = useEnumLabel('petition_action');
  const sourceLabel = useEnumLabel('petition_source');
  const outcomeLabel = useEnumLabel('complaint_outcome');
  const outcomes = useEnumChoices('complaint_outcome');
  const units = useUnits();
  const unitName = useUnitName();
  const me = useMe();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const editFields = useMemo(
    () => (petition.data ? petitionEditFields(petition.data) : []),
    [petition.data],
  );

  if (!valid || (petition.error instanceof ApiError && petition.error.status === 404)) {
    return <PetitionNotFound />;
  }
  if (petition.isError) {
    return <QueryError error={petition.error} onRetry={() => void petition.refetch()} />;
  }
  if (!petition.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const record = petition.data;
  // As on a reception: the unit's own officer, or a province-wide writer (the API checks again).
  const writable = mayWriteFor(me, record.unit_id);

  async function act(_action: PetitionActionName, body: Record<string, unknown>) {
    const version = petition.data?.version;
    if (version === undefined) throw new Error('petition not loaded');
    const updated = await actOnPetition(id, version, body as PetitionActionBody);
    queryClient.setQueryData(petitionKey(id), updated);
    void invalidateReceptionData(queryClient);
    return updated;
  }

  return (
    <>
      <PageHeader
        title={`Đơn thư số ${record.id}: ${record.petitioner_name}`}
        subtitle={
          <>
            Trạng thái: <strong data-testid="petition-status">{statusLabel(record.status)}</strong>
          </>
        }
        actions={
          <>
            {writable && !editing && (
              <Button
                type="primary"
                icon={<EditOutlined aria-hidden />}
                onClick={() => setEditing(true)}
              >
                Sửa thông tin đơn
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/petitions')}>
              Danh sách đơn thư
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={editing ? 'Sửa thông tin đơn' : 'Thông tin đơn'}>
              {editing ? (
                <RecordForm<Petition>
                  key={record.version}
                  name="petition-edit"
                  fields={editFields}
                  record={record}
                  onSubmit={(body) => petitions.update(record, body)}
                  onSaved={(updated) => {
                    queryClient.setQueryData(petitionKey(id), updated);
                    void invalidateReceptionData(queryClient);
                    void message.success('Đã lưu thay đổi.');
                    setEditing(false);
                  }}
                  onCancel={() => setEditing(false)}
                  onReload={() => void petition.refetch()}
                />
              ) : (
                <Facts petition={record} />
              )}
            </Card>
            <Card size="small" title="Thời hạn">
              <DueDates petition={record} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card size="small">
              <ActionsPanel<PetitionActionName>
                title="Xử lý đơn"
                allowed={record.allowed_actions}
                labelOf={actionLabel}
                specs={petitionActionSpecs({ petition: record, units, outcomes })}
                onSubmit={act}
                onReload={() => void petition.refetch()}
                emptyText="Bạn không có thao tác nào với đơn này ở trạng thái hiện tại."
              />
            </Card>
            <Card size="small" title="Quá trình xử lý">
              <PetitionTimeline
                receivedOn={record.received_on}
                sourceLabel={sourceLabel(record.source)}
                history={record.history}
                actionLabel={actionLabel}
                statusLabel={statusLabel}
                outcomeLabel={outcomeLabel}
                unitName={unitName}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
