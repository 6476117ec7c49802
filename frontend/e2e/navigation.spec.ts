import { expect, test } from '@playwright/test';
import { logIn, menu } from './helpers';

const PROVINCE = 'Tổng quan toàn tỉnh';
const MY_UNIT = 'Đơn vị của tôi';
const IMPORTS = 'Nhập dữ liệu từ tệp';
// Records everyone reads (their own unit's, or every unit's), in menu order.
const RECORDS = [
  'Tiếp công dân',
  'Đơn thư',
  'Kế hoạch, nhiệm vụ',
  'Hoạt động dân vận',
  'Cán bộ phụ trách',
  'Đánh giá hài lòng',
  'Kết quả khảo sát',
  'Kiểm tra, giám sát',
  'Kiến nghị sau kiểm tra',
  'Báo cáo định kỳ',
];
const UNITS = 'Đơn vị';
const PROVINCE_MENU = [PROVINCE, ...RECORDS, UNITS];

const ROLES: { username: string; role: string; home: string; items: string[] }[] = [
  {
    username: 'admin',
    role: 'Quản trị hệ thống',
    home: '/dashboard',
    items: [...PROVINCE_MENU, 'Tài khoản', 'Ứng dụng tích hợp', 'Nhật ký thao tác', IMPORTS],
  },
  {
    username: 'sonv',
    role: 'Sở Nội vụ (điều phối)',
    home: '/dashboard',
    items: [...PROVINCE_MENU, 'Tài khoản', 'Nhật ký thao tác', IMPORTS],
  },
  {
    username: 'vanphong',
    role: 'Văn phòng UBND tỉnh',
    home: '/dashboard',
    items: [...PROVINCE_MENU, IMPORTS],
  },
  {
    username: 'thanhtra',
    role: 'Thanh tra tỉnh',
    home: '/dashboard',
    items: [...PROVINCE_MENU, IMPORTS],
  },
  { username: 'lanhdao', role: 'Lãnh đạo (chỉ xem)', home: '/dashboard', items: PROVINCE_MENU },
  {
    username: 'canbo.snv',
    role: 'Cán bộ đơn vị',
    home: '/my-unit',
    items: [MY_UNIT, ...RECORDS, IMPORTS],
  },
  {
    username: 'canbo.hoalu',
    role: 'Cán bộ đơn vị',
    home: '/my-unit',
    items: [MY_UNIT, ...RECORDS, IMPORTS],
  },
];

test.describe('navigation by role', () => {
  for (const { username, role, home, items } of ROLES) {
    test(`${username} lands on ${home} and sees only their screens`, async ({ page }) => {
      await logIn(page, username);
      await expect(page).toHaveURL(new RegExp(`${home}$`));
      await expect(menu(page)).toHaveText(items);
      await expect(page.getByRole('banner')).toContainText(role);
    });
  }

  test('a screen outside the menu is refused by address too', async ({ page }) => {
    await logIn(page, 'lanhdao');
    await page.goto('/imports');
    await expect(page.getByText('Không có quyền truy cập')).toBeVisible();
    await page.goto('/khong-co-trang-nay');
    await expect(page.getByText('Không tìm thấy trang')).toBeVisible();
  });

  test('at phone width the menu opens from the header', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, 'canbo.hoalu');
    await page.getByRole('button', { name: 'Mở danh mục chức năng' }).click();
    await expect(menu(page)).toHaveText([MY_UNIT, ...RECORDS, IMPORTS]);
    await menu(page).filter({ hasText: IMPORTS }).click();
    await expect(page).toHaveURL(/\/imports$/);
    await expect(page.getByRole('dialog')).toBeHidden();
  });
});
