import { Button, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useEnumChoices } from '../../meta/useEnums';
import { saveFailure, SaveFailureAlert, type SaveFailure } from '../../records';
import { updateReport, type NarrativeKey, type Report, type ReportUpdate } from './api';

// The unit's narrative: one text per task group III.1–III.7 (labels from /meta/enums'
// task_group), then the difficulties and the proposals. Saved by PATCH with If-Match.

export const NARRATIVE_KEYS: readonly NarrativeKey[] = [
  'dissemination',
  'administrative_reform',
  'grassroots_democracy',
  'citizen_reception',
  'front_coordination',
  'skilled_mobilisation',
  'inspection_review',
];
export const DIFFICULTIES_LABEL = 'Khó khăn, vướng mắc';
export const PROPOSALS_LABEL = 'Đề xuất, kiến nghị';
const MAX_LENGTH = 20_000;

// Flat form names, matching the 422's locations (`body.narrative.dissemination`).
const nameOf = (key: NarrativeKey) => `narrative.${key}`;
const FIELD_NAMES = [...NARRATIVE_KEYS.map(nameOf), 'difficulties', 'proposals'];

type Values = Record<string, string | undefined>;

function valuesOf(report: Report): Values {
  const values: Values = {
    difficulties: report.difficulties ?? '',
    proposals: report.proposals ?? '',
  };
  for (const key of NARRATIVE_KEYS) values[nameOf(key)] = report.narrative[key] ?? '';
  return values;
}

const clean = (text: string | undefined) => (text ?? '').normalize('NFC').trim();

/** Only what changed: NFC, trimmed, an emptied text as null (which clears it). */
export function narrativeBody(report: Report, values: Values): ReportUpdate {
  const before = valuesOf(report);
  const body: ReportUpdate = {};
  const narrative: NonNullable<ReportUpdate['narrative']> = {};
  const changed = (name: string) => clean(values[name]) !== clean(before[name]);
  const value = (name: string) => clean(values[name]) || null;
  for (const key of NARRATIVE_KEYS) {
    if (changed(nameOf(key))) narrative[key] = value(nameOf(key));
  }
  if (Object.keys(narrative).length) body.narrative = narrative;
  if (changed('difficulties')) body.difficulties = value('difficulties');
  if (changed('proposals')) body.proposals = value('proposals');
  return body;
}

interface Props {
  report: Report;
  editable: boolean;
  onSaved: (report: Report) => void;
  onReload: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}

export function NarrativeForm({ report, editable, onSaved, onReload, onDirtyChange }: Props) {
  const [form] = Form.useForm<Values>();
  const groups = useEnumChoices('task_group');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const labelOf = (key: NarrativeKey) => groups.find((g) => g.value === key)?.label ?? key;

  // A newer version (saved, refreshed, reloaded) replaces what the form shows.
  useEffect(() => {
    if (editable) form.setFieldsValue(valuesOf(report));
    onDirtyChange?.(false);
  }, [form, report, editable, onDirtyChange]);

  if (!editable) {
    const texts: [string, string | null | undefined][] = [
      ...NARRATIVE_KEYS.map((key): [string, string | null | undefined] => [
        labelOf(key),
        report.narrative[key],
      ]),
      [DIFFICULTIES_LABEL, report.difficulties],
      [PROPOSALS_LABEL, report.proposals],
    ];
    return (
      <div data-testid="narrative-read">
        {texts.map(([label, text]) => (
          <section key={label} aria-label={label}>
            <Typography.Title level={3} style={{ fontSize: 14, margin: '12px 0 4px' }}>
              {label}
            </Typography.Title>
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap' }}
              type={text ? undefined : 'secondary'}
            >
              {text || 'Chưa có nội dung.'}
            </Typography.Paragraph>
          </section>
        ))}
      </div>
    );
  }

  async function save(values: Values) {
    const body = narrativeBody(report, values);
    setFailure(null);
    setSaved(false);
    if (!Object.keys(body).length) {
      setSaved(true);
      return;
    }
    setSaving(true);
    try {
      const updated = await updateReport(report, body);
      setSaved(true);
      onSaved(updated);
    } catch (error) {
      const sorted = saveFailure(error, FIELD_NAMES);
      if (sorted.kind === 'fields') form.setFields(sorted.fields as never);
      setFailure(sorted);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      aria-label="Nội dung báo cáo"
      initialValues={valuesOf(report)}
      onFinish={save}
      onValuesChange={() => {
        setSaved(false);
        onDirtyChange?.(true);
      }}
    >
      <SaveFailureAlert failure={failure} onReload={onReload} />
      {NARRATIVE_KEYS.map((key) => (
        <Form.Item key={key} name={nameOf(key)} label={labelOf(key)}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={MAX_LENGTH} />
        </Form.Item>
      ))}
      <Form.Item name="difficulties" label={DIFFICULTIES_LABEL}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={MAX_LENGTH} />
      </Form.Item>
      <Form.Item name="proposals" label={PROPOSALS_LABEL}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={MAX_LENGTH} />
      </Form.Item>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" htmlType="submit" loading={saving}>
          Lưu nội dung
        </Button>
        {saved && (
          <Typography.Text role="status" type="success">
            Đã lưu nội dung báo cáo.
          </Typography.Text>
        )}
      </Flex>
    </Form>
  );
}
