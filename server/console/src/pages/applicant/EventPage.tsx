// 一件事: one form and one material set for several items; apply once, with the files, then follow it.
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Progress, Radio, Row, Steps, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../lib/api';
import { ACCEPT, checkFile, fmtSize, uploadEventMaterial } from '../../lib/materials';
import { plain } from '../../lib/plain';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';
import { FieldItems, toVariables, type FieldDef } from '../../components/FieldsForm';
import { usePrefill } from '../../components/Prefill';

interface Material {
  code: string;
  name: string;
  core: boolean;
  resolution: string;
  applicantSubmits: boolean;
  sources?: string[];
}
interface EventDetail {
  code: string;
  name: string;
  description?: string;
  items: { code: string; name: string; department: string; projectType?: string; resultName?: string }[];
  form: FieldDef[];
  materials: Material[];
  guideMaterialCount: number;
}

export const RESOLUTION: Record<string, { label: string; color: string }> = {
  bundle: { label: '前序事项产生，免提交', color: 'green' },
  'e-licence': { label: '电子证照调取，免提交', color: 'green' },
  'shared-data': { label: '数据共享，免提交', color: 'green' },
  commitment: { label: '告知承诺', color: 'gold' },
  deferred: { label: '容缺后补', color: 'orange' },
  submitted: { label: '已提交', color: 'blue' },
  missing: { label: '需提交', color: 'red' },
};

type Choice = 'submitted' | 'commitments' | 'deferrals';

export default function EventPage({ code }: { code: string }) {
  const ev = useApi(() => api.get<EventDetail>(`/api/events/${encodeURIComponent(code)}`), [code]);
  const [form] = Form.useForm();
  usePrefill(form, ev.data?.form ?? []);
  const [choice, setChoice] = useState<Record<string, Choice>>({});
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [fileErrors, setFileErrors] = useState<Record<string, string | undefined>>({});
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (ev.error) return <ErrorState error={ev.error} retry={ev.reload} what="一件事" />;
  if (!ev.data) return <Loading rows={8} />;
  const d = ev.data;
  const toProvide = d.materials.filter((m) => m.applicantSubmits || m.resolution === 'missing');
  const exempt = d.materials.filter((m) => !toProvide.includes(m));

  async function submit(values: Record<string, unknown>) {
    const missingFiles = toProvide.filter((m) => (choice[m.code] ?? 'submitted') === 'submitted' && !files[m.code]);
    if (missingFiles.length) {
      setFileErrors(Object.fromEntries(missingFiles.map((m) => [m.code, '请选择要上传的文件，或改选告知承诺、容缺后补'])));
      document.querySelector(`[data-testid="event-material-${missingFiles[0].code}"]`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setBusy(true);
    setError(undefined);
    const materials = { submitted: [] as string[], commitments: [] as string[], deferrals: [] as string[] };
    for (const m of toProvide) materials[choice[m.code] ?? 'submitted'].push(m.code);
    try {
      const view = await api.post<{ eventCaseId: string }>(`/api/events/${encodeURIComponent(code)}/cases`, {
        form: toVariables(values),
        materials,
      });
      const id = view.eventCaseId;
      let failed = 0;
      for (const c of materials.submitted) {
        const f = files[c];
        if (!f) continue;
        try {
          await uploadEventMaterial(id, c, f, (p) => setProgress((x) => ({ ...x, [c]: p })));
        } catch {
          failed++;
        }
      }
      navigate(`/my/events/${encodeURIComponent(id)}?new=1${failed ? `&failed=${failed}` : ''}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), null));
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">一件事：{d.name}</h1>
      {d.description && <Alert type="info" showIcon title={d.description} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="一表申请">
            {error && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={plain(error.message)}
                description={
                  Array.isArray(error.details)
                    ? (error.details as { field?: string; message: string }[]).map((x, i) => <div key={i}>{plain(x.message)}</div>)
                    : undefined
                }
                style={{ marginBottom: 16 }}
              />
            )}
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} scrollToFirstError>
              <FieldItems fields={d.form} />
              <Typography.Title level={5}>申请材料</Typography.Title>
              <Typography.Paragraph type="secondary">
                {d.items.length} 个事项原需 {d.guideMaterialCount} 份材料，合并后需您提供 {toProvide.length} 份，同一份材料只交一次。
              </Typography.Paragraph>
              <div className="hb-card-list" data-testid="event-materials">
                {toProvide.map((m) => {
                  const c = choice[m.code] ?? 'submitted';
                  const f = files[m.code];
                  return (
                    <div key={m.code} className="hb-item-card" data-testid={`event-material-${m.code}`}>
                      <div className="hb-item-card-title">
                        {m.name}
                        {m.core && (
                          <Tag color="red" style={{ marginLeft: 6 }}>
                            核心材料
                          </Tag>
                        )}
                      </div>
                      <Radio.Group
                        value={c}
                        onChange={(e) => setChoice({ ...choice, [m.code]: e.target.value })}
                        aria-label={`${m.name}的提交方式`}
                      >
                        <Radio value="submitted">现在上传</Radio>
                        {m.sources?.includes('commitment') !== false && <Radio value="commitments">告知承诺</Radio>}
                        <Radio value="deferrals" disabled={m.core}>
                          容缺后补
                        </Radio>
                      </Radio.Group>
                      {c === 'submitted' && (
                        <div style={{ marginTop: 8 }}>
                          <Upload
                            accept={ACCEPT}
                            showUploadList={false}
                            beforeUpload={(file) => {
                              const problem = checkFile(file);
                              setFileErrors((x) => ({ ...x, [m.code]: problem }));
                              if (!problem) setFiles((x) => ({ ...x, [m.code]: file }));
                              return false;
                            }}
                          >
                            <Button icon={<UploadOutlined />} data-testid={`pick-${m.code}`}>
                              {f ? '更换文件' : '选择文件'}
                            </Button>
                          </Upload>
                          {f && (
                            <div className="hb-file">
                              <PaperClipOutlined /> {f.name}（{fmtSize(f.size)}）
                            </div>
                          )}
                          {progress[m.code] !== undefined && <Progress size="small" percent={progress[m.code]} />}
                        </div>
                      )}
                      {c === 'deferrals' && <Typography.Text type="warning">受理后请在告知的期限内补交，逾期将终止办理。</Typography.Text>}
                      {fileErrors[m.code] && (
                        <div>
                          <Typography.Text type="danger" role="alert">
                            {fileErrors[m.code]}
                          </Typography.Text>
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
              {exempt.length > 0 && (
                <details style={{ margin: '8px 0 16px' }}>
                  <summary>另有 {exempt.length} 份材料无需您提交（系统调取或由前一事项产生）</summary>
                  <ul>
                    {exempt.map((m) => (
                      <li key={m.code}>
                        {m.name}：{RESOLUTION[m.resolution]?.label ?? '免提交'}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="submit-event">
                一次提交
              </Button>
              {busy && <Typography.Text type="secondary">正在提交申请并上传材料，请勿关闭页面…</Typography.Text>}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={`包含 ${d.items.length} 个事项，按顺序联办`}>
            <Steps
              orientation="vertical"
              size="small"
              current={-1}
              items={d.items.map((i) => ({
                title: i.name,
                description: `${i.department}${i.resultName ? ` · 结果：${i.resultName}` : ''}`,
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
