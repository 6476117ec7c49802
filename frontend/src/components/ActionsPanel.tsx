import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useId, useState } from 'react';
import { errorMessage } from '../api/problem';
import { foldVietnamese } from '../format/text';
import { ConflictAlert, isConflict, saveFailure } from '../records';

/**
 * The workflow actions of a record (a petition, an inspection recommendation, a report): one
 * button per action the API lists in the record's `allowed_actions` — and none other — each
 * opening a small form for what that action needs, posted as `{action, ...fields}`.
 *
 *   <ActionsPanel allowed={petition.allowed_actions} labelOf={actionLabel} specs={SPECS}
 *     onSubmit={(action, body) => actOnPetition(id, body)} onReload={refetch} />
 *
 * The API decides; the specs only say which inputs to draw. A 422 puts each message next to
 * its field, a 409/412 says the record changed meanwhile and offers to reload it.
 */

const PROVINCE_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in the province, YYYY-MM-DD, whatever the device's time zone. */
export function provinceToday(): string {
  return PROVINCE_DAY.format(new Date());
}

export interface ActionChoice {
  value: string | number;
  label: string;
}

export interface ActionField {
  /** The payload's key (`reason`, `to_unit_id`, `decision_date`…). */
  name: string;
  label: string;
  kind: 'date' | 'text' | 'textarea' | 'select';
  required?: boolean;
  /** For a select. */
  options?: readonly ActionChoice[];
  /** A date field's first value: `today` (in the province) or YYYY-MM-DD. */
  initial?: string | number;
  maxLength?: number;
  help?: string;
}

export interface ActionSpec {
  fields: readonly ActionField[];
  /** A refusal or an ending: drawn as a danger button. */
  danger?: boolean;
  /** One sentence above the form: what the action does. */
  description?: string;
}

export type ActionPayload = Record<string, unknown> & { action: string };

export interface ActionsPanelProps<A extends string> {
  /** The record's `allowed_actions`, in the API's order: the only buttons drawn. */
  allowed: readonly A[];
  labelOf: (action: A) => string;
  specs: Partial<Record<A, ActionSpec>>;
  /** Sends the action (POST …/actions); rejects with the ApiError of a refusal. */
  onSubmit: (action: A, payload: ActionPayload) => Promise<unknown>;
  onDone?: (action: A, result: unknown) => void;
  /** Reloads the record after a conflict. */
  onReload?: () => void;
  title?: string;
  emptyText?: string;
}

type FormValues = Record<string, unknown>;

function initialValues(spec: ActionSpec): FormValues {
  const values: FormValues = {};
  for (const field of spec.fields) {
    if (field.initial === undefined) continue;
    values[field.name] =
      field.kind === 'date'
        ? dayjs(field.initial === 'today' ? provinceToday() : String(field.initial))
        : field.initial;
  }
  return values;
}

/** The form's values as the API takes them: dates YYYY-MM-DD, text NFC and trimmed, blanks left out. */
export function actionPayload(action: string, spec: ActionSpec, values: FormValues): ActionPayload {
  const payload: ActionPayload = { action };
  for (const field of spec.fields) {
    const value = values[field.name];
    if (value == null || value === '') continue;
    if (dayjs.isDayjs(value)) payload[field.name] = value.format('YYYY-MM-DD');
    else if (typeof value === 'string') {
      const text = value.normalize('NFC').trim();
      if (text) payload[field.name] = text;
    } else payload[field.name] = value;
  }
  return payload;
}

// Form.Item hands its child the id (the label's target), value and onChange: passed on here.
function FieldInput({ field, ...control }: { field: ActionField } & Record<string, unknown>) {
  const p = control as Record<string, never>;
  switch (field.kind) {
    case 'date':
      return (
        <DatePicker
          {...p}
          format="DD/MM/YYYY"
          style={{ width: '100%' }}
          disabledDate={(day) => day.format('YYYY-MM-DD') > provinceToday()}
        />
      );
    case 'textarea':
      return (
        <Input.TextArea {...p} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={field.maxLength} />
      );
    case 'select':
      return (
        <Select
          {...p}
          virtual={false}
          allowClear={!field.required}
          placeholder="Chọn…"
          options={field.options?.map((choice) => ({ ...choice }))}
          showSearch={{
            filterOption: (input, option) =>
              foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)),
          }}
        />
      );
    default:
      return <Input {...p} maxLength={field.maxLength} />;
  }
}

