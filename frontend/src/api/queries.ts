import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  fetchDashboard,
  fetchEnums,
  fetchImportKinds,
  fetchImports,
  fetchIndicators,
  fetchMe,
} from './endpoints';
import { queryKeys } from './queryKeys';

// Reference data changes with a deployment, not during a session.
const REFERENCE = { staleTime: Infinity, gcTime: Infinity } as const;

export const meQuery = () => queryOptions({ queryKey: queryKeys.me, queryFn: fetchMe });

export const enumsQuery = () =>
  queryOptions({ queryKey: queryKeys.enums, queryFn: fetchEnums, ...REFERENCE });

export const indicatorsQuery = (year: number) =>
  queryOptions({ queryKey: queryKeys.indicators(year), queryFn: () => fetchIndicators(year) });

export const dashboardQuery = (year: number) =>
  queryOptions({ queryKey: queryKeys.dashboard(year), queryFn: () => fetchDashboard(year) });

export const importKindsQuery = () =>
  queryOptions({ queryKey: queryKeys.importKinds, queryFn: fetchImportKinds, ...REFERENCE });

export const importsQuery = (page: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: queryKeys.imports(page),
    queryFn: () => fetchImports(page),
    placeholderData: keepPreviousData,
  });
