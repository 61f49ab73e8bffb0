/** 修改密码: one's own password (current, new twice); the API renews the session and ends the others. */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useChangePassword } from '../api/hooks';

interface Fields {
  current: string;
  next: string;
  repeat: string;
}

export function PasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Fields>();
  const change = useChangePassword();
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (open) {
      form.resetFields();
      change.reset();
      setDone(false);
    }
  }, [open]);

  const submit = async () => {
    if (done) return onClose();
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    change.mutate({ current: v.current, next: v.next }, { onSuccess: () => setDone(true) });
  };

  return (
    <Modal
      open={open}
      title="修改密码"
      okText={done ? '关闭' : '确定修改'}
      cancelText="取消"
      cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      confirmLoading={change.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
      okButtonProps={{ 'data-testid': 'password-submit' } as Record<`data-${string}`, string>}
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          data-testid="password-success"
          message="密码已修改"
          description="下次登录请使用新密码；您在其他设备或浏览器上的登录已全部结束。"
        />
      ) : (
        <Form form={form} layout="vertical" data-testid="password-form">
          {change.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="password-error"
              message={change.error.message}
            />
          )}
          <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="next"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '新密码至少 8 位' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value && value === getFieldValue('current')
                    ? Promise.reject(new Error('新密码不能与当前密码相同'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="repeat"
            dependencies={['next']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('next')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
