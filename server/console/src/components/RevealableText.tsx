// A masked phone or ID number (137****0011) with 显示: the full number comes from the API, which
// records who saw which field of which case or order in the audit log.
import { useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api } from '../lib/api';
import { plainError } from '../lib/plain';

export type RevealSubject = 'case' | 'hotline' | 'fallback' | 'agency';

const MASKED = /\*/;

export function RevealableText({
  subject,
  id,
  field,
  value,
}: {
  subject: RevealSubject;
  id: string;
  field: string;
  value: string | null | undefined;
}) {
  const [full, setFull] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!value) return <>—</>;
  if (full || !MASKED.test(value)) return <span data-testid={`revealed-${field}`}>{full ?? value}</span>;
  async function reveal() {
    setBusy(true);
    setError(undefined);
    try {
      setFull((await api.post<{ value: string }>('/api/privacy/reveal', { subject, id, field })).value);
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space size={4}>
      <span data-testid={`masked-${field}`}>{value}</span>
      <Tooltip title={error ?? '查看完整号码（将记入审计日志）'}>
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={busy}
          onClick={(e) => {
            e.stopPropagation();
            void reveal();
          }}
          style={{ padding: 0, height: 'auto' }}
          data-testid={`reveal-${field}`}
          aria-label="查看完整号码"
        >
          显示
        </Button>
      </Tooltip>
    </Space>
  );
}
