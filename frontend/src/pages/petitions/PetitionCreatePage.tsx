import { useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Card } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/context';
import { reach } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { RecordForm } from '../../records';
import { NotAllowed } from '../Problems';
import { mayWriteReceptions } from '../receptions/receptions';
import { invalidateReceptionData, type Petition, petitionKey, petitions } from './api';
import { petitionCreateFields } from './petitionForm';

/** A petition received by mail, handed in, or transferred from another body. */
export default function PetitionCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // Built when the form opens, so “today” is the day the officer starts typing.
  const fields = useMemo(() => petitionCreateFields(me), [me]);
  if (!mayWriteReceptions(me)) return <NotAllowed />;
  const ownUnit = reach(me, 'receptions:write') === 'own';

  function saved(result: unknown) {
    const petition = result as Petition;
    queryClient.setQueryData(petitionKey(petition.id), petition);
    void invalidateReceptionData(queryClient);
    void message.success(`Đã thêm đơn thư số ${petition.id}.`);
    navigate(`/petitions/${petition.id}`);
  }

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/petitions">Đơn thư</Link> }, { title: 'Thêm mới' }]}
      />
      <PageHeader
        title="Thêm đơn thư"
        subtitle={
          ownUnit && me.unit_name
            ? `Đơn thư của ${me.unit_name}. Số CCCD, địa chỉ là dữ liệu cá nhân.`
            : 'Số CCCD, địa chỉ là dữ liệu cá nhân: chỉ người có thẩm quyền mới xem được đầy đủ.'
        }
      />
      <Card size="small">
        <RecordForm<Petition>
          name="petition-new"
          fields={fields}
          onSubmit={(body) => petitions.create(body)}
          onSaved={saved}
          onCancel={() => navigate('/petitions')}
          submitLabel="Thêm đơn thư"
        />
      </Card>
    </>
  );
}
