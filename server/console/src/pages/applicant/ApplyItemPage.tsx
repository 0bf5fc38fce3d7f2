// 在线申请（单事项）: the item's form, its materials (upload, 容缺, 告知承诺, 免提交) and the 办理方式;
// the case starts first, then the files kept in the browser are uploaded to it with progress.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { api, ApiError, session } from '../../lib/api';
import { navigate, useRoute } from '../../lib/router';
import type { Prereview } from '../../lib/prereview';
import { useApi } from '../../lib/use-api';
import { uploadMaterial, type ItemMaterial } from '../../lib/materials';
import type { CaseDetail } from '../../lib/types';
import { ErrorState, Loading } from '../../components/states';
import { usePrefill } from '../../components/Prefill';
import { plain, plainError } from '../../lib/plain';
import { FieldItems, toVariables, type FieldDef } from '../../components/FieldsForm';
import {
  ApplyMaterials,
  checkMaterials,
  initialMaterials,
  whyNotDeferrable,
  type MaterialsState,
  type UploadProgress,
} from '../../components/ApplyMaterials';

interface Item {
  code: string;
  name: string;
  processKey: string;
  department: string;
  projectType?: string;
  formFields?: FieldDef[];
  materials?: ItemMaterial[];
}
interface ModeInfo {
  mode: string;
  name: string;
}

/** The item's own process (标准办理) is applied through /api/cases; the other modes through /api/handling/applications. */
const ITEM_MODE = 'item';

/** The handling modes this item offers an applicant, each with why it applies. */
function modesFor(it: Item, all: ModeInfo[]): { mode: string; label: string; hint: string }[] {
  const materials = it.materials ?? [];
  const name = (m: string) => all.find((x) => x.mode === m)?.name ?? m;
  const out = [
    { mode: ITEM_MODE, label: '标准办理', hint: it.projectType === '即办件' ? '符合条件的当场办结' : '按事项办理流程受理、审查、决定' },
  ];
  if (materials.some((m) => !whyNotDeferrable(m)))
    out.push({ mode: 'deferred', label: name('deferred'), hint: '非核心材料暂缺时先行受理，限期补齐' });
  if (materials.some((m) => m.sources.includes('commitment')))
    out.push({ mode: 'commitment', label: name('commitment'), hint: '以书面承诺替代证明材料，当场作出决定，事后核查' });
  // 承诺件 / 即办件 are properties of the item (its time limit), not a choice for the applicant.
  return all.length ? out.filter((o) => o.mode === ITEM_MODE || all.some((a) => a.mode === o.mode)) : out.slice(0, 1);
}

