import { Card } from 'antd';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { type RecordDefinition, RecordScreens, resource, useRenderContext } from '..';
import { mayWrite } from '../access';
import { date, dateTime } from './common';
import { recommendationFields } from './inspections';
import { RecommendationActions, type Recommendation } from './recommendationActions';
import { RecommendationHistory, RecommendationStatus } from './recommendationParts';

type Row = components['schemas']['RecommendationRead'];

const canWrite = (me: Me, recommendation?: Row) =>
  mayWrite(me, 'inspections:write', recommendation?.inspecting_unit_id);

function History({ recommendation }: { recommendation: Recommendation }) {
  const ctx = useRenderContext();
  return (
    <Card size="small" title="Quá trình thực hiện" role="region" aria-label="Quá trình thực hiện">
      <RecommendationHistory recommendation={recommendation} ctx={ctx} />
    </Card>
  );
}

const definition: RecordDefinition<Row> = {
  basePath: '/recommendations',
  title: 'Kiến nghị sau kiểm tra',
  noun: 'kiến nghị',
  resource: resource<Row>('/api/v1/recommendations'),
  recordTitle: (recommendation) => `Kiến nghị #${recommendation.id}`,
  search: 'Tìm theo nội dung kiến nghị',
  defaultSort: 'due_on',
  csvName: 'kien-nghi.csv',
  columns: [
    { key: 'id', title: 'Số', render: (recommendation) => `#${recommendation.id}` },
    { key: 'text', title: 'Nội dung', render: (recommendation) => recommendation.text },
    {
      key: 'unit',
      title: 'Đơn vị thực hiện',
      render: (recommendation, ctx) => ctx.unitName(recommendation.responsible_unit_id),
    },
    {
      key: 'due',
      title: 'Hạn',
      sort: 'due_on',
      render: (recommendation) => date(recommendation.due_on),
    },
    {
      key: 'status',
      title: 'Trạng thái',
      sort: 'status',
      render: (recommendation, ctx) => (
        <RecommendationStatus recommendation={recommendation} ctx={ctx} />
      ),
    },
  ],
  filters: [
    { name: 'year', label: 'Năm', kind: 'year' },
    { name: 'status', label: 'Trạng thái', kind: 'enum', enumName: 'recommendation_status' },
    { name: 'overdue', label: 'Quá hạn', kind: 'boolean', yes: 'Quá hạn', no: 'Chưa quá hạn' },
    { name: 'responsible_unit_id', label: 'Đơn vị thực hiện', kind: 'unit' },
    { name: 'inspecting_unit_id', label: 'Đơn vị kiểm tra', kind: 'unit' },
  ],
  detail: [
    { label: 'Nội dung', render: (recommendation) => recommendation.text, wide: true },
    {
      label: 'Đơn vị thực hiện',
      render: (recommendation, ctx) => ctx.unitName(recommendation.responsible_unit_id),
    },
    {
      label: 'Đơn vị kiểm tra',
      render: (recommendation, ctx) => ctx.unitName(recommendation.inspecting_unit_id),
    },
    { label: 'Hạn thực hiện', render: (recommendation) => date(recommendation.due_on) },
    {
      label: 'Trạng thái',
      render: (recommendation, ctx) => (
        <RecommendationStatus recommendation={recommendation} ctx={ctx} />
      ),
    },
    {
      label: 'Cuộc kiểm tra',
      render: (recommendation) => (
        <Link to={`/inspections/${recommendation.inspection_id}`}>
          Cuộc kiểm tra #{recommendation.inspection_id}
        </Link>
      ),
    },
    { label: 'Cập nhật', render: (recommendation) => dateTime(recommendation.updated_at) },
  ],
  detailActions: (recommendation) => <RecommendationActions recommendation={recommendation} />,
  detailSections: (recommendation) => <History recommendation={recommendation} />,
  fields: recommendationFields,
  canEdit: canWrite,
  canDelete: canWrite,
};

export default function RecommendationsScreen() {
  return <RecordScreens def={definition} />;
}
