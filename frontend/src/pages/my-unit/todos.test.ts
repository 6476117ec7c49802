import { describe, expect, it } from 'vitest';
import type { IndicatorReport } from '../../api/types';
import { dashboard, indicator } from '../../test/fixtures';
import { unitTodos } from './todos';

const unit = { id: 40, code: 'P-HOALU', name: 'UBND phường Hoa Lư', kind: 'ward' as const };

function report(indicators = [indicator()]): IndicatorReport {
  return { year: 2026, as_of: '2026-12-02', unit, indicators };
}

describe('unitTodos', () => {
  it('puts overdue work first, then unmet targets with their reasons', () => {
    const unmet = indicator({
      code: 'CT2',
      falling_short: [
        {
          unit_id: 40,
          code: 'P-HOALU',
          name: unit.name,
          reason: 'Chưa có hoạt động tuyên truyền',
          value: 0,
        },
      ],
    });
    const data = dashboard({
      plan_tasks: { open: 4, overdue: 2, by_unit: [] },
      head_reception: [
        {
          month: '202611',
          label: 'Tháng 11/2026',
          units_checked: 129,
          falling_short: [
            {
              unit_id: 40,
              code: 'P-HOALU',
              name: unit.name,
              rule: 'weekly',
              required: 4,
              held: 1,
              days: 1,
            },
          ],
        },
      ],
    });
    const todos = unitTodos(report([unmet, indicator({ code: 'CT6', met: true })]), data);
    expect(todos.map((todo) => todo.key)).toEqual([
      'tasks-overdue',
      'head-reception',
      'target-CT2',
    ]);
    expect(todos[0]?.title).toBe('2 nhiệm vụ của kế hoạch đã quá hạn');
    expect(todos[1]?.detail).toBe('Đã tiếp / phải tiếp: Tháng 11/2026 (1/4)');
    expect(todos[2]?.detail).toBe('Chưa có hoạt động tuyên truyền');
  });

  it('lists the periodic reports not sent yet, overdue once their deadline has passed', () => {
    const period = {
      kind: '6_months' as const,
      expected: 1,
      submitted: 0,
      on_time: 0,
      share_on_time: 0,
      counts: {
        not_started: 1,
        draft: 0,
        submitted_on_time: 0,
        submitted_late: 0,
        returned: 0,
        accepted: 0,
      },
    };
    const data = dashboard({
      as_of: '2026-12-02',
      reporting: [
        { ...period, period_id: 1, label: 'Báo cáo 6 tháng', deadline: '2026-06-20' },
        { ...period, period_id: 2, label: 'Báo cáo năm', deadline: '2026-12-20' },
        { ...period, period_id: 3, label: 'Đã nộp', deadline: '2026-06-20', submitted: 1 },
      ],
    });
    const todos = unitTodos(report([indicator({ met: true })]), data);
    expect(todos).toEqual([
      {
        key: 'report-1',
        severity: 'overdue',
        title: 'Chưa nộp, đã quá hạn: Báo cáo 6 tháng',
        detail: 'Hạn nộp 20/06/2026',
      },
      {
        key: 'report-2',
        severity: 'attention',
        title: 'Chưa nộp: Báo cáo năm',
        detail: 'Hạn nộp 20/12/2026',
      },
    ]);
  });

  it('is empty for a unit that owes nothing', () => {
    expect(unitTodos(report([indicator({ met: true })]), dashboard())).toEqual([]);
  });

  it('leaves out targets that do not apply or have no data yet', () => {
    const todos = unitTodos(
      report([indicator({ applies: false, met: false }), indicator({ code: 'CT3a', met: null })]),
      dashboard(),
    );
    expect(todos).toEqual([]);
  });
});
