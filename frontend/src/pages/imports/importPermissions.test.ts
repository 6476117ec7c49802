import { describe, expect, it } from 'vitest';
import type { ImportKind } from '../../api/types';
import { me } from '../../test/fixtures';
import { canImportAnything, importableKinds } from './importPermissions';

const kinds = ['units', 'officials', 'plans', 'petitions'].map((name): ImportKind => ({
  name,
  label: name,
  allowed: name !== 'units',
  columns: [],
}));

describe('importable kinds', () => {
  it('offers the kinds the server allows the current user', () => {
    const names = importableKinds(kinds).map((kind) => kind.name);
    expect(names).toEqual(['officials', 'plans', 'petitions']);
  });

  it('offers imports in the menu to a unit officer', () => {
    expect(canImportAnything(me())).toBe(true);
  });

  it('hides imports from a read-only viewer', () => {
    expect(
      canImportAnything(me({ role: 'viewer', permissions: { 'indicators:read': 'any' } })),
    ).toBe(false);
  });
});
