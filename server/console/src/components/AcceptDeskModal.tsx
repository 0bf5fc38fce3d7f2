// 受理台: the window decides 受理 with the file open — the application, the materials (preview,
// 通过 / 需补正) and the pre-review notes — and from one place 予以受理, 不予受理 (the reason goes on
// the 不予受理决定书) or 一次性告知补正 (every missing item in one notice, the clock paused).
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Descriptions,
  Divider,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { api, ApiError } from '../lib/api';
import { fmtDateTime } from '../lib/format';
import { openInNewTab } from '../lib/open-file';
import { plainError } from '../lib/plain';
import type { Checklist } from '../lib/materials';
import { STATE_TAGS } from '../lib/materials';
import type { CaseDetail } from '../lib/types';
import { useApi } from '../lib/use-api';
import { ApplicationFields } from './ApplicationFields';
import type { CaseDocument } from './DocumentsCard';
import { MaterialsCard } from './MaterialsCard';
import { ErrorState, Loading } from './states';
import type { TaskRef } from './CompleteTaskModal';

type Decision = 'accept' | 'reject' | 'correct';

/** Checklist states that a 补正 notice asks about by default. */
const NOT_IN_ORDER = new Set(['missing', 'needs-correction']);

interface Prereview {
  id: string;
  status: string;
  notice?: string | null;
  reviewedBy?: string | null;
  reviewedAt?: string | null;
  materials: { code: string; name: string; status: string; reason?: string }[];
}
interface Outcome {
  kind: 'rejected' | 'corrected';
  document?: CaseDocument;
  view?: CaseDetail;
}

