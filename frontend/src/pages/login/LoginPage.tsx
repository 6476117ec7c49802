import { Alert, Card, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginRedirectState } from '../../auth/RequireAuth';
import { useAuth } from '../../auth/context';
import { FullPageSpinner } from '../../components/FullPageSpinner';
import { homePath } from '../../layout/navigation';
import { LoginForm } from './LoginForm';
import styles from './LoginPage.module.css';

export default function LoginPage() {
  const { state, logIn } = useAuth();
  const navigate = useNavigate();
  const redirect = (useLocation().state ?? {}) as LoginRedirectState;

  if (state.status === 'starting') return <FullPageSpinner />;
  if (state.status === 'signed-in')
    return <Navigate to={redirect.from ?? homePath(state.me)} replace />;

  async function logInAndReturn(username: string, password: string) {
    const me = await logIn(username, password);
    navigate(redirect.from ?? homePath(me), { replace: true });
  }

  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <div className={styles.brand}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <Typography.Title level={1} className={styles.title}>
              Dân vận chính quyền
            </Typography.Title>
            <Typography.Text type="secondary">
              Theo dõi thực hiện Chỉ thị số 05-CT/TU — tỉnh Ninh Bình
            </Typography.Text>
          </div>
        </div>
        {redirect.expired && (
          <Alert
            type="warning"
            showIcon
            title="Phiên đăng nhập đã hết. Hãy đăng nhập lại để tiếp tục."
            style={{ marginBottom: 16 }}
          />
        )}
        <LoginForm onLogin={logInAndReturn} />
      </Card>
    </main>
  );
}
