import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { enumsQuery } from '../api/queries';
import type { RenderContext } from './definition';
import { useUnitName } from './units';

/** Labels of every enumeration and unit names, for columns and detail items. */
export function useRenderContext(): RenderContext {
  const { data } = useQuery(enumsQuery());
  const unitName = useUnitName();
  const enumLabel = useCallback(
    (enumName: string, value: string | null | undefined) =>
      data?.[enumName]?.find((choice) => choice.value === value)?.label ?? value ?? '—',
    [data],
  );
  return useMemo(() => ({ enumLabel, unitName }), [enumLabel, unitName]);
}

/** The query key prefix of every record screen: a change anywhere refreshes them all. */
export const RECORDS_KEY = ['records'] as const;

export const recordKeys = {
  list: (path: string, query: object) => [...RECORDS_KEY, path, 'list', query] as const,
  item: (path: string, id: string | number) => [...RECORDS_KEY, path, 'item', String(id)] as const,
};
