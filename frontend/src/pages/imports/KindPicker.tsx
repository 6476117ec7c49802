import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Select, Space, Table, Tag } from 'antd';
import { useId, useState } from 'react';
import { downloadTemplate, type ImportKindName } from '../../api/endpoints';
import { errorMessage } from '../../api/problem';
import type { ImportColumn, ImportKind } from '../../api/types';

interface KindPickerProps {
  kinds: ImportKind[];
  value: ImportKind | null;
  onChange: (kind: ImportKind | null) => void;
}

function ColumnsTable({ columns }: { columns: ImportColumn[] }) {
  return (
    <Table<ImportColumn>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={columns}
      scroll={{ x: 520 }}
      columns={[
        { title: 'Tên cột', dataIndex: 'label', width: 220 },
        {
          title: 'Bắt buộc',
          dataIndex: 'required',
          width: 90,
          render: (required: boolean) => (required ? 'Có' : 'Không'),
        },
        {
          title: 'Giá trị hợp lệ',
          dataIndex: 'choices',
          render: (choices: string[]) => (choices.length ? choices.join('; ') : '—'),
        },
      ]}
    />
  );
}

export function KindPicker({ kinds, value, onChange }: KindPickerProps) {
  const { message } = App.useApp();
  const id = useId();
  const [downloading, setDownloading] = useState(false);

  async function template(kind: ImportKind) {
    setDownloading(true);
    try {
      // The server lists only kinds its import routes accept.
      await downloadTemplate(kind.name as ImportKindName);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <label htmlFor={id}>Loại dữ liệu</label>
        <Select
          id={id}
          showSearch={{ optionFilterProp: 'label' }}
          virtual={false}
          placeholder="Chọn loại dữ liệu cần nhập"
          style={{ minWidth: 280 }}
          value={value?.name}
          onChange={(name: string) => onChange(kinds.find((kind) => kind.name === name) ?? null)}
          options={kinds.map((kind) => ({ value: kind.name, label: kind.label }))}
        />
        {value && (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={downloading}
            onClick={() => template(value)}
          >
            Tải tệp mẫu (.xlsx)
          </Button>
        )}
      </Space>
      {value && (
        <div>
          <span>Cột bắt buộc: </span>
          {value.columns
            .filter((column) => column.required)
            .map((column) => (
              <Tag key={column.name}>{column.label}</Tag>
            ))}
          <Collapse
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'columns',
                label: `Tất cả các cột của tệp (${value.columns.length})`,
                children: <ColumnsTable columns={value.columns} />,
              },
            ]}
          />
        </div>
      )}
    </Space>
  );
}
