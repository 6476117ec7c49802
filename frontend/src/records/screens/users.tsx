import type { components } from '../../api/schema';
import { type RecordDefinition, RecordScreens, resource } from '..';
import { mayWrite } from '../access';
import { ActiveTag, dateTime, text } from './common';

type User = components['schemas']['UserRead'];

const canWrite = (me: Parameters<typeof mayWrite>[0]) => mayWrite(me, 'users:write');

const definition: RecordDefinition<User> = {
  basePath: '/users',
  title: 'Tài khoản người dùng',
  noun: 'tài khoản',
  resource: resource<User>('/api/v1/users'),
  recordTitle: (user) => `${user.full_name} (${user.username})`,
  search: 'Tìm theo họ tên, tên đăng nhập',
  defaultSort: 'username',
  csvName: 'nguoi-dung.csv',
  columns: [
    { key: 'username', title: 'Tên đăng nhập', sort: 'username', render: (user) => user.username },
    { key: 'full_name', title: 'Họ và tên', sort: 'full_name', render: (user) => user.full_name },
    {
      key: 'role',
      title: 'Vai trò',
      sort: 'role',
      render: (user, ctx) => ctx.enumLabel('role', user.role),
    },
    { key: 'unit', title: 'Đơn vị', render: (user, ctx) => ctx.unitName(user.unit_id) },
    {
      key: 'active',
      title: 'Trạng thái',
      render: (user) => <ActiveTag active={user.is_active} yes="Đang dùng" no="Đã khóa" />,
    },
  ],
  filters: [
    { name: 'role', label: 'Vai trò', kind: 'enum', enumName: 'role' },
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit' },
    { name: 'is_active', label: 'Trạng thái', kind: 'boolean', yes: 'Đang dùng', no: 'Đã khóa' },
  ],
  detail: [
    { label: 'Tên đăng nhập', render: (user) => user.username },
    { label: 'Họ và tên', render: (user) => user.full_name },
    { label: 'Thư điện tử', render: (user) => text(user.email) },
    { label: 'Vai trò', render: (user, ctx) => ctx.enumLabel('role', user.role) },
    { label: 'Đơn vị', render: (user, ctx) => ctx.unitName(user.unit_id) },
    {
      label: 'Trạng thái',
      render: (user) => <ActiveTag active={user.is_active} yes="Đang dùng" no="Đã khóa" />,
    },
    { label: 'Tạo lúc', render: (user) => dateTime(user.created_at) },
    { label: 'Cập nhật', render: (user) => dateTime(user.updated_at) },
  ],
  fields: [
    {
      name: 'username',
      label: 'Tên đăng nhập',
      kind: 'text',
      required: true,
      only: 'create',
      maxLength: 64,
    },
    { name: 'full_name', label: 'Họ và tên', kind: 'text', required: true, maxLength: 255 },
    { name: 'email', label: 'Thư điện tử', kind: 'email', maxLength: 255 },
    { name: 'role', label: 'Vai trò', kind: 'enum', enumName: 'role', required: true },
    { name: 'unit_id', label: 'Đơn vị', kind: 'unit', help: 'Bắt buộc với cán bộ đơn vị' },
    { name: 'is_active', label: 'Cho phép đăng nhập', kind: 'boolean', initial: true },
    {
      name: 'password',
      label: 'Mật khẩu',
      kind: 'password',
      required: true,
      only: 'create',
      maxLength: 128,
    },
    {
      name: 'password',
      label: 'Mật khẩu mới',
      kind: 'password',
      only: 'edit',
      maxLength: 128,
      help: 'Để trống nếu không đổi mật khẩu',
    },
  ],
  canCreate: canWrite,
  canEdit: canWrite,
  canDelete: (me, user) => canWrite(me) && user.id !== me.id,
};

export default function UsersScreen() {
  return <RecordScreens def={definition} />;
}
