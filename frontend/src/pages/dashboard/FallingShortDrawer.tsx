import { Drawer, Grid, Input, Table } from 'antd';
import { useMemo, useState } from 'react';
import type { FallingShort, Indicator } from '../../api/types';
import { formatNumber, formatPercent } from '../../format/format';
import { foldVietnamese } from '../../format/text';

interface FallingShortDrawerProps {
  indicator: Indicator | null;
  onClose: () => void;
}

/** The units that fall short of one target, and why: the list Sở Nội vụ chases. */
export function FallingShortDrawer({ indicator, onClose }: FallingShortDrawerProps) {
  const screens = Grid.useBreakpoint();
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    const wanted = foldVietnamese(search);
    const all = indicator?.falling_short ?? [];
    return wanted
      ? all.filter((row) => foldVietnamese(`${row.code} ${row.name}`).includes(wanted))
      : all;
  }, [indicator, search]);

  return (
    <Drawer
      open={indicator !== null}
      onClose={onClose}
      afterOpenChange={(open) => open || setSearch('')}
      size={screens.md ? 760 : '100%'}
      title={
        indicator &&
        `${indicator.code}: ${formatNumber(indicator.falling_short.length)} đơn vị chưa đạt`
      }
    >
      {indicator && <p style={{ marginTop: 0 }}>{indicator.name}</p>}
      <Input.Search
        placeholder="Tìm theo mã hoặc tên đơn vị"
        aria-label="Tìm đơn vị"
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        style={{ marginBottom: 12 }}
      />
      <Table<FallingShort>
        rowKey="unit_id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 110 },
          { title: 'Đơn vị', dataIndex: 'name' },
          { title: 'Lý do', dataIndex: 'reason' },
          {
            title: 'Kết quả',
            dataIndex: 'value',
            width: 90,
            align: 'right',
            render: (value: number | null) => formatPercent(value),
          },
        ]}
      />
    </Drawer>
  );
}
