import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { apiToken, expectAccessible, logIn, screenshot } from './helpers';

// Names of this run, so a retry never meets the rows an earlier attempt wrote.
const run = Date.now().toString(36).toUpperCase();
const first = `Nguyễn Thị Kiểm Thử ${run}`;
const second = `Trần Văn Nhập Liệu ${run}`;

function csv(rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  const text = ['Đơn vị,Họ và tên,Chức vụ', ...rows.map((row) => row.join(','))].join('\n');
  return { name: `can-bo-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

/** By keyboard, as a person would: type part of the name, Enter picks the first match. */
async function chooseKind(page: Page, label: string): Promise<void> {
  await page.getByLabel('Loại dữ liệu').fill(label);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Cột bắt buộc:')).toBeVisible();
}

async function officialsNamed(request: APIRequestContext, token: string): Promise<string[]> {
  const response = await request.get('/api/v1/officials', {
    params: { q: run, limit: 50 },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  const page = (await response.json()) as { items: { full_name: string }[] };
  return page.items.map((official) => official.full_name).sort();
}

test.describe('importing a spreadsheet', () => {
  test('a file with an error writes nothing; the fixed file commits', async ({ page, request }) => {
    const token = await apiToken(request, 'sonv');
    await logIn(page, 'sonv');
    await page.getByRole('menuitem', { name: 'Nhập dữ liệu từ tệp' }).click();

    await chooseKind(page, 'Cán bộ phụ trách dân vận');
    const template = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải tệp mẫu (.xlsx)' }).click();
    expect((await template).suggestedFilename()).toBe('mau-officials.xlsx');

    const input = page.locator('input[type=file]');
    await input.setInputFiles(
      csv([
        ['P-HOALU', first, 'Phó Chủ tịch'],
        ['X-GIAVIN', second, ''],
      ]),
    );
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('Có 1 dòng lỗi: chưa ghi gì vào hệ thống');
    const errorRow = result.getByRole('row').filter({ hasText: 'X-GIAVIN' });
    await expect(errorRow).toContainText('3');
    await expect(errorRow).toContainText('Đơn vị');
    await expect(errorRow).toContainText("Không tìm thấy đơn vị có mã hoặc tên 'X-GIAVIN'");
    await expect(page.getByRole('button', { name: 'Ghi vào hệ thống' })).toHaveCount(0);
    const errorsCsv = page.waitForEvent('download');
    await result.getByRole('button', { name: 'Tải danh sách lỗi (errors.csv)' }).click();
    expect((await errorsCsv).suggestedFilename()).toMatch(/^loi-nhap-\d+\.csv$/);
    await expectAccessible(page);
    await screenshot(page, 'imports-errors-1366');
    expect(await officialsNamed(request, token)).toEqual([]);

    await input.setInputFiles(
      csv([
        ['P-HOALU', first, 'Phó Chủ tịch'],
        ['X-GIAVIEN', second, ''],
      ]),
    );
    await expect(result).toContainText('Tệp hợp lệ, chưa ghi gì');
    expect(await officialsNamed(request, token)).toEqual([]);
    await page.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
    await expect(result).toContainText('Đã ghi vào hệ thống.');
    await expect(page.getByText('3. Kết quả ghi')).toBeVisible();
    expect(await officialsNamed(request, token)).toEqual([first, second].sort());

    const history = page.getByRole('region', { name: 'Lịch sử nhập dữ liệu' });
    await expect(history.getByRole('row').filter({ hasText: 'Đã ghi' }).first()).toContainText(
      'Cán bộ phụ trách dân vận',
    );
    await screenshot(page, 'imports-committed-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'imports-390');
  });

  test('an unreadable file is refused in clear words', async ({ page }) => {
    await logIn(page, 'vanphong');
    await page.goto('/imports');
    await chooseKind(page, 'Hoạt động');
    await page.locator('input[type=file]').setInputFiles({
      name: 'hoat-dong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x00, 0xff, 0xfe, 0x81, 0x00, 0x9d, 0x00]),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'Không đọc được tệp' });
    await expect(alert).toContainText('CSV UTF-8');
  });

  test("a unit officer is offered only their unit's kinds", async ({ page }) => {
    await logIn(page, 'canbo.hoalu');
    await page.goto('/imports');
    await page.getByLabel('Loại dữ liệu').click();
    const options = page.locator('.ant-select-dropdown .ant-select-item-option');
    await expect(options.filter({ hasText: 'Kế hoạch' }).first()).toBeVisible();
    await expect(options.filter({ hasText: 'Tài khoản người dùng' })).toHaveCount(0);
    await expect(options.filter({ hasText: /^Đơn vị$/ })).toHaveCount(0);
  });
});
