import { describe, expect, it } from 'vitest';
import {
  changeListState,
  csvQuery,
  csvUrl,
  listQuery,
  readListState,
  writeListState,
} from './listState';

const FILTERS = ['kind', 'is_active'];

describe('list state in the address', () => {
  it('reads search, declared filters, sort and page; ignores the rest', () => {
    const state = readListState(
      new URLSearchParams('q=hoa%20lu&kind=ward&other=x&sort=-name&page=3&size=50'),
      FILTERS,
      'code',
    );
    expect(state).toEqual({
      q: 'hoa lu',
      sort: '-name',
      page: 3,
      pageSize: 50,
      filters: { kind: 'ward' },
    });
  });

  it('falls back to the defaults for a missing or nonsense page, size and sort', () => {
    const state = readListState(new URLSearchParams('page=-2&size=7'), FILTERS, 'code');
    expect(state).toEqual({ q: '', sort: 'code', page: 1, pageSize: 20, filters: {} });
  });

  it('writes only what differs from the defaults, so a plain list has a plain address', () => {
    const plain = readListState(new URLSearchParams(), FILTERS, 'code');
    expect(writeListState(plain, 'code').toString()).toBe('');
    const filtered = { ...plain, q: '  thanh pho ', filters: { is_active: 'true' }, page: 2 };
    expect(writeListState(filtered, 'code').toString()).toBe('q=thanh+pho&is_active=true&page=2');
  });

  it('round-trips through the address', () => {
    const params = new URLSearchParams('q=nguyen&kind=commune&sort=-code&page=4&size=100');
    const state = readListState(params, FILTERS, 'code');
    expect(readListState(writeListState(state, 'code'), FILTERS, 'code')).toEqual(state);
  });

  it('starts again from page 1 when the search, a filter or the sort changes', () => {
    const state = readListState(new URLSearchParams('page=5'), FILTERS);
    expect(changeListState(state, { q: 'x' }).page).toBe(1);
    expect(changeListState(state, { filters: { kind: 'ward' } }).page).toBe(1);
    expect(changeListState(state, { sort: 'name' }).page).toBe(1);
    expect(changeListState(state, { page: 6 }).page).toBe(6);
  });

  it('asks the API for one page with the filters', () => {
    const state = readListState(new URLSearchParams('q=ha&kind=ward&page=3'), FILTERS, 'code');
    expect(listQuery(state)).toEqual({
      q: 'ha',
      sort: 'code',
      kind: 'ward',
      limit: 20,
      offset: 40,
    });
  });

  it('exports CSV with the same filters, search and sort, and no paging', () => {
    const state = readListState(
      new URLSearchParams('q=Hoa Lư&is_active=false&sort=-name&page=2&size=50'),
      FILTERS,
      'code',
    );
    expect(csvQuery(state)).toEqual({
      q: 'Hoa Lư',
      sort: '-name',
      is_active: 'false',
      format: 'csv',
    });
    expect(csvUrl('/api/v1/officials', state)).toBe(
      '/api/v1/officials?q=Hoa+L%C6%B0&sort=-name&is_active=false&format=csv',
    );
  });
});
