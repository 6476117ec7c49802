/**
 * The records layer: list, detail, create/edit and delete screens for any kind of record,
 * from one definition. A screen is a lazily loaded module that renders
 * `<RecordScreens def={…} />` under a route `kind/*` (App.tsx), e.g. records/screens/units.tsx:
 *
 * ```tsx
 * type Unit = components['schemas']['UnitRead'];
 * const def: RecordDefinition<Unit> = {
 *   basePath: '/units', title: 'Đơn vị', noun: 'đơn vị',
 *   resource: resource<Unit>('/api/v1/units'),       // list/get/create/update/remove/CSV
 *   recordTitle: (unit) => unit.name,
 *   defaultSort: 'code',
 *   columns: [{ key: 'name', title: 'Tên', sort: 'name', render: (u) => u.name },
 *             { key: 'kind', title: 'Loại', render: (u, ctx) => ctx.enumLabel('unit_kind', u.kind) }],
 *   filters: [{ name: 'kind', label: 'Loại đơn vị', kind: 'enum', enumName: 'unit_kind' }],
 *   csvName: 'don-vi.csv',                           // only when the endpoint takes format=csv
 *   detail: [{ label: 'Mã', render: (u) => u.code }],
 *   fields: [{ name: 'code', label: 'Mã đơn vị', kind: 'text', required: true }],
 *   canCreate: (me) => reach(me, 'units:write') !== null,
 *   canEdit: (me) => …, canDelete: (me) => …,
 * };
 * export default function UnitsScreen() { return <RecordScreens def={def} />; }
 * ```
 *
 * - List state (q, filters, sort, page, size) lives in the address: `useListState`,
 *   `listQuery`/`csvQuery`/`csvUrl` (listState.ts). `q` is sent as typed: the API ignores
 *   diacritics. Filter `name`s are the API's query parameters.
 * - Field `name`s are the API's body fields: a 422's `errors[].loc` (`["body", "code"]`) is
 *   shown under the field of that name (problems.ts `fieldErrors`), other errors in an alert.
 *   Create sends the filled fields; edit sends only the changed ones, with If-Match: "version".
 *   A field with `when: (values) => …` is shown, required and sent only while that holds.
 * - 412 shows "Bản ghi đã bị người khác sửa — hãy tải lại", 409 the API's reason, both with a
 *   reload button (`ConflictAlert`); use `saveFailure(error, fieldNames)` to sort any failure yourself.
 * - Enum labels: `ctx.enumLabel(enumName, value)` in renders, `kind: 'enum', enumName` in
 *   fields and filters — from GET /meta/enums, never typed. Units: `ctx.unitName(id)`,
 *   `UnitSelect`, `kind: 'unit'`.
 * - Child records of a detail (tasks, findings) with modal forms: `SubRecords`.
 *   Other calls (actions, sub-collections) with the same error handling: `call.get/post/…`.
 * - The pieces work alone too: `RecordList`, `RecordForm` (any fields, any submit),
 *   `DeleteButton`, `ConflictAlert`, `FailureAlert`, `SaveFailureAlert`, `ListFilter`.
 */
export { useRenderContext, RECORDS_KEY, recordKeys } from './context';
export type {
  ColumnDef,
  DetailItem,
  FilterDef,
  FilterKind,
  RecordDefinition,
  RenderContext,
} from './definition';
export { apiBody, FieldInput, formValues } from './fields';
export type { FieldDef, FieldKind, FormValues } from './fields';
export { ListFilter } from './filters';
export { call, ifMatch, resource } from './http';
export type { Page, Query, RecordResource, Versioned } from './http';
export {
  changeListState,
  csvQuery,
  csvUrl,
  listQuery,
  readListState,
  writeListState,
} from './listState';
export type { ListState } from './listState';
export { fieldErrors, isConflict, saveFailure, STALE_MESSAGE } from './problems';
export type { ConflictFailure, FieldError, SaveFailure } from './problems';
export { ConflictAlert, FailureAlert, RecordForm, SaveFailureAlert } from './RecordForm';
export { RecordList, useListState } from './RecordList';
export { DeleteButton, RecordScreens } from './RecordPages';
export { SubRecords } from './SubRecords';
export { UnitSelect, useUnitName, useUnits } from './units';
