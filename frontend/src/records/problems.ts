// What a save's failure means for a form: field errors (422 `errors[].loc`) shown next to the
// fields, a stale version (412) or a conflict (409) with a reload, anything else as one alert.
import { ApiError } from '../api/problem';

export const STALE_MESSAGE = 'Bản ghi đã bị người khác sửa — hãy tải lại';

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

interface RawError {
  loc?: unknown;
  msg?: unknown;
  type?: unknown;
}

// The API words every validation message in Vietnamese (api/common/messages.py).
function messageOf(error: RawError): string {
  return (typeof error.msg === 'string' && error.msg) || 'Giá trị không hợp lệ';
}

/**
 * The 422's errors by form field: `["body", "code"]` → field `code`; `["body", "tasks", 0,
 * "title"]` → `tasks.0.title`. Errors of fields the form does not have go to `other`.
 */
export function fieldErrors(
  error: unknown,
  formFields: readonly string[],
): { fields: FieldError[]; other: string[] } {
  const fields: FieldError[] = [];
  const other: string[] = [];
  if (!(error instanceof ApiError) || error.status !== 422) return { fields, other };
  for (const raw of (error.problem?.errors ?? []) as RawError[]) {
    const loc = Array.isArray(raw.loc) ? (raw.loc as (string | number)[]) : [];
    const path = loc[0] === 'body' ? loc.slice(1) : loc;
    const message = messageOf(raw);
    const name = path.map(String).join('.');
    const match = formFields.find((field) => field === name || field === String(path[0]));
    if (match) {
      const existing = fields.find((field) => field.name[0] === match);
      if (existing) existing.errors.push(message);
      else fields.push({ name: [match], errors: [message] });
    } else {
      other.push(name ? `${name}: ${message}` : message);
    }
  }
  if (fields.length === 0 && other.length === 0) other.push(error.message);
  return { fields, other };
}

export type SaveFailure =
  | { kind: 'fields'; fields: FieldError[]; other: string[] }
  | { kind: 'stale' }
  | { kind: 'conflict'; detail: string }
  | { kind: 'other'; error: unknown };

/** A save refused for a stale version (412/428) or a clash with what is stored (409). */
export type ConflictFailure = Extract<SaveFailure, { kind: 'stale' | 'conflict' }>;

/** Whether `failure` is shown by `ConflictAlert`, with its reload button. */
export function isConflict(failure: SaveFailure): failure is ConflictFailure {
  return failure.kind === 'stale' || failure.kind === 'conflict';
}

/** Sorts a failed save into what the form shows. */
export function saveFailure(error: unknown, formFields: readonly string[]): SaveFailure {
  if (error instanceof ApiError) {
    if (error.status === 412 || error.status === 428) {
      return { kind: 'stale' };
    }
    if (error.status === 409) {
      return { kind: 'conflict', detail: error.message };
    }
    if (error.status === 422) return { kind: 'fields', ...fieldErrors(error, formFields) };
  }
  return { kind: 'other', error };
}
