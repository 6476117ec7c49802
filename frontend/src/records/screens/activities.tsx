import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Table } from 'antd';
import { useState } from 'react';
import type { components } from '../../api/schema';
import { errorMessage } from '../../api/problem';
import type { Me } from '../../api/types';
import { foldVietnamese } from '../../format/text';
import {
  call,
  ConflictAlert,
  isConflict,
  type Page,
  RECORDS_KEY,
  type RecordDefinition,
  RecordScreens,
  resource,
  saveFailure,
} from '..';
import { mayWrite } from '../access';
import { date, dateTime, number, text } from './common';

type Activity = components['schemas']['ActivityRead'];
type Attendance = components['schemas']['AttendanceRead'];
type Official = components['schemas']['OfficialRead'];

const canWrite = (me: Me, activity?: Activity) =>
  mayWrite(me, 'activities:write', activity?.unit_id);

/** Who of the unit's officials attended a training (PUT of the whole list, with If-Match). */
function TrainingAttendance({ activity, me }: { activity: Activity; me: Me }) {
  const url = `/api/v1/activities/${activity.id}/attendees`;
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const attendance = useQuery({
    queryKey: [...RECORDS_KEY, 'attendance', activity.id],
    queryFn: () => call.get<Attendance>(url),
  });
  const officials = useQuery({
    queryKey: [...RECORDS_KEY, 'officials-of', activity.unit_id],
    queryFn: () =>
      call.get<Page<Official>>('/api/v1/officials', {
        unit_id: activity.unit_id,
        limit: 500,
        sort: 'full_name',
      }),
    enabled: canWrite(me, activity),
  });
  const [chosen, setChosen] = useState<number[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const current = attendance.data?.officials ?? [];
  const selected = chosen ?? current.map((official) => official.id);
  const sorted = failure ? saveFailure(failure, []) : null;

  async function save() {
    if (!attendance.data) return;
    setSaving(true);
    setFailure(null);
    try {
      await call.put<Attendance>(url, { official_ids: selected }, attendance.data.version);
      void message.success('Đã lưu danh sách dự tập huấn.');
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      size="small"
      title="Cán bộ dự tập huấn"
      role="region"
      aria-label="Cán bộ dự tập huấn"
      style={{ marginBottom: 16 }}
    >
      {sorted &&
        (isConflict(sorted) ? (
          <ConflictAlert
            failure={sorted}
            onReload={() => {
              setFailure(null);
              setChosen(null);
              void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
            }}
          />
        ) : (
          <p role="alert">{errorMessage(failure)}</p>
        ))}
      {canWrite(me, activity) && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            aria-label="Chọn cán bộ dự tập huấn"
            placeholder="Chọn cán bộ dự tập huấn"
            style={{ minWidth: 320, flex: 1 }}
            value={selected}
            onChange={setChosen}
            loading={officials.isPending}
            showSearch={{
              filterOption: (input, option) =>
                foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)),
            }}
            options={(officials.data?.items ?? current).map((official) => ({
              value: official.id,
              label: official.position
                ? `${official.full_name} — ${official.position}`
                : official.full_name,
            }))}
          />
          <Button
            type="primary"
            loading={saving}
            disabled={chosen === null}
            onClick={() => void save()}
          >
            Lưu danh sách
          </Button>
        </Flex>
      )}
      <Table<Official>
        rowKey="id"
        size="small"
        loading={attendance.isFetching}
        dataSource={current}
        pagination={false}
        locale={{ emptyText: 'Chưa ghi nhận cán bộ nào dự tập huấn' }}
        columns={[
          { key: 'name', title: 'Họ và tên', render: (_: unknown, official) => official.full_name },
          {
            key: 'position',
            title: 'Chức vụ',
            render: (_: unknown, official) => text(official.position),
          },
        ]}
      />
    </Card>
  );
}

