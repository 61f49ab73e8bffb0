/** The admin shell users know: a dark side menu, a header with the store's status, the page below. */
import { Suspense, useState } from 'react';
import { Badge, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import {
  BarChartOutlined,
  BankOutlined,
  BookOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  OrderedListOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useHealth } from '../api/hooks';
import { fmt } from '../format';
import { Loading } from '../components/PageState';

const { Header, Sider, Content } = Layout;

const MENU = [
  { key: '/', icon: <DashboardOutlined />, label: <Link to="/">总览</Link> },
  { key: '/rankings', icon: <OrderedListOutlined />, label: <Link to="/rankings">排名</Link> },
  { key: '/agencies', icon: <BankOutlined />, label: <Link to="/agencies">机关</Link> },
  { key: '/import', icon: <CloudUploadOutlined />, label: <Link to="/import">导入报告</Link> },
  { key: '/rules', icon: <BookOutlined />, label: <Link to="/rules">审查规则</Link> },
];

function selectedKey(path: string): string {
  if (path.startsWith('/reports')) return '/rankings';
  const hit = MENU.filter((m) => m.key !== '/' && path.startsWith(m.key));
  return hit[0]?.key ?? '/';
}

function Status() {
  const health = useHealth();
  if (health.isLoading) return <Badge status="processing" text="连接中…" />;
  if (health.isError) return <Badge status="error" text="服务未连接" />;
  const h = health.data!;
  return (
    <Tooltip title={h.rubricVersion ? `评分细则版本 ${h.rubricVersion}` : '尚未评分'}>
      <Badge status="success" text={`报告 ${fmt.count(h.reports)} 份 · 机关 ${fmt.count(h.agencies)} 个`} />
    </Tooltip>
  );
}

export function AppLayout() {
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: '0 20px', color: '#fff', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <BarChartOutlined style={{ fontSize: 22, color: '#ff4d4f' }} />
          {!collapsed && <span style={{ fontSize: 16, fontWeight: 600 }}>年报审查平台</span>}
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={MENU} />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10, height: 56, lineHeight: '56px' }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            政府信息公开工作年度报告审查平台
          </Typography.Text>
          <Space>
            <Status />
          </Space>
        </Header>
        <Content style={{ margin: 16, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
