import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { loginErrorMessage } from './loginError';

interface Credentials {
  username: string;
  password: string;
}

interface LoginFormProps {
  onLogin: (username: string, password: string) => Promise<unknown>;
}

export function LoginForm({ onLogin }: LoginFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit({ username, password }: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      await onLogin(username.trim(), password);
    } catch (failure) {
      setError(loginErrorMessage(failure));
      setSubmitting(false);
    }
  }

  return (
    <Form<Credentials>
      name="login"
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      disabled={submitting}
    >
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        label="Tên đăng nhập"
        name="username"
        rules={[{ required: true, whitespace: true, message: 'Hãy nhập tên đăng nhập' }]}
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoFocus
          size="large"
        />
      </Form.Item>
      <Form.Item
        label="Mật khẩu"
        name="password"
        rules={[{ required: true, message: 'Hãy nhập mật khẩu' }]}
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          autoComplete="current-password"
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        Đăng nhập
      </Button>
    </Form>
  );
}
