import type { Dashboard, IndicatorReport } from '../../api/types';
import { formatDate, formatNumber } from '../../format/format';

export interface Todo {
  key: string;
  severity: 'overdue' | 'attention';
  title: string;
  detail?: string;
}

/** What a unit still owes this year, most urgent first: from its scorecard and dashboard. */
export function unitTodos(report: IndicatorReport, dashboard: Dashboard): Todo[] {
  const todos: Todo[] = [];
  const { petitions, plan_tasks: tasks, recommendations } = dashboard;
  if (petitions.total.overdue > 0) {
    todos.push({
      key: 'petitions-overdue',
      severity: 'overdue',
      title: `${formatNumber(petitions.total.overdue)} đơn thư đã quá hạn xử lý`,
      detail: `Đang xử lý ${formatNumber(petitions.total.open)} đơn`,
    });
  }
  if (tasks.overdue > 0) {
    todos.push({
      key: 'tasks-overdue',
      severity: 'overdue',
      title: `${formatNumber(tasks.overdue)} nhiệm vụ của kế hoạch đã quá hạn`,
      detail: `Còn ${formatNumber(tasks.open)} nhiệm vụ chưa hoàn thành`,
    });
  }
  if (recommendations.overdue > 0) {
    todos.push({
      key: 'recommendations-overdue',
      severity: 'overdue',
      title: `${formatNumber(recommendations.overdue)} kiến nghị sau kiểm tra đã quá hạn`,
      detail: `Còn ${formatNumber(recommendations.open)} kiến nghị chưa thực hiện xong`,
    });
  }
  for (const period of dashboard.reporting) {
    if (period.submitted >= period.expected) continue;
    const late = period.deadline < dashboard.as_of;
    todos.push({
      key: `report-${period.period_id}`,
      severity: late ? 'overdue' : 'attention',
      title: `${late ? 'Chưa nộp, đã quá hạn' : 'Chưa nộp'}: ${period.label}`,
      detail: `Hạn nộp ${formatDate(period.deadline)}`,
    });
  }
  const shortMonths = dashboard.head_reception.flatMap((month) => {
    const own = month.falling_short.find((row) => row.unit_id === report.unit?.id);
    return own ? [`${month.label} (${formatNumber(own.held)}/${formatNumber(own.required)})`] : [];
  });
  if (shortMonths.length > 0) {
    todos.push({
      key: 'head-reception',
      severity: 'attention',
      title: `Người đứng đầu chưa trực tiếp tiếp công dân đủ số buổi trong ${formatNumber(shortMonths.length)} tháng`,
      detail: `Đã tiếp / phải tiếp: ${shortMonths.join('; ')}`,
    });
  }
  for (const indicator of report.indicators) {
    if (!indicator.applies || indicator.met !== false) continue;
    todos.push({
      key: `target-${indicator.code}`,
      severity: 'attention',
      title: `${indicator.code} chưa đạt: ${indicator.name}`,
      detail: indicator.falling_short.map((row) => row.reason).join('; ') || undefined,
    });
  }
  return todos;
}
