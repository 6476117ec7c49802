// A list's state lives in the address (?q=…&kind=ward&sort=-code&page=2), so a filtered list
// can be reloaded, bookmarked and shared, and the CSV export asks for exactly what is shown.
import type { Query } from './http';

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface ListState {
  q: string;
  sort: string | undefined;
  page: number;
  pageSize: number;
  /** Filter name → value as typed in the address (`'true'`, `'2026'`, `'ward'`). */
  filters: Record<string, string>;
}

const RESERVED = new Set(['q', 'sort', 'page', 'size']);

function positive(raw: string | null, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The list state in `params`, keeping only the filters the screen declares. */
export function readListState(
  params: URLSearchParams,
  filterNames: readonly string[],
  defaultSort?: string,
): ListState {
  const filters: Record<string, string> = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const size = positive(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    sort: params.get('sort') || defaultSort,
    page: positive(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    filters,
  };
}

/** The address of `state`, leaving out defaults so a plain list has a plain address. */
export function writeListState(state: ListState, defaultSort?: string): URLSearchParams {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set('q', q);
  for (const [name, value] of Object.entries(state.filters)) {
    if (value && !RESERVED.has(name)) params.set(name, value);
  }
  if (state.sort && state.sort !== defaultSort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(state.pageSize));
  return params;
}

/** A change of search, filter or sort starts again from the first page. */
export function changeListState(state: ListState, change: Partial<ListState>): ListState {
  const next = { ...state, ...change };
  const refilters =
    change.q !== undefined || change.filters !== undefined || change.sort !== undefined;
  return refilters && change.page === undefined ? { ...next, page: 1 } : next;
}

function filterQuery(state: ListState): Query {
  const query: Query = {};
  const q = state.q.trim();
  if (q) query.q = q;
  if (state.sort) query.sort = state.sort;
  for (const [name, value] of Object.entries(state.filters)) if (value) query[name] = value;
  return query;
}

/** The API query of one page of the list. */
export function listQuery(state: ListState): Query {
  return {
    ...filterQuery(state),
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  };
}

/** The API query of the CSV export: the same filters, search and sort, every page. */
export function csvQuery(state: ListState): Query {
  return { ...filterQuery(state), format: 'csv' };
}

/** The export's address (for a link or a test); the download itself carries the bearer token. */
export function csvUrl(apiPath: string, state: ListState): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(csvQuery(state))) {
    if (value !== undefined) params.set(name, String(value));
  }
  return `${apiPath}?${params.toString()}`;
}

/** AntD's sorter ↔ the API's `sort` (`-code` is descending). */
export function sortOf(field: string, order: 'ascend' | 'descend' | null | undefined) {
  if (!order) return undefined;
  return order === 'descend' ? `-${field}` : field;
}

export function orderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
