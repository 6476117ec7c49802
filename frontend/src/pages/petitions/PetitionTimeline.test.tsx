import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PetitionEvent } from './api';
import { PetitionTimeline } from './PetitionTimeline';

const ACTIONS: Record<string, string> = {
  accept: 'Thụ lý',
  transfer: 'Chuyển đơn',
  reject: 'Không thụ lý',
  resolve: 'Ban hành quyết định, kết luận',
};
const STATUSES: Record<string, string> = {
  received: 'Đã tiếp nhận',
  transferred: 'Đã chuyển đơn',
  accepted: 'Đã thụ lý',
  in_resolution: 'Đang giải quyết',
  resolved: 'Đã giải quyết',
};
const UNITS: Record<number, string> = { 40: 'UBND phường Hoa Lư', 41: 'UBND xã Gia Viễn' };

function event(overrides: Partial<PetitionEvent>): PetitionEvent {
  return {
    action: 'accept',
    from_status: 'received',
    to_status: 'accepted',
    acted_on: '2026-11-20',
    note: null,
    details: {},
    actor_name: 'canbo.hoalu',
    actor_full_name: null,
    at: '2026-11-20T02:30:00Z',
    ...overrides,
  };
}

function renderTimeline(history: PetitionEvent[]) {
  render(
    <PetitionTimeline
      receivedOn="2026-11-18"
      sourceLabel="Qua tiếp công dân"
      history={history}
      actionLabel={(action) => ACTIONS[action] ?? action}
      statusLabel={(status) => STATUSES[status] ?? status}
      outcomeLabel={(outcome) => (outcome === 'partly_right' ? 'Khiếu nại đúng một phần' : outcome)}
      unitName={(id) => UNITS[id] ?? `#${id}`}
    />,
  );
  return within(screen.getByRole('list', { name: 'Quá trình xử lý đơn' })).getAllByRole('listitem');
}

describe('PetitionTimeline', () => {
  it('starts with the receipt and lists each step oldest first: who, when, what, why', () => {
    const items = renderTimeline([
      event({
        action: 'transfer',
        to_status: 'transferred',
        acted_on: '2026-11-19',
        details: { from_unit_id: 40, to_unit_id: 41 },
        note: 'Thuộc thẩm quyền của xã',
        actor_name: 'canbo.hoalu',
        actor_full_name: 'Cán bộ UBND phường Hoa Lư',
        at: '2026-11-19T03:05:00Z',
      }),
      event({
        from_status: 'transferred',
        acted_on: '2026-11-24',
        actor_name: 'canbo.giavien',
        actor_full_name: null, // the account was deleted: its user name stays
        at: '2026-11-24T01:00:00Z',
      }),
    ]);
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Tiếp nhận đơn');
    expect(items[0]).toHaveTextContent('18/11/2026');
    expect(items[0]).toHaveTextContent('Qua tiếp công dân');

    expect(items[1]).toHaveTextContent('Chuyển đơn');
    expect(items[1]).toHaveTextContent('19/11/2026');
    expect(items[1]).toHaveTextContent('Đã tiếp nhận → Đã chuyển đơn');
    expect(items[1]).toHaveTextContent('Chuyển: từ UBND phường Hoa Lư đến UBND xã Gia Viễn');
    expect(items[1]).toHaveTextContent('Ghi chú: Thuộc thẩm quyền của xã');
    // Stamped in the province's time: 03:05 UTC is 10:05 in Ninh Bình.
    expect(items[1]).toHaveTextContent('Cán bộ UBND phường Hoa Lư · ghi lúc 19/11/2026 10:05');

    expect(items[2]).toHaveTextContent('Thụ lý');
    expect(items[2]).toHaveTextContent('Đã chuyển đơn → Đã thụ lý');
    expect(items[2]).toHaveTextContent('canbo.giavien · ghi lúc 24/11/2026 08:00');
  });

  it('shows the reason of a refusal and the decision of a resolution', () => {
    const items = renderTimeline([
      event({
        action: 'resolve',
        from_status: 'in_resolution',
        to_status: 'resolved',
        details: { decision_number: '12/QĐ-UBND', outcome: 'partly_right' },
      }),
      event({ action: 'reject', to_status: 'not_accepted', details: { reason: 'Đơn nặc danh' } }),
    ]);
    expect(items[1]).toHaveTextContent('Số quyết định: 12/QĐ-UBND');
    expect(items[1]).toHaveTextContent('Kết quả: Khiếu nại đúng một phần');
    expect(items[2]).toHaveTextContent('Lý do: Đơn nặc danh');
  });

  it('is just the receipt before any step', () => {
    expect(renderTimeline([])).toHaveLength(1);
  });
});
