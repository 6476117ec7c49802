import { type APIRequestContext, type Page, expect as baseExpect, test } from '@playwright/test';
import { apiToken, choose, expectAccessible, logIn, screenshot } from './helpers';

// Each step waits on a reload and a lazily loaded screen: on a shared two-core machine under
// load that takes longer than the suite's 7 s now and then.
const expect = baseExpect.configure({ timeout: 20_000 });

// Names of this run, so a retry never meets the rows an earlier attempt wrote.
const run = Date.now().toString(36).toUpperCase();
const UNIT = 'Ủy ban nhân dân phường Hoa Lư';

interface ReportBody {
  id: number;
  status: string;
  narrative: Record<string, string | null>;
  difficulties: string | null;
  proposals: string | null;
  late: boolean | null;
  figures: { data_from: string; data_to: string } | null;
  history: { action: string; note: string | null }[];
}

interface Period {
  id: number;
  label: string;
  kind: string;
  data_from: string;
  data_to: string;
  deadline: string;
  expected_reports: number;
}

const auth = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function periods(request: APIRequestContext, token: string): Promise<Period[]> {
  const response = await request.get('/api/v1/report-periods', {
    params: { limit: 100 },
    ...auth(token),
  });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { items: Period[] }).items;
}

/**
 * The year of the annual period to create: one whose deadline (20 December) is still ahead, so
 * the report is sent on time, and which has no annual period yet (there is one per year: a
 * retry meets the period its failed attempt created).
 */
async function yearForNewAnnualPeriod(request: APIRequestContext, token: string) {
  const taken = new Set(
    (await periods(request, token))
      .filter((period) => period.kind === 'annual')
      .map((period) => Number(period.data_to.slice(0, 4))),
  );
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  let year = Number(today.slice(0, 4));
  if (today > `${year}-12-20`) year += 1;
  while (taken.has(year)) year += 1;
  return year;
}

async function periodNamed(request: APIRequestContext, token: string, label: string) {
  const period = (await periods(request, token)).find((item) => item.label === label);
  expect(period, `the period "${label}"`).toBeTruthy();
  return period!;
}

async function reportOf(request: APIRequestContext, token: string, periodId: number) {
  const response = await request.get('/api/v1/reports', {
    params: { period_id: periodId, limit: 100 },
    ...auth(token),
  });
  expect(response.ok()).toBeTruthy();
  const items = ((await response.json()) as { items: (ReportBody & { unit: { code: string } })[] })
    .items;
  const report = items.find((item) => item.unit.code === 'P-HOALU');
  expect(report).toBeTruthy();
  return report!;
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function act(page: Page, action: string, fields: Record<string, string> = {}) {
  await page
    .getByRole('region', { name: 'Xử lý báo cáo' })
    .getByRole('button', { name: action })
    .click();
  const dialog = page.getByRole('dialog', { name: action });
  for (const [name, value] of Object.entries(fields)) await dialog.getByLabel(name).fill(value);
  await dialog.getByRole('button', { name: action }).click();
  await expect(dialog).toBeHidden();
}

async function openOwnReport(page: Page, label: string): Promise<void> {
  await logIn(page, 'canbo.hoalu');
  await page.getByRole('menuitem', { name: 'Báo cáo định kỳ' }).click();
  await page.getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { name: `${label} — ${UNIT}` })).toBeVisible();
}

