import { Card, Table } from 'antd';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { type RecordDefinition, RecordScreens, resource } from '..';
import { mayWrite } from '../access';
import { ActiveTag, date, dateTime, text } from './common';

type Official = components['schemas']['OfficialRead'];
type OfficialDetail = components['schemas']['OfficialDetail'];
type Training = components['schemas']['TrainingAttended'];

const canWrite = (me: Me, official?: Official) =>
  mayWrite(me, 'activities:write', official?.unit_id);

function Trainings({ official }: { official: Official }) {
  const detail = official as Partial<OfficialDetail>;
  if (!detail.trainings) return null;
  const title = `Tập huấn đã dự năm ${detail.year ?? ''}`;
  return (
    <Card size="small" title={title} role="region" aria-label={title}>
      <Table<Training>
        rowKey="id"
        size="small"
        dataSource={detail.trainings}
        pagination={false}
        locale={{ emptyText: 'Chưa dự tập huấn nào trong năm' }}
        columns={[
          {
            key: 'held_on',
            title: 'Ngày',
            render: (_: unknown, training) => date(training.held_on),
          },
          {
            key: 'title',
            title: 'Tên lớp tập huấn',
            render: (_: unknown, training) => training.title,
          },
        ]}
      />
    </Card>
  );
}

const definition: RecordDefinition<Official> = {
  basePath: '/officials',
  title: 'Cán bộ phụ trách dân vận',
  noun: 'cán bộ',
  resource: resource<Official>('/api/v1/officials'),
  recordTitle: (official) => official.full_name,
  search: 'Tìm theo họ tên (không cần gõ dấu)',
  defaultSort: 'full_name',
  csvName: 'can-bo-dan-van.csv',
  columns: [
    {
      key: 'full_name',
      title: 'Họ và tên',
      sort: 'full_name',
      render: (official) => official.full_name,
    },
    {
      key: 'position',
      title: 'Chức vụ',
      sort: 'position',
      render: (official) => text(official.position),
    },
    { key: 'unit', title: 'Đơn vị', render: (official, ctx) => ctx.unitName(official.unit_id) },
    {
      key: 'since',
      title: 'Phụ trách từ',
      sort: 'since',
      render: (official) => date(official.since),
    },
    {
      key: 'active',
      title: 'Trạng thái',
      render: (official) => (
        <ActiveTag active={official.is_active} yes="Đang phụ trách" no="Thôi phụ trách" />
      ),
    },
  ],
  filters: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    {
      name: 'is_active',
      label: 'Trạng thái',
      kind: 'boolean',
      yes: 'Đang phụ trách',
      no: 'Thôi phụ trách',
    },
    { name: 'trained_in', label: 'Đã dự tập huấn năm', kind: 'year' },
    { name: 'not_trained_in', label: 'Chưa dự tập huấn năm', kind: 'year' },
  ],
  detail: [
    { label: 'Đơn vị', render: (official, ctx) => ctx.unitName(official.unit_id) },
    { label: 'Chức vụ', render: (official) => text(official.position) },
    { label: 'Điện thoại', render: (official) => text(official.phone) },
    { label: 'Thư điện tử', render: (official) => text(official.email) },
    { label: 'Phụ trách từ ngày', render: (official) => date(official.since) },
    { label: 'Thôi phụ trách ngày', render: (official) => date(official.until) },
    {
      label: 'Trạng thái',
      render: (official) => (
        <ActiveTag active={official.is_active} yes="Đang phụ trách" no="Thôi phụ trách" />
      ),
    },
    { label: 'Cập nhật', render: (official) => dateTime(official.updated_at) },
  ],
  detailSections: (official) => <Trainings official={official} />,
  fields: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit', help: 'Để trống: đơn vị của bạn' },
    { name: 'full_name', label: 'Họ và tên', kind: 'text', required: true, maxLength: 255 },
    { name: 'position', label: 'Chức vụ', kind: 'text', maxLength: 255 },
    { name: 'phone', label: 'Điện thoại', kind: 'text', maxLength: 32 },
    { name: 'email', label: 'Thư điện tử', kind: 'email', maxLength: 255 },
    { name: 'since', label: 'Phụ trách từ ngày', kind: 'date' },
    { name: 'until', label: 'Thôi phụ trách ngày', kind: 'date' },
    { name: 'is_active', label: 'Đang phụ trách', kind: 'boolean', initial: true },
  ],
  canCreate: (me) => canWrite(me),
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function OfficialsScreen() {
  return <RecordScreens def={definition} />;
}
