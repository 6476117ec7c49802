import { Spin } from 'antd';

export function FullPageSpinner() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" description="Đang tải…">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
