import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { enumsQuery } from '../../api/queries';
import { FiguresTables } from './FiguresTables';
import { ENUMS, FIGURES } from './fixtures';

function renderFigures(figures = FIGURES) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(enumsQuery().queryKey, ENUMS as never);
  return render(
    <QueryClientProvider client={client}>
      <FiguresTables figures={figures} computedAt="2026-06-15T02:00:00+00:00" />
    </QueryClientProvider>,
  );
}

const section = (name: string) => screen.getByRole('region', { name });
/** The value cell next to a label cell of a bordered Descriptions. */
const valueOf = (region: HTMLElement, label: string) =>
  within(region).getByText(label).closest('th')?.nextElementSibling ?? null;

describe('the figures tables of a report', { timeout: 30_000 }, () => {
  it('the targets with their enum labels, Vietnamese percentages and met / not met', () => {
    renderFigures();
    const targets = section('Kết quả thực hiện các chỉ tiêu');
    const rows = within(targets).getAllByRole('row');
    expect(within(rows[1]!).getByText('Đơn vị ban hành kế hoạch thực hiện Chỉ thị')).toBeVisible();
    expect(within(rows[1]!).getByText('Đạt')).toBeVisible();
    expect(within(rows[2]!).getByText('Tỷ lệ người dân hài lòng')).toBeVisible();
    expect(within(rows[2]!).getByText('90%')).toBeVisible();
    expect(within(rows[2]!).getByText('81,3%')).toBeVisible();
    expect(within(rows[2]!).getByText('1.300/1.600')).toBeVisible();
    expect(within(rows[2]!).getByText('Chưa đạt')).toBeVisible();
  });

  it('the period in dd/mm/yyyy and the time of computing in the province', () => {
    renderFigures();
    expect(
      screen.getByText(/Số liệu từ ngày 15\/12\/2025 đến ngày 14\/06\/2026/),
    ).toHaveTextContent('tổng hợp lúc 15/06/2026 09:00');
  });

  it('satisfaction levels and reception session types labelled from the enums', () => {
    renderFigures();
    const satisfaction = section('Mức độ hài lòng của người dân');
    expect(valueOf(satisfaction, 'Rất hài lòng')).toHaveTextContent('900');
    expect(valueOf(satisfaction, 'Tỷ lệ hài lòng')).toHaveTextContent('81,3%');
    const receptions = section('Tiếp công dân');
    expect(valueOf(receptions, 'Số lượt công dân được tiếp')).toHaveTextContent('2.345');
    expect(valueOf(receptions, 'Thủ trưởng tiếp định kỳ')).toHaveTextContent('6');
  });

  it('petitions in total, by case type and by field', () => {
    renderFigures();
    const rows = within(section('Tiếp nhận, giải quyết đơn thư')).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'NhómTiếp nhậnĐã giải quyếtGiải quyết đúng hạnQuá hạn',
      'Tổng số4030283',
      'Loại đơn: Khiếu nại2520192',
      'Lĩnh vực: Đất đai1812111',
    ]);
  });

  it('inspections, trainings and dialogues', () => {
    renderFigures();
    const inspections = section('Kiểm tra, giám sát và kiến nghị');
    expect(valueOf(inspections, 'Kiến nghị quá hạn')).toHaveTextContent('1');
    const trainings = section('Tập huấn, bồi dưỡng');
    expect(valueOf(trainings, 'Lượt người tham dự')).toHaveTextContent('1.234');
    const dialogues = section('Đối thoại với Nhân dân');
    expect(valueOf(dialogues, 'Số buổi đối thoại')).toHaveTextContent('2');
  });

  it('says so when the report has no figures', () => {
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <FiguresTables figures={null} />
      </QueryClientProvider>,
    );
    expect(screen.getByText('Báo cáo chưa có số liệu.')).toBeVisible();
  });
});