interface ActionFormProps<A extends string> {
  action: A;
  label: string;
  spec: ActionSpec;
  onSubmit: ActionsPanelProps<A>['onSubmit'];
  onDone: (result: unknown) => void;
  onCancel: () => void;
  onReload?: () => void;
}

function ActionForm<A extends string>(props: ActionFormProps<A>) {
  const { action, label, spec, onSubmit, onDone, onCancel, onReload } = props;
  const [form] = Form.useForm<FormValues>();
  const formId = useId();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof saveFailure> | null>(null);

  async function send(values: FormValues) {
    setSending(true);
    setProblem(null);
    try {
      onDone(await onSubmit(action, actionPayload(action, spec, values)));
    } catch (error) {
      const failure = saveFailure(
        error,
        spec.fields.map((field) => field.name),
      );
      if (failure.kind === 'fields') form.setFields(failure.fields);
      setProblem(failure);
    } finally {
      setSending(false);
    }
  }

  // Field errors are drawn under their fields; what is left goes in one alert.
  const alertText = !problem
    ? null
    : problem.kind === 'fields'
      ? problem.other.join('; ') || null
      : problem.kind === 'other'
        ? errorMessage(problem.error)
        : null;

  return (
    <Form<FormValues>
      id={formId}
      form={form}
      layout="vertical"
      initialValues={initialValues(spec)}
      onFinish={send}
      requiredMark
      aria-label={label}
    >
      {spec.description && <Typography.Paragraph>{spec.description}</Typography.Paragraph>}
      {problem && isConflict(problem) && <ConflictAlert failure={problem} onReload={onReload} />}
      {alertText && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="Chưa thực hiện được thao tác"
          description={alertText}
          style={{ marginBottom: 12 }}
        />
      )}
      {spec.fields.map((field) => (
        <Form.Item
          key={field.name}
          name={field.name}
          label={field.label}
          extra={field.help}
          rules={
            field.required
              ? [
                  {
                    required: true,
                    // `whitespace` makes async-validator check a string: only for typed text.
                    ...(field.kind === 'text' || field.kind === 'textarea'
                      ? { whitespace: true }
                      : {}),
                    message: `Hãy nhập ${field.label.toLocaleLowerCase('vi')}`,
                  },
                ]
              : undefined
          }
        >
          <FieldInput field={field} />
        </Form.Item>
      ))}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onCancel}>Hủy</Button>
        <Button type="primary" danger={spec.danger} htmlType="submit" loading={sending}>
          {label}
        </Button>
      </Flex>
    </Form>
  );
}

export function ActionsPanel<A extends string>(props: ActionsPanelProps<A>) {
  const { allowed, labelOf, specs, onSubmit, onDone, onReload } = props;
  const { message } = App.useApp();
  const [open, setOpen] = useState<A | null>(null);
  const title = props.title ?? 'Thao tác';
  const openSpec: ActionSpec | undefined = open ? (specs[open] ?? { fields: [] }) : undefined;

  return (
    <section aria-label={title}>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {allowed.length === 0 ? (
        <Typography.Text type="secondary">
          {props.emptyText ?? 'Không có thao tác nào bạn có thể thực hiện lúc này.'}
        </Typography.Text>
      ) : (
        <Flex wrap gap={8}>
          {allowed.map((action, index) => (
            <Button
              key={action}
              type={index === 0 && !specs[action]?.danger ? 'primary' : 'default'}
              danger={specs[action]?.danger}
              onClick={() => setOpen(action)}
            >
              {labelOf(action)}
            </Button>
          ))}
        </Flex>
      )}
      <Modal
        open={open !== null}
        title={open ? labelOf(open) : undefined}
        footer={null}
        onCancel={() => setOpen(null)}
        destroyOnHidden
        width={520}
      >
        {open && openSpec && (
          <ActionForm
            key={open}
            action={open}
            label={labelOf(open)}
            spec={openSpec}
            onSubmit={onSubmit}
            onCancel={() => setOpen(null)}
            onReload={
              onReload &&
              (() => {
                setOpen(null);
                onReload();
              })
            }
            onDone={(result) => {
              setOpen(null);
              message.success(`Đã thực hiện: ${labelOf(open)}`);
              onDone?.(open, result);
            }}
          />
        )}
      </Modal>
    </section>
  );
}
