import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Tag, Typography } from 'antd';
import type { components } from '../../api/schema';
import { errorMessage } from '../../api/problem';
import type { Me } from '../../api/types';
import {
  call,
  RECORDS_KEY,
  type RecordDefinition,
  RecordScreens,
  resource,
  useRenderContext,
} from '..';
import { mayWrite } from '../access';
import { dateTime, StatusTag } from './common';

type Client = components['schemas']['ClientRead'];
type ClientCreated = components['schemas']['ClientCreated'];

const canManage = (me: Me) => mayWrite(me, 'clients:manage');

/** The secret, shown once: the API keeps only its hash. */
function Secret({ client }: { client: ClientCreated }) {
  return (
    <>
      <Alert
        type="warning"
        showIcon
        title="Mật khẩu ứng dụng chỉ hiển thị một lần"
        description="Hãy sao chép và lưu vào hệ thống tích hợp ngay bây giờ; sau khi đóng sẽ không xem lại được."
        style={{ marginBottom: 12 }}
      />
      <p>
        Mã ứng dụng: <Typography.Text code>{client.client_id}</Typography.Text>
      </p>
      <p>
        Mật khẩu ứng dụng (client_secret):{' '}
        <Typography.Text code copyable data-testid="client-secret">
          {client.client_secret}
        </Typography.Text>
      </p>
    </>
  );
}

function ClientActions({ client }: { client: Client }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  if (client.revoked_at) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
  return (
    <>
      <Button
        onClick={() =>
          modal.confirm({
            title: 'Cấp mật khẩu mới cho ứng dụng?',
            content:
              'Mật khẩu cũ thôi dùng được ngay; hệ thống tích hợp phải cập nhật mật khẩu mới.',
            okText: 'Cấp mật khẩu mới',
            cancelText: 'Không',
            onOk: async () => {
              try {
                const created = await call.post<ClientCreated>(
                  `/api/v1/clients/${client.id}/rotate-secret`,
                );
                void refresh();
                modal.info({
                  title: 'Mật khẩu mới',
                  content: <Secret client={created} />,
                  okText: 'Tôi đã lưu lại',
                  width: 560,
                });
              } catch (error) {
                void message.error(errorMessage(error));
              }
            },
          })
        }
      >
        Cấp mật khẩu mới
      </Button>
      <Button
        danger
        onClick={() =>
          modal.confirm({
            title: 'Thu hồi ứng dụng?',
            content:
              'Ứng dụng sẽ không lấy được mã truy cập nữa. Thao tác này không hoàn tác được.',
            okText: 'Thu hồi',
            okButtonProps: { danger: true },
            cancelText: 'Không',
            onOk: async () => {
              try {
                await call.post(`/api/v1/clients/${client.id}/revoke`);
                void message.success('Đã thu hồi ứng dụng.');
                void refresh();
              } catch (error) {
                void message.error(errorMessage(error));
              }
            },
          })
        }
      >
        Thu hồi
      </Button>
    </>
  );
}

function Scopes({ client }: { client: Client }) {
  const ctx = useRenderContext();
  return (
    <>
      {client.scopes.map((scope) => (
        <Tag key={scope}>{ctx.enumLabel('client_scope', scope)}</Tag>
      ))}
    </>
  );
}

const state = (client: Client) =>
  client.revoked_at ? (
    <StatusTag>Đã thu hồi</StatusTag>
  ) : (
    <StatusTag tone="green">Đang dùng</StatusTag>
  );

const definition: RecordDefinition<Client> = {
  basePath: '/clients',
  title: 'Ứng dụng tích hợp',
  noun: 'ứng dụng',
  resource: resource<Client>('/api/v1/clients'),
  recordTitle: (client) => client.name,
  search: 'Tìm theo tên hoặc mã ứng dụng',
  defaultSort: 'client_id',
  columns: [
    { key: 'name', title: 'Tên ứng dụng', sort: 'name', render: (client) => client.name },
    {
      key: 'client_id',
      title: 'Mã ứng dụng',
      sort: 'client_id',
      render: (client) => client.client_id,
    },
    { key: 'scopes', title: 'Quyền', render: (client) => <Scopes client={client} /> },
    { key: 'state', title: 'Trạng thái', render: state },
    {
      key: 'created_at',
      title: 'Tạo lúc',
      sort: 'created_at',
      render: (client) => dateTime(client.created_at),
    },
  ],
  detail: [
    { label: 'Mã ứng dụng', render: (client) => client.client_id },
    { label: 'Quyền', render: (client) => <Scopes client={client} /> },
    { label: 'Trạng thái', render: state },
    { label: 'Thu hồi lúc', render: (client) => dateTime(client.revoked_at) },
    { label: 'Tạo lúc', render: (client) => dateTime(client.created_at) },
  ],
  detailActions: (client, me) => (canManage(me) ? <ClientActions client={client} /> : null),
  fields: [
    {
      name: 'client_id',
      label: 'Mã ứng dụng',
      kind: 'text',
      required: true,
      only: 'create',
      maxLength: 64,
    },
    { name: 'name', label: 'Tên ứng dụng', kind: 'text', required: true, maxLength: 255 },
    {
      name: 'scopes',
      label: 'Quyền',
      kind: 'enums',
      enumName: 'client_scope',
      required: true,
      wide: true,
    },
  ],
  canCreate: canManage,
  canEdit: (me, client) => canManage(me) && !client.revoked_at,
  afterCreate: (client) => <Secret client={client as ClientCreated} />,
};

export default function ClientsScreen() {
  return <RecordScreens def={definition} />;
}
