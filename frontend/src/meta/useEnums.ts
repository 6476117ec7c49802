import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { enumsQuery } from '../api/queries';
import type { EnumChoice } from '../api/types';

const NO_CHOICES: EnumChoice[] = [];

/** The choices of one enumeration of `GET /meta/enums` (labels are never typed in the app). */
export function useEnumChoices(name: string): EnumChoice[] {
  const { data } = useQuery(enumsQuery());
  return data?.[name] ?? NO_CHOICES;
}

/** value → Vietnamese label for one enumeration; the raw value until the labels arrive. */
export function useEnumLabel(name: string): (value: string | null | undefined) => string {
  const choices = useEnumChoices(name);
  return useCallback(
    (value) => choices.find((choice) => choice.value === value)?.label ?? value ?? '',
    [choices],
  );
}
