// Units by id for every record screen: one request (the province has ~150 units) shared by
// the unit columns, the unit filters and the unit pickers.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useCallback, useMemo } from 'react';
import type { components } from '../api/schema';
import { foldVietnamese } from '../format/text';
import { resource } from './http';

export type Unit = components['schemas']['UnitRead'];

const units = resource<Unit>('/api/v1/units');

export const unitsLookupKey = ['records', 'units-lookup'] as const;

export function useUnits(): Unit[] {
  const { data } = useQuery({
    queryKey: unitsLookupKey,
    queryFn: () => units.list({ limit: 500, sort: 'code' }),
    staleTime: 5 * 60_000,
  });
  return data?.items ?? [];
}

/** id → the unit's name; `—` for none, `#id` until the units arrive. */
export function useUnitName(): (id: number | null | undefined) => string {
  const all = useUnits();
  const byId = useMemo(() => new Map(all.map((unit) => [unit.id, unit.name])), [all]);
  return useCallback((id) => (id == null ? '—' : (byId.get(id) ?? `#${id}`)), [byId]);
}

interface UnitSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** A unit picker searched by name or code without diacritics (`hoa lu` finds Hoa Lư). */
export function UnitSelect({ value, onChange, allowClear = true, ...rest }: UnitSelectProps) {
  const all = useUnits();
  const options = useMemo(
    () =>
      all.map((unit) => ({
        value: unit.id,
        label: unit.name,
        search: foldVietnamese(`${unit.code} ${unit.name} ${unit.short_name}`),
      })),
    [all],
  );
  return (
    <Select
      {...rest}
      showSearch={{
        filterOption: (input, option) => (option?.search ?? '').includes(foldVietnamese(input)),
      }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
    />
  );
}
