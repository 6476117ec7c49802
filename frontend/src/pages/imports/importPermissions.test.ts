import { describe, expect, it } from 'vitest';
import type { ImportKind } from '../../api/types';
import { me } from '../../test/fixtures';
import { canImportAnything, importableKinds } from './importPermissions';

const kinds = ['units', 'officials', 'plans', 'petitions', 'something-new'].map(
  (name): ImportKind => ({ name, label: name, columns: [] }),
);

describe('importable kinds', () => {
  it("offers a unit officer only the kinds their unit's grants cover", () => {
    const names = importableKinds(me(), kinds).map((kind) => kind.name);
    expect(names).toEqual(['officials', 'plans', 'something-new']);
  });

  it('hides imports from a read-only viewer', () => {
    expect(
      canImportAnything(me({ role: 'viewer', permissions: { 'indicators:read': 'any' } })),
    ).toBe(false);
  });
});
