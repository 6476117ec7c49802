import { useMemo } from 'react';
import type { Me } from '../../api/types';
import { useMe } from '../../auth/context';
import { reach } from '../../auth/permissions';
import { formatDate } from '../../format/format';
import { type FilterDef, type RecordDefinition, RecordList } from '../../records';
import { mayWriteReceptions } from '../receptions/receptions';
import { type Petition, petitions } from './api';
import { DueBadge } from './DueBadge';
import { petitionCreateFields } from './petitionForm';

const FILTERS: FilterDef[] = [
  { name: 'case_type', label: 'Loại đơn', kind: 'enum', enumName: 'petition_case_type' },
  { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'reception_field' },
  { name: 'status', label: 'Trạng thái', kind: 'enum', enumName: 'petition_status' },
  { name: 'overdue', label: 'Thời hạn', kind: 'boolean', yes: 'Quá hạn', no: 'Chưa quá hạn' },
  { name: 'year', label: 'Năm nhận đơn', kind: 'year' },
];
const UNIT_FILTER: FilterDef = { name: 'unit_id', label: 'Đơn vị', kind: 'unit' };

/** The list of petitions; a unit officer's holds their unit's only (the API scopes it). */
export function petitionsDefinition(me: Me): RecordDefinition<Petition> {
  const province = reach(me, 'receptions:read') === 'any';
  return {
    basePath: '/petitions',
    title: 'Đơn thư',
    noun: 'đơn thư',
    resource: petitions,
    recordTitle: (petition) => `Đơn thư số ${petition.id}`,
    search: 'Tìm theo người gửi, nội dung (không cần gõ dấu)',
    defaultSort: '-received_on',
    csvName: 'don-thu.csv',
    filters: province ? [UNIT_FILTER, ...FILTERS] : FILTERS,
    // The list's “Thêm đơn thư” opens /petitions/new (PetitionCreatePage).
    fields: petitionCreateFields(me),
    canCreate: mayWriteReceptions,
    columns: [
      {
        key: 'petitioner_name',
        title: 'Người gửi đơn',
        sort: 'petitioner_name',
        render: (petition) => petition.petitioner_name,
      },
      {
        key: 'received_on',
        title: 'Ngày nhận',
        sort: 'received_on',
        render: (petition) => formatDate(petition.received_on),
      },
      {
        key: 'case_type',
        title: 'Loại đơn',
        sort: 'case_type',
        render: (petition, ctx) => ctx.enumLabel('petition_case_type', petition.case_type),
      },
      {
        key: 'field',
        title: 'Lĩnh vực',
        render: (petition, ctx) => ctx.enumLabel('reception_field', petition.field),
      },
      ...(province
        ? [
            {
              key: 'unit_id',
              title: 'Đơn vị xử lý',
              sort: 'unit_id',
              render: (petition: Petition, ctx: { unitName: (id: number) => string }) =>
                ctx.unitName(petition.unit_id),
            },
          ]
        : []),
      {
        key: 'status',
        title: 'Trạng thái',
        sort: 'status',
        render: (petition, ctx) => ctx.enumLabel('petition_status', petition.status),
      },
      {
        key: 'due_on',
        title: 'Hạn',
        render: (petition) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            {formatDate(petition.due_on)}{' '}
            {petition.due_on && <DueBadge dueOn={petition.due_on} overdue={petition.overdue} />}
          </span>
        ),
      },
    ],
  };
}

export default function PetitionsPage() {
  const me = useMe();
  const def = useMemo(() => petitionsDefinition(me), [me]);
  return <RecordList def={def} />;
}