export default function ApplyItemPage({ code }: { code: string }) {
  const item = useApi(() => api.get<Item>(`/api/catalog/items/${encodeURIComponent(code)}`), [code]);
  // Applying after 资料预审: the materials that passed are already with the window.
  const prereviewId = useRoute().search.get('prereview');
  const prereview = useApi(
    () => (prereviewId ? api.get<Prereview>(`/api/prereview/${encodeURIComponent(prereviewId)}`) : Promise.resolve(undefined)),
    [prereviewId],
  );
  const [form] = Form.useForm();
  usePrefill(form, item.data?.formFields ?? []);
  const modes = useApi(() => api.get<{ items: ModeInfo[] }>('/api/handling/modes').catch(() => ({ items: [] })), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [mode, setMode] = useState(ITEM_MODE);
  const [mats, setMats] = useState<MaterialsState>();
  const [matErrors, setMatErrors] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<Record<string, UploadProgress>>({});
  const [createdCase, setCreatedCase] = useState<string>();
  const passed = useMemo(() => prereview.data?.materials.filter((m) => m.status === 'ok') ?? [], [prereview.data]);
  const materials = useMemo(() => (item.data?.materials ?? []).filter((m) => !passed.some((p) => p.code === m.code)), [item.data, passed]);

  useEffect(() => {
    if (item.data) setMats(initialMaterials(materials));
  }, [item.data, materials]);

  if (item.error) return <ErrorState error={item.error} retry={item.reload} what="事项" />;
  if (prereview.error) return <ErrorState error={prereview.error} retry={prereview.reload} what="资料预审" />;
  if (!item.data || !mats || (prereviewId && !prereview.data)) return <Loading />;
  const it = item.data;
  // A formal application from a pre-review runs the item's own process.
  const offered = modesFor(it, modes.data?.items ?? []).filter((o) => !prereviewId || o.mode === ITEM_MODE);

  /** Choosing 容缺 for a material means applying in 容缺受理 mode. */
  function changeMaterials(next: MaterialsState) {
    if (Object.values(next.choice).includes('deferred') && mode !== 'deferred') setMode('deferred');
    setMats(next);
    setMatErrors({});
  }

  async function uploadAll(caseId: string, s: MaterialsState): Promise<boolean> {
    let ok = true;
    for (const m of materials) {
      const file = s.choice[m.code] === 'upload' ? s.files[m.code] : undefined;
      if (!file) continue;
      setProgress((p) => ({ ...p, [m.code]: { percent: 0 } }));
      try {
        await uploadMaterial(caseId, m.code, file, (percent) => setProgress((p) => ({ ...p, [m.code]: { percent } })));
        setProgress((p) => ({ ...p, [m.code]: { percent: 100, done: true } }));
      } catch (e) {
        ok = false;
        setProgress((p) => ({ ...p, [m.code]: { percent: 100, error: `上传失败：${plainError(e)}` } }));
      }
    }
    return ok;
  }

  async function submit(values: Record<string, unknown>) {
    const s = mats!;
    const problems = checkMaterials(materials, s);
    const deferred = materials.filter((m) => s.choice[m.code] === 'deferred').map((m) => m.code);
    const committed = materials.filter((m) => s.choice[m.code] === 'commitment').map((m) => m.code);
    if (deferred.length && mode !== 'deferred') problems[''] = '有材料选择容缺后补，办理方式须为容缺受理';
    if (mode === 'deferred' && !deferred.length) problems[''] = '容缺受理须至少有一项材料选择容缺后补';
    if (mode === 'commitment' && !s.commitmentSigned) problems[''] = '告知承诺制须勾选书面承诺';
    setMatErrors(problems);
    if (Object.keys(problems).length) return;

    setBusy(true);
    setError(undefined);
    setProgress({});
    try {
      const variables = { ...toVariables(values), ...(committed.length ? { materialCommitments: committed } : {}) };
      const uploaded = materials.filter((m) => s.choice[m.code] === 'upload' && s.files[m.code]).map((m) => m.code);
      const view = prereviewId
        ? await api.post<CaseDetail>(`/api/prereview/${encodeURIComponent(prereviewId)}/case`, {
            form: variables,
            materials: { submitted: uploaded, commitments: committed, deferrals: [] },
          })
        : mode === ITEM_MODE
          ? await api.post<CaseDetail>('/api/cases', { processKey: it.processKey, itemCode: it.code, title: it.name, variables })
          : await api.post<CaseDetail>('/api/handling/applications', {
              mode,
              itemCode: it.code,
              title: it.name,
              variables,
              ...(mode === 'deferred' ? { deferredMaterials: deferred, commitmentLetter: s.deferralLetter } : {}),
              ...(mode === 'commitment' ? { commitment: { accepted: true, signedBy: session.user()?.name } } : {}),
            });
      setCreatedCase(view.caseId);
      if (await uploadAll(view.caseId, s)) navigate(`/my/cases/${encodeURIComponent(view.caseId)}?new=1`);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), null);
      // A refused 容缺 names the material: show the reason next to it.
      const reasons = (err.details as { reasons?: { code: string; reason: string }[] } | null)?.reasons;
      if (reasons) setMatErrors(Object.fromEntries(reasons.map((r) => [r.code, r.reason])));
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fieldErrors =
    error && Array.isArray(error.details) ? (error.details as { path?: string; field?: string; message: string }[]) : undefined;
  return (
    <div>
      <h1 className="hb-page-title">在线申请：{it.name}</h1>
      <Card style={{ maxWidth: 960 }} title={it.department} size="small">
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={`提交失败：${plain(error.message)}`}
            description={fieldErrors?.map((d, i) => (
              <div key={i}>{plain(d.message)}</div>
            ))}
            style={{ marginBottom: 16 }}
          />
        )}
        {createdCase && !busy && Object.values(progress).some((p) => p.error) && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={`申请已提交（办件编号 ${createdCase}），但有材料未上传成功。`}
            description="可在办件进度页补传材料。"
            action={<Button onClick={() => navigate(`/my/cases/${encodeURIComponent(createdCase)}?new=1`)}>前往办件进度页</Button>}
          />
        )}
        {passed.length > 0 && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="prereview-passed"
            title={`以下 ${passed.length} 项材料已通过资料预审（预审编号 ${prereviewId}），无需再次上传：`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {passed.map((m) => (
                  <li key={m.code}>{m.name}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy || !!createdCase} scrollToFirstError>
          <FieldItems fields={it.formFields ?? []} />
          {materials.length > 0 && (
            <Form.Item label={`申请材料（共 ${materials.length} 项）`} required>
              <ApplyMaterials
                materials={materials}
                value={mats}
                onChange={changeMaterials}
                errors={matErrors}
                progress={progress}
                disabled={busy || !!createdCase}
              />
            </Form.Item>
          )}
          <Form.Item label="办理方式">
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="handling-mode">
              <Space orientation="vertical">
                {offered.map((o) => (
                  <Radio key={o.mode} value={o.mode}>
                    {o.label}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {o.hint}
                    </Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-item-application">
            提交申请
          </Button>
          {busy && Object.keys(progress).length > 0 && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              正在上传材料…
            </Typography.Text>
          )}
        </Form>
      </Card>
    </div>
  );
}
