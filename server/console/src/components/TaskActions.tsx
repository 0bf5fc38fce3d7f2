// Claim, delegate and comment on a task (签收 / 委派 / 批注); each sends the task's ETag.
import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, List, Modal, Typography } from 'antd';
import { api, ApiError, type Page } from '../lib/api';
import { fmtDateTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import type { TaskRow } from '../lib/types';
import { ErrorState } from './states';

const ifMatch = (t: { version?: number }) => (t.version ? { headers: { 'if-match': `"${t.version}"` } } : {});

function explain(e: unknown): string {
  if (e instanceof ApiError) return e.status === 409 || e.status === 412 ? `任务已被他人处理，请刷新后重试（${e.message}）` : e.message;
  return String(e);
}

export function useTaskActions(onChanged: () => void) {
  const { message } = App.useApp();
  return {
    async claim(t: TaskRow & { version?: number }) {
      try {
        await api.post(`/api/tasks/${encodeURIComponent(t.id)}/claim`, {}, ifMatch(t));
        message.success(`已签收「${t.name}」`);
      } catch (e) {
        message.error(explain(e));
      }
      onChanged();
    },
    async unclaim(t: TaskRow & { version?: number }) {
      try {
        await api.post(`/api/tasks/${encodeURIComponent(t.id)}/unclaim`, {}, ifMatch(t));
        message.success(`已退回「${t.name}」`);
      } catch (e) {
        message.error(explain(e));
      }
      onChanged();
    },
  };
}

export function DelegateModal({
  task,
  onClose,
  onDone,
}: {
  task: (TaskRow & { version?: number }) | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();
  if (!task) return null;
  return (
    <Modal
      open
      title={`委派：${task.name}`}
      okText="委派"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v: { to: string }) => {
          setBusy(true);
          setError(undefined);
          try {
            await api.post(`/api/tasks/${encodeURIComponent(task.id)}/delegate`, { to: v.to.trim() }, ifMatch(task));
            onDone();
          } catch (e) {
            setError(explain(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="to"
          label="委派给（用户账号）"
          rules={[{ required: true, message: '请填写用户账号' }]}
          extra="被委派人办理后，任务回到您这里确认。"
        >
          <Input autoFocus placeholder="如 approver1" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Comment {
  id: string;
  author: string;
  text: string;
  createdAt: string;
}

export function CommentsDrawer({ task, onClose }: { task: TaskRow | null; onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useApi(
    async () => (task ? api.get<Page<Comment>>(`/api/tasks/${encodeURIComponent(task.id)}/comments`, { limit: 200 }) : undefined),
    [task?.id],
  );
  if (!task) return null;
  return (
    <Drawer open title={`批注：${task.name}`} onClose={onClose} width={420}>
      {list.error ? (
        <ErrorState error={list.error} retry={list.reload} what="批注" />
      ) : (
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无批注' }}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <>
                    {c.author}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(c.createdAt)}
                    </Typography.Text>
                  </>
                }
                description={c.text}
              />
            </List.Item>
          )}
        />
      )}
      <Input.TextArea
        rows={3}
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
        placeholder="写下批注，其他经办人可见"
        aria-label="批注内容"
        style={{ marginTop: 12 }}
      />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        loading={busy}
        disabled={!text.trim()}
        onClick={async () => {
          setBusy(true);
          try {
            await api.post(`/api/tasks/${encodeURIComponent(task.id)}/comments`, { text });
            setText('');
            list.reload();
          } finally {
            setBusy(false);
          }
        }}
      >
        添加批注
      </Button>
    </Drawer>
  );
}