function PrereviewNotes({ id }: { id: string }) {
  const pre = useApi(() => api.get<Prereview>(`/api/prereview/${encodeURIComponent(id)}`), [id]);
  if (pre.error) return <ErrorState error={pre.error} retry={pre.reload} what="预审意见" />;
  if (!pre.data) return <Loading rows={1} />;
  const fixes = pre.data.materials.filter((m) => m.status === 'fix');
  return (
    <div data-testid="prereview-notes">
      <Typography.Text type="secondary">预审（{pre.data.reviewedAt ? fmtDateTime(pre.data.reviewedAt) : '尚未审核'}）：</Typography.Text>
      {fixes.length === 0 ? (
        <Typography.Text> 材料经预审无需补正。</Typography.Text>
      ) : (
        <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
          {fixes.map((m) => (
            <li key={m.code}>
              {m.name}：{m.reason}
            </li>
          ))}
        </ul>
      )}
      {pre.data.notice && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {pre.data.notice}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The materials a 补正 notice lists, each with its reason; those not in order are ticked to start with. */
function CorrectionItems({ checklist }: { checklist: Checklist }) {
  return (
    <Form.List name="items">
      {(fields) => (
        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
          {fields.map((f) => {
            const entry = checklist.items[f.name]!;
            const tag = STATE_TAGS[entry.state] ?? { label: entry.state, color: 'default' };
            return (
              <Row key={f.key} gutter={8} align="top" data-testid={`correction-item-${entry.code}`}>
                <Col span={10}>
                  <Form.Item name={[f.name, 'selected']} valuePropName="checked" noStyle>
                    <Checkbox>
                      {entry.name} <Tag color={tag.color}>{tag.label}</Tag>
                    </Checkbox>
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) =>
                      getFieldValue(['items', f.name, 'selected']) ? (
                        <Form.Item
                          name={[f.name, 'reason']}
                          rules={[{ required: true, whitespace: true, message: '请写明需补正的内容' }]}
                          style={{ marginBottom: 4 }}
                        >
                          <Input size="small" maxLength={500} placeholder="需补正的内容" data-testid={`correction-reason-${entry.code}`} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                </Col>
              </Row>
            );
          })}
        </Space>
      )}
    </Form.List>
  );
}

export function AcceptDeskModal({
  task,
  caseId,
  onClose,
  onDone,
}: {
  task: TaskRef;
  caseId: string;
  onClose: () => void;
  onDone: (view: CaseDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [decision, setDecision] = useState<Decision>('accept');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [refresh, setRefresh] = useState(0);
  const c = useApi(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`), [caseId]);
  const checklist = useApi(() => api.get<Checklist>(`/api/cases/${encodeURIComponent(caseId)}/materials`), [caseId, refresh]);
  const prereviewId = typeof c.data?.variables.prereviewId === 'string' ? c.data.variables.prereviewId : undefined;
  const paused = (c.data?.clockPauses ?? []).some((p) => !p.to);

  const documentOf = async (kind: string) =>
    (await api.get<{ items: CaseDocument[] }>(`/api/cases/${encodeURIComponent(caseId)}/documents`)).items.find((d) => d.kind === kind);

  async function submit(values: { opinion?: string; reason?: string; note?: string; items?: { selected?: boolean; reason?: string }[] }) {
    setBusy(true);
    setError(undefined);
    try {
      if (decision === 'correct') {
        const entries = checklist.data?.items ?? [];
        const items = (values.items ?? [])
          .map((v, i) => ({ ...v, code: entries[i]!.code }))
          .filter((v) => v.selected)
          .map((v) => ({ code: v.code, reason: v.reason!.trim() }));
        if (!items.length) throw new Error('请至少勾选一项需补正的材料');
        const res = await api.post<{ notice?: CaseDocument }>(`/api/cases/${encodeURIComponent(caseId)}/correction`, {
          items,
          ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        });
        setRefresh((n) => n + 1);
        c.reload();
        setOutcome({ kind: 'corrected', document: res.notice });
        return;
      }
      const accepted = decision === 'accept';
      // The materials are in: the clock stopped by the 补正 notice runs again from the acceptance.
      if (accepted && paused) await api.post(`/api/cases/${encodeURIComponent(caseId)}/clock/resume`, {});
      const variables = { accepted, opinion: accepted ? values.opinion : values.reason };
      const view = await api.post<CaseDetail>(
        `/api/tasks/${encodeURIComponent(task.id)}/complete`,
        { variables },
        task.version ? { headers: { 'if-match': `"${task.version}"` } } : {},
      );
      if (accepted) {
        onDone(view);
        return;
      }
      setOutcome({ kind: 'rejected', document: await documentOf('rejection').catch(() => undefined), view });
    } catch (e) {
      const err = e instanceof ApiError ? e : undefined;
      setError(
        err?.status === 409 || err?.status === 412
          ? `该任务已被他人办理或已关闭（${err.message}）`
          : err?.status === 403
            ? `您不是该任务的办理人（${err.message}）`
            : plainError(e),
      );
    } finally {
      setBusy(false);
    }
  }

  const openDocument = (d: CaseDocument) => openInNewTab(`${d.url}?inline=1`).catch((e) => message.error(plainError(e)));
  const finish = () => (outcome?.view ? onDone(outcome.view) : onClose());

  const footer = outcome
    ? [
        <Button key="done" type="primary" onClick={finish} data-testid="desk-finish">
          完成
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={decision === 'reject'}
          loading={busy}
          onClick={() => form.submit()}
          data-testid="task-submit"
        >
          {decision === 'accept' ? '确认受理' : decision === 'reject' ? '确认不予受理' : '出具一次性告知书'}
        </Button>,
      ];

  return (
    <Modal
      open
      title={`受理：${task.caseTitle ?? task.name}`}
      width={1100}
      onCancel={outcome ? finish : onClose}
      footer={footer}
      destroyOnHidden
    >
      {outcome ? (
        <Result
          status={outcome.kind === 'rejected' ? 'warning' : 'info'}
          title={outcome.kind === 'rejected' ? '已作出不予受理决定' : '已一次性告知申请人补正，办理时限暂停计时'}
          subTitle={
            outcome.kind === 'rejected'
              ? '不予受理决定书已出具，请打印交申请人或通过系统送达。'
              : '申请人补齐材料后，本任务仍在您的待办中，届时再作受理决定。'
          }
          extra={
            outcome.document ? (
              <Button icon={<FilePdfOutlined />} onClick={() => void openDocument(outcome.document!)} data-testid="desk-open-document">
                打开《{outcome.document.title}》
              </Button>
            ) : (
              <Typography.Text type="secondary">文书生成中，可稍后在办件详情的「办件文书」中打印。</Typography.Text>
            )
          }
        />
      ) : c.error ? (
        <ErrorState error={c.error} retry={c.reload} what="办件" />
      ) : !c.data ? (
        <Loading rows={8} label="正在打开申请…" />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Descriptions column={2} size="small" style={{ marginBottom: 8 }} data-testid="desk-case">
              <Descriptions.Item label="办件编号">{c.data.caseId}</Descriptions.Item>
              <Descriptions.Item label="申请人">{c.data.applicantName}</Descriptions.Item>
              <Descriptions.Item label="申请事项">{c.data.title}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmtDateTime(c.data.startedAt)}</Descriptions.Item>
            </Descriptions>
            {paused && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 8 }}
                title="已告知补正，办理时限暂停计时；材料补齐后再作受理决定。"
                data-testid="desk-paused"
              />
            )}
            <Typography.Title level={5}>申请信息</Typography.Title>
            <ApplicationFields data={c.data} />
            {prereviewId && (
              <>
                <Typography.Title level={5}>预审意见</Typography.Title>
                <PrereviewNotes id={prereviewId} />
              </>
            )}
            <Divider style={{ margin: '12px 0' }} />
            <MaterialsCard
              bare
              caseId={caseId}
              staff
              canReview
              running={c.data.status === 'running'}
              refreshKey={refresh}
              onChange={() => checklist.reload()}
            />
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Title level={5}>受理决定</Typography.Title>
            {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
            <Radio.Group
              value={decision}
              onChange={(e) => {
                setDecision(e.target.value as Decision);
                setError(undefined);
              }}
              style={{ marginBottom: 12 }}
              data-testid="desk-decision"
            >
              <Radio.Button value="accept">予以受理</Radio.Button>
              <Radio.Button value="correct">一次性告知补正</Radio.Button>
              <Radio.Button value="reject">不予受理</Radio.Button>
            </Radio.Group>
            <Form
              form={form}
              layout="vertical"
              onFinish={(v) => void submit(v)}
              initialValues={{
                items: (checklist.data?.items ?? []).map((e) => ({
                  selected: e.required && NOT_IN_ORDER.has(e.state),
                  reason: e.note && e.state === 'needs-correction' ? e.note : e.state === 'missing' ? `未提交${e.name}` : undefined,
                })),
              }}
              key={checklist.data ? `loaded-${refresh}` : 'loading'}
            >
              {decision === 'accept' && (
                <Form.Item name="opinion" label="受理意见" rules={[{ required: true, whitespace: true, message: '请填写受理意见' }]}>
                  <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="task-opinion" />
                </Form.Item>
              )}
              {decision === 'reject' && (
                <Form.Item
                  name="reason"
                  label="不予受理理由（写入不予受理决定书）"
                  rules={[{ required: true, whitespace: true, message: '请写明不予受理的理由' }]}
                >
                  <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="reject-reason" />
                </Form.Item>
              )}
              {decision === 'correct' &&
                (checklist.data ? (
                  <>
                    <Typography.Paragraph type="secondary">
                      勾选需要补正或补交的全部材料并写明内容，系统出具《补正材料一次性告知书》并暂停计时（《中华人民共和国行政许可法》第三十二条）。
                    </Typography.Paragraph>
                    <CorrectionItems checklist={checklist.data} />
                    <Form.Item name="note" label="其他说明" style={{ marginTop: 8 }}>
                      <Input.TextArea rows={2} maxLength={1000} data-testid="correction-extra" />
                    </Form.Item>
                  </>
                ) : (
                  <Loading rows={3} />
                ))}
            </Form>
          </Col>
        </Row>
      )}
    </Modal>
  );
}
