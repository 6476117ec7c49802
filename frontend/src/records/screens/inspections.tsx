import { Tag } from 'antd';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import {
  call,
  type FieldDef,
  type Page,
  type RecordDefinition,
  RecordScreens,
  resource,
  SubRecords,
  useRenderContext,
} from '..';
import { mayWrite } from '../access';
import { date, dateTime, text } from './common';
import { RecommendationActions, type Recommendation } from './recommendationActions';
import { RecommendationHistory, RecommendationStatus } from './recommendationParts';

type Inspection = components['schemas']['InspectionRead'];
type Finding = components['schemas']['FindingRead'];

const canWrite = (me: Me, inspection?: Inspection) =>
  mayWrite(me, 'inspections:write', inspection?.inspecting_unit_id) ||
  (inspection != null && mayWrite(me, 'inspections:write', inspection.inspected_unit_id));

function Scope({ inspection }: { inspection: Inspection }) {
  const ctx = useRenderContext();
  if (inspection.scope.length === 0) return <>—</>;
  return (
    <>
      {inspection.scope.map((group) => (
        <Tag key={group}>{ctx.enumLabel('task_group', group)}</Tag>
      ))}
    </>
  );
}

const findingFields: FieldDef[] = [
  {
    name: 'task_group',
    label: 'Nhóm nhiệm vụ',
    kind: 'enum',
    enumName: 'task_group',
    required: true,
  },
  { name: 'severity', label: 'Mức độ', kind: 'enum', enumName: 'finding_severity', required: true },
  {
    name: 'description',
    label: 'Nội dung phát hiện',
    kind: 'textarea',
    required: true,
    maxLength: 20000,
  },
];

export const recommendationFields: FieldDef[] = [
  { name: 'text', label: 'Nội dung kiến nghị', kind: 'textarea', required: true, maxLength: 20000 },
  { name: 'responsible_unit_id', label: 'Đơn vị thực hiện', kind: 'unit', required: true },
  { name: 'due_on', label: 'Hạn thực hiện', kind: 'date', required: true },
  {
    name: 'finding_id',
    label: 'Số phát hiện liên quan',
    kind: 'number',
    min: 1,
    help: 'Số (#) của phát hiện trong bảng trên, nếu có',
  },
];

function Findings({ inspection, me }: { inspection: Inspection; me: Me }) {
  const base = `/api/v1/inspections/${inspection.id}/findings`;
  const writable = canWrite(me, inspection);
  return (
    <SubRecords<Finding>
      title="Phát hiện qua kiểm tra"
      noun="phát hiện"
      queryKey={['findings', inspection.id]}
      load={async () => (await call.get<Page<Finding>>(base, { limit: 500 })).items}
      rowTitle={(finding) => `#${finding.id}`}
      fields={findingFields}
      create={writable ? (body) => call.post(base, body) : undefined}
      update={
        writable
          ? (finding, body) => call.patch(`${base}/${finding.id}`, body, finding.version)
          : undefined
      }
      remove={
        writable ? (finding) => call.delete(`${base}/${finding.id}`, finding.version) : undefined
      }
      columns={[
        { key: 'id', title: 'Số', render: (finding) => `#${finding.id}` },
        {
          key: 'group',
          title: 'Nhóm nhiệm vụ',
          render: (finding, ctx) => ctx.enumLabel('task_group', finding.task_group),
        },
        {
          key: 'severity',
          title: 'Mức độ',
          render: (finding, ctx) => ctx.enumLabel('finding_severity', finding.severity),
        },
        { key: 'description', title: 'Nội dung', render: (finding) => finding.description },
      ]}
    />
  );
}

function Recommendations({ inspection, me }: { inspection: Inspection; me: Me }) {
  const base = `/api/v1/inspections/${inspection.id}/recommendations`;
  const writable = canWrite(me, inspection);
  return (
    <SubRecords<Recommendation>
      title="Kiến nghị"
      noun="kiến nghị"
      queryKey={['recommendations-of', inspection.id]}
      load={async () => (await call.get<Page<Recommendation>>(base, { limit: 500 })).items}
      rowTitle={(recommendation) => `#${recommendation.id}`}
      fields={recommendationFields}
      create={writable ? (body) => call.post(base, body) : undefined}
      update={
        writable
          ? (recommendation, body) =>
              call.patch(
                `/api/v1/recommendations/${recommendation.id}`,
                body,
                recommendation.version,
              )
          : undefined
      }
      remove={
        writable
          ? (recommendation) =>
              call.delete(`/api/v1/recommendations/${recommendation.id}`, recommendation.version)
          : undefined
      }
      rowActions={(recommendation) => <RecommendationActions recommendation={recommendation} />}
      expandRow={(recommendation, ctx) => (
        <RecommendationHistory recommendation={recommendation} ctx={ctx} />
      )}
      columns={[
        { key: 'id', title: 'Số', render: (recommendation) => `#${recommendation.id}` },
        { key: 'text', title: 'Nội dung', render: (recommendation) => recommendation.text },
        {
          key: 'unit',
          title: 'Đơn vị thực hiện',
          render: (recommendation, ctx) => ctx.unitName(recommendation.responsible_unit_id),
        },
        { key: 'due', title: 'Hạn', render: (recommendation) => date(recommendation.due_on) },
        {
          key: 'status',
          title: 'Trạng thái',
          render: (recommendation, ctx) => (
            <RecommendationStatus recommendation={recommendation} ctx={ctx} />
          ),
        },
      ]}
    />
  );
}

