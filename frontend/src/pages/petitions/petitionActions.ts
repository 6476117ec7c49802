import type { EnumChoice } from '../../api/types';
import type { ActionField, ActionSpec } from '../../components/ActionsPanel';
import type { Unit } from '../../records/units';
import type { Petition, PetitionActionName } from './api';

// What each action needs beyond its day (api/reception/schemas.py PetitionActionIn.REQUIRED,
// and api/reception/workflow.py: a complaint's resolution states its outcome).
const ACTED_ON: ActionField = {
  name: 'acted_on',
  label: 'Ngày thực hiện',
  kind: 'date',
  required: true,
  initial: 'today',
};
const NOTE: ActionField = { name: 'note', label: 'Ghi chú', kind: 'textarea', maxLength: 2000 };

function reason(label: string): ActionField {
  return { name: 'reason', label, kind: 'textarea', required: true, maxLength: 2000 };
}

interface SpecInputs {
  petition: Petition;
  units: readonly Unit[];
  outcomes: readonly EnumChoice[];
}

export function petitionActionSpecs({
  petition,
  units,
  outcomes,
}: SpecInputs): Record<PetitionActionName, ActionSpec> {
  const plain: ActionSpec = { fields: [ACTED_ON, NOTE] };
  const targets = units
    .filter((unit) => unit.is_active && unit.id !== petition.unit_id)
    .map((unit) => ({ value: unit.id, label: unit.name }));
  const resolveFields: ActionField[] = [
    {
      name: 'decision_number',
      label: 'Số quyết định, kết luận',
      kind: 'text',
      required: true,
      maxLength: 64,
      help: 'Ví dụ: 12/QĐ-UBND',
    },
    { name: 'decision_date', label: 'Ngày ban hành', kind: 'date', required: true },
  ];
  if (petition.case_type === 'complaint') {
    resolveFields.push({
      name: 'outcome',
      label: 'Kết quả giải quyết khiếu nại',
      kind: 'select',
      required: true,
      options: outcomes.map(({ value, label }) => ({ value, label })),
    });
  }
  return {
    accept: {
      ...plain,
      description: 'Thụ lý đơn: thời hạn giải quyết được tính từ ngày thụ lý.',
    },
    reject: { danger: true, fields: [ACTED_ON, reason('Lý do không thụ lý'), NOTE] },
    transfer: {
      description: 'Đơn được chuyển cho đơn vị có thẩm quyền; đơn vị đó xử lý tiếp.',
      fields: [
        ACTED_ON,
        {
          name: 'to_unit_id',
          label: 'Chuyển đến đơn vị',
          kind: 'select',
          required: true,
          options: targets,
        },
        NOTE,
      ],
    },
    start: plain,
    extend: { fields: [ACTED_ON, reason('Lý do gia hạn'), NOTE] },
    suspend: {
      ...plain,
      description: 'Tạm đình chỉ dừng thời hạn giải quyết cho đến khi tiếp tục.',
    },
    resume: plain,
    resolve: { fields: [ACTED_ON, ...resolveFields, NOTE] },
    close: plain,
    withdraw: { ...plain, danger: true },
  };
}
