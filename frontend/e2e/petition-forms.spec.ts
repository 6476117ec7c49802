import { type APIRequestContext, type Page, expect as baseExpect, test } from '@playwright/test';
import { apiToken, choose, expectAccessible, logIn, screenshot } from './helpers';

// Lazily loaded screens and antd inputs on a shared two-core machine: longer than 7 s at times.
const expect = baseExpect.configure({ timeout: 20_000 });

// Names of this run, so a retry never meets the rows an earlier attempt wrote.
const run = Date.now().toString(36).toUpperCase();

interface PetitionBody {
  id: number;
  unit_id: number;
  source: string;
  case_type: string;
  field: string;
  received_on: string;
  petitioner_name: string;
  petitioner_address: string | null;
  summary: string;
  resolution_level: string | null;
  is_remote_area: boolean;
  version: number;
}

/** A day in the province (Asia/Ho_Chi_Minh) as ISO, `offset` days from today. */
function provinceDay(offset = 0): string {
  const day = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(day);
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

/** Types a date as a person would (dd/mm/yyyy) and confirms it with Enter. */
async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

async function petitionsNamed(request: APIRequestContext, token: string, name: string) {
  const response = await request.get('/api/v1/petitions', {
    headers: { Authorization: `Bearer ${token}` },
    params: { q: name },
  });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { items: PetitionBody[] }).items;
}

