import type { ImportKind, Me } from '../../api/types';
import { type Permission, can } from '../../auth/permissions';

// The permission each kind needs (api/imports/kinds/*: `perm=`). `GET /imports/kinds` does not
// say it yet, so it is mirrored here to offer each person only the kinds they may import.
const KIND_PERMISSION: Record<string, Permission> = {
  units: 'units:write',
  users: 'users:write',
  officials: 'activities:write',
  activities: 'activities:write',
  attendance: 'activities:write',
  plans: 'plans:write',
  'plan-tasks': 'plans:write',
  evaluations: 'evaluations:write',
  'survey-results': 'survey_results:write',
  receptions: 'receptions:write',
  petitions: 'receptions:write',
  inspections: 'inspections:write',
  recommendations: 'inspections:write',
};

/** A kind unknown here is offered: the server decides, and a refusal is shown as such. */
export function mayImport(me: Me, kindName: string): boolean {
  const permission = KIND_PERMISSION[kindName];
  return permission === undefined || can(me, permission);
}

export function importableKinds(me: Me, kinds: readonly ImportKind[]): ImportKind[] {
  return kinds.filter((kind) => mayImport(me, kind.name));
}

export function canImportAnything(me: Me): boolean {
  return Object.values(KIND_PERMISSION).some((permission) => can(me, permission));
}
