import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { apiBody, type FieldDef, formValues } from './fields';
import { FailureAlert, RecordForm } from './RecordForm';

const FIELDS: FieldDef[] = [
  { name: 'full_name', label: 'Họ và tên', kind: 'text', required: true },
  { name: 'position', label: 'Chức vụ', kind: 'text' },
  { name: 'since', label: 'Phụ trách từ ngày', kind: 'date' },
  { name: 'until', label: 'Thôi phụ trách ngày', kind: 'date' },
  { name: 'is_active', label: 'Đang phụ trách', kind: 'boolean', initial: true },
];

const official = {
  id: 7,
  version: 2,
  full_name: 'Nguyễn Văn An',
  position: null,
  since: '2026-01-05',
  until: null,
  is_active: true,
};

function wrap(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>{node}</App>
    </QueryClientProvider>,
  );
}

function problem(status: number, errors: object[] = [], detail = 'Dữ liệu không hợp lệ') {
  return new ApiError(status, {
    type: 'urn:dvcq:problem:x',
    title: detail,
    status,
    detail,
    errors: errors as { [key: string]: unknown }[],
  });
}

describe('form values ↔ request bodies', () => {
  it('a new record sends only filled fields, dates as YYYY-MM-DD, text NFC-normalised', () => {
    const values = {
      full_name: '  Nguye\u0302\u0303n Thi\u0323 Ba ',
      position: '',
      since: dayjs('2026-03-01'),
      until: undefined,
      is_active: true,
    };
    expect(apiBody(FIELDS, values)).toEqual({
      full_name: 'Nguyễn Thị Ba',
      since: '2026-03-01',
      is_active: true,
    });
  });

  it('an edit sends only what changed, and a cleared field as null', () => {
    const values = { ...formValues(FIELDS, official), position: 'Phó Chủ tịch', since: undefined };
    expect(apiBody(FIELDS, values, official)).toEqual({ position: 'Phó Chủ tịch', since: null });
    expect(apiBody(FIELDS, formValues(FIELDS, official), official)).toEqual({});
  });
});

// Typing into Ant Design inputs in jsdom takes seconds on a busy machine.
describe('RecordForm', { timeout: 30_000 }, () => {
  it('shows the API’s field error under its field, and saves once it is fixed', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(
        problem(422, [
          { loc: ['body', 'full_name'], msg: 'Họ và tên đã có trong đơn vị', type: 'value_error' },
        ]),
      )
      .mockResolvedValueOnce({ id: 8 });
    const onSaved = vi.fn();
    wrap(<RecordForm name="official" fields={FIELDS} onSubmit={onSubmit} onSaved={onSaved} />);

    await userEvent.type(screen.getByLabelText('Họ và tên'), 'Trần Văn Bình');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo mới' }));
    const input = screen.getByLabelText('Họ và tên');
    expect(await screen.findByText('Họ và tên đã có trong đơn vị')).toBeInTheDocument();
    expect(input.closest('.ant-form-item')).toHaveTextContent('Họ và tên đã có trong đơn vị');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).toHaveBeenLastCalledWith({ full_name: 'Trần Văn Bình', is_active: true });
    expect(onSaved).not.toHaveBeenCalled();

    await userEvent.type(input, ' 2');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo mới' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ id: 8 }));
    expect(onSubmit).toHaveBeenLastCalledWith({ full_name: 'Trần Văn Bình 2', is_active: true });
  });

  it('asks for a required field before calling the API', async () => {
    const onSubmit = vi.fn();
    wrap(<RecordForm name="official" fields={FIELDS} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Tạo mới' }));
    expect(await screen.findByText('Hãy nhập họ và tên')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('on a stale version says someone else changed it and offers a reload', async () => {
    const onReload = vi.fn();
    const onSubmit = vi.fn().mockRejectedValue(problem(412, [], 'Bản ghi đang ở phiên bản 3'));
    wrap(
      <RecordForm
        name="official"
        fields={FIELDS}
        record={official}
        onSubmit={onSubmit}
        onReload={onReload}
      />,
    );
    await userEvent.type(screen.getByLabelText('Chức vụ'), 'Chủ tịch');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bản ghi đã bị người khác sửa — hãy tải lại');
    expect(onSubmit).toHaveBeenCalledWith({ position: 'Chủ tịch' });
    await userEvent.click(screen.getByRole('button', { name: 'Tải lại' }));
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('on a conflict shows the API’s reason with the reload offer', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValue(problem(409, [], "Tên đăng nhập 'canbo' đã được dùng"));
    wrap(
      <RecordForm
        name="user"
        fields={FIELDS}
        record={official}
        onSubmit={onSubmit}
        onReload={vi.fn()}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));
    const alert = await screen.findByRole('alert');
    // A clash with what is stored, not somebody else's edit: the API's reason is the message.
    expect(alert).toHaveTextContent("Tên đăng nhập 'canbo' đã được dùng");
    expect(alert).not.toHaveTextContent('người khác sửa');
    expect(within(alert).getByRole('button', { name: 'Tải lại' })).toBeInTheDocument();
  });
});

describe('FailureAlert', () => {
  it('a stale version offers the reload', async () => {
    const onReload = vi.fn();
    wrap(<FailureAlert error={problem(412)} onReload={onReload} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Bản ghi đã bị người khác sửa');
    await userEvent.click(screen.getByRole('button', { name: 'Tải lại' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('a conflict shows the API’s reason with the reload', () => {
    wrap(<FailureAlert error={problem(409, [], 'Kế hoạch đã ban hành')} onReload={vi.fn()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Kế hoạch đã ban hành');
    expect(screen.getByRole('button', { name: 'Tải lại' })).toBeInTheDocument();
  });

  it('any other error is shown as it is, without a reload', () => {
    wrap(<FailureAlert error={problem(403, [], 'Không có quyền')} onReload={vi.fn()} />);
    expect(screen.getByText('Không tải được dữ liệu')).toBeInTheDocument();
    expect(screen.getByText('Không có quyền')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tải lại' })).not.toBeInTheDocument();
  });
});
