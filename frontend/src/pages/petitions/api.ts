// The calls of the petition screens beyond the records layer's list (typed by openapi.json).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { RECORDS_KEY, recordKeys, resource } from '../../records';

type Schemas = components['schemas'];
export type Petition = Schemas['PetitionRead'];
export type PetitionEvent = Schemas['PetitionEventRead'];
export type PetitionActionName = Schemas['PetitionAction'];
export type PetitionActionBody = Schemas['PetitionActionIn'];

export const PETITIONS_PATH = '/api/v1/petitions';

/** List, create and edit (PATCH with If-Match) through the records layer. */
export const petitions = resource<Petition>(PETITIONS_PATH);

export const petitionKey = (id: number) => recordKeys.item(PETITIONS_PATH, id);

export const petitionQuery = (id: number) =>
  queryOptions({
    queryKey: petitionKey(id),
    queryFn: (): Promise<Petition> =>
      unwrap(api.GET('/api/v1/petitions/{petition_id}', { params: { path: { petition_id: id } } })),
  });

/** The action on the version the person saw: if someone acted since, 412 and nothing changes. */
export const actOnPetition = (id: number, version: number, body: PetitionActionBody) =>
  unwrap(
    api.POST('/api/v1/petitions/{petition_id}/actions', {
      params: { path: { petition_id: id }, header: { 'if-match': `"${version}"` } },
      body,
    }),
  );

/** After a change: every record screen, and the dashboard's and scorecard's counts. */
export function invalidateReceptionData(queryClient: QueryClient): Promise<unknown> {
  return Promise.all(
    [RECORDS_KEY, ['dashboard'], ['indicators']].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}
