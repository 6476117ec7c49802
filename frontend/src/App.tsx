import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { useMe } from './auth/context';
import { FullPageSpinner } from './components/FullPageSpinner';
import { homePath } from './layout/navigation';
import { NotFound } from './pages/Problems';
import { RequireScreen } from './layout/RequireScreen';

// Each screen is its own chunk: the login route loads no layout, table or chart code.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const MyUnitPage = lazy(() => import('./pages/my-unit/MyUnitPage'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage'));

function Home() {
  return <Navigate to={homePath(useMe())} replace />;
}

export function App() {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<Home />} />
          <Route
            path="dashboard"
            element={
              <RequireScreen path="/dashboard">
                <DashboardPage />
              </RequireScreen>
            }
          />
          <Route
            path="my-unit"
            element={
              <RequireScreen path="/my-unit">
                <MyUnitPage />
              </RequireScreen>
            }
          />
          <Route
            path="imports"
            element={
              <RequireScreen path="/imports">
                <ImportsPage />
              </RequireScreen>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