const definition: RecordDefinition<Inspection> = {
  basePath: '/inspections',
  title: 'Kiểm tra, giám sát',
  noun: 'cuộc kiểm tra',
  resource: resource<Inspection>('/api/v1/inspections'),
  recordTitle: (inspection) => inspection.title,
  search: 'Tìm theo tên cuộc kiểm tra',
  defaultSort: '-created_at',
  csvName: 'kiem-tra-giam-sat.csv',
  columns: [
    {
      key: 'title',
      title: 'Tên cuộc kiểm tra',
      sort: 'title',
      render: (inspection) => inspection.title,
    },
    {
      key: 'kind',
      title: 'Hình thức',
      sort: 'kind',
      render: (inspection, ctx) => ctx.enumLabel('inspection_kind', inspection.kind),
    },
    {
      key: 'inspecting',
      title: 'Đơn vị kiểm tra',
      render: (inspection, ctx) => ctx.unitName(inspection.inspecting_unit_id),
    },
    {
      key: 'inspected',
      title: 'Đơn vị được kiểm tra',
      render: (inspection, ctx) => ctx.unitName(inspection.inspected_unit_id),
    },
    {
      key: 'planned',
      title: 'Dự kiến từ',
      sort: 'planned_from',
      render: (inspection) => date(inspection.planned_from),
    },
    {
      key: 'status',
      title: 'Trạng thái',
      sort: 'status',
      render: (inspection, ctx) => ctx.enumLabel('inspection_status', inspection.status),
    },
  ],
  filters: [
    { name: 'year', label: 'Năm', kind: 'year' },
    { name: 'kind', label: 'Hình thức', kind: 'enum', enumName: 'inspection_kind' },
    { name: 'status', label: 'Trạng thái', kind: 'enum', enumName: 'inspection_status' },
    { name: 'inspecting_unit_id', label: 'Đơn vị kiểm tra', kind: 'unit' },
    { name: 'inspected_unit_id', label: 'Đơn vị được kiểm tra', kind: 'unit' },
    { name: 'task_group', label: 'Nhóm nhiệm vụ', kind: 'enum', enumName: 'task_group' },
  ],
  detail: [
    {
      label: 'Hình thức',
      render: (inspection, ctx) => ctx.enumLabel('inspection_kind', inspection.kind),
    },
    {
      label: 'Trạng thái',
      render: (inspection, ctx) => ctx.enumLabel('inspection_status', inspection.status),
    },
    {
      label: 'Đơn vị kiểm tra',
      render: (inspection, ctx) => ctx.unitName(inspection.inspecting_unit_id),
    },
    {
      label: 'Đơn vị được kiểm tra',
      render: (inspection, ctx) => ctx.unitName(inspection.inspected_unit_id),
    },
    {
      label: 'Dự kiến',
      render: (inspection) => `${date(inspection.planned_from)} – ${date(inspection.planned_to)}`,
    },
    {
      label: 'Thực hiện',
      render: (inspection) => `${date(inspection.started_on)} – ${date(inspection.ended_on)}`,
    },
    {
      label: 'Kế hoạch',
      render: (inspection) => (inspection.plan_id ? `#${inspection.plan_id}` : '—'),
    },
    {
      label: 'Xếp loại',
      render: (inspection, ctx) =>
        inspection.rating ? ctx.enumLabel('inspection_rating', inspection.rating) : '—',
    },
    {
      label: 'Nội dung kiểm tra',
      render: (inspection) => <Scope inspection={inspection} />,
      wide: true,
    },
    { label: 'Kết luận', render: (inspection) => text(inspection.conclusion), wide: true },
    { label: 'Cập nhật', render: (inspection) => dateTime(inspection.updated_at) },
  ],
  detailSections: (inspection, me) => (
    <>
      <Findings inspection={inspection} me={me} />
      <Recommendations inspection={inspection} me={me} />
    </>
  ),
  fields: [
    { name: 'kind', label: 'Hình thức', kind: 'enum', enumName: 'inspection_kind', required: true },
    {
      name: 'status',
      label: 'Trạng thái',
      kind: 'enum',
      enumName: 'inspection_status',
      initial: 'planned',
    },
    {
      name: 'title',
      label: 'Tên cuộc kiểm tra',
      kind: 'text',
      required: true,
      maxLength: 500,
      wide: true,
    },
    {
      name: 'inspecting_unit_id',
      label: 'Đơn vị kiểm tra',
      kind: 'unit',
      help: 'Để trống: đơn vị của bạn',
    },
    { name: 'inspected_unit_id', label: 'Đơn vị được kiểm tra', kind: 'unit' },
    { name: 'plan_id', label: 'Mã kế hoạch', kind: 'number', min: 1 },
    {
      name: 'scope',
      label: 'Nội dung kiểm tra (nhóm nhiệm vụ)',
      kind: 'enums',
      enumName: 'task_group',
      wide: true,
    },
    { name: 'planned_from', label: 'Dự kiến từ ngày', kind: 'date' },
    { name: 'planned_to', label: 'Dự kiến đến ngày', kind: 'date' },
    { name: 'started_on', label: 'Bắt đầu ngày', kind: 'date' },
    { name: 'ended_on', label: 'Kết thúc ngày', kind: 'date' },
    { name: 'rating', label: 'Xếp loại', kind: 'enum', enumName: 'inspection_rating' },
    { name: 'conclusion', label: 'Kết luận', kind: 'textarea', maxLength: 20000 },
  ],
  canCreate: (me) => canWrite(me),
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function InspectionsScreen() {
  return <RecordScreens def={definition} />;
}
