import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Spin } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { useMe } from '../auth/context';
import { PageHeader } from '../components/PageHeader';
import { QueryError } from '../components/QueryError';
import { NotAllowed, NotFound } from '../pages/Problems';
import { RECORDS_KEY, recordKeys, useRenderContext } from './context';
import type { RecordDefinition } from './definition';
import type { Versioned } from './http';
import { FailureAlert, RecordForm } from './RecordForm';
import { RecordList } from './RecordList';

function useRecord<Row extends Versioned>(def: RecordDefinition<Row>) {
  const { id = '' } = useParams();
  const record = useQuery({
    queryKey: recordKeys.item(def.resource.path, id),
    queryFn: () => def.resource.get(id),
    enabled: /^\d+$/.test(id),
  });
  return { id, record };
}

function Crumbs({ def, title }: { def: RecordDefinition<Versioned>; title: string }) {
  return (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to={def.basePath}>{def.title}</Link> }, { title }]}
    />
  );
}

/** A confirmation, then DELETE with If-Match; a 409/412 is shown where the buttons are. */
export function DeleteButton({
  noun,
  label,
  onDelete,
  onDeleted,
  onFailed,
}: {
  noun: string;
  label: string;
  onDelete: () => Promise<void>;
  onDeleted: () => void;
  onFailed: (error: unknown) => void;
}) {
  const { modal } = App.useApp();
  return (
    <Button
      danger
      icon={<DeleteOutlined aria-hidden />}
      onClick={() =>
        modal.confirm({
          title: `Xóa ${noun} này?`,
          content: `“${label}” sẽ bị xóa. Thao tác này không hoàn tác được.`,
          okText: 'Xóa',
          okButtonProps: { danger: true },
          cancelText: 'Không xóa',
          onOk: async () => {
            try {
              await onDelete();
              onDeleted();
            } catch (error) {
              onFailed(error);
            }
          },
        })
      }
    >
      Xóa
    </Button>
  );
}

function DetailPage<Row extends Versioned>({ def }: { def: RecordDefinition<Row> }) {
  const me = useMe();
  const ctx = useRenderContext();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { record } = useRecord(def);
  const [failure, setFailure] = useState<unknown>(null);

  if (record.isPending) return <Spin />;
  if (record.isError)
    return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  const row = record.data;
  const title = def.recordTitle(row);

  return (
    <>
      <Crumbs def={def as unknown as RecordDefinition<Versioned>} title={title} />
      <PageHeader
        title={title}
        subtitle={def.noun}
        actions={
          <>
            {def.detailActions?.(row, me)}
            {def.fields && def.canEdit?.(me, row) && (
              <Button
                type="primary"
                icon={<EditOutlined aria-hidden />}
                onClick={() => navigate(`${def.basePath}/${row.id}/edit`)}
              >
                Sửa
              </Button>
            )}
            {def.canDelete?.(me, row) && (
              <DeleteButton
                noun={def.noun}
                label={title}
                onDelete={() => def.resource.remove(row)}
                onDeleted={() => {
                  void message.success(`Đã xóa ${def.noun}.`);
                  void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
                  navigate(def.basePath);
                }}
                onFailed={setFailure}
              />
            )}
          </>
        }
      />
      {failure !== null && (
        <FailureAlert
          error={failure}
          onReload={() => {
            setFailure(null);
            void record.refetch();
          }}
        />
      )}
      {def.detail && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={def.detail.map((item) => ({
              key: item.label,
              label: item.label,
              span: item.wide ? 'filled' : 1,
              children: item.render(row, ctx),
            }))}
          />
        </Card>
      )}
      {def.detailSections?.(row, me)}
    </>
  );
}

function EditPage<Row extends Versioned>({ def }: { def: RecordDefinition<Row> }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { record } = useRecord(def);

  if (record.isPending) return <Spin />;
  if (record.isError)
    return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  const row = record.data;
  if (!def.fields || !def.canEdit?.(me, row)) return <NotAllowed />;
  const title = def.recordTitle(row);
  return (
    <>
      <Crumbs def={def as unknown as RecordDefinition<Versioned>} title={title} />
      <PageHeader title={`Sửa ${def.noun}`} subtitle={title} />
      <Card size="small">
        <RecordForm<Row>
          key={row.version}
          name={`${def.basePath.slice(1).replaceAll('/', '-')}-edit`}
          fields={def.fields}
          record={row}
          onSubmit={(body) => def.resource.update(row, body)}
          onSaved={() => {
            void message.success('Đã lưu thay đổi.');
            void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
            navigate(`${def.basePath}/${row.id}`);
          }}
          onCancel={() => navigate(`${def.basePath}/${row.id}`)}
          onReload={() => void record.refetch()}
        />
      </Card>
    </>
  );
}

function CreatePage<Row extends Versioned>({ def }: { def: RecordDefinition<Row> }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  if (!def.fields || !def.canCreate?.(me)) return <NotAllowed />;

  function saved(result: unknown) {
    const row = result as Row;
    void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
    const next = def.expandRow ? def.basePath : `${def.basePath}/${row.id}`;
    if (def.afterCreate) {
      modal.info({
        title: `Đã tạo ${def.noun}`,
        content: def.afterCreate(row),
        okText: 'Tôi đã lưu lại',
        width: 560,
        onOk: () => navigate(next),
      });
    } else {
      void message.success(`Đã tạo ${def.noun}.`);
      navigate(next);
    }
  }

  return (
    <>
      <Crumbs def={def as unknown as RecordDefinition<Versioned>} title="Thêm mới" />
      <PageHeader title={`Thêm ${def.noun}`} />
      <Card size="small">
        <RecordForm<Row>
          name={`${def.basePath.slice(1).replaceAll('/', '-')}-new`}
          fields={def.fields}
          onSubmit={(body) => def.resource.create(body)}
          onSaved={saved}
          onCancel={() => navigate(def.basePath)}
        />
      </Card>
    </>
  );
}

/**
 * Every screen of one kind of record under its route (`<Route path="units/*">`):
 * the list at the route, `new`, `:id` (detail) and `:id/edit`.
 */
export function RecordScreens<Row extends Versioned>({ def }: { def: RecordDefinition<Row> }) {
  return (
    <Routes>
      <Route index element={<RecordList def={def} />} />
      <Route path="new" element={<CreatePage def={def} />} />
      <Route path=":id" element={def.expandRow ? <NotFound /> : <DetailPage def={def} />} />
      <Route path=":id/edit" element={<EditPage def={def} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
