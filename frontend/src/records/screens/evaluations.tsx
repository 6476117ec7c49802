import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { type RecordDefinition, RecordScreens, resource } from '..';
import { mayWrite } from '../access';
import { dateTime, text } from './common';

type Evaluation = components['schemas']['EvaluationRead'];

const canWrite = (me: Me, evaluation?: Evaluation) =>
  mayWrite(me, 'evaluations:write', evaluation?.unit_id);

const definition: RecordDefinition<Evaluation> = {
  basePath: '/evaluations',
  title: 'Đánh giá sự hài lòng',
  noun: 'lượt đánh giá',
  resource: resource<Evaluation>('/api/v1/evaluations'),
  recordTitle: (evaluation) => `Hồ sơ ${evaluation.dossier_code}`,
  search: 'Tìm theo mã hồ sơ, mã thủ tục',
  defaultSort: '-evaluated_at',
  csvName: 'danh-gia-hai-long.csv',
  columns: [
    {
      key: 'dossier',
      title: 'Mã hồ sơ',
      sort: 'dossier_code',
      render: (evaluation) => evaluation.dossier_code,
    },
    {
      key: 'at',
      title: 'Thời điểm đánh giá',
      sort: 'evaluated_at',
      render: (evaluation) => dateTime(evaluation.evaluated_at),
    },
    {
      key: 'unit',
      title: 'Đơn vị',
      sort: 'unit_id',
      render: (evaluation, ctx) => ctx.unitName(evaluation.unit_id),
    },
    {
      key: 'field',
      title: 'Lĩnh vực',
      sort: 'field',
      render: (evaluation, ctx) => ctx.enumLabel('procedure_field', evaluation.field),
    },
    {
      key: 'level',
      title: 'Mức độ hài lòng',
      sort: 'level',
      render: (evaluation, ctx) => ctx.enumLabel('satisfaction_level', evaluation.level),
    },
    {
      key: 'source',
      title: 'Nguồn',
      render: (evaluation, ctx) => ctx.enumLabel('evaluation_source', evaluation.source),
    },
  ],
  filters: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    { name: 'year', label: 'Năm', kind: 'year' },
    { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'procedure_field' },
    { name: 'level', label: 'Mức độ hài lòng', kind: 'enum', enumName: 'satisfaction_level' },
    { name: 'source', label: 'Nguồn', kind: 'enum', enumName: 'evaluation_source' },
    { name: 'from', label: 'Từ ngày', kind: 'date' },
    { name: 'to', label: 'Đến ngày', kind: 'date' },
  ],
  detail: [
    { label: 'Đơn vị', render: (evaluation, ctx) => ctx.unitName(evaluation.unit_id) },
    { label: 'Mã hồ sơ', render: (evaluation) => evaluation.dossier_code },
    { label: 'Mã thủ tục', render: (evaluation) => text(evaluation.procedure_code) },
    {
      label: 'Lĩnh vực',
      render: (evaluation, ctx) => ctx.enumLabel('procedure_field', evaluation.field),
    },
    {
      label: 'Mức độ hài lòng',
      render: (evaluation, ctx) => ctx.enumLabel('satisfaction_level', evaluation.level),
    },
    { label: 'Thời điểm đánh giá', render: (evaluation) => dateTime(evaluation.evaluated_at) },
    {
      label: 'Kênh đánh giá',
      render: (evaluation, ctx) => ctx.enumLabel('evaluation_channel', evaluation.channel),
    },
    {
      label: 'Nguồn',
      render: (evaluation, ctx) => ctx.enumLabel('evaluation_source', evaluation.source),
    },
    { label: 'Mã ở nguồn', render: (evaluation) => evaluation.external_id },
    { label: 'Cập nhật', render: (evaluation) => dateTime(evaluation.updated_at) },
  ],
  fields: [
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    {
      name: 'source',
      label: 'Nguồn',
      kind: 'enum',
      enumName: 'evaluation_source',
      required: true,
      only: 'create',
      initial: 'manual',
    },
    {
      name: 'external_id',
      label: 'Mã ở nguồn',
      kind: 'text',
      required: true,
      only: 'create',
      maxLength: 64,
    },
    { name: 'dossier_code', label: 'Mã hồ sơ', kind: 'text', required: true, maxLength: 64 },
    { name: 'procedure_code', label: 'Mã thủ tục', kind: 'text', maxLength: 64 },
    { name: 'field', label: 'Lĩnh vực', kind: 'enum', enumName: 'procedure_field', required: true },
    {
      name: 'level',
      label: 'Mức độ hài lòng',
      kind: 'enum',
      enumName: 'satisfaction_level',
      required: true,
    },
    { name: 'evaluated_at', label: 'Thời điểm đánh giá', kind: 'datetime', required: true },
    {
      name: 'channel',
      label: 'Kênh đánh giá',
      kind: 'enum',
      enumName: 'evaluation_channel',
      required: true,
    },
  ],
  canCreate: (me) => canWrite(me),
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function EvaluationsScreen() {
  return <RecordScreens def={definition} />;
}
