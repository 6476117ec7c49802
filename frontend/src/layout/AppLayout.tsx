import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth/context';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { useEnumLabel } from '../meta/useEnums';
import styles from './AppLayout.module.css';
import { visibleNavItems } from './navigation';

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const items = visibleNavItems(me).map((item) => ({
    key: item.path,
    icon: item.icon,
    label: item.label,
  }));
  const selected = items.find((item) => location.pathname.startsWith(item.key))?.key;
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}

function UserBox() {
  const me = useMe();
  const { logOut } = useAuth();
  const roleLabel = useEnumLabel('role');
  return (
    <div className={styles.user}>
      <div className={styles.userText}>
        <span className={styles.userName}>{me.full_name}</span>
        <span className={styles.userRole}>
          {[roleLabel(me.role), me.unit_name].filter(Boolean).join(' · ')}
        </span>
      </div>
      <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void logOut()}>
        Đăng xuất
      </Button>
    </div>
  );
}

export default function AppLayout() {
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <AntApp>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <Layout className={styles.shell}>
        <Layout.Header className={styles.header}>
          {!wide && (
            <Button
              type="text"
              className={styles.menuButton}
              icon={<MenuOutlined aria-hidden />}
              aria-label="Mở danh mục chức năng"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(true)}
            />
          )}
          <Typography.Text className={styles.brand}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            {wide ? 'DVCQ — Dân vận chính quyền Ninh Bình' : 'DVCQ Ninh Bình'}
          </Typography.Text>
          {wide && <UserBox />}
        </Layout.Header>
        <Layout>
          {wide ? (
            <Layout.Sider width={240} className={styles.sider}>
              <nav aria-label="Chức năng">
                <NavMenu />
              </nav>
            </Layout.Sider>
          ) : (
            <Drawer
              title="Chức năng"
              placement="left"
              open={menuOpen}
              onClose={() => setMenuOpen(false)}
              size={280}
            >
              <nav aria-label="Chức năng">
                <NavMenu onNavigate={() => setMenuOpen(false)} />
              </nav>
              <div style={{ marginTop: 24 }}>
                <UserBox />
              </div>
            </Drawer>
          )}
          <Layout.Content id="main" tabIndex={-1} className={styles.content}>
            <Suspense fallback={<FullPageSpinner />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
