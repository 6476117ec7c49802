import { Col, Row, Typography } from 'antd';
import type { components } from '../../api/schema';
import { type RecordDefinition, RecordScreens, resource } from '..';
import { dateTime, JsonBlock } from './common';

type AuditEvent = components['schemas']['AuditEventRead'];

// The API takes times; a day picked on the screen is that day in the province (UTC+7).
const dayStart = (day: string) => `${day}T00:00:00+07:00`;
const dayEnd = (day: string) => `${day}T23:59:59+07:00`;

const definition: RecordDefinition<AuditEvent> = {
  basePath: '/audit',
  title: 'Nhật ký thao tác',
  noun: 'sự kiện',
  resource: resource<AuditEvent>('/api/v1/audit-events'),
  recordTitle: (event) => `${event.entity} #${event.entity_id}`,
  search: 'Tìm theo người thực hiện, đối tượng',
  defaultSort: '-at',
  csvName: 'nhat-ky.csv',
  columns: [
    { key: 'at', title: 'Thời điểm', sort: 'at', render: (event) => dateTime(event.at) },
    { key: 'actor', title: 'Người thực hiện', render: (event) => event.actor_name },
    { key: 'action', title: 'Thao tác', render: (event) => event.action },
    { key: 'entity', title: 'Đối tượng', render: (event) => `${event.entity} #${event.entity_id}` },
    { key: 'unit', title: 'Đơn vị', render: (event, ctx) => ctx.unitName(event.unit_id) },
  ],
  filters: [
    { name: 'entity', label: 'Loại đối tượng', kind: 'text' },
    { name: 'entity_id', label: 'Mã đối tượng', kind: 'text' },
    { name: 'action', label: 'Thao tác', kind: 'text' },
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    { name: 'from', label: 'Từ ngày', kind: 'date', toQuery: dayStart },
    { name: 'to', label: 'Đến ngày', kind: 'date', toQuery: dayEnd },
  ],
  expandRow: (event) => (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>Trước</Typography.Text>
        <JsonBlock value={event.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>Sau</Typography.Text>
        <JsonBlock value={event.after} />
      </Col>
      {event.request_id && (
        <Col span={24}>
          <Typography.Text type="secondary">Mã yêu cầu: {event.request_id}</Typography.Text>
        </Col>
      )}
    </Row>
  ),
};

export default function AuditScreen() {
  return <RecordScreens def={definition} />;
}
