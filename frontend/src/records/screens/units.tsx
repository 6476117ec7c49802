import type { components } from '../../api/schema';
import { type RecordDefinition, RecordScreens, resource } from '..';
import { mayWrite } from '../access';
import { ActiveTag, date, dateTime, text } from './common';

type Unit = components['schemas']['UnitRead'];

const canWrite = (me: Parameters<typeof mayWrite>[0]) => mayWrite(me, 'units:write');

export const unitsDefinition: RecordDefinition<Unit> = {
  basePath: '/units',
  title: 'Đơn vị',
  noun: 'đơn vị',
  resource: resource<Unit>('/api/v1/units'),
  recordTitle: (unit) => unit.name,
  search: 'Tìm theo tên hoặc mã (không cần gõ dấu)',
  defaultSort: 'code',
  csvName: 'don-vi.csv',
  columns: [
    { key: 'name', title: 'Tên đơn vị', sort: 'name', render: (unit) => unit.name },
    { key: 'code', title: 'Mã', sort: 'code', render: (unit) => unit.code },
    { key: 'short_name', title: 'Tên ngắn', sort: 'short_name', render: (unit) => unit.short_name },
    {
      key: 'kind',
      title: 'Loại',
      sort: 'kind',
      render: (unit, ctx) => ctx.enumLabel('unit_kind', unit.kind),
    },
    {
      key: 'parent',
      title: 'Đơn vị cấp trên',
      render: (unit, ctx) => ctx.unitName(unit.parent_id),
    },
    { key: 'active', title: 'Trạng thái', render: (unit) => <ActiveTag active={unit.is_active} /> },
  ],
  filters: [
    { name: 'kind', label: 'Loại đơn vị', kind: 'enum', enumName: 'unit_kind' },
    { name: 'parent_id', label: 'Đơn vị cấp trên', kind: 'unit' },
    {
      name: 'is_active',
      label: 'Trạng thái',
      kind: 'boolean',
      yes: 'Đang hoạt động',
      no: 'Ngừng hoạt động',
    },
  ],
  detail: [
    { label: 'Mã đơn vị', render: (unit) => unit.code },
    { label: 'Mã cơ quan (Cổng DVC)', render: (unit) => text(unit.agency_code) },
    { label: 'Tên ngắn', render: (unit) => unit.short_name },
    { label: 'Loại', render: (unit, ctx) => ctx.enumLabel('unit_kind', unit.kind) },
    { label: 'Đơn vị cấp trên', render: (unit, ctx) => ctx.unitName(unit.parent_id) },
    { label: 'Trạng thái', render: (unit) => <ActiveTag active={unit.is_active} /> },
    { label: 'Ngày thành lập', render: (unit) => date(unit.established_on) },
    { label: 'Cập nhật', render: (unit) => dateTime(unit.updated_at) },
  ],
  fields: [
    { name: 'code', label: 'Mã đơn vị', kind: 'text', required: true, maxLength: 32 },
    { name: 'agency_code', label: 'Mã cơ quan (Cổng DVC)', kind: 'text', maxLength: 32 },
    { name: 'name', label: 'Tên đơn vị', kind: 'text', required: true, maxLength: 255 },
    { name: 'short_name', label: 'Tên ngắn', kind: 'text', maxLength: 120 },
    { name: 'kind', label: 'Loại đơn vị', kind: 'enum', enumName: 'unit_kind', required: true },
    { name: 'parent_id', label: 'Đơn vị cấp trên', kind: 'unit' },
    { name: 'established_on', label: 'Ngày thành lập', kind: 'date' },
    { name: 'is_active', label: 'Đang hoạt động', kind: 'boolean', initial: true },
  ],
  canCreate: canWrite,
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function UnitsScreen() {
  return <RecordScreens def={unitsDefinition} />;
}
