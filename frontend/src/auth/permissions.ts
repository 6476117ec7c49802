import type { Me } from '../api/types';

// Permission names as `GET /auth/me` lists them (api/auth/policy.py's Perm).
export type Permission =
  | 'indicators:read'
  | 'imports:read'
  | 'units:write'
  | 'users:write'
  | 'plans:write'
  | 'activities:write'
  | 'survey_results:write'
  | 'evaluations:write'
  | 'receptions:write'
  | 'inspections:write';

export type Reach = 'any' | 'own';

export function reach(me: Me, permission: Permission): Reach | null {
  const granted = me.permissions[permission];
  return granted === 'any' || granted === 'own' ? granted : null;
}

export function can(me: Me, permission: Permission): boolean {
  return reach(me, permission) !== null;
}
