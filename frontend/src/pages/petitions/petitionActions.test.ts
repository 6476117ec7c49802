import { describe, expect, it } from 'vitest';
import type { Unit } from '../../records/units';
import type { Petition } from './api';
import { petitionActionSpecs } from './petitionActions';

const unit = (id: number, name: string, is_active = true) => ({ id, name, is_active }) as Unit;
const units = [unit(40, 'UBND phường Hoa Lư'), unit(41, 'UBND xã Gia Viễn'), unit(42, 'Cũ', false)];
const outcomes = [{ value: 'right', label: 'Khiếu nại đúng' }];

function specs(overrides: Partial<Petition>) {
  const petition = { unit_id: 40, case_type: 'feedback', ...overrides } as Petition;
  return petitionActionSpecs({ petition, units, outcomes });
}

const names = (fields: readonly { name: string; required?: boolean }[]) =>
  fields.map((field) => `${field.name}${field.required ? '*' : ''}`);

describe('petition action specs', () => {
  it('asks each action for what the API requires of it', () => {
    const all = specs({});
    expect(names(all.accept.fields)).toEqual(['acted_on*', 'note']);
    expect(names(all.reject.fields)).toEqual(['acted_on*', 'reason*', 'note']);
    expect(names(all.extend.fields)).toEqual(['acted_on*', 'reason*', 'note']);
    expect(names(all.transfer.fields)).toEqual(['acted_on*', 'to_unit_id*', 'note']);
    expect(names(all.resolve.fields)).toEqual([
      'acted_on*',
      'decision_number*',
      'decision_date*',
      'note',
    ]);
  });

  it("asks a complaint's resolution for its outcome, with the API's labels", () => {
    const outcome = specs({ case_type: 'complaint' }).resolve.fields.find(
      (field) => field.name === 'outcome',
    );
    expect(outcome).toMatchObject({ required: true, options: outcomes });
  });

  it('transfers only to another active unit', () => {
    const target = specs({}).transfer.fields.find((field) => field.name === 'to_unit_id');
    expect(target?.options).toEqual([{ value: 41, label: 'UBND xã Gia Viễn' }]);
  });
});
