import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/problem';
import { useMe } from '../auth/context';
import { PageHeader } from '../components/PageHeader';
import { QueryError } from '../components/QueryError';
import { formatNumber } from '../format/format';
import { recordKeys, useRenderContext } from './context';
import type { FilterDef, RecordDefinition } from './definition';
import { ListFilter } from './filters';
import type { Query, Versioned } from './http';
import {
  changeListState,
  csvQuery,
  listQuery,
  type ListState,
  orderOf,
  PAGE_SIZES,
  readListState,
  sortOf,
  writeListState,
} from './listState';

/** The API query with each filter as the API wants it. */
function apiQuery(query: Query, filters: readonly FilterDef[]): Query {
  const out: Query = { ...query };
  for (const filter of filters) {
    const value = out[filter.name];
    if (filter.toQuery && typeof value === 'string') out[filter.name] = filter.toQuery(value);
  }
  return out;
}

/** The list state kept in the address bar. */
export function useListState(filterNames: readonly string[], defaultSort?: string) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(
    () => readListState(params, filterNames, defaultSort),
    [params, filterNames, defaultSort],
  );
  const update = (change: Partial<ListState>) =>
    setParams(writeListState(changeListState(state, change), defaultSort), { replace: true });
  return [state, update] as const;
}

function SearchBox({
  value,
  placeholder,
  onSearch,
}: {
  value: string;
  placeholder: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  return (
    <Input.Search
      aria-label="Tìm kiếm"
      placeholder={placeholder}
      allowClear
      enterButton="Tìm"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        if (!event.target.value) onSearch('');
      }}
      onSearch={(next) => onSearch(next)}
      style={{ width: 340, maxWidth: '100%' }}
    />
  );
}

/** A list screen: search, filters, sortable columns, pages and CSV export, all in the address. */
export function RecordList<Row extends Versioned>({ def }: { def: RecordDefinition<Row> }) {
  const me = useMe();
  const ctx = useRenderContext();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const filters = useMemo(() => def.filters ?? [], [def.filters]);
  const filterNames = useMemo(() => filters.map((filter) => filter.name), [filters]);
  const [state, update] = useListState(filterNames, def.defaultSort);
  const query = apiQuery(listQuery(state), filters);
  const list = useQuery({
    queryKey: recordKeys.list(def.resource.path, query),
    queryFn: () => def.resource.list(query),
    placeholderData: keepPreviousData,
  });
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      await def.resource.downloadCsv(
        apiQuery(csvQuery(state), filters),
        def.csvName ?? 'danh-sach.csv',
      );
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  }

  const columns = def.columns.map((column, index) => ({
    key: column.key,
    title: column.title,
    width: column.width,
    align: column.align,
    sorter: column.sort ? true : undefined,
    sortOrder: column.sort ? orderOf(state.sort, column.sort) : undefined,
    render: (_: unknown, row: Row) => {
      const content = column.render(row, ctx);
      return index === 0 && !def.expandRow ? (
        <Link to={`${def.basePath}/${row.id}`}>{content}</Link>
      ) : (
        content
      );
    },
  }));

  return (
    <>
      <PageHeader
        title={def.title}
        subtitle={list.data ? `${formatNumber(list.data.total)} ${def.noun}` : undefined}
        actions={
          <>
            {def.csvName && (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                loading={exporting}
                onClick={() => void exportCsv()}
              >
                Xuất CSV
              </Button>
            )}
            {def.canCreate?.(me) && def.fields && (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => navigate(`${def.basePath}/new`)}
              >
                Thêm {def.noun}
              </Button>
            )}
          </>
        }
      />
      <Card
        size="small"
        role="search"
        aria-label={`Lọc ${def.title.toLocaleLowerCase('vi')}`}
        style={{ marginBottom: 16 }}
      >
        <Flex gap={8} wrap align="center">
          {def.search !== false && (
            <SearchBox
              key={state.q}
              value={state.q}
              placeholder={def.search ?? 'Tìm (không cần gõ dấu)'}
              onSearch={(q) => update({ q })}
            />
          )}
          {filters.map((filter) => (
            <ListFilter
              key={`${filter.name}:${state.filters[filter.name] ?? ''}`}
              filter={filter}
              value={state.filters[filter.name]}
              onChange={(value) => {
                const next = { ...state.filters };
                if (value) next[filter.name] = value;
                else delete next[filter.name];
                update({ filters: next });
              }}
            />
          ))}
          {(state.q || Object.keys(state.filters).length > 0) && (
            <Button type="link" onClick={() => update({ q: '', filters: {} })}>
              Bỏ lọc
            </Button>
          )}
        </Flex>
      </Card>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'Không có bản ghi nào' }}
        expandable={
          def.expandRow ? { expandedRowRender: (row) => def.expandRow?.(row, ctx) } : undefined
        }
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total, [from, to]) =>
            `${formatNumber(from)}–${formatNumber(to)} / ${formatNumber(total)}`,
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Row>;
            const column = def.columns.find((candidate) => candidate.key === one?.columnKey);
            update({
              sort: column?.sort
                ? (sortOf(column.sort, one.order) ?? def.defaultSort)
                : def.defaultSort,
            });
          } else if (extra.action === 'paginate') {
            update({
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? state.pageSize,
            });
          }
        }}
      />
    </>
  );
}
