import { useQuery } from '@tanstack/react-query';
import { Flex, Skeleton } from 'antd';
import { dashboardQuery, indicatorsQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TargetGrid } from '../../components/TargetGrid';
import { useYear } from '../../components/useYear';
import { YearSelect } from '../../components/YearSelect';
import { formatDate } from '../../format/format';
import { TodoList } from './TodoList';
import { unitTodos } from './todos';

/** A unit officer's landing page: their unit's scorecard and what it still owes. */
export default function MyUnitPage() {
  const [year, setYear] = useYear();
  // For a unit officer the API answers with their own unit only.
  const indicators = useQuery(indicatorsQuery(year));
  const dashboard = useQuery(dashboardQuery(year));
  const report = indicators.data;
  const error = indicators.error ?? dashboard.error;

  return (
    <>
      <PageHeader
        title={report?.unit?.name ?? 'Đơn vị của tôi'}
        subtitle={
          report
            ? `Bảng chỉ tiêu năm ${year}, số liệu đến ngày ${formatDate(report.as_of)}`
            : undefined
        }
        actions={<YearSelect year={year} onChange={setYear} />}
      />
      {error && (
        <QueryError
          error={error}
          onRetry={() => void Promise.all([indicators.refetch(), dashboard.refetch()])}
        />
      )}
      {(indicators.isPending || dashboard.isPending) && !error && (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
      {report && dashboard.data && (
        <Flex vertical gap={16}>
          <TodoList todos={unitTodos(report, dashboard.data)} />
          <section aria-label="Các chỉ tiêu của đơn vị">
            <TargetGrid indicators={report.indicators.filter((i) => i.applies)} showReasons />
          </section>
        </Flex>
      )}
    </>
  );
}
