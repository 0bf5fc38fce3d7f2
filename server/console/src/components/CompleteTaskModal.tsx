// Completing a task with its form (受理 / 审批 / generic opinion). The form is chosen by formKey or element.
import { useState } from 'react';
import { Alert, Collapse, Form, Input, Modal, Radio } from 'antd';
import { api, ApiError } from '../lib/api';
import type { CaseDetail } from '../lib/types';
import { AcceptDeskModal } from './AcceptDeskModal';
import { ApplicationFields } from './ApplicationFields';
import { MaterialsCard } from './MaterialsCard';
import { ErrorState, Loading } from './states';
import { useApi } from '../lib/use-api';

export interface TaskRef {
  id: string;
  name: string;
  elementId: string;
  formKey?: string | null;
  caseTitle?: string;
  /** The case: a 受理 task with its case opens the 受理台 (application, materials, decision). */
  caseId?: string;
  /** Task version (ETag): sent as If-Match so a concurrent change gives a clear conflict. */
  version?: number;
}

type FormKind = 'accept' | 'approve' | 'generic';

function formKind(task: TaskRef): FormKind {
  const key = task.formKey ?? task.elementId;
  if (/accept|受理/.test(key) || task.name.includes('受理')) return 'accept';
  if (/approv|审批|decide/.test(key) || task.name.includes('审批')) return 'approve';
  return 'generic';
}

export function CompleteTaskModal({
  task,
  onClose,
  onDone,
}: {
  task: TaskRef | null;
  onClose: () => void;
  onDone: (view: CaseDetail) => void;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!task) return null;
  const kind = formKind(task);
  if (kind === 'accept' && task.caseId) return <AcceptDeskModal task={task} caseId={task.caseId} onClose={onClose} onDone={onDone} />;

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      const variables: Record<string, unknown> = { ...values };
      if (kind === 'accept') variables.accepted = values.accepted === 'yes';
      const view = await api.post<CaseDetail>(
        `/api/tasks/${encodeURIComponent(task!.id)}/complete`,
        { variables },
        task!.version ? { headers: { 'if-match': `"${task!.version}"` } } : {},
      );
      form.resetFields();
      onDone(view);
    } catch (e) {
      const err = e instanceof ApiError ? e : undefined;
      setError(
        err?.status === 409 || err?.status === 412
          ? `该任务已被他人办理或已关闭（${err.message}）`
          : err?.status === 403
            ? `您不是该任务的办理人（${err.message}）`
            : (err?.message ?? String(e)),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`办理：${task.name}${task.caseTitle ? ` — ${task.caseTitle}` : ''}`}
      okText="提交"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'task-submit' } as Record<string, string>}
      width={task.caseId ? 900 : undefined}
    >
      {/* The decision is taken with the file open: the application and its materials. */}
      {task.caseId && <CaseFile caseId={task.caseId} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={kind === 'accept' ? { accepted: 'yes' } : kind === 'approve' ? { decision: 'approved' } : {}}
      >
        {kind === 'accept' && (
          <Form.Item name="accepted" label="受理结论" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="yes">予以受理</Radio>
              <Radio value="no">不予受理</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {kind === 'approve' && (
          <Form.Item name="decision" label="审批决定" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="approved">准予许可</Radio>
              <Radio value="rejected">不予许可</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="opinion" label="办理意见" rules={kind === 'generic' ? [] : [{ required: true, message: '请填写办理意见' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="task-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CaseFile({ caseId }: { caseId: string }) {
  const c = useApi(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`), [caseId]);
  if (c.error) return <ErrorState error={c.error} retry={c.reload} what="申请信息" />;
  if (!c.data) return <Loading rows={3} />;
  return (
    <Collapse
      size="small"
      defaultActiveKey={['file']}
      style={{ marginBottom: 12 }}
      data-testid="task-case-file"
      items={[
        {
          key: 'file',
          label: `申请信息与材料 · ${c.data.applicantName ?? ''}`,
          children: (
            <>
              <ApplicationFields data={c.data} />
              <MaterialsCard bare caseId={caseId} staff running={c.data.status === 'running'} />
            </>
          ),
        },
      ]}
    />
  );
}
