import { type APIRequestContext, type Page, expect as baseExpect, test } from '@playwright/test';
import { apiToken, expectAccessible, logIn, menu, screenshot } from './helpers';

// Fresh loads restore the session and fetch a screen's chunk: slow on a busy shared machine.
const expect = baseExpect.configure({ timeout: 20_000 });
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .toLowerCase();

// Names of this run, so a retry never meets the rows an earlier attempt wrote.
const run = Date.now().toString(36).toUpperCase();
const name = `Phạm Thị Bản Ghi ${run}`;

interface Official {
  id: number;
  full_name: string;
  position: string | null;
  since: string | null;
  until: string | null;
  version: number;
}

async function officialsNamed(request: APIRequestContext, token: string): Promise<Official[]> {
  const response = await request.get('/api/v1/officials', {
    params: { q: run, limit: 50 },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { items: Official[] }).items;
}

/** Types a date as a person would (dd/mm/yyyy) and confirms it with Enter. */
async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

test.describe('record screens', () => {
  // Several steps each (axe, full-page screenshots) on a shared two-core machine.
  test.describe.configure({ timeout: 120_000 });

  test('the coordinator finds a unit by a search without diacritics', async ({ page }) => {
    await logIn(page, 'sonv');
    await menu(page)
      .filter({ hasText: /^Đơn vị$/ })
      .click();
    await expect(page.getByRole('heading', { name: 'Đơn vị', level: 2 })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');

    await page.getByLabel('Tìm kiếm').fill('hoa lu');
    await page.getByLabel('Tìm kiếm').press('Enter');
    await expect(page).toHaveURL(/[?&]q=hoa\+lu/);
    // Every row left is one whose name has "Hoa Lư" (Đông Hoa Lư, Nam Hoa Lư…), and no other.
    await expect
      .poll(async () => {
        const texts = (await rows.allInnerTexts()).slice(1);
        return texts.length > 0 && texts.every((text) => fold(text).includes('hoa lu'));
      })
      .toBe(true);
    await expect(rows.filter({ hasText: 'Ủy ban nhân dân phường Hoa Lư' })).toHaveCount(1);
    await expectAccessible(page);
    await screenshot(page, 'units-search-1366');

    // The filtered list is its address: a reload shows the same.
    await page.reload();
    await expect(page.getByLabel('Tìm kiếm')).toHaveValue('hoa lu');
    await expect(rows.filter({ hasText: 'Hoa Lư' }).first()).toBeVisible();

    await rows.filter({ hasText: 'Hoa Lư' }).first().getByRole('link').click();
    await expect(page.getByText('Mã đơn vị')).toBeVisible();
    await screenshot(page, 'unit-detail-1366');
  });

  test('creates an official with a field error shown then fixed, then edits it', async ({
    page,
    request,
  }) => {
    const token = await apiToken(request, 'sonv');
    await logIn(page, 'sonv');
    await menu(page).filter({ hasText: 'Cán bộ phụ trách' }).click();
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await expect(page.getByRole('heading', { name: 'Thêm cán bộ', level: 2 })).toBeVisible();

    await page.getByRole('textbox', { name: 'Họ và tên' }).fill(name);
    await page.getByLabel('Chức vụ').fill('Phó Chủ tịch');
    await typeDate(page, 'Phụ trách từ ngày', '01/06/2026');
    await typeDate(page, 'Thôi phụ trách ngày', '01/01/2026');
    await page.getByRole('button', { name: 'Tạo mới' }).click();

    // The API's 422 under its field; nothing was written.
    const until = page
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('Thôi phụ trách ngày') });
    await expect(until).toContainText('Ngày thôi phụ trách không được trước ngày bắt đầu');
    await expect(page.getByLabel('Thôi phụ trách ngày')).toHaveAttribute('aria-invalid', 'true');
    expect(await officialsNamed(request, token)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'official-form-error-1366');

    await typeDate(page, 'Thôi phụ trách ngày', '31/12/2026');
    await page.getByRole('button', { name: 'Tạo mới' }).click();
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    await expect(page.getByText('31/12/2026')).toBeVisible();
    const [created] = await officialsNamed(request, token);
    expect(created).toMatchObject({
      full_name: name,
      position: 'Phó Chủ tịch',
      since: '2026-06-01',
      until: '2026-12-31',
    });

    await page.getByRole('button', { name: 'Sửa' }).click();
    await page.getByLabel('Chức vụ').fill('Chủ tịch');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    await expect(page.getByText('Chủ tịch', { exact: true })).toBeVisible();
    const [edited] = await officialsNamed(request, token);
    expect(edited).toMatchObject({ id: created?.id, position: 'Chủ tịch', until: '2026-12-31' });
    expect(edited?.version).toBeGreaterThan(created?.version ?? 0);
    await screenshot(page, 'official-detail-1366');

    // The list finds it without diacritics and exports CSV with the same search.
    await page.goto(`/officials?q=${encodeURIComponent(`pham thi ban ghi ${run.toLowerCase()}`)}`);
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: name })).toBeVisible();
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất CSV' }).click();
    const download = await csv;
    const text = await (await download.createReadStream()).toArray();
    const content = Buffer.concat(text as Buffer[]).toString('utf8');
    expect(content).toContain(name);
    expect(content.trim().split('\n')).toHaveLength(2); // header + this official only
    await screenshot(page, 'officials-list-1366');
  });

  test('a stale edit shows the conflict message and reloads the newer record', async ({
    page,
    request,
  }) => {
    const token = await apiToken(request, 'sonv');
    const headers = { Authorization: `Bearer ${token}` };
    const response = await request.post('/api/v1/officials', {
      headers,
      data: { full_name: `${name} cũ`, position: 'Chuyên viên' },
    });
    expect(response.status()).toBe(201);
    const official = (await response.json()) as Official;

    await logIn(page, 'sonv');
    await page.goto(`/officials/${official.id}/edit`);
    // A fresh load restores the session and fetches the screen's chunk first.
    await expect(page.getByLabel('Chức vụ')).toHaveValue('Chuyên viên', { timeout: 30_000 });

    // Someone else saves first.
    const other = await request.patch(`/api/v1/officials/${official.id}`, {
      headers: { ...headers, 'If-Match': `"${official.version}"` },
      data: { position: 'Trưởng phòng' },
    });
    expect(other.status()).toBe(200);

    await page.getByLabel('Chức vụ').fill('Phó phòng');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Bản ghi đã bị người khác sửa' });
    await expect(alert).toContainText('Bản ghi đã bị người khác sửa — hãy tải lại');
    await screenshot(page, 'official-conflict-1366');
    const [kept] = (await officialsNamed(request, token)).filter((row) => row.id === official.id);
    expect(kept?.position).toBe('Trưởng phòng');

    await alert.getByRole('button', { name: 'Tải lại' }).click();
    await expect(page.getByLabel('Chức vụ')).toHaveValue('Trưởng phòng');
    await expect(alert).toHaveCount(0);
  });

  test('the main record lists at phone width and for a unit officer', async ({ page }) => {
    await logIn(page, 'canbo.hoalu');
    for (const [path, heading, shot] of [
      ['/plans', 'Kế hoạch', 'plans-list-1366'],
      ['/activities', 'Hoạt động dân vận', 'activities-list-1366'],
      ['/inspections', 'Kiểm tra, giám sát', 'inspections-list-1366'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
      await expect(page.getByRole('table')).toBeVisible();
      await screenshot(page, shot);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/officials');
    await expect(
      page.getByRole('heading', { name: 'Cán bộ phụ trách dân vận', level: 2 }),
    ).toBeVisible();
    await screenshot(page, 'officials-list-390');
  });

  test('the audit log shows a change with its before and after', async ({ page }) => {
    await logIn(page, 'admin');
    await menu(page).filter({ hasText: 'Nhật ký thao tác' }).click();
    await expect(page.getByRole('heading', { name: 'Nhật ký thao tác', level: 2 })).toBeVisible();
    const first = page.getByRole('table').getByRole('row').nth(1);
    await first.getByRole('button').first().click();
    await expect(page.getByText('Trước', { exact: true })).toBeVisible();
    await expect(page.getByText('Sau', { exact: true })).toBeVisible();
    await screenshot(page, 'audit-1366');
  });
});
