import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Space, Tag } from 'antd';
import { LogoutOutlined, ApiOutlined, MenuOutlined } from '@ant-design/icons';
import { ElderToggle, MessagesBell } from './components/AppTools';
import { session, setUnauthorizedHandler, type SessionUser } from './lib/api';
import { ROLE_LABELS } from './lib/format';
import { match, navigate, useRoute } from './lib/router';
import { homeFor, navFor } from './nav';
import { Loading, UnderConstruction } from './components/states';
import { LoginPage } from './pages/LoginPage';
import { ErrorBoundary } from './components/ErrorBoundary';

const ServicesPage = lazy(() => import('./pages/applicant/ServicesPage'));
const ApplyPage = lazy(() => import('./pages/applicant/ApplyPage'));
const ApplyItemPage = lazy(() => import('./pages/applicant/ApplyItemPage'));
const GuidePage = lazy(() => import('./pages/applicant/GuidePage'));
const EventPage = lazy(() => import('./pages/applicant/EventPage'));
const MyCasesPage = lazy(() => import('./pages/applicant/MyCasesPage'));
const CaseProgressPage = lazy(() => import('./pages/applicant/CaseProgressPage'));
const MessagesPage = lazy(() => import('./pages/applicant/MessagesPage'));
const LookupPage = lazy(() => import('./pages/public/LookupPage'));
const EventCaseProgressPage = lazy(() => import('./pages/applicant/EventCaseProgressPage'));
const PrereviewNewPage = lazy(() => import('./pages/applicant/prereview/PrereviewNewPage'));
const PrereviewProgressPage = lazy(() => import('./pages/applicant/prereview/PrereviewProgressPage'));
const InboxPage = lazy(() => import('./pages/staff/InboxPage'));
const CasesPage = lazy(() => import('./pages/staff/CasesPage'));
const CasePage = lazy(() => import('./pages/staff/CasePage'));
const PrereviewPage = lazy(() => import('./pages/staff/PrereviewPage'));
const AgentBoardPage = lazy(() => import('./pages/agent/AgentBoardPage'));
const SupervisePage = lazy(() => import('./pages/supervisor/SupervisePage'));
const AuditPage = lazy(() => import('./pages/supervisor/AuditPage'));
const EscalationsPage = lazy(() => import('./pages/supervisor/EscalationsPage'));
const DefinitionsPage = lazy(() => import('./pages/admin/DefinitionsPage'));
const DeployPage = lazy(() => import('./pages/admin/DeployPage'));
const CatalogueImportPage = lazy(() => import('./pages/admin/CatalogueImportPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage'));
const IncidentsPage = lazy(() => import('./pages/supervisor/IncidentsPage'));
const FallbackPage = lazy(() => import('./pages/window/FallbackPage'));
const HotlinePage = lazy(() => import('./pages/window/HotlinePage'));
const LinkagePage = lazy(() => import('./pages/supervisor/linkage/LinkagePage'));

type Route = { pattern: string; render: (p: Record<string, string>) => ReactNode };

const ROUTES: Route[] = [
  { pattern: '/services', render: () => <ServicesPage /> },
  { pattern: '/apply/item/:code', render: (p) => <ApplyItemPage code={p.code} /> },
  { pattern: '/apply/:processKey', render: (p) => <ApplyPage processKey={p.processKey} /> },
  { pattern: '/guide/:code', render: (p) => <GuidePage code={p.code} /> },
  { pattern: '/events/:code', render: (p) => <EventPage code={p.code} /> },
  { pattern: '/my/cases', render: () => <MyCasesPage /> },
  { pattern: '/my/cases/:id', render: (p) => <CaseProgressPage caseId={p.id} /> },
  { pattern: '/my/messages', render: () => <MessagesPage /> },
  { pattern: '/my/events/:id', render: (p) => <EventCaseProgressPage id={p.id} /> },
  { pattern: '/my/prereviews/new/:code', render: (p) => <PrereviewNewPage code={p.code} /> },
  { pattern: '/my/prereviews/:id', render: (p) => <PrereviewProgressPage id={p.id} /> },
  { pattern: '/inbox', render: () => <InboxPage /> },
  { pattern: '/cases', render: () => <CasesPage /> },
  { pattern: '/cases/:id', render: (p) => <CasePage caseId={p.id} /> },
  { pattern: '/prereview', render: () => <PrereviewPage /> },
  { pattern: '/agent/board', render: () => <AgentBoardPage /> },
  { pattern: '/supervise', render: () => <SupervisePage /> },
  { pattern: '/escalations', render: () => <EscalationsPage /> },
  { pattern: '/audit', render: () => <AuditPage /> },
  { pattern: '/admin/definitions', render: () => <DefinitionsPage /> },
  { pattern: '/admin/deploy', render: () => <DeployPage /> },
  { pattern: '/admin/catalogue', render: () => <CatalogueImportPage /> },
  { pattern: '/admin/users', render: () => <UsersPage /> },
  { pattern: '/admin/calendar', render: () => <CalendarPage /> },
  { pattern: '/incidents', render: () => <IncidentsPage /> },
  { pattern: '/fallback', render: () => <FallbackPage /> },
  { pattern: '/hotline', render: () => <HotlinePage /> },
  { pattern: '/linkage', render: () => <LinkagePage /> },
];

