// The fields of the petition forms: a new petition (by mail, handed in, transferred in) and
// the facts of one already filed. Names are the API's (PetitionCreate / PetitionUpdate).
import dayjs from 'dayjs';
import type { Me } from '../../api/types';
import { reach } from '../../auth/permissions';
import type { FieldDef, FormValues } from '../../records';
import type { Petition } from './api';

type CaseType = Petition['case_type'];

/** The facts both forms share; the case flags apply to one case type each (the API checks). */
function factFields(caseType: (values: FormValues) => CaseType | undefined): FieldDef[] {
  const complaint = (values: FormValues) => caseType(values) === 'complaint';
  const denunciation = (values: FormValues) => caseType(values) === 'denunciation';
  return [
    { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'reception_field', required: true },
    {
      name: 'petitioner_name',
      label: 'Người gửi đơn',
      kind: 'text',
      required: true,
      maxLength: 255,
      help: 'Họ tên người (hoặc tên tổ chức) gửi đơn',
    },
    {
      name: 'petitioner_id_number',
      label: 'Số CCCD',
      kind: 'text',
      maxLength: 12,
      help: '12 chữ số; để trống nếu đơn không ghi',
    },
    { name: 'petitioner_address', label: 'Địa chỉ', kind: 'text', maxLength: 500 },
    { name: 'summary', label: 'Nội dung', kind: 'textarea', required: true, maxLength: 20_000 },
    {
      name: 'resolution_level',
      label: 'Cấp giải quyết',
      kind: 'enum',
      enumName: 'resolution_level',
      required: true,
      initial: 'first',
      when: complaint,
    },
    {
      name: 'complexity',
      label: 'Mức độ',
      kind: 'enum',
      enumName: 'denunciation_complexity',
      required: true,
      initial: 'normal',
      when: denunciation,
    },
    {
      name: 'is_complex',
      label: 'Vụ việc phức tạp',
      kind: 'boolean',
      initial: false,
      when: complaint,
      help: 'Thời hạn giải quyết dài hơn',
    },
    {
      name: 'is_remote_area',
      label: 'Vùng sâu, vùng xa',
      kind: 'boolean',
      initial: false,
      when: complaint,
      help: 'Thời hạn giải quyết dài hơn',
    },
    {
      name: 'needs_verification',
      label: 'Cần xác minh',
      kind: 'boolean',
      initial: false,
      when: denunciation,
    },
    {
      name: 'sent_to_level_above',
      label: 'Gửi vượt cấp',
      kind: 'boolean',
      initial: false,
      help: 'Đơn gửi lên cấp trên khi cấp dưới chưa giải quyết',
    },
    {
      name: 'duplicate_of_id',
      label: 'Trùng với đơn số',
      kind: 'number',
      min: 1,
      help: 'Số của đơn thư đã nhận trước đó cùng nội dung (đơn kéo dài); để trống nếu không có',
    },
  ];
}

/**
 * The new petition's fields. A province-wide writer says which unit handles it; a unit's
 * officer files it for their own unit (the API takes it from the account).
 */
export function petitionCreateFields(me: Me): FieldDef[] {
  const fields: FieldDef[] = [];
  if (reach(me, 'receptions:write') === 'any') {
    fields.push({ name: 'unit_id', label: 'Đơn vị xử lý', kind: 'unit', required: true });
  }
  fields.push(
    {
      name: 'source',
      label: 'Nguồn đơn',
      kind: 'enum',
      enumName: 'petition_source',
      required: true,
      initial: 'mail',
    },
    {
      name: 'external_id',
      label: 'Mã hồ sơ trên Cổng dịch vụ công',
      kind: 'text',
      required: true,
      maxLength: 64,
      when: (values) => values.source === 'online',
    },
    {
      name: 'received_on',
      label: 'Ngày nhận đơn',
      kind: 'date',
      required: true,
      // Built when the form opens: today in the province (the browser runs in its time zone).
      initial: dayjs().startOf('day'),
      help: 'Thời hạn xử lý tính từ ngày này; không được ở tương lai',
    },
    {
      name: 'case_type',
      label: 'Loại đơn',
      kind: 'enum',
      enumName: 'petition_case_type',
      required: true,
    },
    ...factFields((values) => values.case_type as CaseType | undefined),
  );
  return fields;
}

/** Whether the API showed this person the identity number masked (********1234). */
export const maskedIdNumber = (petition: Petition) =>
  petition.petitioner_id_number?.includes('*') ?? false;

/**
 * The facts that may change after filing; the case type, unit, source and dates change only
 * through actions. A masked identity number is left out: the form would resend the mask.
 */
export function petitionEditFields(petition: Petition): FieldDef[] {
  const fields = factFields(() => petition.case_type);
  return maskedIdNumber(petition)
    ? fields.filter((field) => field.name !== 'petitioner_id_number')
    : fields;
}
