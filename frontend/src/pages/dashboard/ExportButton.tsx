import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadIndicators } from '../../api/endpoints';
import { errorMessage } from '../../api/problem';

export function ExportButton({ year }: { year: number }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      await downloadIndicators(year);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={download}>
      Tải bảng tính chỉ tiêu (.xlsx)
    </Button>
  );
}
