import type { Dashboard, Indicator, ImportReport, Me } from '../api/types';

export function indicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    code: 'CT1',
    name: 'Cơ quan, đơn vị, địa phương ban hành kế hoạch thực hiện Chỉ thị số 05-CT/TU',
    target: 1,
    applies: true,
    value: 0.875,
    numerator: 7,
    denominator: 8,
    met: false,
    as_of: '2026-12-02',
    falling_short: [],
    ...overrides,
  };
}

export function importReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    id: 17,
    kind: 'officials',
    file_name: 'can-bo.csv',
    encoding: 'utf-8',
    dry_run: true,
    atomic: true,
    committed: false,
    rows: 3,
    created: 3,
    updated: 0,
    unchanged: 0,
    failed: 0,
    actor_name: 'sonv',
    at: '2026-12-02T09:47:45+07:00',
    errors: [],
    ...overrides,
  };
}

export function me(overrides: Partial<Me> = {}): Me {
  return {
    kind: 'user',
    id: 6,
    username: 'canbo.hoalu',
    full_name: 'Cán bộ UBND phường Hoa Lư',
    role: 'unit_officer',
    unit_id: 40,
    unit_code: 'X-HOALU',
    unit_name: 'UBND phường Hoa Lư',
    scopes: [],
    permissions: { 'indicators:read': 'own', 'activities:write': 'own', 'plans:write': 'own' },
    ...overrides,
  };
}

const figures = {
  received: 0,
  resolved: 0,
  resolved_on_time: 0,
  on_time_rate: null,
  open: 0,
  overdue: 0,
  prolonged: 0,
  over_level: 0,
};
const levels = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };

export function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    year: 2026,
    as_of: '2026-12-02',
    unit_id: 40,
    satisfaction: {
      target_all: 0.9,
      target_land_construction_investment: 0.85,
      total: { answers: 0, satisfied: 0, rate: null, levels },
      by_month: [],
      by_field: [],
    },
    petitions: { total: figures, by_unit: [], by_field: [], by_case_type: [] },
    receptions: { sessions: 0, head_in_person: 0, crowd: 0, citizens: 0 },
    head_reception: [],
    recommendations: { open: 0, overdue: 0, by_unit: [] },
    plan_tasks: { open: 0, overdue: 0, by_unit: [] },
    reporting: [],
    ...overrides,
  };
}
