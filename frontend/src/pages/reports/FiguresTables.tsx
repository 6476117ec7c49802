import { Descriptions, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format/format';
import { useEnumLabel } from '../../meta/useEnums';
import type { ReportFigures } from './api';

// The figures a report holds (computed from the records, frozen at submission), read-only.
// Enum values (indicator, level, session type, case type, field) are labelled from /meta/enums;
// the names of the counts themselves are the report's own wording.

type Counts = ReportFigures['petitions'];
type PetitionCounts = Pick<Counts, 'received' | 'resolved' | 'resolved_on_time' | 'overdue'>;

const GREEN = '#237804';
const RED = '#a8071a';

export function MetTag({ met }: { met: boolean | null }) {
  if (met === null) return <Tag>Chưa có số liệu</Tag>;
  return met ? (
    <Tag color={GREEN} data-testid="met">
      Đạt
    </Tag>
  ) : (
    <Tag color={RED} data-testid="not-met">
      Chưa đạt
    </Tag>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={3} style={{ fontSize: 15, margin: '16px 0 8px' }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Facts({ title, items }: { title: string; items: [string, ReactNode][] }) {
  return (
    <Section title={title}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        items={items.map(([label, children]) => ({ key: label, label, children }))}
      />
    </Section>
  );
}

interface PetitionRow extends PetitionCounts {
  key: string;
  group: string;
}

function petitionRows(
  figures: Counts,
  caseLabel: (v: string) => string,
  fieldLabel: (v: string) => string,
): PetitionRow[] {
  const row = (key: string, group: string, counts: PetitionCounts): PetitionRow => ({
    key,
    group,
    received: counts.received,
    resolved: counts.resolved,
    resolved_on_time: counts.resolved_on_time,
    overdue: counts.overdue,
  });
  return [
    row('total', 'Tổng số', figures),
    ...Object.entries(figures.by_case_type ?? {}).map(([value, counts]) =>
      row(`case:${value}`, `Loại đơn: ${caseLabel(value)}`, counts),
    ),
    ...Object.entries(figures.by_field ?? {}).map(([value, counts]) =>
      row(`field:${value}`, `Lĩnh vực: ${fieldLabel(value)}`, counts),
    ),
  ];
}

const number = (value: number) => formatNumber(value);

export function FiguresTables({
  figures,
  computedAt,
}: {
  figures: ReportFigures | null;
  computedAt?: string | null;
}) {
  const indicatorLabel = useEnumLabel('indicator');
  const levelLabel = useEnumLabel('satisfaction_level');
  const sessionLabel = useEnumLabel('reception_session_type');
  const caseLabel = useEnumLabel('petition_case_type');
  const fieldLabel = useEnumLabel('reception_field');

  if (!figures) {
    return <Typography.Text type="secondary">Báo cáo chưa có số liệu.</Typography.Text>;
  }
  const { satisfaction, receptions, petitions, inspections, trainings, dialogues } = figures;

  return (
    <div data-testid="report-figures">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        Số liệu từ ngày {formatDate(figures.data_from)} đến ngày {formatDate(figures.data_to)}; tình
        trạng quá hạn tính đến ngày {formatDate(figures.as_of)}; chỉ tiêu năm {figures.year}
        {computedAt ? ` · tổng hợp lúc ${formatDateTime(computedAt)}` : ''}.
      </Typography.Paragraph>

      <Section title="Kết quả thực hiện các chỉ tiêu">
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          scroll={{ x: 640 }}
          dataSource={figures.targets}
          locale={{ emptyText: 'Không có chỉ tiêu nào áp dụng cho đơn vị' }}
          columns={[
            {
              key: 'name',
              title: 'Chỉ tiêu',
              render: (_, t) => indicatorLabel(t.code) || t.name,
            },
            {
              key: 'target',
              title: 'Chỉ tiêu giao',
              align: 'right',
              render: (_, t) => formatPercent(t.target),
            },
            {
              key: 'value',
              title: 'Kết quả',
              align: 'right',
              render: (_, t) => formatPercent(t.value),
            },
            {
              key: 'count',
              title: 'Đạt / tổng số',
              align: 'right',
              render: (_, t) => `${number(t.numerator)}/${number(t.denominator)}`,
            },
            { key: 'met', title: 'Đánh giá', render: (_, t) => <MetTag met={t.met} /> },
          ]}
        />
      </Section>

      <Facts
        title="Mức độ hài lòng của người dân"
        items={[
          ['Số lượt đánh giá', number(satisfaction.answers)],
          ['Số lượt hài lòng trở lên', number(satisfaction.satisfied)],
          ['Tỷ lệ hài lòng', formatPercent(satisfaction.rate)],
          ...(Object.entries(satisfaction.levels ?? {}) as [string, number][]).map(
            ([level, count]): [string, ReactNode] => [levelLabel(level), number(count)],
          ),
        ]}
      />

      <Facts
        title="Tiếp công dân"
        items={[
          ['Số buổi tiếp công dân', number(receptions.sessions)],
          ['Số lượt công dân được tiếp', number(receptions.citizens)],
          ['Số buổi Thủ trưởng trực tiếp tiếp', number(receptions.head_in_person)],
          ...Object.entries(receptions.by_session_type ?? {}).map(
            ([kind, count]): [string, ReactNode] => [sessionLabel(kind), number(count)],
          ),
        ]}
      />

      <Section title="Tiếp nhận, giải quyết đơn thư">
        <Table
          size="small"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={petitionRows(petitions, caseLabel, fieldLabel)}
          columns={[
            { key: 'group', title: 'Nhóm', dataIndex: 'group' },
            {
              key: 'received',
              title: 'Tiếp nhận',
              align: 'right',
              render: (_, r) => number(r.received),
            },
            {
              key: 'resolved',
              title: 'Đã giải quyết',
              align: 'right',
              render: (_, r) => number(r.resolved),
            },
            {
              key: 'on_time',
              title: 'Giải quyết đúng hạn',
              align: 'right',
              render: (_, r) => number(r.resolved_on_time),
            },
            {
              key: 'overdue',
              title: 'Quá hạn',
              align: 'right',
              render: (_, r) =>
                r.overdue > 0 ? (
                  <strong style={{ color: RED }}>{number(r.overdue)}</strong>
                ) : (
                  number(r.overdue)
                ),
            },
          ]}
        />
      </Section>

      <Facts
        title="Kiểm tra, giám sát và kiến nghị"
        items={[
          ['Cuộc kiểm tra, giám sát đơn vị thực hiện', number(inspections.conducted)],
          ['Cuộc tự kiểm tra', number(inspections.self_inspections)],
          ['Cuộc kiểm tra, giám sát đối với đơn vị', number(inspections.received)],
          ['Kiến nghị đối với đơn vị', number(inspections.recommendations)],
          ['Kiến nghị đã thực hiện', number(inspections.recommendations_done)],
          ['Kiến nghị quá hạn', number(inspections.recommendations_overdue)],
        ]}
      />

      <Facts
        title="Tập huấn, bồi dưỡng"
        items={[
          ['Số lớp tập huấn', number(trainings.held)],
          ['Lượt người tham dự', number(trainings.participants)],
          ['Cán bộ được tập huấn', number(trainings.officials_trained)],
        ]}
      />
      <Facts
        title="Đối thoại với Nhân dân"
        items={[
          ['Số buổi đối thoại', number(dialogues.held)],
          ['Lượt người tham dự', number(dialogues.participants)],
        ]}
      />
    </div>
  );
}
