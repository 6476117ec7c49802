import { Alert, Button, Col, Flex, Form, Row } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../api/problem';
import { QueryError } from '../components/QueryError';
import { apiBody, FieldInput, type FieldDef, formValues, type FormValues } from './fields';
import {
  type ConflictFailure,
  isConflict,
  type SaveFailure,
  saveFailure,
  STALE_MESSAGE,
} from './problems';

/**
 * A save refused because the record changed meanwhile (412: "someone else changed it") or
 * because it clashes with what is stored (409: the API's reason, e.g. a name already used or
 * a state that moved on). Both offer a reload when the caller can reload.
 */
export function ConflictAlert({
  failure,
  onReload,
}: {
  failure: ConflictFailure;
  onReload?: () => void;
}) {
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={failure.kind === 'stale' ? STALE_MESSAGE : failure.detail}
      action={
        onReload && (
          <Button size="small" type="primary" onClick={onReload}>
            Tải lại
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * What a failed delete or action shows above a record: a conflict with its reload button, or
 * the error.
 */
export function FailureAlert({ error, onReload }: { error: unknown; onReload: () => void }) {
  const failure = saveFailure(error, []);
  return isConflict(failure) ? (
    <ConflictAlert failure={failure} onReload={onReload} />
  ) : (
    <QueryError error={error} />
  );
}

/** The alert of a failed save other than field errors (those are drawn next to the fields). */
export function SaveFailureAlert({
  failure,
  onReload,
}: {
  failure: SaveFailure | null;
  onReload?: () => void;
}) {
  if (!failure) return null;
  if (isConflict(failure)) return <ConflictAlert failure={failure} onReload={onReload} />;
  const message =
    failure.kind === 'fields'
      ? failure.other.length > 0
        ? failure.other.join('; ')
        : null
      : errorMessage(failure.error);
  return message ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title="Chưa lưu được"
      description={message}
      style={{ marginBottom: 16 }}
    />
  ) : null;
}

export interface RecordFormProps<Row> {
  /** Form name: the prefix of the inputs' ids (`unit-form_code`). */
  name: string;
  fields: readonly FieldDef[];
  /** The record being edited; absent when creating. */
  record?: Row;
  /** Sends the body (every filled field on create, only the changed ones on edit). */
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onSaved?: (result: unknown) => void;
  onCancel?: () => void;
  /** Fetches the record again after a 409/412 and starts the form from it. */
  onReload?: () => void;
  submitLabel?: string;
}

/**
 * A create or edit form: labelled inputs in two columns (one on a phone), the API's 422 field
 * errors under their fields, and a reload offer when someone else changed the record.
 */
export function RecordForm<Row extends object>({
  name,
  fields,
  record,
  onSubmit,
  onSaved,
  onCancel,
  onReload,
  submitLabel,
}: RecordFormProps<Row>) {
  const [form] = Form.useForm<FormValues>();
  const mode = record ? 'edit' : 'create';
  const shown = useMemo(
    () => fields.filter((field) => !field.only || field.only === mode),
    [fields, mode],
  );
  const initialValues = useMemo(() => formValues(shown, record), [shown, record]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);

  async function submit(values: FormValues) {
    setSaving(true);
    setFailure(null);
    try {
      const result = await onSubmit(apiBody(shown, values, record));
      onSaved?.(result);
    } catch (error) {
      const sorted = saveFailure(
        error,
        shown.map((field) => field.name),
      );
      if (sorted.kind === 'fields') {
        form.setFields(sorted.fields);
        const first = sorted.fields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      }
      setFailure(sorted);
    } finally {
      setSaving(false);
    }
  }

  function reload() {
    setFailure(null);
    onReload?.();
  }

  return (
    <Form<FormValues>
      form={form}
      name={name}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void submit(values)}
      onValuesChange={() =>
        failure?.kind === 'fields' && failure.other.length === 0 && setFailure(null)
      }
      scrollToFirstError
      requiredMark
    >
      <SaveFailureAlert failure={failure} onReload={onReload && reload} />
      <Row gutter={16}>
        {shown.map((field) => {
          const column = (
            <Col key={field.name} xs={24} md={field.wide || field.kind === 'textarea' ? 24 : 12}>
              <Form.Item
                name={field.name}
                label={field.label}
                extra={field.help}
                valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
                rules={
                  field.required
                    ? [
                        {
                          required: true,
                          message: `Hãy nhập ${field.label.toLocaleLowerCase('vi')}`,
                        },
                      ]
                    : undefined
                }
              >
                <FieldInput field={field} />
              </Form.Item>
            </Col>
          );
          const { when } = field;
          return when ? (
            <Form.Item key={field.name} noStyle shouldUpdate>
              {({ getFieldsValue }) => (when(getFieldsValue() as FormValues) ? column : null)}
            </Form.Item>
          ) : (
            column
          );
        })}
      </Row>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={saving}>
          {submitLabel ?? (record ? 'Lưu thay đổi' : 'Tạo mới')}
        </Button>
        {onCancel && <Button onClick={onCancel}>Hủy</Button>}
      </Flex>
    </Form>
  );
}