async function petitionById(request: APIRequestContext, token: string, id: number) {
  const response = await request.get(`/api/v1/petitions/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as PetitionBody;
}

const formItem = (page: Page, label: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });

test.describe('petition forms', () => {
  test('a unit officer adds a petition by mail, fixes a field error, then edits its content', async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    const name = `Hoàng Văn Gửi Thư ${run}`;
    const token = await apiToken(request, 'canbo.hoalu');
    const meResponse = await request.get('/api/v1/auth/me', {
      headers: { Authorization: `Bearer ${token}` },
    });
    const officer = (await meResponse.json()) as { unit_id: number; unit_name: string };

    await logIn(page, 'canbo.hoalu');
    await page.getByRole('menuitem', { name: 'Đơn thư' }).click();
    await page.getByRole('button', { name: 'Thêm đơn thư' }).click();
    await expect(page).toHaveURL(/\/petitions\/new$/);
    await expect(page.getByRole('heading', { name: 'Thêm đơn thư', level: 2 })).toBeVisible();
    // The officer files for their own unit: no unit to pick; a letter by default.
    await expect(page.getByText(`Đơn thư của ${officer.unit_name}`)).toBeVisible();
    await expect(page.getByLabel('Đơn vị xử lý')).toHaveCount(0);
    await expect(formItem(page, 'Nguồn đơn')).toContainText('Qua bưu chính');
    await expect(page.getByRole('textbox', { name: 'Ngày nhận đơn' })).toHaveValue(
      ddmmyyyy(provinceDay()),
    );
    await expect(page.getByLabel('Vùng sâu, vùng xa')).toHaveCount(0);

    // A received date in the future: the API's 422 under its field, nothing written.
    await typeDate(page, 'Ngày nhận đơn', ddmmyyyy(provinceDay(2)));
    await choose(page, 'Loại đơn', 'Khiếu nại');
    // A complaint's flags appear once the case type is known; a denunciation's do not.
    await expect(formItem(page, 'Cấp giải quyết')).toContainText('Giải quyết lần đầu');
    await expect(page.getByLabel('Cần xác minh')).toHaveCount(0);
    await page.getByLabel('Vùng sâu, vùng xa').click();
    await choose(page, 'Lĩnh vực', 'Đất đai');
    await page.getByLabel('Người gửi đơn').fill(name);
    await page.getByLabel('Địa chỉ').fill('Phường Hoa Lư, tỉnh Ninh Bình');
    const content = 'Khiếu nại quyết định thu hồi đất nông nghiệp';
    await page.getByLabel('Nội dung').fill(content);
    await expectAccessible(page);
    await screenshot(page, 'petition-create-1366');
    const submit = page.locator('form').getByRole('button', { name: 'Thêm đơn thư' });
    await submit.click();

    await expect(formItem(page, 'Ngày nhận đơn')).toContainText('Ngày không được ở tương lai');
    await expect(page.getByRole('textbox', { name: 'Ngày nhận đơn' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page).toHaveURL(/\/petitions\/new$/);
    expect(await petitionsNamed(request, token, name)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'petition-create-error-1366');

    const receivedOn = provinceDay(-1);
    await typeDate(page, 'Ngày nhận đơn', ddmmyyyy(receivedOn));
    await submit.click();
    await expect(page).toHaveURL(/\/petitions\/\d+$/);
    const id = Number(/\/petitions\/(\d+)$/.exec(page.url())?.[1]);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(name);
    await expect(page.getByText('Qua bưu chính').first()).toBeVisible();
    const created = await petitionById(request, token, id);
    expect(created).toMatchObject({
      unit_id: officer.unit_id,
      source: 'mail',
      case_type: 'complaint',
      field: 'land',
      received_on: receivedOn,
      petitioner_name: name,
      petitioner_address: 'Phường Hoa Lư, tỉnh Ninh Bình',
      summary: content,
      resolution_level: 'first',
      is_remote_area: true,
      version: 1,
    });
    expect((await petitionsNamed(request, token, name)).map((row) => row.id)).toEqual([id]);

    // The officer corrects the content from the detail page.
    await page.getByRole('button', { name: 'Sửa thông tin đơn' }).click();
    const summary = page.getByLabel('Nội dung');
    await expect(summary).toHaveValue(content);
    // The case type, unit and dates change only through actions.
    await expect(page.getByLabel('Loại đơn', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Ngày nhận đơn' })).toHaveCount(0);
    const corrected = `${content} và bồi thường, hỗ trợ tái định cư`;
    await summary.fill(corrected);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('button', { name: 'Sửa thông tin đơn' })).toBeVisible();
    await expect(page.getByText(corrected)).toBeVisible();
    const edited = await petitionById(request, token, id);
    expect(edited).toMatchObject({
      summary: corrected,
      version: 2,
      petitioner_name: name,
      received_on: receivedOn,
      is_remote_area: true,
    });
    await screenshot(page, 'petition-edited-1366');
  });

  test('an edit of a petition someone else changed meanwhile shows the conflict message', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const token = await apiToken(request, 'canbo.hoalu');
    const headers = { Authorization: `Bearer ${token}` };
    const name = `Vũ Thị Sửa Trùng ${run}`;
    const response = await request.post('/api/v1/petitions', {
      headers,
      data: {
        source: 'mail',
        case_type: 'feedback',
        field: 'administrative_procedure',
        received_on: provinceDay(),
        petitioner_name: name,
        summary: 'Phản ánh về thời gian giải quyết hồ sơ',
      },
    });
    expect(response.status()).toBe(201);
    const { id } = (await response.json()) as PetitionBody;

    await logIn(page, 'canbo.hoalu');
    await page.goto(`/petitions/${id}`);
    await page.getByRole('button', { name: 'Sửa thông tin đơn' }).click();
    await page.getByLabel('Nội dung').fill('Phản ánh của tôi');
    // Meanwhile a colleague corrects the address.
    const meanwhile = await request.patch(`/api/v1/petitions/${id}`, {
      headers: { ...headers, 'If-Match': '"1"' },
      data: { petitioner_address: 'Xã Gia Viễn' },
    });
    expect(meanwhile.status()).toBe(200);

    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Bản ghi đã bị người khác sửa' });
    await expect(alert).toContainText('Bản ghi đã bị người khác sửa — hãy tải lại');
    const stale = await petitionById(request, token, id);
    expect(stale).toMatchObject({
      summary: 'Phản ánh về thời gian giải quyết hồ sơ',
      petitioner_address: 'Xã Gia Viễn',
      version: 2,
    });
    await alert.getByRole('button', { name: 'Tải lại' }).click();
    await expect(page.getByLabel('Địa chỉ')).toHaveValue('Xã Gia Viễn');
    await expect(page.getByLabel('Nội dung')).toHaveValue('Phản ánh về thời gian giải quyết hồ sơ');
  });
});
