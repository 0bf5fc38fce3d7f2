// Demo sign-in (演示登录): pick a seeded user; the token lives in sessionStorage for this tab only.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import { api, ApiError, session, type SessionUser } from '../lib/api';
import { ROLE_LABELS } from '../lib/format';
import { navigate, useRoute } from '../lib/router';
import { homeFor } from '../nav';

/** The demo accounts seeded in demo mode (server/auth/demo-users.ts). */
const DEMO = [
  { id: 'zhangsan', name: '张三', role: 'applicant' },
  { id: 'lisi', name: '李四', role: 'applicant' },
  { id: 'window1', name: '王晓窗', role: 'window' },
  { id: 'approver1', name: '赵审批', role: 'approver' },
  { id: 'agent1', name: '陈代办', role: 'agent' },
  { id: 'supervisor1', name: '周监督', role: 'supervisor' },
  { id: 'admin', name: '系统管理员', role: 'admin' },
];

export function LoginPage({ onSignedIn }: { onSignedIn: (u: SessionUser) => void }) {
  const { search } = useRoute();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  async function signIn(userId: string) {
    setBusy(userId);
    setError(undefined);
    try {
      const res = await api.post<{ token: string; user: SessionUser }>('/api/auth/token', { userId });
      session.save(res.token, res.user);
      onSignedIn(res.user);
      navigate(homeFor(res.user.roles), true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg,#8c0e1f,#c8102e 40%,#f5f5f5 40%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 520, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          好办 · 区政务服务办件系统
        </Typography.Title>
        <Typography.Paragraph type="secondary">演示环境：选择一个演示账号登录（Demo: pick a user）。</Typography.Paragraph>
        {search.get('expired') && <Alert type="warning" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={`登录失败：${error}`} style={{ marginBottom: 12 }} role="alert" />}
        <List
          size="small"
          dataSource={DEMO}
          renderItem={(u) => (
            <List.Item
              actions={[
                <Button
                  key="go"
                  type="primary"
                  loading={busy === u.id}
                  onClick={() => void signIn(u.id)}
                  data-testid={`login-${u.id}`}
                  aria-label={`以${u.name}登录`}
                >
                  登录
                </Button>,
              ]}
            >
              <span style={{ minWidth: 90, display: 'inline-block' }}>{u.name}</span>
              <Tag>{ROLE_LABELS[u.role]}</Tag>
              <Typography.Text type="secondary">{u.id}</Typography.Text>
            </List.Item>
          )}
        />
        <Form layout="inline" style={{ marginTop: 12 }} onFinish={(v: { userId: string }) => void signIn(v.userId.trim())}>
          <Form.Item name="userId" label="其他账号" rules={[{ required: true, message: '请输入账号' }]}>
            <Input placeholder="用户账号" autoComplete="username" />
          </Form.Item>
          <Button htmlType="submit">登录</Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <a href="/lookup" data-testid="public-lookup-link">
            不登录，凭办件编号查询进度
          </a>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
