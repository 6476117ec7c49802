import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { indicator } from '../test/fixtures';
import { TargetCard } from './TargetCard';

const shortfalls = [
  {
    unit_id: 1,
    code: 'X-BINHAN',
    name: 'Ủy ban nhân dân xã Bình An',
    reason: 'Chưa ban hành kế hoạch',
    value: 0,
  },
  { unit_id: 2, code: 'SCT', name: 'Sở Công Thương', reason: 'Chưa ban hành kế hoạch', value: 0 },
];

describe('TargetCard', () => {
  it('shows a met target with its value and target as Vietnamese percentages', () => {
    render(
      <TargetCard indicator={indicator({ code: 'CT3a', target: 0.9, value: 0.9125, met: true })} />,
    );
    expect(screen.getByTestId('standing')).toHaveTextContent('Đạt');
    expect(screen.getByTestId('value')).toHaveTextContent('91,3%');
    expect(screen.getByText('Chỉ tiêu: 90%')).toBeInTheDocument();
    expect(screen.getByText('Kết quả: 7/8')).toBeInTheDocument();
  });

  it('opens the units falling short of an unmet target', async () => {
    const onShow = vi.fn();
    const unmet = indicator({ met: false, value: 0.5, falling_short: shortfalls });
    render(<TargetCard indicator={unmet} onShowFallingShort={onShow} />);
    expect(screen.getByTestId('standing')).toHaveTextContent('Chưa đạt');
    await userEvent.click(screen.getByRole('button', { name: 'Xem đơn vị chưa đạt (2)' }));
    expect(onShow).toHaveBeenCalledWith(unmet);
  });

  it('says when there is nothing to count yet, and offers no list', () => {
    render(
      <TargetCard
        indicator={indicator({ value: null, met: null, numerator: 0, denominator: 0 })}
        onShowFallingShort={vi.fn()}
      />,
    );
    expect(screen.getByTestId('standing')).toHaveTextContent('Chưa có số liệu');
    expect(screen.getByTestId('value')).toHaveTextContent('—');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('writes out the reasons on a unit scorecard', () => {
    render(
      <TargetCard indicator={indicator({ falling_short: shortfalls.slice(0, 1) })} showReasons />,
    );
    expect(screen.getByRole('listitem')).toHaveTextContent('Chưa ban hành kế hoạch');
  });

  it('marks a target about other kinds of unit as not applicable', () => {
    render(<TargetCard indicator={indicator({ applies: false, met: null })} />);
    expect(screen.getByTestId('standing')).toHaveTextContent('Không áp dụng');
  });
});
