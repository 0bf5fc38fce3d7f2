// 在线申请（单事项）: the item's own form fields; the case runs the item's process.
import { useState } from 'react';
import { Alert, Button, Card, Form } from 'antd';
import { api, ApiError } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseDetail } from '../../lib/types';
import { ErrorState, Loading } from '../../components/states';
import { FieldItems, toVariables, type FieldDef } from '../../components/FieldsForm';

interface Item { code: string; name: string; processKey: string; department: string; formFields?: FieldDef[] }

export default function ApplyItemPage({ code }: { code: string }) {
  const item = useApi(() => api.get<Item>(`/api/catalog/items/${encodeURIComponent(code)}`), [code]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (item.error) return <ErrorState error={item.error} retry={item.reload} what="事项" />;
  if (!item.data) return <Loading />;
  const it = item.data;

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      const view = await api.post<CaseDetail>('/api/cases', { processKey: it.processKey, itemCode: it.code, title: it.name, variables: toVariables(values) });
      navigate(`/my/cases/${encodeURIComponent(view.caseId)}?new=1`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">在线申请：{it.name}</h1>
      <Card style={{ maxWidth: 760 }} extra={it.department}>
        {error && <Alert type="error" showIcon role="alert" title={`提交失败：${error.message}`} description={Array.isArray(error.details) ? (error.details as { path?: string; field?: string; message: string }[]).map((d, i) => <div key={i}>{d.field ?? d.path}：{d.message}</div>) : undefined} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} scrollToFirstError>
          <FieldItems fields={it.formFields ?? []} />
          <Button type="primary" htmlType="submit" loading={busy}>提交申请</Button>
        </Form>
      </Card>
    </div>
  );
}
