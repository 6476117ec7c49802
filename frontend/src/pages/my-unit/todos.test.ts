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