async function openOnBoard(page: Page, periodId: number, label: string): Promise<void> {
  await logIn(page, 'sonv');
  await page.getByRole('menuitem', { name: 'Báo cáo định kỳ' }).click();
  await page.getByRole('link', { name: label }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/periods/${periodId}$`));
  await page.getByLabel('Tìm đơn vị').fill('hoa lu');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=hoa/);
  await page.getByRole('link', { name: UNIT, exact: true }).click();
  await expect(page.getByRole('heading', { name: `${label} — ${UNIT}` })).toBeVisible();
}

test.describe('periodic reports', () => {
  test.use({ actionTimeout: 20_000 });
  test('a period is created; the unit submits, is returned, resubmits and is accepted', async ({
    page,
    request,
  }) => {
    test.setTimeout(300_000);
    const coordinator = await apiToken(request, 'sonv');
    const officer = await apiToken(request, 'canbo.hoalu');
    const year = await yearForNewAnnualPeriod(request, coordinator);
    const label = `Báo cáo năm ${year} – kiểm thử ${run}`;

    // --- the coordinator creates the period: the year gives the decree's dates ---------
    await logIn(page, 'sonv');
    await page.getByRole('menuitem', { name: 'Báo cáo định kỳ' }).click();
    await page.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
    const form = page.getByRole('form', { name: 'Tạo kỳ báo cáo' });
    await choose(page, 'Loại kỳ báo cáo', 'Báo cáo năm');
    await form.getByLabel('Năm báo cáo').fill(String(year));
    await expect(form.getByLabel('Số liệu từ ngày')).toHaveValue(`15/12/${year - 1}`);
    await expect(form.getByLabel('Đến ngày')).toHaveValue(`14/12/${year}`);
    await expect(form.getByLabel('Hạn gửi báo cáo')).toHaveValue(`20/12/${year}`);
    await form.getByLabel('Tên kỳ báo cáo').fill(label);
    await screenshot(page, 'reports-create-period', { fullPage: false });
    await form.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
    await expect(page.getByRole('heading', { name: label })).toBeVisible();
    const period = await periodNamed(request, coordinator, label);
    expect(period).toMatchObject({
      kind: 'annual',
      data_from: `${year - 1}-12-15`,
      data_to: `${year}-12-14`,
      deadline: `${year}-12-20`,
    });
    expect(period.expected_reports).toBeGreaterThan(100);
    await expect(page).toHaveURL(new RegExp(`/reports/periods/${period.id}$`));
    const counts = page.getByTestId('board-counts');
    await expect(counts.getByText('Số đơn vị phải báo cáo')).toBeVisible();
    expect((await reportOf(request, coordinator, period.id)).status).toBe('draft');
    await logOut(page);

    // --- the unit writes its narrative and submits -------------------------------------
    await openOwnReport(page, label);
    await expect(page.getByTestId('report-status')).toHaveText('Đang soạn');
    await expect(
      page.getByRole('region', { name: 'Kết quả thực hiện các chỉ tiêu' }),
    ).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'reports-unit-form');
    const content = page.getByRole('form', { name: 'Nội dung báo cáo' });
    await content
      .getByLabel(/^III\.1\./)
      .fill(`Đã tổ chức 3 hội nghị quán triệt Chỉ thị 05-CT/TU (${run}).`);
    await content.getByLabel('Khó khăn, vướng mắc').fill('Thiếu cán bộ chuyên trách.');
    await content.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect(content.getByRole('status')).toHaveText('Đã lưu nội dung báo cáo.');
    let report = await reportOf(request, officer, period.id);
    expect(report.narrative.dissemination).toBe(
      `Đã tổ chức 3 hội nghị quán triệt Chỉ thị 05-CT/TU (${run}).`,
    );
    expect(report.difficulties).toBe('Thiếu cán bộ chuyên trách.');
    expect(report.status).toBe('draft');
    await act(page, 'Cập nhật số liệu');
    await act(page, 'Gửi báo cáo');
    await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
    await expect(page.getByRole('form', { name: 'Nội dung báo cáo' })).toHaveCount(0);
    report = await reportOf(request, officer, period.id);
    expect(report.status).toBe('submitted');
    expect(report.late).toBe(false);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải báo cáo (Word)' }).click();
    expect((await download).suggestedFilename()).toBe(`bao-cao-P-HOALU-ky-${period.id}.docx`);
    await logOut(page);

    // --- the coordinator returns it with a comment -------------------------------------
    const comment = `Bổ sung kết quả đối thoại với Nhân dân (${run}).`;
    await openOnBoard(page, period.id, label);
    await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
    await act(page, 'Trả lại để bổ sung', { 'Nội dung cần bổ sung, chỉnh sửa': comment });
    await expect(page.getByTestId('report-status')).toHaveText('Bị trả lại');
    report = await reportOf(request, coordinator, period.id);
    expect(report.status).toBe('returned');
    expect(report.history.at(-1)).toMatchObject({ action: 'return', note: comment });
    await logOut(page);

    // --- the unit sees the comment, edits and resubmits --------------------------------
    await openOwnReport(page, label);
    await expect(page.getByTestId('return-comment')).toContainText(comment);
    await page
      .getByRole('form', { name: 'Nội dung báo cáo' })
      .getByLabel('Đề xuất, kiến nghị')
      .fill('Đề nghị tỉnh tổ chức tập huấn kỹ năng đối thoại.');
    await page.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
    await act(page, 'Gửi lại báo cáo');
    await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
    report = await reportOf(request, officer, period.id);
    expect(report.status).toBe('submitted');
    expect(report.proposals).toBe('Đề nghị tỉnh tổ chức tập huấn kỹ năng đối thoại.');
    await logOut(page);

    // --- the coordinator accepts; the board shows it -----------------------------------
    await openOnBoard(page, period.id, label);
    await act(page, 'Tiếp nhận báo cáo');
    await expect(page.getByTestId('report-status')).toHaveText('Đã tiếp nhận');
    await expect(
      page
        .getByRole('region', { name: 'Xử lý báo cáo' })
        .getByRole('button', { name: 'Mở lại báo cáo' }),
    ).toBeVisible();
    report = await reportOf(request, coordinator, period.id);
    expect(report.status).toBe('accepted');

    await page.getByRole('button', { name: 'Bảng theo dõi kỳ báo cáo' }).click();
    await expect(page.getByRole('heading', { name: label })).toBeVisible();
    await choose(page, 'Lọc theo tình trạng', 'Đã tiếp nhận');
    await expect(page).toHaveURL(/trang-thai=accepted/);
    const rows = page.getByRole('table').last().locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(UNIT);
    await expect(rows.first().getByTestId('completeness')).toHaveText('Đã tiếp nhận');
    const status = await request.get(
      `/api/v1/report-periods/${period.id}/status`,
      auth(coordinator),
    );
    const board = (await status.json()) as { counts: { accepted: number }; submitted: number };
    expect(board.counts.accepted).toBe(1);
    expect(board.submitted).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'reports-board');

    for (const [button, name] of [
      ['Báo cáo tổng hợp (Word)', `bao-cao-tong-hop-ky-${period.id}.docx`],
      ['Số liệu tổng hợp (Excel)', `bao-cao-tong-hop-ky-${period.id}.xlsx`],
    ] as const) {
      const file = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      expect((await file).suggestedFilename()).toBe(name);
    }
    await logOut(page);

    // --- a reader sees the report and the board, and can change nothing ----------------
    await logIn(page, 'lanhdao');
    await page.getByRole('menuitem', { name: 'Báo cáo định kỳ' }).click();
    await expect(page.getByRole('button', { name: 'Tạo kỳ báo cáo' })).toHaveCount(0);
    await page.getByRole('link', { name: label }).click();
    await choose(page, 'Lọc theo tình trạng', 'Đã tiếp nhận');
    await page.getByRole('link', { name: UNIT, exact: true }).click();
    await expect(page.getByTestId('report-status')).toHaveText('Đã tiếp nhận');
    await expect(
      page.getByRole('region', { name: 'Xử lý báo cáo' }).getByRole('button'),
    ).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);
  });
  test('on a phone-width screen the unit reads its report and its form without sideways scrolling', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const coordinator = await apiToken(request, 'sonv');
    const created = await request.post('/api/v1/report-periods', {
      data: {
        kind: 'ad_hoc',
        label: `Báo cáo đột xuất – điện thoại ${run}`,
        data_from: '2026-01-01',
        data_to: '2026-11-30',
        deadline: '2026-12-31',
        unit_kinds: ['ward'],
      },
      ...auth(coordinator),
    });
    expect(created.status()).toBe(201);
    const period = (await created.json()) as Period;
    const report = await reportOf(request, coordinator, period.id);

    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, 'canbo.hoalu');
    await page.goto(`/reports/${report.id}`);
    await expect(page.getByTestId('report-status')).toHaveText('Đang soạn');
    await expect(
      page.getByRole('region', { name: 'Kết quả thực hiện các chỉ tiêu' }),
    ).toBeVisible();
    await expect(page.getByLabel('Khó khăn, vướng mắc')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'reports-unit-form-phone');
  });
});
