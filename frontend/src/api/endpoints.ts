// Every call the web app makes to the API, typed by the contract (openapi.json).
import { api, formBody, unwrap } from './client';
import { attachmentName, saveBlob } from './download';
import { ApiError, isProblem } from './problem';
import type { paths } from './schema';
import { setAccessToken } from './session';
import type { ImportSummaryPage } from './types';

export type ImportKindName = paths['/api/v1/imports/{kind}']['post']['parameters']['path']['kind'];

export async function logIn(username: string, password: string): Promise<void> {
  const token = await unwrap(
    api.POST('/api/v1/auth/token', {
      body: { grant_type: 'password', username, password },
      bodySerializer: (fields) => formBody(fields),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  setAccessToken(token.access_token);
}

export async function logOut(): Promise<void> {
  try {
    await unwrap(api.POST('/api/v1/auth/logout'));
  } finally {
    setAccessToken(null);
  }
}

export const fetchMe = () => unwrap(api.GET('/api/v1/auth/me'));

export const fetchEnums = () => unwrap(api.GET('/api/v1/meta/enums'));

export const fetchIndicators = (year: number) =>
  unwrap(api.GET('/api/v1/indicators', { params: { query: { year } } }));

export const fetchDashboard = (year: number) =>
  unwrap(api.GET('/api/v1/dashboard', { params: { query: { year } } }));

export const fetchImportKinds = () => unwrap(api.GET('/api/v1/imports/kinds'));

export const fetchImports = (page: { limit: number; offset: number }): Promise<ImportSummaryPage> =>
  unwrap(api.GET('/api/v1/imports', { params: { query: { ...page, sort: '-at' } } }));

export function uploadImport(kind: ImportKindName, file: File, dryRun: boolean) {
  return unwrap(
    api.POST('/api/v1/imports/{kind}', {
      params: { path: { kind }, query: { dry_run: dryRun } },
      body: { file },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append('file', body.file, file.name);
        return form;
      },
    }),
  );
}

interface Download {
  data?: unknown;
  error?: unknown;
  response: Response;
}

// Files come through the same client, so they carry the bearer token like any other call.
export async function saveDownload(
  pending: Promise<Download>,
  fallbackName: string,
): Promise<void> {
  const { data, error, response } = await pending;
  if (!response.ok || !(data instanceof Blob)) {
    throw new ApiError(response.status, isProblem(error) ? error : null);
  }
  saveBlob(data, attachmentName(response, fallbackName));
}

export const downloadIndicators = (year: number) =>
  saveDownload(
    api.GET('/api/v1/indicators/export', {
      params: { query: { year, format: 'xlsx' } },
      parseAs: 'blob',
    }),
    `chi-tieu-chi-thi-05-${year}.xlsx`,
  );

export const downloadTemplate = (kind: ImportKindName) =>
  saveDownload(
    api.GET('/api/v1/imports/{kind}/template', {
      params: { path: { kind }, query: { format: 'xlsx' } },
      parseAs: 'blob',
    }),
    `mau-${kind}.xlsx`,
  );

export const downloadImportErrors = (importId: number) =>
  saveDownload(
    api.GET('/api/v1/imports/{import_id}/errors.csv', {
      params: { path: { import_id: importId } },
      parseAs: 'blob',
    }),
    `loi-nhap-${importId}.csv`,
  );
