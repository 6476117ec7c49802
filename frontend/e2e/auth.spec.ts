import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, screenshot } from './helpers';

test.describe('logging in and out', () => {
  test('the login page is in Vietnamese and accessible', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Dân vận chính quyền' })).toBeVisible();
    await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, 'login-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'login-390');
  });

  test('a wrong password is refused in words, and repeated failures lock the account', async ({
    page,
  }) => {
    await page.goto('/login');
    // A name of its own: the lockout counts per username.
    await page.getByLabel('Tên đăng nhập').fill('khong.co.ai');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel('Mật khẩu').fill(`sai-${attempt}`);
      await page.getByLabel('Mật khẩu').press('Enter');
      await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await page.getByLabel('Mật khẩu').fill('sai-6');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toContainText(
      /Đăng nhập sai quá 5 lần\. Hãy thử lại sau \d+ phút\./,
    );
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a reload keeps the session; logging out ends it, a reload included', async ({ page }) => {
    await logIn(page, 'sonv');
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.reload();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText('Chuyên viên Sở Nội vụ')).toBeVisible();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.reload();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a page asked for before logging in is shown after it', async ({ page }) => {
    await page.goto('/imports');
    await expect(page).toHaveURL(/\/login$/);
    await logIn(page, 'vanphong');
    await expect(page).toHaveURL(/\/imports$/);
    await expect(page.getByRole('heading', { name: 'Nhập dữ liệu từ tệp' })).toBeVisible();
  });

  test('a session that ends mid-way leads to the login page and back', async ({ page }) => {
    await logIn(page, 'sonv');
    await expect(
      page.getByRole('heading', { name: 'Tổng quan thực hiện Chỉ thị 05-CT/TU' }),
    ).toBeVisible();
    // The server stops accepting the token and the refresh cookie, as when a session is revoked.
    await page.route('**/api/v1/imports/kinds', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: '{"type":"about:blank","title":"x","status":401,"detail":"Mã truy cập không hợp lệ","errors":[]}',
      }),
    );
    await page.route('**/api/v1/auth/refresh', (route) =>
      route.fulfill({ status: 401, body: '{}' }),
    );
    await page.getByRole('menuitem', { name: 'Nhập dữ liệu từ tệp' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(
      page.getByText('Phiên đăng nhập đã hết. Hãy đăng nhập lại để tiếp tục.'),
    ).toBeVisible();

    await page.unrouteAll();
    await logIn(page, 'sonv');
    await expect(page).toHaveURL(/\/imports$/);
    await expect(page.getByText('1. Chọn loại dữ liệu')).toBeVisible();
  });
});
