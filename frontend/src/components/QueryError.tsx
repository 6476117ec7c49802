import { Alert, Button } from 'antd';
import { errorMessage } from '../api/problem';

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="Không tải được dữ liệu"
      description={errorMessage(error)}
      action={onRetry && <Button onClick={onRetry}>Thử lại</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}
