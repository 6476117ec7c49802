import { Select } from 'antd';
import { useId } from 'react';
import { selectableYears } from './useYear';

interface YearSelectProps {
  year: number;
  onChange: (year: number) => void;
}

export function YearSelect({ year, onChange }: YearSelectProps) {
  const id = useId();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <label htmlFor={id}>Năm</label>
      <Select
        id={id}
        value={year}
        onChange={onChange}
        options={selectableYears().map((value) => ({ value, label: String(value) }))}
        style={{ width: 110 }}
      />
    </span>
  );
}
