import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, screenshot } from './helpers';

const CODES = ['CT1', 'CT2', 'CT3a', 'CT3b', 'CT4a', 'CT4b', 'CT5', 'CT6'];

test.describe('the provincial dashboard', () => {
  test('the coordinator sees the eight targets and who falls short', async ({ page }) => {
    await logIn(page, 'sonv');
    const cards = page.getByRole('article');
    await expect(cards).toHaveCount(8);
    for (const [index, code] of CODES.entries()) {
      await expect(cards.nth(index)).toContainText(code);
    }
    // The seeded province has 141 counted units and no plan issued yet.
    const ct1 = cards.filter({ hasText: 'CT1' });
    await expect(ct1).toContainText('Chưa đạt');
    await expect(ct1).toContainText('Kết quả: 0/141');
    await expect(page.getByText('Mức độ hài lòng về thủ tục hành chính')).toBeVisible();
    await expect(page.getByText('Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'dashboard-1366');

    await ct1.getByRole('button', { name: /Xem đơn vị chưa đạt/ }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText('CT1: 141 đơn vị chưa đạt');
    await expect(drawer).toContainText('Chưa ban hành kế hoạch');
    await drawer.getByLabel('Tìm đơn vị').fill('hoa lu');
    await expect(drawer.getByRole('row').filter({ hasText: 'Hoa Lư' }).first()).toBeVisible();
    await screenshot(page, 'dashboard-falling-short', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });

  test('the indicators workbook downloads with the bearer token', async ({ page }) => {
    await logIn(page, 'lanhdao');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải bảng tính chỉ tiêu (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^chi-tieu-chi-thi-05-\d{4}\.xlsx$/);
  });

  test('is usable at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, 'sonv');
    await expect(page.getByRole('article')).toHaveCount(8);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'dashboard-390');
  });

  test("a unit officer lands on their unit's scorecard and to-do list", async ({ page }) => {
    await logIn(page, 'canbo.hoalu');
    await expect(page).toHaveURL(/\/my-unit$/);
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Hoa Lư');
    const todos = page.getByRole('region', { name: 'Việc cần làm' });
    await expect(todos).toContainText('CT1 chưa đạt');
    await expect(todos).toContainText('Chưa ban hành kế hoạch');
    // A ward: the departments' target CT4a does not apply to it.
    await expect(page.getByRole('article').filter({ hasText: 'CT4a' })).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, 'my-unit-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'my-unit-390');
  });
});
