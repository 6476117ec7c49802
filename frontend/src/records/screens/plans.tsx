import { Progress } from 'antd';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import {
  call,
  type FieldDef,
  type RecordDefinition,
  RecordScreens,
  resource,
  SubRecords,
} from '..';
import { mayWrite } from '../access';
import { date, dateTime, number, OverdueTag, text } from './common';

type Plan = components['schemas']['PlanSummary'];
type Task = components['schemas']['TaskRead'];

const canWrite = (me: Me, plan?: Plan) => mayWrite(me, 'plans:write', plan?.unit_id);

const taskFields: FieldDef[] = [
  {
    name: 'task_group',
    label: 'Nhóm nhiệm vụ',
    kind: 'enum',
    enumName: 'task_group',
    required: true,
  },
  { name: 'title', label: 'Nội dung nhiệm vụ', kind: 'textarea', required: true, maxLength: 500 },
  { name: 'due_on', label: 'Hạn hoàn thành', kind: 'date' },
  {
    name: 'status',
    label: 'Trạng thái',
    kind: 'enum',
    enumName: 'plan_task_status',
    initial: 'not_started',
  },
  { name: 'progress', label: 'Tiến độ (%)', kind: 'number', min: 0, max: 100 },
  { name: 'result', label: 'Kết quả', kind: 'textarea', maxLength: 10000 },
];

function PlanTasks({ plan, me }: { plan: Plan; me: Me }) {
  const base = `/api/v1/plans/${plan.id}/tasks`;
  const writable = canWrite(me, plan);
  return (
    <SubRecords<Task>
      title="Nhiệm vụ của kế hoạch"
      noun="nhiệm vụ"
      queryKey={['plan-tasks', plan.id]}
      load={() => call.get<Task[]>(base)}
      rowTitle={(task) => task.title}
      fields={taskFields}
      create={writable ? (body) => call.post(base, body) : undefined}
      update={
        writable ? (task, body) => call.patch(`${base}/${task.id}`, body, task.version) : undefined
      }
      remove={writable ? (task) => call.delete(`${base}/${task.id}`, task.version) : undefined}
      columns={[
        {
          key: 'group',
          title: 'Nhóm',
          render: (task, ctx) => ctx.enumLabel('task_group', task.task_group),
        },
        { key: 'title', title: 'Nội dung', render: (task) => task.title },
        {
          key: 'due',
          title: 'Hạn',
          render: (task) => (
            <>
              {date(task.due_on)} <OverdueTag overdue={task.overdue} />
            </>
          ),
        },
        {
          key: 'status',
          title: 'Trạng thái',
          render: (task, ctx) => ctx.enumLabel('plan_task_status', task.status),
        },
        {
          key: 'progress',
          title: 'Tiến độ',
          render: (task) => (
            <Progress
              percent={task.progress}
              size="small"
              style={{ minWidth: 120 }}
              aria-label={`Tiến độ ${task.progress}%`}
            />
          ),
        },
      ]}
    />
  );
}

const definition: RecordDefinition<Plan> = {
  basePath: '/plans',
  title: 'Kế hoạch',
  noun: 'kế hoạch',
  resource: resource<Plan>('/api/v1/plans'),
  recordTitle: (plan) => plan.title,
  search: 'Tìm theo tên, số hiệu văn bản',
  defaultSort: '-year',
  csvName: 'ke-hoach.csv',
  columns: [
    { key: 'title', title: 'Tên kế hoạch', sort: 'title', render: (plan) => plan.title },
    { key: 'unit', title: 'Đơn vị', render: (plan, ctx) => ctx.unitName(plan.unit_id) },
    { key: 'year', title: 'Năm', sort: 'year', render: (plan) => plan.year },
    {
      key: 'kind',
      title: 'Loại',
      sort: 'kind',
      render: (plan, ctx) => ctx.enumLabel('plan_kind', plan.kind),
    },
    {
      key: 'number',
      title: 'Số hiệu',
      sort: 'document_number',
      render: (plan) => text(plan.document_number),
    },
    {
      key: 'issued',
      title: 'Ngày ban hành',
      sort: 'issued_on',
      render: (plan) => date(plan.issued_on),
    },
    {
      key: 'status',
      title: 'Trạng thái',
      sort: 'status',
      render: (plan, ctx) => ctx.enumLabel('plan_status', plan.status),
    },
    {
      key: 'tasks',
      title: 'Nhiệm vụ (quá hạn)',
      align: 'right',
      render: (plan) => `${number(plan.tasks_count)} (${number(plan.overdue_tasks)})`,
    },
  ],
  filters: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    { name: 'year', label: 'Năm', kind: 'year' },
    { name: 'kind', label: 'Loại kế hoạch', kind: 'enum', enumName: 'plan_kind' },
    { name: 'status', label: 'Trạng thái', kind: 'enum', enumName: 'plan_status' },
    {
      name: 'overdue',
      label: 'Nhiệm vụ quá hạn',
      kind: 'boolean',
      yes: 'Có nhiệm vụ quá hạn',
      no: 'Không có',
    },
  ],
  detail: [
    { label: 'Đơn vị', render: (plan, ctx) => ctx.unitName(plan.unit_id) },
    { label: 'Năm', render: (plan) => plan.year },
    { label: 'Loại', render: (plan, ctx) => ctx.enumLabel('plan_kind', plan.kind) },
    { label: 'Trạng thái', render: (plan, ctx) => ctx.enumLabel('plan_status', plan.status) },
    { label: 'Số hiệu văn bản', render: (plan) => text(plan.document_number) },
    { label: 'Ngày ban hành', render: (plan) => date(plan.issued_on) },
    { label: 'Người ký', render: (plan) => text(plan.signer) },
    { label: 'Cập nhật', render: (plan) => dateTime(plan.updated_at) },
    { label: 'Tóm tắt', render: (plan) => text(plan.summary), wide: true },
  ],
  detailSections: (plan, me) => <PlanTasks plan={plan} me={me} />,
  fields: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit', help: 'Để trống: đơn vị của bạn' },
    {
      name: 'year',
      label: 'Năm',
      kind: 'number',
      required: true,
      min: 2000,
      max: 2100,
      initial: new Date().getFullYear(),
    },
    { name: 'kind', label: 'Loại kế hoạch', kind: 'enum', enumName: 'plan_kind', required: true },
    {
      name: 'status',
      label: 'Trạng thái',
      kind: 'enum',
      enumName: 'plan_status',
      initial: 'draft',
    },
    {
      name: 'title',
      label: 'Tên kế hoạch',
      kind: 'text',
      required: true,
      maxLength: 500,
      wide: true,
    },
    { name: 'document_number', label: 'Số hiệu văn bản', kind: 'text', maxLength: 64 },
    { name: 'issued_on', label: 'Ngày ban hành', kind: 'date' },
    { name: 'signer', label: 'Người ký', kind: 'text', maxLength: 255 },
    { name: 'summary', label: 'Tóm tắt', kind: 'textarea', maxLength: 10000 },
  ],
  canCreate: (me) => canWrite(me),
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function PlansScreen() {
  return <RecordScreens def={definition} />;
}
