import type { ImportKind, Me } from '../../api/types';
import { type Permission, can } from '../../auth/permissions';

// The permissions some import kind needs (api/imports/kinds/*: `perm=`), so that the menu can
// offer imports before `GET /imports/kinds` has answered. Which kinds exactly is the server's
// `allowed`, not a copy of its rules.
const IMPORT_PERMISSIONS: readonly Permission[] = [
  'units:write',
  'users:write',
  'activities:write',
  'plans:write',
  'evaluations:write',
  'survey_results:write',
  'receptions:write',
  'inspections:write',
];

/** The kinds the server says the current user may import. */
export function importableKinds(kinds: readonly ImportKind[]): ImportKind[] {
  return kinds.filter((kind) => kind.allowed);
}

export function canImportAnything(me: Me): boolean {
  return IMPORT_PERMISSIONS.some((permission) => can(me, permission));
}
