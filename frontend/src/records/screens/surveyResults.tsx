import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { type RecordDefinition, RecordScreens, resource } from '..';
import { mayWrite } from '../access';
import { date, dateTime, number, text } from './common';

type SurveyResult = components['schemas']['SurveyResultRead'];

const canWrite = (me: Me, result?: SurveyResult) =>
  mayWrite(me, 'survey_results:write', result?.unit_id);

const counts = (result: SurveyResult) =>
  [result.very_satisfied, result.satisfied, result.neutral, result.dissatisfied]
    .map(number)
    .join(' / ');

const definition: RecordDefinition<SurveyResult> = {
  basePath: '/survey-results',
  title: 'Kết quả khảo sát',
  noun: 'kết quả khảo sát',
  resource: resource<SurveyResult>('/api/v1/survey-results'),
  recordTitle: (result) => `Khảo sát kỳ ${result.period}`,
  search: 'Tìm theo ghi chú',
  defaultSort: '-ends_on',
  csvName: 'ket-qua-khao-sat.csv',
  columns: [
    { key: 'period', title: 'Kỳ', sort: 'period', render: (result) => result.period },
    {
      key: 'unit',
      title: 'Đơn vị',
      sort: 'unit_id',
      render: (result, ctx) => ctx.unitName(result.unit_id),
    },
    {
      key: 'field',
      title: 'Lĩnh vực',
      sort: 'field',
      render: (result, ctx) => ctx.enumLabel('procedure_field', result.field),
    },
    {
      key: 'source',
      title: 'Nguồn',
      sort: 'source',
      render: (result, ctx) => ctx.enumLabel('survey_source', result.source),
    },
    {
      key: 'counts',
      title: 'Rất hài lòng / Hài lòng / Bình thường / Chưa hài lòng',
      align: 'right',
      render: counts,
    },
    {
      key: 'answers',
      title: 'Số phiếu',
      align: 'right',
      render: (result) => number(result.answers),
    },
  ],
  filters: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    { name: 'year', label: 'Năm', kind: 'year' },
    { name: 'period', label: 'Kỳ (2026, 2026S1, 2026Q1, 202603)', kind: 'text' },
    { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'procedure_field' },
    { name: 'source', label: 'Nguồn', kind: 'enum', enumName: 'survey_source' },
  ],
  detail: [
    { label: 'Đơn vị', render: (result, ctx) => ctx.unitName(result.unit_id) },
    {
      label: 'Kỳ',
      render: (result) => `${result.period} (${date(result.starts_on)} – ${date(result.ends_on)})`,
    },
    { label: 'Lĩnh vực', render: (result, ctx) => ctx.enumLabel('procedure_field', result.field) },
    { label: 'Nguồn', render: (result, ctx) => ctx.enumLabel('survey_source', result.source) },
    { label: 'Rất hài lòng', render: (result) => number(result.very_satisfied) },
    { label: 'Hài lòng', render: (result) => number(result.satisfied) },
    { label: 'Bình thường', render: (result) => number(result.neutral) },
    { label: 'Chưa hài lòng', render: (result) => number(result.dissatisfied) },
    { label: 'Số phiếu', render: (result) => number(result.answers) },
    { label: 'Cập nhật', render: (result) => dateTime(result.updated_at) },
    { label: 'Ghi chú', render: (result) => text(result.note), wide: true },
  ],
  fields: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit', help: 'Để trống: đơn vị của bạn' },
    {
      name: 'period',
      label: 'Kỳ khảo sát',
      kind: 'text',
      required: true,
      maxLength: 8,
      help: 'Năm (2026), 6 tháng (2026S1), quý (2026Q1) hoặc tháng (202603)',
    },
    { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'procedure_field', required: true },
    { name: 'source', label: 'Nguồn', kind: 'enum', enumName: 'survey_source', required: true },
    {
      name: 'very_satisfied',
      label: 'Số phiếu rất hài lòng',
      kind: 'number',
      required: true,
      min: 0,
    },
    { name: 'satisfied', label: 'Số phiếu hài lòng', kind: 'number', required: true, min: 0 },
    { name: 'neutral', label: 'Số phiếu bình thường', kind: 'number', required: true, min: 0 },
    {
      name: 'dissatisfied',
      label: 'Số phiếu chưa hài lòng',
      kind: 'number',
      required: true,
      min: 0,
    },
    { name: 'note', label: 'Ghi chú', kind: 'textarea', maxLength: 1000 },
  ],
  canCreate: (me) => canWrite(me),
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function SurveyResultsScreen() {
  return <RecordScreens def={definition} />;
}
