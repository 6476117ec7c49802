import { Tag } from 'antd';
import { useEnumLabel } from '../../meta/useEnums';
import type { Completeness, ReportStatus } from './api';

// Solid colours with white text (Ant's light presets fall below AA contrast).
const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: '#595959',
  submitted: '#0958d9',
  returned: '#ad4e00',
  accepted: '#237804',
};
const COMPLETENESS_COLORS: Record<Completeness, string> = {
  not_started: '#595959',
  draft: '#595959',
  submitted_on_time: '#0958d9',
  submitted_late: '#a8071a',
  returned: '#ad4e00',
  accepted: '#237804',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const label = useEnumLabel('report_status');
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="report-status">
      {label(status)}
    </Tag>
  );
}

export function CompletenessTag({ completeness }: { completeness: Completeness }) {
  const label = useEnumLabel('report_completeness');
  return (
    <Tag color={COMPLETENESS_COLORS[completeness]} data-testid="completeness">
      {label(completeness)}
    </Tag>
  );
}

export const OVERDUE_COLOR = '#a8071a';
