import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useEnumChoices } from '../meta/useEnums';
import type { FilterDef } from './definition';
import { UnitSelect } from './units';

interface FilterProps {
  filter: FilterDef;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

const WIDTH = { width: 200, maxWidth: '100%' };

function EnumFilter({ filter, value, onChange }: FilterProps) {
  const choices = useEnumChoices(filter.enumName ?? '');
  return (
    <Select
      aria-label={filter.label}
      placeholder={filter.label}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      options={choices.map((choice) => ({ value: choice.value, label: choice.label }))}
      style={WIDTH}
    />
  );
}

function TextFilter({ filter, value, onChange }: FilterProps) {
  const [text, setText] = useState(value ?? '');
  const commit = () => onChange(text.trim() || undefined);
  return (
    <Input
      aria-label={filter.label}
      placeholder={filter.label}
      value={text}
      allowClear
      onChange={(event) => {
        setText(event.target.value);
        if (!event.target.value) onChange(undefined);
      }}
      onBlur={commit}
      onPressEnter={commit}
      style={WIDTH}
    />
  );
}

const thisYear = dayjs().year();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

/** One filter of a list, labelled for screen readers by its name. */
export function ListFilter(props: FilterProps) {
  const { filter, value, onChange } = props;
  switch (filter.kind) {
    case 'enum':
      return <EnumFilter {...props} />;
    case 'unit':
      return (
        <UnitSelect
          aria-label={filter.label}
          placeholder={filter.label}
          value={value ? Number(value) : null}
          onChange={(next) => onChange(next == null ? undefined : String(next))}
          style={{ width: 260, maxWidth: '100%' }}
        />
      );
    case 'boolean':
      return (
        <Select
          aria-label={filter.label}
          placeholder={filter.label}
          allowClear
          value={value}
          onChange={(next) => onChange(next ?? undefined)}
          options={[
            { value: 'true', label: filter.yes ?? 'Có' },
            { value: 'false', label: filter.no ?? 'Không' },
          ]}
          style={WIDTH}
        />
      );
    case 'year':
      return (
        <Select
          aria-label={filter.label}
          placeholder={filter.label}
          allowClear
          value={value}
          onChange={(next) => onChange(next ?? undefined)}
          options={YEARS.map((year) => ({ value: String(year), label: String(year) }))}
          style={WIDTH}
        />
      );
    case 'date':
      return (
        <DatePicker
          aria-label={filter.label}
          placeholder={filter.label}
          format="DD/MM/YYYY"
          value={value ? dayjs(value) : null}
          onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : undefined)}
          style={{ width: 170 }}
        />
      );
    case 'number':
      return (
        <InputNumber
          aria-label={filter.label}
          placeholder={filter.label}
          min={1}
          value={value ? Number(value) : null}
          onChange={(next) => onChange(next == null ? undefined : String(next))}
          style={{ width: 170 }}
        />
      );
    default:
      return <TextFilter {...props} />;
  }
}
