import type { Me } from '../api/types';

// Permission names as `GET /auth/me` lists them (api/auth/policy.py's Perm).
export type Permission =
  | 'indicators:read'
  | 'imports:read'
  | 'units:read'
  | 'units:write'
  | 'users:read'
  | 'users:write'
  | 'clients:manage'
  | 'audit:read'
  | 'plans:read'
  | 'plans:write'
  | 'activities:read'
  | 'activities:write'
  | 'surveys:read'
  | 'survey_results:write'
  | 'evaluations:write'
  | 'receptions:read'
  | 'receptions:write'
  | 'inspections:read'
  | 'inspections:write'
  | 'reports:read'
  | 'reports:write'
  | 'reports:review';

export type Reach = 'any' | 'own';

export function reach(me: Me, permission: Permission): Reach | null {
  const granted = me.permissions[permission];
  return granted === 'any' || granted === 'own' ? granted : null;
}

export function can(me: Me, permission: Permission): boolean {
  return reach(me, permission) !== null;
}
