import type { Me } from '../api/types';
import { type Permission, reach } from '../auth/permissions';

/**
 * Whether the menu and buttons offer a change of a record of `unitId` (the API still checks):
 * an `any` grant, or an `own` grant on a record of the person's unit (or a new record).
 */
export function mayWrite(me: Me, permission: Permission, unitId?: number | null): boolean {
  const granted = reach(me, permission);
  if (granted === 'any') return true;
  return granted === 'own' && (unitId == null || unitId === me.unit_id);
}
