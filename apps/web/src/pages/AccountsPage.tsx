/**
 * 账户管理 (administrators): the accounts, adding one, changing role, region or password, disabling
 * and deleting. Changing an account ends its sessions (the API does), one's own included. In
 * single-user local mode there are no accounts yet: the page says how to create the first one.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useSession, useUserMutations, useUsers, sessionLost } from '../api/hooks';
import type { Role, UserInfo, UserPatch } from '../api/types';
import { ErrorState, RequireRole } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { ADD_ADMIN_COMMAND, ROLE_LABEL, ROLES, REGION_PREFIX, REGION_PREFIX_HINT } from '../labels';

const ROLE_OPTIONS: { value: Role; label: string }[] = ROLES.map((r) => ({
  value: r,
  label: ROLE_LABEL[r],
}));
const REGION_RULE = { pattern: REGION_PREFIX, message: REGION_PREFIX_HINT };
const PASSWORD_RULE = { min: 8, message: '密码至少 8 位' };

type Notice = { type: 'success' | 'error'; text: string } | null;

interface UserForm {
  username?: string;
  role: Role;
  region?: string;
  password?: string;
}

function LocalMode() {
  return (
    <Card>
      <Alert
        type="info"
        showIcon
        data-testid="accounts-local"
        message="单机模式下还没有任何账号"
        description={
          <>
            <Typography.Paragraph>
              当前服务只在本机监听，无需登录。要启用账户管理，请先在服务器的项目目录中用命令行创建第一个管理员账号（密码从标准输入读取，不要使用示例中的密码）：
            </Typography.Paragraph>
            <Typography.Paragraph>
              <Typography.Text code copyable data-latin-ok>
                {ADD_ADMIN_COMMAND}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              创建后刷新页面并以该账号登录，即可在此页面管理其他账号。
            </Typography.Paragraph>
          </>
        }
      />
    </Card>
  );
}

function Accounts() {
  const session = useSession().data;
  const users = useUsers();
  const { create, update, remove } = useUserMutations();
  const client = useQueryClient();
  const [notice, setNotice] = useState<Notice>(null);
  const [editing, setEditing] = useState<UserInfo | 'new' | null>(null);
  const [form] = Form.useForm<UserForm>();
  // kept while the dialog closes, so its title does not flip during the animation
  const [shown, setShown] = useState<UserInfo | 'new'>('new');
  const me = session?.mode === 'session' ? session.user.id : null;

  const fail = (e: unknown) => setNotice({ type: 'error', text: (e as Error).message });
  /** After changing one's own account the API has ended one's session: back to the login page. */
  const after = (user: UserInfo, text: string) => {
    setNotice({ type: 'success', text });
    if (user.id === me) sessionLost(client);
  };

  const open = (u: UserInfo | 'new') => {
    setNotice(null);
    form.resetFields();
    form.setFieldsValue(
      u === 'new' ? { role: 'viewer' } : { role: u.role, region: u.region?.code ?? '', password: '' },
    );
    setEditing(u);
    setShown(u);
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const region = v.region?.trim() || null;
    try {
      if (editing === 'new') {
        const u = await create.mutateAsync({
          username: v.username!.trim(),
          password: v.password!,
          role: v.role,
          region,
        });
        setNotice({ type: 'success', text: `已创建账号 ${u.username}（${ROLE_LABEL[u.role]}）` });
      } else if (editing) {
        const patch: UserPatch = {};
        if (v.role !== editing.role) patch.role = v.role;
        if (region !== (editing.region?.code ?? null)) patch.region = region;
        if (v.password) patch.password = v.password;
        if (!Object.keys(patch).length) {
          setEditing(null);
          return;
        }
        const u = await update.mutateAsync({ id: editing.id, patch });
        after(u, `已修改账号 ${u.username}${patch.password ? '（密码已重设）' : ''}，该用户需重新登录`);
      }
      setEditing(null);
    } catch (e) {
      fail(e);
    }
  };

  if (users.isError) return <ErrorState error={users.error} onRetry={() => users.refetch()} />;
  const self = editing !== 'new' && editing?.id === me;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          closable
          onClose={() => setNotice(null)}
          message={notice.text}
          data-testid="accounts-notice"
        />
      )}
      <Card
        title="账号列表"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="user-add">
            新增账号
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="修改角色、地区范围或密码、停用账号后，该用户的全部会话随即结束，须重新登录；修改自己的账号也会让您当前的登录失效。"
        />
        <Table<UserInfo>
          rowKey="id"
          loading={users.isLoading}
          dataSource={users.data?.items}
          pagination={false}
          data-testid="users-table"
          columns={[
            {
              title: '用户名',
              dataIndex: 'username',
              render: (_, u) => (
                <Space size={4}>
                  <span data-latin-ok>{u.username}</span>
                  {u.id === me && <Tag color="blue">本人</Tag>}
                </Space>
              ),
            },
            { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABEL[r] },
            {
              title: '地区范围',
              dataIndex: 'region',
              render: (_, u) => (u.region ? `${u.region.name ?? ''}（${u.region.code}）` : '全部地区'),
            },
            {
              title: '状态',
              dataIndex: 'disabled',
              render: (d: boolean) => (d ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>),
            },
            { title: '创建时间', dataIndex: 'createdAt', render: (t: string) => fmt.dateTime(t) },
            { title: '最近修改', dataIndex: 'updatedAt', render: (t: string) => fmt.dateTime(t) },
            {
              title: '操作',
              key: 'actions',
              render: (_, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => open(u)}>
                    修改
                  </Button>
                  <Popconfirm
                    title={u.disabled ? `启用账号 ${u.username}？` : `停用账号 ${u.username}？`}
                    description={
                      u.id === me
                        ? '停用自己的账号后您将立即退出登录。'
                        : u.disabled
                          ? undefined
                          : '该用户将立即退出登录。'
                    }
                    okText="确定"
                    cancelText="取消"
                    onConfirm={() =>
                      update
                        .mutateAsync({ id: u.id, patch: { disabled: !u.disabled } })
                        .then((r) => after(r, `已${r.disabled ? '停用' : '启用'}账号 ${r.username}`), fail)
                    }
                  >
                    <Button type="link" size="small">
                      {u.disabled ? '启用' : '停用'}
                    </Button>
                  </Popconfirm>
                  {u.id !== me && (
                    <Popconfirm
                      title={`删除账号 ${u.username}？`}
                      description="删除后无法恢复；审计日志仍保留其用户名。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() =>
                        remove
                          .mutateAsync(u.id)
                          .then(() => setNotice({ type: 'success', text: `已删除账号 ${u.username}` }), fail)
                      }
                    >
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={shown === 'new' ? '新增账号' : `修改账号 ${shown.username}`}
        okText={shown === 'new' ? '创建' : '保存'}
        cancelText="取消"
        confirmLoading={create.isPending || update.isPending}
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        destroyOnClose
        forceRender
      >
        {self && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="这是您自己的账号：保存修改后您当前的登录将结束，需要重新登录。"
          />
        )}
        <Form form={form} layout="vertical" data-testid="user-form">
          {shown === 'new' && (
            <Form.Item
              label="用户名"
              name="username"
              rules={[
                { required: true, whitespace: true, message: '请输入用户名' },
                { max: 64, message: '用户名最多 64 个字符' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item label="角色" name="role" rules={[{ required: true }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="地区代码"
            name="region"
            rules={[REGION_RULE]}
            extra="留空为全部地区；如 11（北京市）、1101、110101"
          >
            <Input placeholder="全部地区" autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={shown === 'new' ? '初始密码' : '重设密码'}
            name="password"
            rules={[
              ...(shown === 'new' ? [{ required: true, message: '请输入初始密码' }] : []),
              PASSWORD_RULE,
            ]}
            extra={shown === 'new' ? '至少 8 位；请通过安全渠道告知该用户' : '留空则不修改密码'}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export default function AccountsPage() {
  const session = useSession().data;
  return (
    <RequireRole role="admin" what="账户管理">
      <PageTitle title="账户管理" />
      {session?.mode === 'local' ? <LocalMode /> : <Accounts />}
    </RequireRole>
  );
}
