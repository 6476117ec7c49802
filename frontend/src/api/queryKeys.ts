// Every TanStack Query key of the app, so invalidation and prefetching name the same thing.
export const queryKeys = {
  me: ['me'] as const,
  enums: ['meta', 'enums'] as const,
  indicators: (year: number) => ['indicators', year] as const,
  dashboard: (year: number) => ['dashboard', year] as const,
  importKinds: ['imports', 'kinds'] as const,
  importsAll: ['imports', 'history'] as const,
  imports: (page: { limit: number; offset: number }) =>
    ['imports', 'history', page.limit, page.offset] as const,
};
