// The reception records: the API calls, the list's definition and the form's fields.
import dayjs from 'dayjs';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { reach } from '../../auth/permissions';
import { formatDate, formatDateTime } from '../../format/format';
import {
  type FieldDef,
  type FilterDef,
  type RecordDefinition,
  recordKeys,
  resource,
} from '../../records';

export type Reception = components['schemas']['ReceptionRead'];

export const RECEPTIONS_PATH = '/api/v1/receptions';
export const receptions = resource<Reception>(RECEPTIONS_PATH);
export const receptionKey = (id: number) => recordKeys.item(RECEPTIONS_PATH, id);

/** Files the petition a reception produced (source: reception) and links it. */
export const filePetition = (id: number): Promise<Reception> =>
  unwrap(
    api.POST('/api/v1/receptions/{reception_id}/petition', {
      params: { path: { reception_id: id } },
    }),
  );

export function mayWriteReceptions(me: Me): boolean {
  return reach(me, 'receptions:write') !== null;
}

/** Whether this person may change this unit's receptions (the API checks it again). */
export function mayWriteFor(me: Me, unitId: number): boolean {
  const grant = reach(me, 'receptions:write');
  return grant === 'any' || (grant === 'own' && me.unit_id === unitId);
}

/** The form's fields; a province-wide writer says which unit, an officer writes for their own. */
export function receptionFields(me: Me): FieldDef[] {
  const fields: FieldDef[] = [];
  if (reach(me, 'receptions:write') === 'any') {
    fields.push({
      name: 'unit_id',
      label: 'Đơn vị tiếp',
      kind: 'unit',
      required: true,
      only: 'create',
    });
  }
  fields.push(
    {
      name: 'received_at',
      label: 'Thời điểm tiếp',
      kind: 'datetime',
      required: true,
      initial: dayjs().second(0).millisecond(0),
    },
    {
      name: 'session_type',
      label: 'Hình thức tiếp',
      kind: 'enum',
      enumName: 'reception_session_type',
      required: true,
      initial: 'regular',
    },
    { name: 'receiver_name', label: 'Người tiếp', kind: 'text', required: true, maxLength: 255 },
    {
      name: 'head_in_person',
      label: 'Thủ trưởng trực tiếp tiếp',
      kind: 'boolean',
      initial: false,
    },
    {
      name: 'citizen_name',
      label: 'Họ tên công dân',
      kind: 'text',
      required: true,
      maxLength: 255,
    },
    {
      name: 'citizen_id_number',
      label: 'Số CCCD',
      kind: 'text',
      maxLength: 12,
      help: '12 chữ số; để trống nếu công dân không cung cấp',
    },
    { name: 'citizen_address', label: 'Địa chỉ', kind: 'text', maxLength: 500 },
    {
      name: 'group_size',
      label: 'Số người',
      kind: 'number',
      min: 1,
      max: 10_000,
      required: true,
      initial: 1,
      help: 'Từ 5 người trở lên là đoàn đông người',
    },
    {
      name: 'case_type',
      label: 'Loại vụ việc',
      kind: 'enum',
      enumName: 'petition_case_type',
      required: true,
    },
    { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'reception_field', required: true },
    { name: 'content', label: 'Nội dung', kind: 'textarea', required: true, maxLength: 20_000 },
    {
      name: 'result',
      label: 'Kết quả tiếp',
      kind: 'enum',
      enumName: 'reception_result',
      help: 'Khi tạo đơn thư, để trống: kết quả là “Tiếp nhận đơn”',
    },
    {
      name: 'create_petition',
      label: 'Tạo đơn thư từ buổi tiếp này',
      kind: 'boolean',
      only: 'create',
      initial: false,
      help: 'Đơn thư (nguồn: qua tiếp công dân) được tạo cùng lúc, với thời hạn tính từ hôm tiếp',
    },
  );
  return fields;
}

const FILTERS: FilterDef[] = [
  {
    name: 'session_type',
    label: 'Hình thức tiếp',
    kind: 'enum',
    enumName: 'reception_session_type',
  },
  { name: 'case_type', label: 'Loại vụ việc', kind: 'enum', enumName: 'petition_case_type' },
  { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'reception_field' },
  { name: 'result', label: 'Kết quả tiếp', kind: 'enum', enumName: 'reception_result' },
  { name: 'is_crowd', label: 'Đoàn đông người', kind: 'boolean' },
  { name: 'year', label: 'Năm', kind: 'year' },
];

export function receptionsDefinition(me: Me): RecordDefinition<Reception> {
  const province = reach(me, 'receptions:read') === 'any';
  return {
    basePath: '/receptions',
    title: 'Tiếp công dân',
    noun: 'buổi tiếp công dân',
    resource: receptions,
    recordTitle: (reception) => `Tiếp công dân ${reception.citizen_name}`,
    search: 'Tìm theo công dân, người tiếp, nội dung (không cần gõ dấu)',
    defaultSort: '-received_at',
    csvName: 'tiep-cong-dan.csv',
    filters: province ? [{ name: 'unit_id', label: 'Đơn vị', kind: 'unit' }, ...FILTERS] : FILTERS,
    fields: receptionFields(me),
    canCreate: mayWriteReceptions,
    columns: [
      {
        key: 'citizen_name',
        title: 'Công dân',
        sort: 'citizen_name',
        render: (reception) => reception.citizen_name,
      },
      {
        key: 'received_at',
        title: 'Thời điểm tiếp',
        sort: 'received_at',
        render: (reception) => formatDateTime(reception.received_at),
      },
      ...(province
        ? [
            {
              key: 'unit_id',
              title: 'Đơn vị',
              sort: 'unit_id',
              render: (reception: Reception, ctx: { unitName: (id: number) => string }) =>
                ctx.unitName(reception.unit_id),
            },
          ]
        : []),
      {
        key: 'session_type',
        title: 'Hình thức',
        render: (reception, ctx) => ctx.enumLabel('reception_session_type', reception.session_type),
      },
      {
        key: 'case_type',
        title: 'Loại vụ việc',
        render: (reception, ctx) => ctx.enumLabel('petition_case_type', reception.case_type),
      },
      {
        key: 'group_size',
        title: 'Số người',
        sort: 'group_size',
        align: 'right',
        render: (reception) => reception.group_size,
      },
      {
        key: 'result',
        title: 'Kết quả',
        render: (reception, ctx) => ctx.enumLabel('reception_result', reception.result),
      },
      {
        key: 'reply_due_on',
        title: 'Hạn trả lời',
        render: (reception) => formatDate(reception.reply_due_on),
      },
    ],
  };
}
