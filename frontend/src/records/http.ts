// The records layer's calls: the app's one client (bearer token, refresh and replay) with the
// path given at run time, so one list/detail/form serves every kind of record.
import { api } from '../api/client';
import { attachmentName, saveBlob } from '../api/download';
import { ApiError, isProblem } from '../api/problem';
import type { paths } from '../api/schema';

export type Query = Record<string, string | number | boolean | string[] | undefined>;

interface Init {
  params?: { query?: Query };
  body?: unknown;
  headers?: Record<string, string>;
  parseAs?: 'json' | 'blob';
}

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type Method = (url: string, init?: Init) => Promise<Answer>;

// The typed client with its path checked here instead of at each call; runtime is unchanged.
const loose = api as unknown as {
  GET: Method;
  POST: Method;
  PATCH: Method;
  PUT: Method;
  DELETE: Method;
};

async function answer<T>(pending: Promise<Answer>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
  return data as T;
}

/** `"3"` for version 3: the If-Match a change sends, so a stale edit gets 412 and changes nothing. */
export const ifMatch = (version: number | undefined): Record<string, string> =>
  version == null ? {} : { 'If-Match': `"${version}"` };

export interface Page<Row> {
  items: Row[];
  total: number;
  limit: number;
  offset: number;
}

/** A record: its id, and its version (the ETag) when it can change. */
export interface Versioned {
  id: number;
  version?: number;
}

/** The calls of one collection (`/api/v1/units`) and its items (`/api/v1/units/{id}`). */
export interface RecordResource<Row> {
  path: string;
  list(query: Query): Promise<Page<Row>>;
  get(id: number | string): Promise<Row>;
  create(body: object): Promise<Row>;
  update(row: Versioned, body: object): Promise<Row>;
  remove(row: Versioned): Promise<void>;
  /** Saves the list as CSV (`format=csv`), with the screen's filters, search and sort. */
  downloadCsv(query: Query, fallbackName: string): Promise<void>;
}

export type ApiPath = keyof paths & string;

export function resource<Row>(path: ApiPath): RecordResource<Row> {
  const item = (id: number | string) => `${path}/${encodeURIComponent(String(id))}`;
  return {
    path,
    list: (query) => answer<Page<Row>>(loose.GET(path, { params: { query } })),
    get: (id) => answer<Row>(loose.GET(item(id))),
    create: (body) => answer<Row>(loose.POST(path, { body })),
    update: (row, body) =>
      answer<Row>(loose.PATCH(item(row.id), { body, headers: ifMatch(row.version) })),
    remove: (row) => answer<void>(loose.DELETE(item(row.id), { headers: ifMatch(row.version) })),
    downloadCsv: async (query, fallbackName) => {
      const { data, error, response } = await loose.GET(path, {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
      });
      if (!response.ok || !(data instanceof Blob)) {
        throw new ApiError(response.status, isProblem(error) ? error : null);
      }
      saveBlob(data, attachmentName(response, fallbackName));
    },
  };
}

/** Any other call of a record (an action, a sub-collection), with the same error handling. */
export const call = {
  get: <T>(url: string, query?: Query) => answer<T>(loose.GET(url, { params: { query } })),
  post: <T>(url: string, body?: unknown, headers?: Record<string, string>) =>
    answer<T>(loose.POST(url, { body, headers })),
  patch: <T>(url: string, body: unknown, version?: number) =>
    answer<T>(loose.PATCH(url, { body, headers: ifMatch(version) })),
  put: <T>(url: string, body: unknown, version?: number) =>
    answer<T>(loose.PUT(url, { body, headers: ifMatch(version) })),
  delete: (url: string, version?: number) =>
    answer<void>(loose.DELETE(url, { headers: ifMatch(version) })),
};
