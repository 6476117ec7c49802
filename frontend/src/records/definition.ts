import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import type { FieldDef } from './fields';
import type { RecordResource, Versioned } from './http';

export type FilterKind = 'enum' | 'unit' | 'boolean' | 'year' | 'date' | 'text' | 'number';

export interface FilterDef {
  /** The API's query parameter (`kind`, `unit_id`, `from`). */
  name: string;
  label: string;
  kind: FilterKind;
  /** For `enum`: the name in `GET /meta/enums`. */
  enumName?: string;
  /** For `boolean`: the labels of true and false (default Có / Không). */
  yes?: string;
  no?: string;
  /** The value as the API wants it, when not as the address keeps it (a date → a time). */
  toQuery?: (value: string) => string;
}

/** Helpers a column's or a detail item's render gets (labels come from the API). */
export interface RenderContext {
  enumLabel: (enumName: string, value: string | null | undefined) => string;
  unitName: (id: number | null | undefined) => string;
}

export interface ColumnDef<Row> {
  key: string;
  title: string;
  /** The API's sort field when the column sorts (`name`, `-created_at` sorts descending). */
  sort?: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  render: (row: Row, ctx: RenderContext) => ReactNode;
}

export interface DetailItem<Row> {
  label: string;
  render: (row: Row, ctx: RenderContext) => ReactNode;
  /** A whole line of the description list. */
  wide?: boolean;
}

/** Everything a kind of record needs for its list, detail, create and edit screens. */
export interface RecordDefinition<Row extends Versioned> {
  /** Route under the app (`/units`); the list is there, `new`, `:id` and `:id/edit` below it. */
  basePath: string;
  /** The list's title (`Đơn vị`) and one record in a sentence (`đơn vị`). */
  title: string;
  noun: string;
  resource: RecordResource<Row>;
  /** One record's heading (`UBND phường Hoa Lư`). */
  recordTitle: (row: Row) => string;
  columns: ColumnDef<Row>[];
  filters?: FilterDef[];
  /** Placeholder of the `q` box; `false` when the API has no search. */
  search?: string | false;
  defaultSort?: string;
  /** File name when the list endpoint exports CSV (`format=csv`), else no export button. */
  csvName?: string;
  detail?: DetailItem<Row>[];
  /** Extra sections below the detail (tasks, findings, attendance). */
  detailSections?: (row: Row, me: Me) => ReactNode;
  /** Buttons beside Sửa / Xóa on the detail (actions of the record). */
  detailActions?: (row: Row, me: Me) => ReactNode;
  fields?: FieldDef[];
  canCreate?: (me: Me) => boolean;
  canEdit?: (me: Me, row: Row) => boolean;
  canDelete?: (me: Me, row: Row) => boolean;
  /** Shown once after a create (a client's secret); the detail opens when it is closed. */
  afterCreate?: (row: Row) => ReactNode;
  /** No detail page: rows expand in place (audit log). */
  expandRow?: (row: Row, ctx: RenderContext) => ReactNode;
}
