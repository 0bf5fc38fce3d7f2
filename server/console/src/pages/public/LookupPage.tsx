// 办件进度查询 without signing in: 办件编号 + the phone given when applying (or the receipt's 查询码).
// The QR code on every document opens this page with the number, query code and the paper's verification code.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Steps, Tag } from 'antd';
import { api, ApiError } from '../../lib/api';
import { fmtDateTime, fromNow } from '../../lib/format';
import { plain } from '../../lib/plain';
import { Link, useRoute } from '../../lib/router';
import { STAGE_COLOR } from '../applicant/MyCasesPage';

interface PublicProgress {
  caseNumber: string;
  title: string;
  applicant: string;
  stage: { code: string; label: string; action: string };
  startedAt: string;
  endedAt: string | null;
  steps: { title: string; status: 'wait' | 'process' | 'finish' | 'error' }[];
  current: string[];
  needed: string[];
  deadline: string | null;
}

interface Verified {
  valid: boolean;
  title?: string;
  issuedAt?: string;
  superseded?: boolean;
}

export default function LookupPage() {
  const { search } = useRoute();
  const [by, setBy] = useState<'phone' | 'code'>(search.get('code') ? 'code' : 'phone');
  const [result, setResult] = useState<PublicProgress>();
  const [verified, setVerified] = useState<Verified>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function lookup(v: { caseNumber: string; phone?: string; queryCode?: string }) {
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await api.post<PublicProgress>('/api/public/progress', {
          caseNumber: v.caseNumber,
          ...(by === 'phone' ? { phone: v.phone } : { queryCode: v.queryCode }),
        }),
      );
    } catch (e) {
      setResult(undefined);
      setError(e instanceof ApiError ? plain(e.message) : '查询失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const no = search.get('no');
    const code = search.get('code');
    if (no && code) void lookup({ caseNumber: no, queryCode: code });
    const doc = search.get('doc');
    const v = search.get('v');
    if (doc && v)
      void api
        .post<Verified>('/api/public/documents/verify', { number: doc, verifyCode: v })
        .then(setVerified)
        .catch(() => setVerified({ valid: false }));
  }, []);

  return (
    <div className="hb-public">
      <header className="hb-public-header">好办 · 办件进度查询</header>
      <main className="hb-content" style={{ maxWidth: 720, margin: '0 auto' }}>
        {verified && (
          <Alert
            style={{ marginBottom: 12 }}
            showIcon
            type={verified.valid && !verified.superseded ? 'success' : verified.valid ? 'warning' : 'error'}
            data-testid="verify-result"
            title={
              verified.valid
                ? verified.superseded
                  ? `「${verified.title}」真实，但已有更新版本`
                  : `文书核验通过：「${verified.title}」真实有效`
                : '文书核验未通过：编号与验证码不一致，请向办理窗口核实'
            }
            description={verified.valid && verified.issuedAt ? `出具时间：${fmtDateTime(verified.issuedAt)}` : undefined}
          />
        )}
        <Card title="查询办理进度" size="small" style={{ marginBottom: 16 }}>
          <Form
            layout="vertical"
            onFinish={(v) => void lookup(v)}
            initialValues={{ caseNumber: search.get('no') ?? '', queryCode: search.get('code') ?? '' }}
          >
            <Form.Item name="caseNumber" label="办件编号" rules={[{ required: true, message: '请填写办件编号' }]}>
              <Input placeholder="受理回执或短信中的编号" autoComplete="off" data-testid="lookup-number" />
            </Form.Item>
            <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} style={{ marginBottom: 12 }}>
              <Radio value="phone">用手机号查询</Radio>
              <Radio value="code">用查询码查询</Radio>
            </Radio.Group>
            {by === 'phone' ? (
              <Form.Item name="phone" label="申请时填写的手机号" rules={[{ required: true, message: '请填写手机号' }]}>
                <Input inputMode="tel" maxLength={20} data-testid="lookup-phone" />
              </Form.Item>
            ) : (
              <Form.Item
                name="queryCode"
                label="查询码（受理回执上的 6 位数字）"
                rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写 6 位查询码' }]}
              >
                <Input inputMode="numeric" maxLength={6} data-testid="lookup-code" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="lookup-submit">
              查询
            </Button>
          </Form>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
        </Card>
        {result && (
          <Card
            title={result.title}
            size="small"
            data-testid="lookup-result"
            extra={<Tag color={STAGE_COLOR[result.stage.code] ?? 'processing'}>{result.stage.label}</Tag>}
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label="办件编号">{result.caseNumber}</Descriptions.Item>
              <Descriptions.Item label="申请人">{result.applicant}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmtDateTime(result.startedAt)}</Descriptions.Item>
              {result.current.length > 0 && <Descriptions.Item label="正在办理">{result.current.join('、')}</Descriptions.Item>}
              <Descriptions.Item label="需要您做的">
                {result.needed.length ? (
                  <span style={{ color: '#cf1322' }}>{result.needed.join('；')}</span>
                ) : (
                  result.stage.action || '目前无需您操作'
                )}
              </Descriptions.Item>
              {result.deadline && (
                <Descriptions.Item label="时限">
                  {fmtDateTime(result.deadline)}（{fromNow(result.deadline)}）
                </Descriptions.Item>
              )}
              {result.endedAt && <Descriptions.Item label="办结时间">{fmtDateTime(result.endedAt)}</Descriptions.Item>}
            </Descriptions>
            <Steps
              orientation="vertical"
              size="small"
              style={{ marginTop: 12 }}
              items={result.steps.map((s) => ({ title: s.title, status: s.status }))}
            />
          </Card>
        )}
        {!result && !error && <Result status="info" title="凭办件编号即可查询" subTitle="无需登录。只显示办理进度，不显示您的个人信息。" />}
        <p style={{ textAlign: 'center' }}>
          <Link to="/login">登录后办理更多事项</Link>
        </p>
      </main>
    </div>
  );
}
