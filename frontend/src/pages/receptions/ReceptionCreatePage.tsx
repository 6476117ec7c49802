import { useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Card } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/context';
import { PageHeader } from '../../components/PageHeader';
import { NotAllowed } from '../Problems';
import { RecordForm } from '../../records';
import { invalidateReceptionData } from '../petitions/api';
import { mayWriteReceptions, type Reception, receptionFields, receptions } from './receptions';

/** Records a reception; with “Tạo đơn thư” the API files its petition in the same request. */
export default function ReceptionCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // Built when the form opens, so “now” is the moment the officer starts typing.
  const fields = useMemo(() => receptionFields(me), [me]);
  if (!mayWriteReceptions(me)) return <NotAllowed />;

  function saved(result: unknown) {
    const reception = result as Reception;
    void invalidateReceptionData(queryClient);
    if (reception.petition_id) {
      void message.success('Đã ghi buổi tiếp và tạo đơn thư.');
      navigate(`/petitions/${reception.petition_id}`);
    } else {
      void message.success('Đã ghi buổi tiếp công dân.');
      navigate(`/receptions/${reception.id}`);
    }
  }

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/receptions">Tiếp công dân</Link> }, { title: 'Thêm mới' }]}
      />
      <PageHeader
        title="Ghi buổi tiếp công dân"
        subtitle="Số CCCD là dữ liệu cá nhân: chỉ người có thẩm quyền mới xem được đầy đủ."
      />
      <Card size="small">
        <RecordForm<Reception>
          name="reception-new"
          fields={fields}
          onSubmit={(body) => receptions.create(body)}
          onSaved={saved}
          onCancel={() => navigate('/receptions')}
          submitLabel="Ghi buổi tiếp"
        />
      </Card>
    </>
  );
}
