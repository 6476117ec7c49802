import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Modal, Table } from 'antd';
import { type ReactNode, useState } from 'react';
import { QueryError } from '../components/QueryError';
import { RECORDS_KEY, useRenderContext } from './context';
import type { ColumnDef, RenderContext } from './definition';
import type { FieldDef } from './fields';
import type { Versioned } from './http';
import { FailureAlert, RecordForm } from './RecordForm';
import { DeleteButton } from './RecordPages';

export interface SubRecordsProps<Row extends Versioned> {
  /** The section's heading (`Nhiệm vụ của kế hoạch`) and one row in a sentence (`nhiệm vụ`). */
  title: string;
  noun: string;
  /** Under RECORDS_KEY, so a change refreshes the parent's screens too. */
  queryKey: readonly unknown[];
  load: () => Promise<Row[]>;
  columns: ColumnDef<Row>[];
  fields?: FieldDef[];
  /** Absent when the person may not add, change or delete (the buttons are not drawn). */
  create?: (body: Record<string, unknown>) => Promise<unknown>;
  update?: (row: Row, body: Record<string, unknown>) => Promise<unknown>;
  remove?: (row: Row) => Promise<void>;
  rowTitle: (row: Row) => string;
  /** More buttons of a row (a recommendation's workflow actions). */
  rowActions?: (row: Row) => ReactNode;
  expandRow?: (row: Row, ctx: RenderContext) => ReactNode;
}

/** The child records of a detail (a plan's tasks, an inspection's findings) with their forms. */
export function SubRecords<Row extends Versioned>(props: SubRecordsProps<Row>) {
  const { title, noun, queryKey, load, columns, fields, create, update, remove, rowTitle } = props;
  const ctx = useRenderContext();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const rows = useQuery({ queryKey: [...RECORDS_KEY, ...queryKey], queryFn: load });
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
  const hasRowButtons = Boolean(update || remove || props.rowActions);

  return (
    <Card
      size="small"
      title={title}
      role="region"
      aria-label={title}
      style={{ marginBottom: 16 }}
      extra={
        create &&
        fields && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            Thêm {noun}
          </Button>
        )
      }
    >
      {rows.isError && <QueryError error={rows.error} onRetry={() => void rows.refetch()} />}
      {failure !== null && (
        <FailureAlert
          error={failure}
          onReload={() => {
            setFailure(null);
            void refresh();
          }}
        />
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={rows.isFetching}
        dataSource={rows.data}
        pagination={(rows.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: `Chưa có ${noun} nào` }}
        expandable={
          props.expandRow ? { expandedRowRender: (row) => props.expandRow?.(row, ctx) } : undefined
        }
        columns={[
          ...columns.map((column) => ({
            key: column.key,
            title: column.title,
            width: column.width,
            align: column.align,
            render: (_: unknown, row: Row) => column.render(row, ctx),
          })),
          ...(hasRowButtons
            ? [
                {
                  key: 'actions',
                  title: 'Thao tác',
                  render: (_: unknown, row: Row) => (
                    <Flex gap={4} wrap>
                      {props.rowActions?.(row)}
                      {update && fields && (
                        <Button
                          size="small"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={`Sửa ${noun}: ${rowTitle(row)}`}
                          onClick={() => setEditing(row)}
                        >
                          Sửa
                        </Button>
                      )}
                      {remove && (
                        <DeleteButton
                          noun={noun}
                          label={rowTitle(row)}
                          onDelete={() => remove(row)}
                          onDeleted={() => {
                            void message.success(`Đã xóa ${noun}.`);
                            void refresh();
                          }}
                          onFailed={setFailure}
                        />
                      )}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {fields && (
        <Modal
          open={editing !== null}
          title={editing === 'new' ? `Thêm ${noun}` : `Sửa ${noun}`}
          footer={null}
          onCancel={() => setEditing(null)}
          destroyOnHidden
          width={720}
        >
          {editing !== null && (
            <RecordForm<Row>
              key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
              name={`${noun.replaceAll(' ', '-')}-form`}
              fields={fields}
              record={editing === 'new' ? undefined : editing}
              onSubmit={(body) =>
                editing === 'new'
                  ? (create?.(body) ?? Promise.resolve())
                  : (update?.(editing, body) ?? Promise.resolve())
              }
              onSaved={() => {
                void message.success(editing === 'new' ? `Đã thêm ${noun}.` : 'Đã lưu thay đổi.');
                setEditing(null);
                void refresh();
              }}
              onReload={() => {
                void refresh().then(() => {
                  const fresh = queryClient
                    .getQueryData<Row[]>([...RECORDS_KEY, ...queryKey])
                    ?.find((candidate) => editing !== 'new' && candidate.id === editing.id);
                  setEditing(fresh ?? null);
                });
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </Modal>
      )}
    </Card>
  );
}
