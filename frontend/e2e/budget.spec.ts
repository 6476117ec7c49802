import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const BUDGET_KB = 350;

test('the login route loads at most 350 KB of JavaScript (gzip)', async ({ page }) => {
  const scripts: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js'))
      scripts.push(response.body().then((body) => gzipSync(body).length));
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const totalKb = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0) / 1024;
  console.log(`login route: ${scripts.length} scripts, ${totalKb.toFixed(1)} KB gzip`);
  expect(totalKb).toBeLessThanOrEqual(BUDGET_KB);
  // Charts belong to the dashboard chunk alone.
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => entry.name),
  );
  expect(loaded.some((name) => name.includes('DashboardPage'))).toBe(false);
});
