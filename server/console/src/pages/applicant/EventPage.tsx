// 一件事一次办: one joint form and one material set for several items; apply once.
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Radio, Row, Steps, Table, Tag } from 'antd';
import { api, ApiError } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';
import { FieldItems, toVariables, type FieldDef } from '../../components/FieldsForm';

interface Material { code: string; name: string; core: boolean; resolution: string; applicantSubmits: boolean; sources?: string[] }
interface EventDetail {
  code: string;
  name: string;
  description?: string;
  items: { code: string; name: string; department: string; projectType?: string; resultName?: string }[];
  form: FieldDef[];
  materials: Material[];
  guideMaterialCount: number;
}

const RESOLUTION: Record<string, { label: string; color: string }> = {
  bundle: { label: '前序事项产生，免提交', color: 'green' },
  'e-licence': { label: '电子证照调取，免提交', color: 'green' },
  'shared-data': { label: '数据共享，免提交', color: 'green' },
  commitment: { label: '告知承诺', color: 'gold' },
  deferred: { label: '容缺后补', color: 'orange' },
  submitted: { label: '已提交', color: 'blue' },
  missing: { label: '需提交', color: 'red' },
};

export default function EventPage({ code }: { code: string }) {
  const ev = useApi(() => api.get<EventDetail>(`/api/events/${encodeURIComponent(code)}`), [code]);
  const [choice, setChoice] = useState<Record<string, 'submitted' | 'commitments' | 'deferrals'>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (ev.error) return <ErrorState error={ev.error} retry={ev.reload} what="一件事" />;
  if (!ev.data) return <Loading rows={8} />;
  const d = ev.data;
  const toProvide = d.materials.filter((m) => m.applicantSubmits || m.resolution === 'missing');

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setError(undefined);
    const materials = { submitted: [] as string[], commitments: [] as string[], deferrals: [] as string[] };
    for (const m of toProvide) materials[choice[m.code] ?? 'submitted'].push(m.code);
    try {
      const view = await api.post<{ eventCaseId: string }>(`/api/events/${encodeURIComponent(code)}/cases`, { form: toVariables(values), materials });
      navigate(`/my/events/${encodeURIComponent(view.eventCaseId)}?new=1`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">一件事：{d.name}</h1>
      {d.description && <Alert type="info" showIcon title={d.description} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="一表申请" style={{ marginBottom: 16 }}>
            {error && <Alert type="error" showIcon role="alert" title={error.message} description={Array.isArray(error.details) ? (error.details as { field?: string; message: string }[]).map((x, i) => <div key={i}>{x.message}</div>) : undefined} style={{ marginBottom: 16 }} />}
            <Form layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} scrollToFirstError>
              <FieldItems fields={d.form} />
              <Card size="small" title={`材料（共需 ${d.guideMaterialCount} 份，合并后需您提供 ${toProvide.length} 份）`} style={{ marginBottom: 16 }}>
                <Table size="small" rowKey="code" pagination={false} dataSource={d.materials}
                  columns={[
                    { title: '材料', dataIndex: 'name', render: (n: string, m) => <>{n}{m.core && <Tag color="red" style={{ marginLeft: 4 }}>核心要件</Tag>}</> },
                    { title: '获取方式', dataIndex: 'resolution', render: (r: string, m) => m.applicantSubmits || r === 'missing' ? (
                      <Radio.Group size="small" value={choice[m.code] ?? 'submitted'} onChange={(e) => setChoice({ ...choice, [m.code]: e.target.value })}>
                        <Radio value="submitted">现在提交</Radio>
                        <Radio value="commitments">告知承诺</Radio>
                        <Radio value="deferrals" disabled={m.core}>容缺后补</Radio>
                      </Radio.Group>
                    ) : <Tag color={RESOLUTION[r]?.color}>{RESOLUTION[r]?.label ?? r}</Tag> },
                  ]} />
              </Card>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-event">一次提交</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={`包含 ${d.items.length} 个事项，按顺序联办`}>
            <Steps orientation="vertical" size="small" current={-1} items={d.items.map((i) => ({ title: i.name, description: `${i.department}${i.resultName ? ` · 结果：${i.resultName}` : ''}` }))} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
