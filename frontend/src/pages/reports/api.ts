// The calls of the periodic-report screens (issue #7), typed by openapi.json.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { saveDownload } from '../../api/endpoints';
import type { components } from '../../api/schema';
import { ifMatch, type Page } from '../../records';

type Schemas = components['schemas'];
export type Report = Schemas['UnitReportRead'];
export type ReportFigures = Schemas['ReportFigures'];
export type ReportPeriod = Schemas['ReportPeriodRead'];
export type ReportPeriodCreate = Schemas['ReportPeriodCreate'];
export type PeriodStatus = Schemas['PeriodStatus'];
export type UnitCompleteness = Schemas['UnitCompleteness'];
export type Completeness = Schemas['Completeness'];
export type ReportStatus = Schemas['ReportStatus'];
export type ReportActionName = Schemas['ReportAction'];
export type ReportUpdate = Schemas['UnitReportUpdate'];
export type NarrativeKey = keyof Schemas['Narrative'];

export const REPORTS_KEY = ['reports'] as const;
export const reportKey = (id: number) => [...REPORTS_KEY, 'report', id] as const;

export const reportsQuery = (query: { period_id?: number; status?: ReportStatus[] } = {}) =>
  queryOptions({
    queryKey: [...REPORTS_KEY, 'list', query],
    // The endpoint also answers CSV: the JSON page is what this asks for.
    queryFn: (): Promise<Page<Report>> =>
      unwrap(
        api.GET('/api/v1/reports', {
          params: { query: { ...query, sort: '-deadline', limit: 100 } },
        }),
      ) as Promise<Page<Report>>,
  });

export const reportQuery = (id: number) =>
  queryOptions({
    queryKey: reportKey(id),
    queryFn: (): Promise<Report> =>
      unwrap(api.GET('/api/v1/reports/{report_id}', { params: { path: { report_id: id } } })),
  });

export const periodsQuery = () =>
  queryOptions({
    queryKey: [...REPORTS_KEY, 'periods'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/report-periods', {
          params: { query: { sort: '-deadline', limit: 100 } },
        }),
      ),
  });

export const periodStatusQuery = (id: number) =>
  queryOptions({
    queryKey: [...REPORTS_KEY, 'status', id],
    queryFn: (): Promise<PeriodStatus> =>
      unwrap(
        api.GET('/api/v1/report-periods/{period_id}/status', {
          params: { path: { period_id: id } },
        }),
      ),
  });

export const createPeriod = (body: ReportPeriodCreate) =>
  unwrap(api.POST('/api/v1/report-periods', { body }));

/** The narrative, difficulties and proposals; If-Match the version shown, so a stale save is 412. */
export const updateReport = (report: Pick<Report, 'id' | 'version'>, body: ReportUpdate) =>
  unwrap(
    api.PATCH('/api/v1/reports/{report_id}', {
      params: { path: { report_id: report.id } },
      body,
      headers: ifMatch(report.version),
    }),
  );

export const actOnReport = (
  report: Pick<Report, 'id' | 'version'>,
  body: Schemas['ReportActionRequest'],
) =>
  unwrap(
    api.POST('/api/v1/reports/{report_id}/actions', {
      params: { path: { report_id: report.id } },
      body,
      headers: ifMatch(report.version),
    }),
  );

export const downloadReport = (id: number) =>
  saveDownload(
    api.GET('/api/v1/reports/{report_id}/document', {
      params: { path: { report_id: id }, query: { format: 'docx' } },
      parseAs: 'blob',
    }),
    `bao-cao-${id}.docx`,
  );

export const downloadSummary = (periodId: number, format: 'docx' | 'xlsx') =>
  saveDownload(
    api.GET('/api/v1/report-periods/{period_id}/summary', {
      params: { path: { period_id: periodId }, query: { format } },
      parseAs: 'blob',
    }),
    `bao-cao-tong-hop-ky-${periodId}.${format}`,
  );

/** After a change: the report lists, the boards, and the dashboard's completeness. */
export function invalidateReports(queryClient: QueryClient): Promise<unknown> {
  return Promise.all(
    [REPORTS_KEY, ['dashboard']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}
