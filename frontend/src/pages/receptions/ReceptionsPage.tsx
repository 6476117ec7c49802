import { useMemo } from 'react';
import { useMe } from '../../auth/context';
import { RecordList } from '../../records';
import { receptionsDefinition } from './receptions';

export default function ReceptionsPage() {
  const me = useMe();
  const def = useMemo(() => receptionsDefinition(me), [me]);
  return <RecordList def={def} />;
}
