import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enumsQuery } from '../../api/queries';
import { STALE_MESSAGE } from '../../records';
import { ENUMS, report } from './fixtures';
import { narrativeBody, NarrativeForm } from './NarrativeForm';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

function stubNetwork(answer: (request: Request) => Response) {
  const calls: { request: Request; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const text = await request.clone().text();
    calls.push({ request, body: text ? JSON.parse(text) : null });
    return answer(request);
  });
  return calls;
}

function renderForm(props: Partial<Parameters<typeof NarrativeForm>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(enumsQuery().queryKey, ENUMS as never);
  const onSaved = vi.fn();
  const onReload = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <NarrativeForm
          report={report()}
          editable
          onSaved={onSaved}
          onReload={onReload}
          {...props}
        />
      </App>
    </QueryClientProvider>,
  );
  return { onSaved, onReload };
}

afterEach(() => vi.unstubAllGlobals());

describe('the narrative body', () => {
  it('sends only what changed, NFC and trimmed, an emptied text as null', () => {
    const values = {
      'narrative.dissemination': '',
      'narrative.citizen_reception': '  Tie\u0302\u0301p 12 buo\u0302\u0309i ',
      difficulties: '',
      proposals: 'Đề nghị bổ sung kinh phí.',
    };
    expect(narrativeBody(report(), values)).toEqual({
      narrative: { dissemination: null, citizen_reception: 'Tiếp 12 buổi' },
    });
  });
});

describe('the narrative form', { timeout: 30_000 }, () => {
  it('shows each task group, difficulties and proposals with labels, filled from the report', () => {
    stubNetwork(() => json(500, {}));
    renderForm();
    expect(screen.getByLabelText('III.1. Công tác tuyên truyền')).toHaveValue(
      'Đã tổ chức 3 hội nghị quán triệt.',
    );
    expect(screen.getByLabelText('III.7. Kiểm tra, giám sát')).toHaveValue('');
    expect(screen.getByLabelText('Khó khăn, vướng mắc')).toHaveValue('');
    expect(screen.getByLabelText('Đề xuất, kiến nghị')).toHaveValue('Đề nghị bổ sung kinh phí.');
  });

  it('saves by PATCH with If-Match of the version shown', async () => {
    const saved = report({ version: 4, difficulties: 'Thiếu cán bộ' });
    const calls = stubNetwork(() => json(200, saved));
    const { onSaved } = renderForm();
    await userEvent.type(screen.getByLabelText('Khó khăn, vướng mắc'), 'Thiếu cán bộ');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu nội dung' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(calls).toHaveLength(1);
    const [{ request, body }] = calls as [(typeof calls)[0]];
    expect(request.method).toBe('PATCH');
    expect(new URL(request.url).pathname).toBe('/api/v1/reports/11');
    expect(request.headers.get('If-Match')).toBe('"3"');
    expect(body).toEqual({ difficulties: 'Thiếu cán bộ' });
    expect(await screen.findByRole('status')).toHaveTextContent('Đã lưu nội dung báo cáo.');
  });

  it('a stale version (412) says the report changed, offers to reload, and saves nothing', async () => {
    stubNetwork(() =>
      json(412, { type: 'urn:dvcq:problem:stale', title: 'Stale', status: 412, detail: 'x' }),
    );
    const { onSaved, onReload } = renderForm();
    await userEvent.type(screen.getByLabelText('III.7. Kiểm tra, giám sát'), 'Đã tự kiểm tra');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu nội dung' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(STALE_MESSAGE);
    expect(onSaved).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Tải lại' }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('a 422 puts the message under its field', async () => {
    stubNetwork(() =>
      json(422, {
        type: 'urn:dvcq:problem:validation',
        title: 'Dữ liệu không hợp lệ',
        status: 422,
        detail: 'Dữ liệu không hợp lệ',
        errors: [
          {
            loc: ['body', 'narrative', 'dissemination'],
            msg: 'Dài quá 20000 ký tự',
            type: 'string_too_long',
          },
        ],
      }),
    );
    const { onSaved } = renderForm();
    await userEvent.type(screen.getByLabelText('III.1. Công tác tuyên truyền'), ' thêm');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu nội dung' }));
    expect(await screen.findByText('Dài quá 20000 ký tự')).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('read-only: the texts, no inputs and no save button', () => {
    stubNetwork(() => json(500, {}));
    renderForm({ editable: false });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lưu nội dung' })).toBeNull();
    expect(screen.getByText('Đề nghị bổ sung kinh phí.')).toBeVisible();
  });
});
