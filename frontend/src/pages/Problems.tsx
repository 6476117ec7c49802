import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

function HomeButton() {
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      Về trang chủ
    </Button>
  );
}

export function NotFound() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Địa chỉ này không có trong hệ thống."
      extra={<HomeButton />}
    />
  );
}

export function NotAllowed() {
  return (
    <Result
      status="403"
      title="Không có quyền truy cập"
      subTitle="Tài khoản của bạn không được dùng chức năng này."
      extra={<HomeButton />}
    />
  );
}
