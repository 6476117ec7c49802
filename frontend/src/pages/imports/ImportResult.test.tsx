import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportColumn } from '../../api/types';
import { importReport } from '../../test/fixtures';
import { ImportResult } from './ImportResult';

const columns: ImportColumn[] = [
  { name: 'unit_code', label: 'Đơn vị', required: true, choices: [] },
  { name: 'full_name', label: 'Họ và tên', required: true, choices: [] },
];

const errors = Array.from({ length: 12 }, (_, i) => ({
  row: i + 2,
  column: i % 2 ? 'full_name' : 'unit_code',
  code: 'invalid',
  message: `Lỗi số ${i + 1}`,
}));

function statistic(label: string) {
  return screen.getByText(label).closest('.ant-statistic') as HTMLElement;
}

describe('ImportResult', () => {
  it('shows what a clean dry run would write, and that nothing is written yet', () => {
    render(
      <ImportResult
        report={importReport({ rows: 3, created: 2, unchanged: 1 })}
        columns={columns}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Tệp hợp lệ, chưa ghi gì');
    expect(within(statistic('Sẽ thêm mới')).getByText('2')).toBeInTheDocument();
    expect(within(statistic('Không đổi')).getByText('1')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists the errors by row with the spreadsheet column names, ten to a page', async () => {
    const report = importReport({ rows: 12, created: 0, failed: 12, errors });
    render(<ImportResult report={report} columns={columns} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Có 12 dòng lỗi: chưa ghi gì vào hệ thống',
    );
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(11); // header + 10
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(first).getByText('2')).toBeInTheDocument();
    expect(within(first).getByText('Đơn vị')).toBeInTheDocument();
    expect(within(first).getByText('Lỗi số 1')).toBeInTheDocument();

    await userEvent.click(screen.getByTitle('2'));
    expect(within(screen.getByRole('table')).getByText('Lỗi số 12')).toBeInTheDocument();
    expect(within(screen.getByRole('table')).getByText('Họ và tên')).toBeInTheDocument();
  });

  it('offers the errors as CSV', async () => {
    const onDownload = vi.fn();
    const report = importReport({ failed: 1, errors: errors.slice(0, 1) });
    render(<ImportResult report={report} columns={columns} onDownloadErrors={onDownload} />);
    await userEvent.click(screen.getByRole('button', { name: /errors\.csv/ }));
    expect(onDownload).toHaveBeenCalledWith(report);
  });

  it('confirms a commit with the counts written', () => {
    render(
      <ImportResult
        report={importReport({ dry_run: false, committed: true, created: 3 })}
        columns={columns}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Đã ghi vào hệ thống.');
    expect(within(statistic('Thêm mới')).getByText('3')).toBeInTheDocument();
  });
});
