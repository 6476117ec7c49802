import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { saveFailure, SaveFailureAlert, type SaveFailure } from '../../records';
import { foldVietnamese } from '../../format/text';
import { useEnumChoices } from '../../meta/useEnums';
import { createPeriod, type ReportPeriod, type ReportPeriodCreate } from './api';
import { defaultPeriodDates } from './periodDefaults';

interface Values {
  kind: string;
  year?: number;
  label?: string;
  data_from?: Dayjs;
  data_to?: Dayjs;
  deadline?: Dayjs;
  unit_kinds: string[];
}

// Typing part of a label (diacritics or not) narrows the choices; Enter picks the first.
export const SEARCH = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)),
};

const FIELDS = ['kind', 'year', 'label', 'data_from', 'data_to', 'deadline', 'unit_kinds'];
const DEFAULT_UNIT_KINDS = ['department', 'commune', 'ward'];
const day = (value: Dayjs | undefined) => value?.format('YYYY-MM-DD');

function withDefaults(kind: string, year: number | undefined): Partial<Values> {
  const dates = year ? defaultPeriodDates(kind, year) : null;
  if (!dates) return {};
  return {
    data_from: dayjs(dates.data_from),
    data_to: dayjs(dates.data_to),
    deadline: dayjs(dates.deadline),
  };
}

/** The body as the API takes it: the dates shown (defaults or changed), label only when typed. */
export function periodBody(values: Values): ReportPeriodCreate {
  const label = values.label?.normalize('NFC').trim();
  return {
    kind: values.kind as ReportPeriodCreate['kind'],
    ...(values.kind !== 'ad_hoc' && values.year ? { year: values.year } : {}),
    ...(label ? { label } : {}),
    data_from: day(values.data_from),
    data_to: day(values.data_to),
    deadline: day(values.deadline),
    unit_kinds: values.unit_kinds as ReportPeriodCreate['unit_kinds'],
  };
}

export function CreatePeriodForm({
  onCreated,
  onCancel,
}: {
  onCreated: (period: ReportPeriod) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const kinds = useEnumChoices('report_period_kind');
  const unitKinds = useEnumChoices('unit_kind');
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const thisYear = Number(
    new Date().toLocaleString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }),
  );
  const initial: Values = {
    kind: '6_months',
    year: thisYear,
    unit_kinds: DEFAULT_UNIT_KINDS,
    ...withDefaults('6_months', thisYear),
  };

  async function save(values: Values) {
    setSaving(true);
    setFailure(null);
    try {
      onCreated(await createPeriod(periodBody(values)));
    } catch (error) {
      const sorted = saveFailure(error, FIELDS);
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
      aria-label="Tạo kỳ báo cáo"
      initialValues={initial}
      onFinish={save}
      onValuesChange={(changed: Partial<Values>, all: Values) => {
        // A new kind or year puts the decree's dates back in; the person may still change them.
        if ('kind' in changed || 'year' in changed)
          form.setFieldsValue(withDefaults(all.kind, all.year));
      }}
    >
      <SaveFailureAlert failure={failure} />
      <Flex gap={12} wrap>
        <Form.Item
          name="kind"
          label="Loại kỳ báo cáo"
          rules={[{ required: true, message: 'Hãy chọn loại kỳ báo cáo' }]}
          style={{ flex: '1 1 200px' }}
        >
          <Select
            virtual={false}
            showSearch={SEARCH}
            options={kinds.map((k) => ({ value: k.value, label: k.label }))}
          />
        </Form.Item>
        {kind !== 'ad_hoc' && (
          <Form.Item
            name="year"
            label="Năm báo cáo"
            rules={[{ required: true, message: 'Hãy nhập năm báo cáo' }]}
            style={{ flex: '0 1 140px' }}
          >
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Flex>
      <Form.Item
        name="label"
        label="Tên kỳ báo cáo"
        extra="Để trống: hệ thống đặt tên theo loại kỳ và năm."
      >
        <Input maxLength={255} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="data_from"
          label="Số liệu từ ngày"
          rules={[{ required: true, message: 'Hãy chọn ngày bắt đầu' }]}
          style={{ flex: '1 1 150px' }}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="data_to"
          label="Đến ngày"
          rules={[{ required: true, message: 'Hãy chọn ngày kết thúc' }]}
          style={{ flex: '1 1 150px' }}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="Hạn gửi báo cáo"
          rules={[{ required: true, message: 'Hãy chọn hạn gửi' }]}
          style={{ flex: '1 1 150px' }}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="unit_kinds"
        label="Đơn vị phải báo cáo"
        rules={[{ required: true, message: 'Hãy chọn ít nhất một loại đơn vị' }]}
      >
        <Select
          mode="multiple"
          virtual={false}
          showSearch={SEARCH}
          options={unitKinds.map((k) => ({ value: k.value, label: k.label }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        Khi tạo kỳ, hệ thống lập sẵn một báo cáo (có số liệu) cho mỗi đơn vị đang hoạt động thuộc
        các loại đã chọn.
      </Typography.Paragraph>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onCancel}>Hủy</Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          Tạo kỳ báo cáo
        </Button>
      </Flex>
    </Form>
  );
}
