import { BarChartOutlined, HomeOutlined, UploadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { reach } from '../auth/permissions';
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
