/** Who is using the dashboard, in the header: the single-user marker, or the user with a logout. */
import { useState } from 'react';
import { Button, Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { KeyOutlined, LaptopOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useLogout, useSession } from '../api/hooks';
import { ADD_ADMIN_COMMAND, ROLE_LABEL } from '../labels';
import { PasswordDialog } from './PasswordDialog';

export function SessionMenu() {
  const session = useSession().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  if (!session || session.mode === 'anonymous') return null;
  if (session.mode === 'local')
    return (
      <Tooltip
        title={
          <>
            还没有任何账号，且服务只在本机（127.0.0.1）监听：无需登录，拥有全部权限。
            <br />
            创建第一个账号后所有人都须登录，命令见“账户管理”页：
            <br />
            <span data-latin-ok>{ADD_ADMIN_COMMAND}</span>
          </>
        }
      >
        <Tag icon={<LaptopOutlined />} color="gold" data-testid="local-mode" style={{ marginInlineEnd: 0 }}>
          单机模式
        </Tag>
      </Tooltip>
    );
  const { user, region } = session;
  return (
    <>
      <PasswordDialog open={changing} onClose={() => setChanging(false)} />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <Typography.Text type="secondary">
                  {ROLE_LABEL[user.role]}
                  {region ? ` · 限${region.name ?? region.code}` : ' · 全部地区'}
                </Typography.Text>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => setChanging(true) },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: '退出登录',
              onClick: () =>
                logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }),
            },
          ],
        }}
      >
        <Button type="text" data-testid="user-menu">
          <Space size={6}>
            <UserOutlined />
            <span data-latin-ok>{user.username}</span>
            <Tag style={{ marginInlineEnd: 0 }}>{ROLE_LABEL[user.role]}</Tag>
          </Space>
        </Button>
      </Dropdown>
    </>
  );
}
