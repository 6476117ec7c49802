import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { me } from '../../test/fixtures';
import { apiBody, type FieldDef, formValues, RecordForm } from '../../records';
import type { Petition } from './api';
import { maskedIdNumber, petitionCreateFields, petitionEditFields } from './petitionForm';

const officer = me({ permissions: { 'receptions:write': 'own', 'receptions:read': 'own' } });
const coordinator = me({
  role: 'coordinator',
  unit_id: null,
  permissions: { 'receptions:write': 'any', 'receptions:read': 'any' },
});

const names = (fields: readonly FieldDef[]) => fields.map((field) => field.name);

function petition(overrides: Partial<Petition> = {}): Petition {
  return {
    id: 12,
    version: 3,
    unit_id: 40,
    case_type: 'complaint',
    field: 'land',
    source: 'mail',
    received_on: '2026-11-20',
    petitioner_name: 'Nguyễn Văn Bình',
    petitioner_id_number: '037090001234',
    petitioner_address: null,
    summary: 'Khiếu nại quyết định thu hồi đất',
    resolution_level: 'first',
    is_complex: false,
    is_remote_area: false,
    needs_verification: false,
    complexity: 'normal',
    sent_to_level_above: false,
    duplicate_of_id: null,
    ...overrides,
  } as Petition;
}

describe('the new petition form', () => {
  it('a unit officer files for their own unit; a province-wide writer picks the unit', () => {
    expect(names(petitionCreateFields(officer))).not.toContain('unit_id');
    const fields = petitionCreateFields(coordinator);
    expect(fields[0]).toMatchObject({ name: 'unit_id', kind: 'unit', required: true });
    expect(names(fields)).toEqual(names(petitionCreateFields(officer)).toSpliced(0, 0, 'unit_id'));
  });

  it('starts as a letter received today, and asks what the API requires', () => {
    const fields = petitionCreateFields(officer);
    const values = formValues(fields);
    expect(values.source).toBe('mail');
    expect(dayjs.isDayjs(values.received_on)).toBe(true);
    expect((values.received_on as dayjs.Dayjs).format('YYYY-MM-DD')).toBe(
      dayjs().format('YYYY-MM-DD'),
    );
    const required = fields.filter((field) => field.required).map((field) => field.name);
    expect(required).toEqual([
      'source',
      'external_id',
      'received_on',
      'case_type',
      'field',
      'petitioner_name',
      'summary',
      'resolution_level',
      'complexity',
    ]);
  });

  it("sends only the flags of the chosen case type, and the portal's code only for online", () => {
    const fields = petitionCreateFields(officer);
    const typed = {
      ...formValues(fields),
      received_on: dayjs('2026-11-30'),
      field: 'land',
      petitioner_name: ' Trần Thị Hoa ',
      summary: 'Khiếu nại về bồi thường',
      is_complex: true,
      needs_verification: true,
      complexity: 'complex',
      external_id: 'LEFT-OVER',
    };
    expect(apiBody(fields, { ...typed, case_type: 'complaint' })).toEqual({
      source: 'mail',
      received_on: '2026-11-30',
      case_type: 'complaint',
      field: 'land',
      petitioner_name: 'Trần Thị Hoa',
      summary: 'Khiếu nại về bồi thường',
      resolution_level: 'first',
      is_complex: true,
      is_remote_area: false,
      sent_to_level_above: false,
    });
    expect(apiBody(fields, { ...typed, case_type: 'denunciation', source: 'online' })).toEqual({
      source: 'online',
      external_id: 'LEFT-OVER',
      received_on: '2026-11-30',
      case_type: 'denunciation',
      field: 'land',
      petitioner_name: 'Trần Thị Hoa',
      summary: 'Khiếu nại về bồi thường',
      complexity: 'complex',
      needs_verification: true,
      sent_to_level_above: false,
    });
    const feedback = apiBody(fields, { ...typed, case_type: 'feedback' });
    for (const flag of ['resolution_level', 'complexity', 'is_complex', 'needs_verification']) {
      expect(feedback).not.toHaveProperty(flag);
    }
  });
});

describe('editing a petition', () => {
  it("offers the facts and only its case type's flags; nothing an action changes", () => {
    expect(names(petitionEditFields(petition()))).toEqual([
      'field',
      'petitioner_name',
      'petitioner_id_number',
      'petitioner_address',
      'summary',
      'resolution_level',
      'complexity',
      'is_complex',
      'is_remote_area',
      'needs_verification',
      'sent_to_level_above',
      'duplicate_of_id',
    ]);
    const fields = petitionEditFields(petition());
    for (const name of ['unit_id', 'case_type', 'source', 'received_on', 'status']) {
      expect(names(fields)).not.toContain(name);
    }
  });

  it('sends only what changed, never the flags of another case type', () => {
    const row = petition({ case_type: 'denunciation', resolution_level: null });
    const fields = petitionEditFields(row);
    const values = { ...formValues(fields, row), summary: 'Tố cáo hành vi lấn chiếm đất công' };
    expect(apiBody(fields, values, row)).toEqual({ summary: 'Tố cáo hành vi lấn chiếm đất công' });
    expect(apiBody(fields, { ...values, complexity: 'especially_complex' }, row)).toEqual({
      summary: 'Tố cáo hành vi lấn chiếm đất công',
      complexity: 'especially_complex',
    });
  });

  it('leaves out an identity number the API masked, so the mask is never sent back', () => {
    const masked = petition({ petitioner_id_number: '********1234' });
    expect(maskedIdNumber(masked)).toBe(true);
    expect(names(petitionEditFields(masked))).not.toContain('petitioner_id_number');
    expect(maskedIdNumber(petition({ petitioner_id_number: null }))).toBe(false);
  });
});

describe('a field shown only when another has a value (`when`)', () => {
  const fields: FieldDef[] = [
    { name: 'petitioner_name', label: 'Người gửi đơn', kind: 'text', required: true },
    { name: 'sent_to_level_above', label: 'Gửi vượt cấp', kind: 'boolean', initial: false },
    {
      name: 'petitioner_address',
      label: 'Địa chỉ',
      kind: 'text',
      required: true,
      when: (values) => values.sent_to_level_above === true,
    },
  ];

  function wrap(onSubmit: (body: Record<string, unknown>) => Promise<unknown>) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return render(
      <QueryClientProvider client={client}>
        <App>
          <RecordForm name="when" fields={fields} onSubmit={onSubmit} />
        </App>
      </QueryClientProvider>,
    );
  }

  it('appears as the form changes, is required only while shown, and is sent only then', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn().mockResolvedValue({});
    wrap(onSubmit);
    expect(screen.queryByLabelText('Địa chỉ')).toBeNull();
    await user.type(screen.getByLabelText('Người gửi đơn'), 'Lê Thị Thu');
    await user.click(screen.getByRole('button', { name: 'Tạo mới' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenLastCalledWith({
      petitioner_name: 'Lê Thị Thu',
      sent_to_level_above: false,
    });

    await user.click(screen.getByLabelText('Gửi vượt cấp'));
    const address = await screen.findByLabelText('Địa chỉ');
    await user.click(screen.getByRole('button', { name: 'Tạo mới' }));
    expect(await screen.findByText('Hãy nhập địa chỉ')).toBeTruthy();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await user.type(address, 'Phường Hoa Lư');
    await user.click(screen.getByRole('button', { name: 'Tạo mới' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit).toHaveBeenLastCalledWith({
      petitioner_name: 'Lê Thị Thu',
      sent_to_level_above: true,
      petitioner_address: 'Phường Hoa Lư',
    });
  }, 30_000); // typing into antd on a shared two-core machine
});