export function App() {
  const { path } = useRoute();
  const screens = Grid.useBreakpoint();
  // Phones and narrow tablets get a top bar and an overlay drawer instead of the side menu.
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const [user, setUser] = useState<SessionUser | null>(session.user());

  useEffect(() => {
    setUnauthorizedHandler(() => {
      session.clear();
      setUser(null);
      navigate(`/login?expired=1`, true);
    });
  }, []);

  const isPublic = path === '/lookup';
  useEffect(() => {
    if (isPublic) return;
    if (!user && path !== '/login') navigate('/login', true);
    else if (user && (path === '/' || path === '/login')) navigate(homeFor(user.roles), true);
  }, [user, path, isPublic]);

  if (isPublic)
    return (
      <Suspense fallback={<Loading rows={6} />}>
        <LookupPage />
      </Suspense>
    );

  if (!user || path === '/login') return <LoginPage onSignedIn={setUser} />;

  const items = navFor(user.roles);
  const found = ROUTES.map((r) => ({ r, params: match(r.pattern, path) })).find((x) => x.params);
  const selected = items.filter((i) => path === i.path || path.startsWith(`${i.path}/`)).map((i) => i.path);

  const isApplicant = user.roles.includes('applicant') && user.roles.length === 1;
  const signOut = () => {
    session.clear();
    setUser(null);
    navigate('/login');
  };
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      style={{ background: 'transparent' }}
      selectedKeys={selected}
      items={items.map((i) => ({
        key: i.path,
        label: (
          <a href={i.path} onClick={(e) => (e.preventDefault(), setDrawer(false), navigate(i.path))}>
            {i.label}
          </a>
        ),
      }))}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Layout.Sider width={196} breakpoint="lg" collapsedWidth={0} trigger={null} style={{ background: '#8c0e1f' }}>
          <div className="hb-brand">
            好办<small>政务服务</small>
          </div>
          {menu}
        </Layout.Sider>
      )}
      {phone && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#8c0e1f' } }}
          data-testid="nav-drawer"
        >
          <div className="hb-brand">
            好办<small>政务服务</small>
          </div>
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="hb-header">
          {phone && (
            <Button
              type="text"
              className="hb-menu-button"
              icon={<MenuOutlined />}
              aria-label="打开菜单"
              onClick={() => setDrawer(true)}
              data-testid="open-menu"
            />
          )}
          <span className="hb-header-title">{phone ? '好办' : isApplicant ? '好办 · 区政务服务' : '区政务服务办件系统'}</span>
          <Space size={phone ? 4 : 8} className="hb-header-tools">
            {!isApplicant && !phone && (
              <a href="/api/docs" target="_blank" rel="noreferrer">
                <ApiOutlined /> 接口文档
              </a>
            )}
            {user.roles.includes('applicant') && <MessagesBell />}
            <ElderToggle compact={phone} />
            <span data-testid="current-user" className="hb-user">
              {user.name}
            </span>
            {!phone && !isApplicant && user.roles.map((r) => <Tag key={r}>{ROLE_LABELS[r] ?? r}</Tag>)}
            <Button icon={<LogoutOutlined />} aria-label="退出" onClick={signOut}>
              {phone ? null : '退出'}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="hb-content">
          <ErrorBoundary key={path}>
            <Suspense fallback={<Loading rows={6} />}>
              {found ? found.r.render(found.params!) : <UnderConstruction title="页面不存在">请从菜单选择。</UnderConstruction>}
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