const definition: RecordDefinition<Activity> = {
  basePath: '/activities',
  title: 'Hoạt động dân vận',
  noun: 'hoạt động',
  resource: resource<Activity>('/api/v1/activities'),
  recordTitle: (activity) => activity.title,
  search: 'Tìm theo tên hoạt động',
  defaultSort: '-held_on',
  csvName: 'hoat-dong.csv',
  columns: [
    { key: 'title', title: 'Tên hoạt động', sort: 'title', render: (activity) => activity.title },
    {
      key: 'held_on',
      title: 'Ngày',
      sort: 'held_on',
      render: (activity) => date(activity.held_on),
    },
    { key: 'unit', title: 'Đơn vị', render: (activity, ctx) => ctx.unitName(activity.unit_id) },
    {
      key: 'kind',
      title: 'Loại',
      sort: 'kind',
      render: (activity, ctx) => ctx.enumLabel('activity_kind', activity.kind),
    },
    {
      key: 'group',
      title: 'Nhóm nhiệm vụ',
      render: (activity, ctx) =>
        activity.task_group ? ctx.enumLabel('task_group', activity.task_group) : '—',
    },
    {
      key: 'participants',
      title: 'Số người tham gia',
      sort: 'participants',
      align: 'right',
      render: (activity) => number(activity.participants),
    },
  ],
  filters: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    { name: 'year', label: 'Năm', kind: 'year' },
    { name: 'kind', label: 'Loại hoạt động', kind: 'enum', enumName: 'activity_kind' },
    { name: 'task_group', label: 'Nhóm nhiệm vụ', kind: 'enum', enumName: 'task_group' },
    { name: 'from', label: 'Từ ngày', kind: 'date' },
    { name: 'to', label: 'Đến ngày', kind: 'date' },
  ],
  detail: [
    { label: 'Đơn vị', render: (activity, ctx) => ctx.unitName(activity.unit_id) },
    { label: 'Ngày', render: (activity) => date(activity.held_on) },
    { label: 'Loại', render: (activity, ctx) => ctx.enumLabel('activity_kind', activity.kind) },
    {
      label: 'Nhóm nhiệm vụ',
      render: (activity, ctx) =>
        activity.task_group ? ctx.enumLabel('task_group', activity.task_group) : '—',
    },
    { label: 'Số người tham gia', render: (activity) => number(activity.participants) },
    { label: 'Kế hoạch', render: (activity) => (activity.plan_id ? `#${activity.plan_id}` : '—') },
    {
      label: 'Xếp loại mô hình',
      render: (activity, ctx) =>
        activity.rating ? ctx.enumLabel('model_rating', activity.rating) : '—',
    },
    { label: 'Cập nhật', render: (activity) => dateTime(activity.updated_at) },
    { label: 'Kết quả', render: (activity) => text(activity.outcome), wide: true },
  ],
  detailSections: (activity, me) =>
    activity.kind === 'training' ? <TrainingAttendance activity={activity} me={me} /> : null,
  fields: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit', help: 'Để trống: đơn vị của bạn' },
    {
      name: 'kind',
      label: 'Loại hoạt động',
      kind: 'enum',
      enumName: 'activity_kind',
      required: true,
    },
    {
      name: 'title',
      label: 'Tên hoạt động',
      kind: 'text',
      required: true,
      maxLength: 500,
      wide: true,
    },
    { name: 'held_on', label: 'Ngày tổ chức', kind: 'date', required: true },
    { name: 'participants', label: 'Số người tham gia', kind: 'number', min: 0 },
    { name: 'task_group', label: 'Nhóm nhiệm vụ', kind: 'enum', enumName: 'task_group' },
    {
      name: 'plan_id',
      label: 'Mã kế hoạch',
      kind: 'number',
      min: 1,
      help: 'Số của kế hoạch cùng đơn vị (nếu có)',
    },
    {
      name: 'rating',
      label: 'Xếp loại mô hình',
      kind: 'enum',
      enumName: 'model_rating',
      help: 'Chỉ với hoạt động tự đánh giá mô hình',
    },
    { name: 'outcome', label: 'Kết quả', kind: 'textarea', maxLength: 10000 },
  ],
  canCreate: (me) => canWrite(me),
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function ActivitiesScreen() {
  return <RecordScreens def={definition} />;
}
