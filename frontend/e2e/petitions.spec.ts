import { type APIRequestContext, type Page, expect as baseExpect, test } from '@playwright/test';
import { apiToken, choose, expectAccessible, logIn, screenshot } from './helpers';

// Each step waits on a reload and a lazily loaded screen: on a shared two-core machine under
// load that takes longer than the suite's 7 s now and then.
const expect = baseExpect.configure({ timeout: 20_000 });

// Names of this run, so a retry never meets the rows an earlier attempt wrote.
const run = Date.now().toString(36).toUpperCase();
const citizen = `Phạm Thị Kiểm Thử ${run}`;

interface PetitionBody {
  id: number;
  status: string;
  due_on: string | null;
  unit_id: number;
  history: { action: string; actor_name: string }[];
}

function ddmmyyyy(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

async function petitionById(request: APIRequestContext, token: string, id: number) {
  const response = await request.get(`/api/v1/petitions/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status(), body: (await response.json()) as PetitionBody };
}

/** The dashboard's count of petitions received in the year, as the coordinator sees it. */
async function receivedOnDashboard(page: Page): Promise<number> {
  const card = page.locator('.ant-card').filter({ hasText: 'Đơn thư khiếu nại, tố cáo' });
  const value = card.locator('.ant-statistic').filter({ hasText: 'Đã nhận' });
  await expect(value.locator('.ant-statistic-content-value')).toBeVisible();
  const text = await value.locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/\D/g, ''));
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
}

test.describe('receptions and petitions', () => {
  test('a reception files a petition, its unit accepts it and sees the due date; nobody else finds it', async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    await logIn(page, 'sonv');
    const before = await receivedOnDashboard(page);
    await logOut(page);

    // The ward's officer records a reception that produces a petition.
    await logIn(page, 'canbo.hoalu');
    await page.getByRole('menuitem', { name: 'Tiếp công dân' }).click();
    await expect(page.getByRole('heading', { name: 'Tiếp công dân' })).toBeVisible();
    await page.getByRole('button', { name: 'Thêm buổi tiếp công dân' }).click();
    await expect(page.getByRole('heading', { name: 'Ghi buổi tiếp công dân' })).toBeVisible();
    await page.getByLabel('Người tiếp').fill('Cán bộ tiếp dân phường Hoa Lư');
    await page.getByLabel('Họ tên công dân').fill(citizen);
    await page.getByLabel('Địa chỉ').fill('Phường Hoa Lư, tỉnh Ninh Bình');
    await choose(page, 'Loại vụ việc', 'Kiến nghị');
    await choose(page, 'Lĩnh vực', 'Đất đai');
    await page
      .getByLabel('Nội dung')
      .fill('Kiến nghị về việc cấp giấy chứng nhận quyền sử dụng đất');
    await page.getByLabel('Tạo đơn thư từ buổi tiếp này').click();
    await screenshot(page, 'reception-form-1366');
    await page.getByRole('button', { name: 'Ghi buổi tiếp' }).click();

    await expect(page).toHaveURL(/\/petitions\/\d+$/);
    const petitionId = Number(/\/petitions\/(\d+)$/.exec(page.url())?.[1]);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(citizen);
    await expect(page.getByTestId('petition-status')).toHaveText('Đã tiếp nhận');
    const token = await apiToken(request, 'canbo.hoalu');
    const filed = await petitionById(request, token, petitionId);
    expect(filed.status).toBe(200);
    expect(filed.body.status).toBe('received');

    // Only the actions the API allows are drawn; accepting asks for the day, today by default.
    const actions = page.getByRole('region', { name: 'Xử lý đơn' });
    await expect(actions.getByRole('button')).toHaveText([
      'Thụ lý',
      'Không thụ lý',
      'Chuyển đơn',
      'Rút đơn',
    ]);
    await actions.getByRole('button', { name: 'Thụ lý', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thụ lý' });
    await expect(dialog.getByLabel('Ngày thực hiện')).not.toHaveValue('');
    await dialog.getByLabel('Ghi chú').fill('Đủ điều kiện thụ lý');
    await dialog.getByRole('button', { name: 'Thụ lý' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('petition-status')).toHaveText('Đã thụ lý');
    await expect(actions.getByRole('button', { name: 'Bắt đầu giải quyết' })).toBeVisible();

    const accepted = await petitionById(request, token, petitionId);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.history.map((event) => event.action)).toEqual(['accept']);
    expect(accepted.body.history[0]?.actor_name).toBe('canbo.hoalu');
    expect(accepted.body.due_on).not.toBeNull();
    await expect(page.getByTestId('due-on')).toHaveText(ddmmyyyy(accepted.body.due_on ?? ''));
    await expect(page.getByTestId('due-badge')).toContainText('Trong hạn');
    const timeline = page.getByRole('list', { name: 'Quá trình xử lý đơn' });
    await expect(timeline.getByRole('listitem')).toHaveCount(2);
    await expect(timeline.getByRole('listitem').nth(1)).toContainText('Đã tiếp nhận → Đã thụ lý');
    await expect(timeline.getByRole('listitem').nth(1)).toContainText('Đủ điều kiện thụ lý');
    await expectAccessible(page);
    await screenshot(page, 'petition-detail-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    // The layout follows a resize a moment later (antd's breakpoints), later still on a busy
    // machine: measuring at once once read the 1366-pixel layout.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await screenshot(page, 'petition-detail-390');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The unit's list finds it without diacritics.
    await page.getByRole('menuitem', { name: 'Đơn thư' }).click();
    await page.getByLabel('Tìm kiếm').fill(`pham thi kiem thu ${run.toLowerCase()}`);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/q=pham/);
    const row = page.getByRole('row').filter({ hasText: citizen });
    await expect(row).toContainText('Đã thụ lý');
    await expect(page.getByRole('row')).toHaveCount(2); // the header and this petition
    await expectAccessible(page);
    await screenshot(page, 'petitions-list-1366');
    await logOut(page);

    // Another unit's officer: not in the list, not by address.
    await logIn(page, 'canbo.snv');
    await page.getByRole('menuitem', { name: 'Đơn thư' }).click();
    await page.getByLabel('Tìm kiếm').fill(run);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`q=${run}`));
    await expect(page.getByText('Không có bản ghi nào')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: citizen })).toHaveCount(0);
    await page.goto(`/petitions/${petitionId}`);
    await expect(page.getByText('Không tìm thấy đơn thư')).toBeVisible();
    await expect(page.getByText(citizen)).toHaveCount(0);
    const other = await petitionById(request, await apiToken(request, 'canbo.snv'), petitionId);
    expect(other.status).toBe(404);
    await logOut(page);

    // The coordinator's dashboard counts it.
    await logIn(page, 'sonv');
    await expect.poll(() => receivedOnDashboard(page)).toBe(before + 1);
  });

  test('a reception is edited, then files its petition from the detail page', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const token = await apiToken(request, 'canbo.hoalu');
    const headers = { Authorization: `Bearer ${token}` };
    const name = `Đỗ Văn Sửa Đổi ${run}`;
    const created = await request.post('/api/v1/receptions', {
      headers,
      data: {
        received_at: new Date(Date.now() - 3_600_000).toISOString(),
        session_type: 'regular',
        receiver_name: 'Cán bộ tiếp dân',
        citizen_name: name,
        citizen_id_number: '037090001234',
        group_size: 2,
        content: 'Hỏi về thủ tục chuyển mục đích sử dụng đất',
        field: 'land',
        case_type: 'recommendation',
        result: 'guided',
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };

    await logIn(page, 'canbo.hoalu');
    await page.getByRole('menuitem', { name: 'Tiếp công dân' }).click();
    await page.getByLabel('Tìm kiếm').fill(`do van sua doi ${run.toLowerCase()}`);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`/receptions/${id}$`));
    // The unit's own officer sees the identity number whole.
    await expect(page.getByText('037090001234')).toBeVisible();
    await expect(page.getByText('Hướng dẫn, giải thích')).toBeVisible();

    await page.getByRole('button', { name: 'Sửa' }).click();
    await page.getByLabel('Số người').fill('6');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Đoàn đông người')).toBeVisible();
    const edited = await request.get(`/api/v1/receptions/${id}`, { headers });
    expect(await edited.json()).toMatchObject({ group_size: 6, is_crowd: true, version: 2 });
    await expectAccessible(page);
    await screenshot(page, 'reception-detail-1366');

    await page.getByRole('button', { name: 'Tạo đơn thư từ buổi tiếp' }).click();
    await expect(page).toHaveURL(/\/petitions\/\d+$/);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(name);
    const filed = (await (await request.get(`/api/v1/receptions/${id}`, { headers })).json()) as {
      petition_id: number | null;
      result: string;
    };
    expect(filed.result).toBe('petition_received');
    expect(page.url()).toMatch(new RegExp(`/petitions/${filed.petition_id}$`));
  });

  test('an action on a petition someone else has moved on shows the conflict message', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const token = await apiToken(request, 'canbo.hoalu');
    const headers = { Authorization: `Bearer ${token}` };
    const created = await request.post('/api/v1/petitions', {
      headers,
      data: {
        source: 'mail',
        case_type: 'feedback',
        field: 'administrative_procedure',
        received_on: new Date().toISOString().slice(0, 10),
        petitioner_name: `Lê Văn Xung Đột ${run}`,
        summary: 'Phản ánh về thời gian giải quyết hồ sơ',
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as PetitionBody;

    await logIn(page, 'canbo.hoalu');
    await page.goto(`/petitions/${id}`);
    const actions = page.getByRole('region', { name: 'Xử lý đơn' });
    await expect(actions.getByRole('button', { name: 'Thụ lý', exact: true })).toBeVisible();
    // Meanwhile a colleague accepts it.
    const meanwhile = await request.post(`/api/v1/petitions/${id}/actions`, {
      headers,
      data: { action: 'accept', acted_on: new Date().toISOString().slice(0, 10) },
    });
    expect(meanwhile.status()).toBe(200);

    await actions.getByRole('button', { name: 'Thụ lý', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thụ lý' });
    await dialog.getByRole('button', { name: 'Thụ lý' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Bản ghi đã bị người khác sửa — hãy tải lại');
    await screenshot(page, 'petition-conflict', { fullPage: false });
    await alert.getByRole('button', { name: 'Tải lại' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('petition-status')).toHaveText('Đã thụ lý');
    const after = await petitionById(request, token, id);
    expect(after.body.history).toHaveLength(1); // the stale click changed nothing
  });
});
