// The fields a record form may have, how each is drawn, and how values pass between the API
// (ISO dates, null for empty) and the form (dayjs, undefined).
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { KeyboardEvent, ReactNode } from 'react';
import { useEnumChoices } from '../meta/useEnums';
import { UnitSelect } from './units';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'email'
  | 'password'
  | 'number'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'enums'
  | 'unit'
  | 'boolean';

export interface FieldDef {
  /** The API's field name (`unit_id`): 422 errors with this `loc` are shown next to it. */
  name: string;
  label: string;
  kind: FieldKind;
  /** For `enum`/`enums`: the name in `GET /meta/enums` (labels are never typed in the app). */
  enumName?: string;
  required?: boolean;
  help?: ReactNode;
  /** Only when creating (a username), or only when editing. */
  only?: 'create' | 'edit';
  min?: number;
  max?: number;
  maxLength?: number;
  /** A whole row of the form rather than half (long texts). */
  wide?: boolean;
  /** The value a new record's form starts with. */
  initial?: unknown;
  /** Shown (and sent) only while the form's values pass this test (a case type's flags). */
  when?: (values: FormValues) => boolean;
}

export type FormValues = Record<string, unknown>;

const DATE = 'YYYY-MM-DD';

function toApi(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === '' || value === null) {
    return field.kind === 'boolean' ? false : field.kind === 'enums' ? [] : null;
  }
  if (dayjs.isDayjs(value)) {
    return field.kind === 'date' ? value.format(DATE) : value.second(0).millisecond(0).format();
  }
  if (typeof value === 'string') return value.normalize('NFC').trim() || null;
  return value;
}

function toForm(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return field.kind === 'boolean' ? false : undefined;
  if ((field.kind === 'date' || field.kind === 'datetime') && typeof value === 'string') {
    return dayjs(value);
  }
  return value;
}

/** The form's starting values: the record's when editing, the fields' `initial` otherwise. */
export function formValues(fields: readonly FieldDef[], row?: object): FormValues {
  const source = (row ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of fields) {
    values[field.name] = toForm(field, row ? source[field.name] : field.initial);
  }
  return values;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The request body: on create, every field with a value; on edit, only what changed (a PATCH
 * never resends a value the person did not touch, nor turns an untouched one into null).
 */
export function apiBody(
  fields: readonly FieldDef[],
  values: FormValues,
  original?: object,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const before = (original ?? {}) as Record<string, unknown>;
  for (const field of fields) {
    if (field.when && !field.when(values)) continue;
    const value = toApi(field, values[field.name]);
    if (original) {
      const was = toApi(field, toForm(field, before[field.name]));
      if (!same(value, was)) body[field.name] = value;
    } else if (value !== null && !(Array.isArray(value) && value.length === 0)) {
      body[field.name] = value;
    }
  }
  return body;
}

function EnumInput({
  enumName,
  multiple,
  ...props
}: {
  enumName: string;
  multiple?: boolean;
  id?: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
}) {
  const choices = useEnumChoices(enumName);
  return (
    <Select
      {...props}
      value={props.value as string | string[] | undefined}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={choices.map((choice) => ({ value: choice.value, label: choice.label }))}
    />
  );
}

// Enter confirms a typed date in the picker; it must not also submit the whole form.
function keepFormOpen(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

/** The input of one field (Form.Item passes `id`, `value` and `onChange`). */
export function FieldInput({ field, ...control }: { field: FieldDef } & Record<string, unknown>) {
  // Form.Item's id, value and onChange, handed on to the input it draws.
  const p = control as Record<string, never>;
  switch (field.kind) {
    case 'textarea':
      return (
        <Input.TextArea {...p} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={field.maxLength} />
      );
    case 'email':
      return <Input {...p} type="email" autoComplete="off" maxLength={field.maxLength} />;
    case 'password':
      return <Input.Password {...p} autoComplete="new-password" maxLength={field.maxLength} />;
    case 'number':
      return <InputNumber {...p} min={field.min} max={field.max} style={{ width: '100%' }} />;
    case 'date':
      return (
        <DatePicker {...p} format="DD/MM/YYYY" onKeyDown={keepFormOpen} style={{ width: '100%' }} />
      );
    case 'datetime':
      return (
        <DatePicker
          {...p}
          showTime={{ format: 'HH:mm' }}
          format="DD/MM/YYYY HH:mm"
          onKeyDown={keepFormOpen}
          style={{ width: '100%' }}
        />
      );
    case 'enum':
      return <EnumInput {...p} enumName={field.enumName ?? ''} />;
    case 'enums':
      return <EnumInput {...p} enumName={field.enumName ?? ''} multiple />;
    case 'unit':
      return <UnitSelect {...p} placeholder="Chọn đơn vị" />;
    case 'boolean':
      return <Switch {...p} />;
    default:
      return <Input {...p} maxLength={field.maxLength} />;
  }
}

export type { Dayjs };
