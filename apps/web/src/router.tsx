/** Routes; every page is its own chunk (React.lazy), loaded inside the layout's Suspense. */
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { Loading } from './components/PageState';

const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const RankingsPage = lazy(() => import('./pages/RankingsPage'));
const AgenciesPage = lazy(() => import('./pages/AgenciesPage'));
const AgencyPage = lazy(() => import('./pages/AgencyPage'));
const ReportPage = lazy(() => import('./pages/ReportPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const RulesPage = lazy(() => import('./pages/RulesPage'));
const FindingsPage = lazy(() => import('./pages/FindingsPage'));
const ReadingChecksPage = lazy(() => import('./pages/ReadingChecksPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const AuditLogPage = lazy(() => import('./pages/AuditLogPage'));
const AccountsPage = lazy(() => import('./pages/AccountsPage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const RosterPage = lazy(() => import('./pages/RosterPage'));
const RectificationsPage = lazy(() => import('./pages/RectificationsPage'));
const BulletinPage = lazy(() => import('./pages/BulletinPage'));
const RegionsPage = lazy(() => import('./pages/RegionsPage'));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <OverviewPage /> },
      { path: '/rankings', element: <RankingsPage /> },
      { path: '/agencies', element: <AgenciesPage /> },
      { path: '/agencies/:id', element: <AgencyPage /> },
      { path: '/reports/:id', element: <ReportPage /> },
      { path: '/import', element: <ImportPage /> },
      { path: '/findings', element: <FindingsPage /> },
      { path: '/reading-checks', element: <ReadingChecksPage /> },
      { path: '/rules', element: <RulesPage /> },
      { path: '/audit-log', element: <AuditLogPage /> },
      { path: '/accounts', element: <AccountsPage /> },
      { path: '/roster', element: <RosterPage /> },
      { path: '/rectifications', element: <RectificationsPage /> },
      { path: '/bulletin', element: <BulletinPage /> },
      { path: '/regions', element: <RegionsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
