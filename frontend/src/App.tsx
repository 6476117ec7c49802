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
const ReceptionsPage = lazy(() => import('./pages/receptions/ReceptionsPage'));
const ReceptionCreatePage = lazy(() => import('./pages/receptions/ReceptionCreatePage'));
const ReceptionDetailPage = lazy(() => import('./pages/receptions/ReceptionDetailPage'));
const PetitionsPage = lazy(() => import('./pages/petitions/PetitionsPage'));
const PetitionDetailPage = lazy(() => import('./pages/petitions/PetitionDetailPage'));
const PetitionCreatePage = lazy(() => import('./pages/petitions/PetitionCreatePage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const ReportDetailPage = lazy(() => import('./pages/reports/ReportDetailPage'));
const PeriodBoardPage = lazy(() => import('./pages/reports/PeriodBoardPage'));

// Record screens (records/screens): one chunk each, with list, detail and forms under `kind/*`.
const RECORD_SCREENS = [
  ['/units', lazy(() => import('./records/screens/units'))],
  ['/users', lazy(() => import('./records/screens/users'))],
  ['/clients', lazy(() => import('./records/screens/clients'))],
  ['/audit', lazy(() => import('./records/screens/audit'))],
  ['/plans', lazy(() => import('./records/screens/plans'))],
  ['/activities', lazy(() => import('./records/screens/activities'))],
  ['/officials', lazy(() => import('./records/screens/officials'))],
  ['/evaluations', lazy(() => import('./records/screens/evaluations'))],
  ['/survey-results', lazy(() => import('./records/screens/surveyResults'))],
  ['/inspections', lazy(() => import('./records/screens/inspections'))],
  ['/recommendations', lazy(() => import('./records/screens/recommendations'))],
] as const;

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
          <Route path="receptions">
            <Route
              index
              element={
                <RequireScreen path="/receptions">
                  <ReceptionsPage />
                </RequireScreen>
              }
            />
            <Route
              path="new"
              element={
                <RequireScreen path="/receptions">
                  <ReceptionCreatePage />
                </RequireScreen>
              }
            />
            <Route
              path=":receptionId"
              element={
                <RequireScreen path="/receptions">
                  <ReceptionDetailPage />
                </RequireScreen>
              }
            />
          </Route>
          <Route path="petitions">
            <Route
              index
              element={
                <RequireScreen path="/petitions">
                  <PetitionsPage />
                </RequireScreen>
              }
            />
            <Route
              path="new"
              element={
                <RequireScreen path="/petitions">
                  <PetitionCreatePage />
                </RequireScreen>
              }
            />
            <Route
              path=":petitionId"
              element={
                <RequireScreen path="/petitions">
                  <PetitionDetailPage />
                </RequireScreen>
              }
            />
          </Route>
          <Route path="reports">
            <Route
              index
              element={
                <RequireScreen path="/reports">
                  <ReportsPage />
                </RequireScreen>
              }
            />
            <Route
              path="periods/:periodId"
              element={
                <RequireScreen path="/reports">
                  <PeriodBoardPage />
                </RequireScreen>
              }
            />
            <Route
              path=":reportId"
              element={
                <RequireScreen path="/reports">
                  <ReportDetailPage />
                </RequireScreen>
              }
            />
          </Route>
          {RECORD_SCREENS.map(([path, Screen]) => (
            <Route
              key={path}
              path={`${path.slice(1)}/*`}
              element={
                <RequireScreen path={path}>
                  <Screen />
                </RequireScreen>
              }
            />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
