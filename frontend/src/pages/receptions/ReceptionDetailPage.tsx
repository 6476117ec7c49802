import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useMe } from '../../auth/context';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime, NO_VALUE } from '../../format/format';
import { DeleteButton, FailureAlert, RecordForm, useRenderContext } from '../../records';
import { invalidateReceptionData } from '../petitions/api';
import {
  filePetition,
  mayWriteFor,
  type Reception,
  receptionFields,
  receptionKey,
  receptions,
} from './receptions';

function ReceptionNotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="Không tìm thấy buổi tiếp công dân"
      subTitle="Bản ghi này không có, hoặc không thuộc phạm vi bạn được xem."
      extra={
        <Button type="primary" onClick={() => navigate('/receptions')}>
          Về danh sách tiếp công dân
        </Button>
      }
    />
  );
}

function Facts({ reception }: { reception: Reception }) {
  const ctx = useRenderContext();
  const items = [
    { key: 'unit', label: 'Đơn vị tiếp', children: ctx.unitName(reception.unit_id) },
    { key: 'at', label: 'Thời điểm tiếp', children: formatDateTime(reception.received_at) },
    {
      key: 'session',
      label: 'Hình thức tiếp',
      children: ctx.enumLabel('reception_session_type', reception.session_type),
    },
    {
      key: 'receiver',
      label: 'Người tiếp',
      children: (
        <>
          {reception.receiver_name}
          {reception.head_in_person && (
            <Tag style={{ marginInlineStart: 8 }}>Thủ trưởng trực tiếp</Tag>
          )}
        </>
      ),
    },
    { key: 'citizen', label: 'Công dân', children: reception.citizen_name },
    { key: 'id_number', label: 'Số CCCD', children: reception.citizen_id_number ?? NO_VALUE },
    { key: 'address', label: 'Địa chỉ', children: reception.citizen_address || NO_VALUE },
    {
      key: 'group',
      label: 'Số người',
      children: (
        <>
          {reception.group_size}
          {reception.is_crowd && <Tag style={{ marginInlineStart: 8 }}>Đoàn đông người</Tag>}
        </>
      ),
    },
    {
      key: 'case_type',
      label: 'Loại vụ việc',
      children: ctx.enumLabel('petition_case_type', reception.case_type),
    },
    {
      key: 'field',
      label: 'Lĩnh vực',
      children: ctx.enumLabel('reception_field', reception.field),
    },
    {
      key: 'result',
      label: 'Kết quả tiếp',
      children: ctx.enumLabel('reception_result', reception.result),
    },
    { key: 'reply', label: 'Hạn trả lời công dân', children: formatDate(reception.reply_due_on) },
    {
      key: 'petition',
      label: 'Đơn thư',
      children: reception.petition_id ? (
        <Link to={`/petitions/${reception.petition_id}`}>
          Xem đơn thư số {reception.petition_id}
        </Link>
      ) : (
        'Chưa có'
      ),
    },
    { key: 'content', label: 'Nội dung', span: 'filled' as const, children: reception.content },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />;
}

export default function ReceptionDetailPage() {
  const me = useMe();
  const id = Number(useParams().receptionId);
  const valid = Number.isInteger(id) && id > 0;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [filing, setFiling] = useState(false);
  const fields = useMemo(() => receptionFields(me), [me]);
  const reception = useQuery({
    queryKey: receptionKey(id),
    queryFn: () => receptions.get(id),
    enabled: valid,
  });

  if (!valid || (reception.error instanceof ApiError && reception.error.status === 404)) {
    return <ReceptionNotFound />;
  }
  if (reception.isError) {
    return <QueryError error={reception.error} onRetry={() => void reception.refetch()} />;
  }
  if (!reception.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const row = reception.data;
  const writable = mayWriteFor(me, row.unit_id);

  async function file() {
    setFiling(true);
    setFailure(null);
    try {
      const updated = await filePetition(id);
      queryClient.setQueryData(receptionKey(id), updated);
      void invalidateReceptionData(queryClient);
      void message.success('Đã tạo đơn thư từ buổi tiếp.');
      if (updated.petition_id) navigate(`/petitions/${updated.petition_id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setFiling(false);
    }
  }

  function reload() {
    setFailure(null);
    void reception.refetch();
  }

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/receptions">Tiếp công dân</Link> },
          { title: row.citizen_name },
        ]}
      />
      <PageHeader
        title={`Tiếp công dân: ${row.citizen_name}`}
        subtitle={formatDateTime(row.received_at)}
        actions={
          writable &&
          !editing && (
            <>
              {row.petition_id == null && (
                <Button icon={<FileAddOutlined aria-hidden />} loading={filing} onClick={file}>
                  Tạo đơn thư từ buổi tiếp
                </Button>
              )}
              <Button
                type="primary"
                icon={<EditOutlined aria-hidden />}
                onClick={() => setEditing(true)}
              >
                Sửa
              </Button>
              <DeleteButton
                noun="buổi tiếp công dân"
                label={`${row.citizen_name}, ${formatDateTime(row.received_at)}`}
                onDelete={() => receptions.remove(row)}
                onDeleted={() => {
                  void message.success('Đã xóa buổi tiếp công dân.');
                  void invalidateReceptionData(queryClient);
                  navigate('/receptions');
                }}
                onFailed={setFailure}
              />
            </>
          )
        }
      />
      {failure !== null && <FailureAlert error={failure} onReload={reload} />}
      <Card size="small" title={editing ? 'Sửa buổi tiếp công dân' : undefined}>
        {editing ? (
          <RecordForm<Reception>
            key={row.version}
            name="reception-edit"
            fields={fields}
            record={row}
            onSubmit={(body) => receptions.update(row, body)}
            onSaved={(updated) => {
              queryClient.setQueryData(receptionKey(id), updated);
              void invalidateReceptionData(queryClient);
              void message.success('Đã lưu thay đổi.');
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
            onReload={() => void reception.refetch()}
          />
        ) : (
          <Facts reception={row} />
        )}
      </Card>
    </>
  );
}
