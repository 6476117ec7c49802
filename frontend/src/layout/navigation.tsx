import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  LikeOutlined,
  PieChartOutlined,
  ProfileOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { can, reach } from '../auth/permissions';
import { canImportAnything } from '../pages/imports/importPermissions';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Whether the menu shows the screen to this person (the API still checks every call). */
  allowed: (me: Me) => boolean;
}

// The screens of the app, in menu order; a screen joins here when it is built.
export const NAV_ITEMS: readonly NavItem[] = [
  {
    path: '/dashboard',
    label: 'Tổng quan toàn tỉnh',
    icon: <BarChartOutlined />,
    allowed: (me) => reach(me, 'indicators:read') === 'any',
  },
  {
    path: '/my-unit',
    label: 'Đơn vị của tôi',
    icon: <HomeOutlined />,
    allowed: (me) => reach(me, 'indicators:read') === 'own',
  },
  {
    path: '/receptions',
    label: 'Tiếp công dân',
    icon: <TeamOutlined />,
    allowed: (me) => can(me, 'receptions:read'),
  },
  {
    path: '/petitions',
    label: 'Đơn thư',
    icon: <FileTextOutlined />,
    allowed: (me) => can(me, 'receptions:read'),
  },
  {
    path: '/plans',
    label: 'Kế hoạch, nhiệm vụ',
    icon: <ProfileOutlined />,
    allowed: (me) => can(me, 'plans:read'),
  },
  {
    path: '/activities',
    label: 'Hoạt động dân vận',
    icon: <CalendarOutlined />,
    allowed: (me) => can(me, 'activities:read'),
  },
  {
    path: '/officials',
    label: 'Cán bộ phụ trách',
    icon: <IdcardOutlined />,
    allowed: (me) => can(me, 'activities:read'),
  },
  {
    path: '/evaluations',
    label: 'Đánh giá hài lòng',
    icon: <LikeOutlined />,
    allowed: (me) => can(me, 'surveys:read'),
  },
  {
    path: '/survey-results',
    label: 'Kết quả khảo sát',
    icon: <PieChartOutlined />,
    allowed: (me) => can(me, 'surveys:read'),
  },
  {
    path: '/inspections',
    label: 'Kiểm tra, giám sát',
    icon: <FileSearchOutlined />,
    allowed: (me) => can(me, 'inspections:read'),
  },
  {
    path: '/recommendations',
    label: 'Kiến nghị sau kiểm tra',
    icon: <CheckSquareOutlined />,
    allowed: (me) => can(me, 'inspections:read'),
  },
  {
    path: '/reports',
    label: 'Báo cáo định kỳ',
    icon: <FileDoneOutlined />,
    allowed: (me) => can(me, 'reports:read'),
  },
  {
    path: '/units',
    label: 'Đơn vị',
    icon: <ApartmentOutlined />,
    // Everyone reads the units; the menu shows them to those who manage them or see all units.
    allowed: (me) => can(me, 'units:write') || reach(me, 'indicators:read') === 'any',
  },
  {
    path: '/users',
    label: 'Tài khoản',
    icon: <UserOutlined />,
    allowed: (me) => can(me, 'users:read'),
  },
  {
    path: '/clients',
    label: 'Ứng dụng tích hợp',
    icon: <ApiOutlined />,
    allowed: (me) => can(me, 'clients:manage'),
  },
  {
    path: '/audit',
    label: 'Nhật ký thao tác',
    icon: <AuditOutlined />,
    allowed: (me) => can(me, 'audit:read'),
  },
  {
    path: '/imports',
    label: 'Nhập dữ liệu từ tệp',
    icon: <UploadOutlined />,
    allowed: canImportAnything,
  },
];

export function visibleNavItems(me: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => item.allowed(me));
}

/** Where a person lands after logging in: the first screen their menu shows. */
export function homePath(me: Me): string {
  return visibleNavItems(me)[0]?.path ?? '/dashboard';
}
