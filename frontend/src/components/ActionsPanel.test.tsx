import { render, screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { type ActionSpec, ActionsPanel, provinceToday } from './ActionsPanel';

type Action = 'accept' | 'reject' | 'transfer' | 'resolve';

const LABELS: Record<Action, string> = {
  accept: 'Thụ lý',
  reject: 'Không thụ lý',
  transfer: 'Chuyển đơn',
  resolve: 'Ban hành quyết định, kết luận',
};

const DAY = {
  name: 'acted_on',
  label: 'Ngày thực hiện',
  kind: 'date',
  required: true,
  initial: 'today',
} as const;
const SPECS: Record<Action, ActionSpec> = {
  accept: { fields: [DAY, { name: 'note', label: 'Ghi chú', kind: 'textarea' }] },
  reject: {
    danger: true,
    fields: [
      DAY,
      { name: 'reason', label: 'Lý do không thụ lý', kind: 'textarea', required: true },
    ],
  },
  transfer: {
    fields: [
      DAY,
      {
        name: 'to_unit_id',
        label: 'Chuyển đến đơn vị',
        kind: 'select',
        required: true,
        options: [
          { value: 7, label: 'UBND xã Gia Viễn' },
          { value: 9, label: 'Sở Tài nguyên và Môi trường' },
        ],
      },
    ],
  },
  resolve: {
    fields: [
      DAY,
      { name: 'decision_number', label: 'Số quyết định, kết luận', kind: 'text', required: true },
      { name: 'decision_date', label: 'Ngày ban hành', kind: 'date', required: true },
    ],
  },
};

// No pause between keystrokes: Ant Design in jsdom is slow enough on a shared machine.
const userEvent = userEventLib.setup({ delay: null });

function problem(status: number, detail: string, errors: Record<string, unknown>[] = []) {
  return new ApiError(status, { type: 'about:blank', title: 'x', status, detail, errors });
}

function renderPanel(allowed: Action[], onSubmit = vi.fn().mockResolvedValue({ id: 1 })) {
  const onReload = vi.fn();
  const onDone = vi.fn();
  render(
    <App>
      <ActionsPanel<Action>
        title="Xử lý đơn"
        allowed={allowed}
        labelOf={(action) => LABELS[action]}
        specs={SPECS}
        onSubmit={onSubmit}
        onReload={onReload}
        onDone={onDone}
      />
    </App>,
  );
  return { onSubmit, onReload, onDone };
}

async function open(label: string) {
  const panel = screen.getByRole('region', { name: 'Xử lý đơn' });
  await userEvent.click(within(panel).getByRole('button', { name: label }));
  return screen.findByRole('dialog');
}

describe('ActionsPanel', { timeout: 30_000 }, () => {
  it('draws a button for each allowed action and for no other', () => {
    renderPanel(['accept', 'reject']);
    const panel = screen.getByRole('region', { name: 'Xử lý đơn' });
    const names = within(panel)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(names).toEqual(['Thụ lý', 'Không thụ lý']);
    expect(screen.queryByRole('button', { name: 'Chuyển đơn' })).not.toBeInTheDocument();
  });

  it('says so when nothing is allowed', () => {
    renderPanel([]);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText(/Không có thao tác nào/)).toBeInTheDocument();
  });

  it('posts the action with its day (today by default) and its note', async () => {
    const { onSubmit, onDone } = renderPanel(['accept']);
    const dialog = await open('Thụ lý');
    expect(within(dialog).getByLabelText('Ngày thực hiện')).toHaveValue(
      provinceToday().split('-').reverse().join('/'),
    );
    await userEvent.type(within(dialog).getByLabelText('Ghi chú'), 'Đủ điều kiện thụ lý');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Thụ lý' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith('accept', {
        action: 'accept',
        acted_on: provinceToday(),
        note: 'Đủ điều kiện thụ lý',
      }),
    );
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('accept', { id: 1 }));
  });

  it('draws the form each action needs and refuses it without its required fields', async () => {
    const { onSubmit } = renderPanel(['reject', 'transfer', 'resolve']);
    let dialog = await open('Không thụ lý');
    expect(within(dialog).getByLabelText('Lý do không thụ lý')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Chuyển đến đơn vị')).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Không thụ lý' }));
    expect(await within(dialog).findByText('Hãy nhập lý do không thụ lý')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hủy' }));

    dialog = await open('Chuyển đơn');
    expect(within(dialog).getByLabelText('Chuyển đến đơn vị')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Chuyển đơn' }));
    expect(await within(dialog).findByText('Hãy nhập chuyển đến đơn vị')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hủy' }));

    dialog = await open('Ban hành quyết định, kết luận');
    expect(within(dialog).getByLabelText('Số quyết định, kết luận')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Ngày ban hành')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('Số quyết định, kết luận'), '12/QĐ-UBND');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Ban hành quyết định, kết luận' }),
    );
    expect(await within(dialog).findByText('Hãy nhập ngày ban hành')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the API's field errors of a 422 next to their fields", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      problem(422, 'Kiểm tra lại các trường: acted_on', [
        {
          loc: ['body', 'acted_on'],
          msg: 'Ngày thực hiện không được trước ngày nhận đơn',
          type: 'value_error',
        },
        {
          loc: ['body'],
          msg: "Thao tác 'Không thụ lý' cần có lý do",
          type: 'value_error',
        },
      ]),
    );
    renderPanel(['reject'], onSubmit);
    const dialog = await open('Không thụ lý');
    await userEvent.type(within(dialog).getByLabelText('Lý do không thụ lý'), 'Đơn nặc danh');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Không thụ lý' }));
    const field = await within(dialog).findByText('Ngày thực hiện không được trước ngày nhận đơn');
    expect(field.closest('.ant-form-item')).toContainElement(
      within(dialog).getByLabelText('Ngày thực hiện'),
    );
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      "Thao tác 'Không thụ lý' cần có lý do",
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument(); // still open, to fix and resend
  });

  it.each([
    [412, 'Bản ghi đã bị người khác sửa — hãy tải lại'],
    [409, "Không thể 'Thụ lý' đơn đang ở trạng thái 'Đã thụ lý'"],
  ])(
    'on a %i says why (someone else changed it, or the API’s reason) and offers a reload',
    async (status, shown) => {
      const onSubmit = vi
        .fn()
        .mockRejectedValue(problem(status, "Không thể 'Thụ lý' đơn đang ở trạng thái 'Đã thụ lý'"));
      const { onReload } = renderPanel(['accept'], onSubmit);
      const dialog = await open('Thụ lý');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Thụ lý' }));
      const alert = await within(dialog).findByRole('alert');
      expect(alert).toHaveTextContent(shown);
      await userEvent.click(within(alert).getByRole('button', { name: 'Tải lại' }));
      expect(onReload).toHaveBeenCalledTimes(1);
    },
  );
});
