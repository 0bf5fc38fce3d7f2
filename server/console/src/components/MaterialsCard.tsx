// 申请材料 checklist of a case: status per material, download, upload where something is needed, and (staff) 通过 / 需补正.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Grid,
  Input,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type ButtonProps,
} from 'antd';
import { DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { openInNewTab } from '../lib/open-file';
import { plainError } from '../lib/plain';
import { api, ApiError } from '../lib/api';
import { fmtDateTime, fromNow } from '../lib/format';
import {
  ACCEPT,
  checkFile,
  downloadMaterial,
  fmtSize,
  STATE_TAGS,
  uploadMaterial,
  type Checklist,
  type ChecklistEntry,
  type MaterialFile,
} from '../lib/materials';
import { useApi } from '../lib/use-api';
import { ErrorState, Loading } from './states';

/** States in which the applicant is asked to hand a file in. */
const NEEDS_FILE = new Set(['missing', 'deferred', 'needs-correction']);

export function UploadMaterialButton({
  caseId,
  entry,
  label,
  onDone,
  nameFromFile,
}: {
  caseId: string;
  entry: { code: string; name: string };
  label: string;
  onDone: (f: MaterialFile) => void;
  nameFromFile?: boolean;
}) {
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<string>();
  return (
    <Space orientation="vertical" size={2}>
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        disabled={percent !== undefined}
        beforeUpload={(file) => {
          const problem = checkFile(file);
          setError(problem);
          return problem ? Upload.LIST_IGNORE : true;
        }}
        customRequest={({ file }) => {
          setPercent(0);
          setError(undefined);
          uploadMaterial(
            caseId,
            entry.code,
            file as File,
            setPercent,
            nameFromFile ? (file as File).name.replace(/\.[^.]+$/, '').slice(0, 100) : entry.name.slice(0, 100),
          )
            .then((f) => {
              message.success(`「${entry.name}」已上传`);
              onDone(f);
            })
            .catch((e) => setError(plainError(e)))
            .finally(() => setPercent(undefined));
        }}
      >
        <Button size="small" icon={<UploadOutlined />} loading={percent !== undefined} data-testid={`upload-${entry.code}`}>
          {label}
        </Button>
      </Upload>
      {percent !== undefined && <Progress percent={percent} size="small" style={{ width: 140 }} />}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Kinds the browser shows itself (PDF viewer, image): these get a 预览 that opens in a new tab. */
const PREVIEWABLE = /^(application\/pdf|image\/(jpeg|png))$/;

function FileLink({ caseId, file }: { caseId: string; file: MaterialFile }) {
  const { message } = App.useApp();
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));
  return (
    <Space size={4} wrap>
      <Button
        type="link"
        size="small"
        icon={<DownloadOutlined />}
        style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
        onClick={() => downloadMaterial(caseId, file).catch(fail)}
        data-testid={`download-${file.code}`}
      >
        {file.fileName}（{fmtSize(file.size)}）
      </Button>
      {PREVIEWABLE.test(file.contentType) && (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          style={{ padding: 0, height: 'auto' }}
          data-testid={`preview-${file.code}`}
          onClick={() =>
            openInNewTab(`/api/cases/${encodeURIComponent(caseId)}/materials/${encodeURIComponent(file.id)}/content?inline=1`).catch(fail)
          }
        >
          预览
        </Button>
      )}
    </Space>
  );
}

function StateCell({ e }: { e: ChecklistEntry }) {
  const tag = STATE_TAGS[e.state] ?? { label: e.state, color: 'default' };
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={tag.color} data-testid={`state-${e.code}`}>
        {tag.label}
      </Tag>
      {e.state === 'needs-correction' && e.note && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          补正原因：{e.note}
        </Typography.Text>
      )}
      {e.state === 'deferred' && e.deadline && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          请于 {fmtDateTime(e.deadline)}（{fromNow(e.deadline)}）前补齐
        </Typography.Text>
      )}
    </Space>
  );
}

function ReviewButtons({ caseId, file, onDone }: { caseId: string; file: MaterialFile; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ note: string }>();
  async function review(verdict: 'accepted' | 'needs-correction', note?: string) {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/cases/${encodeURIComponent(caseId)}/materials/${encodeURIComponent(file.id)}/review`, { verdict, note });
      message.success(verdict === 'accepted' ? `「${file.name}」已通过` : `已告知申请人补正「${file.name}」`);
      setAsking(false);
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Space size={4} wrap>
        <Button
          size="small"
          type="primary"
          ghost
          disabled={file.status === 'accepted'}
          loading={busy && !asking}
          onClick={() => void review('accepted')}
          data-testid={`accept-${file.code}`}
        >
          通过
        </Button>
        <Button size="small" danger onClick={() => setAsking(true)} data-testid={`correct-${file.code}`}>
          需补正
        </Button>
      </Space>
      {error && !asking && (
        <div>
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        </div>
      )}
      <Modal
        open={asking}
        title={`需补正：${file.name}`}
        okText="告知申请人"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setAsking(false)}
        onOk={() => form.submit()}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'correction-submit' } as ButtonProps}
      >
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void review('needs-correction', v.note)}>
          <Form.Item
            name="note"
            label="补正原因（一次性告知申请人需补正的全部内容）"
            rules={[{ required: true, whitespace: true, message: '请写明需补正的原因' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid="correction-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * The case's materials. `staff`: download every file, 通过 / 需补正 (window and approver), scan-upload
 * at the counter. Applicant: statuses with reasons and deadlines, upload where something is needed.
 */
export function MaterialsCard({
  caseId,
  staff,
  canReview,
  running,
  title = '申请材料',
  onChange,
  bare,
  refreshKey,
}: {
  caseId: string;
  staff?: boolean;
  canReview?: boolean;
  running: boolean;
  title?: string;
  onChange?: () => void;
  /** Inside another card: a heading instead of a card of its own. */ bare?: boolean;
  /** Reloads when this changes: the page's own refresh (a 容缺 deadline set after submission shows without a reload). */ refreshKey?: unknown;
}) {
  const list = useApi(() => api.get<Checklist>(`/api/cases/${encodeURIComponent(caseId)}/materials`), [caseId, refreshKey]);
  const phone = Grid.useBreakpoint().md === false;
  const refresh = () => {
    list.reload();
    onChange?.();
  };
  const items = list.data?.items ?? [];
  const needed = items.filter((i) => NEEDS_FILE.has(i.state)).length;
  // An item case takes extras under OTHER; a general process numbers its attachments.
  const itemCase = items.some((i) => i.required);
  const extra = itemCase ? { code: 'OTHER', name: '其他补充材料' } : { code: `ATTACHMENT-${items.length + 1}`, name: '附件' };
  const extraButton = running && (
    <UploadMaterialButton
      caseId={caseId}
      entry={extra}
      nameFromFile={!itemCase}
      label={staff ? '扫描上传其他材料' : '上传其他材料'}
      onDone={refresh}
    />
  );
  const summary =
    list.data &&
    (list.data.complete ? <Tag color="green">材料齐全</Tag> : needed ? <Tag color="orange">{needed} 项待提交或补正</Tag> : null);
  const body = (
    <>
      {list.error ? (
        <ErrorState error={list.error} retry={list.reload} what="申请材料" />
      ) : !list.data ? (
        <Loading rows={3} label="正在加载材料…" />
      ) : items.length === 0 ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">尚未上传材料。</Typography.Text>
          {extraButton}
        </Space>
      ) : phone && !staff ? (
        <>
          <div className="hb-card-list">
            {items.map((e) => (
              <div key={e.code} className="hb-item-card" data-testid={`material-card-${e.code}`}>
                <div className="hb-item-card-title">
                  {e.name}
                  {e.core && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      核心
                    </Tag>
                  )}
                </div>
                <StateCell e={e} />
                {e.file && (
                  <div className="hb-file">
                    <FileLink caseId={caseId} file={e.file} />
                  </div>
                )}
                {running && NEEDS_FILE.has(e.state) && (
                  <div style={{ marginTop: 6 }}>
                    <UploadMaterialButton
                      caseId={caseId}
                      entry={e}
                      label={e.state === 'needs-correction' ? '重新上传' : e.state === 'deferred' ? '补交' : '上传'}
                      onDone={refresh}
                    />
                  </div>
                )}
              </div>
            ))}
          </div>
          {extraButton && <div style={{ marginTop: 8 }}>{extraButton}</div>}
        </>
      ) : (
        <>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={items}
            expandable={{
              rowExpandable: (e) => e.history.length > 0,
              expandedRowRender: (e) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text type="secondary">已被取代的历史文件：</Typography.Text>
                  {e.history.map((f) => (
                    <span key={f.id}>
                      <FileLink caseId={caseId} file={f} />{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtDateTime(f.uploadedAt)}
                        {f.reviewNote ? ` · ${f.reviewNote}` : ''}
                      </Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
            }}
            columns={[
              {
                title: '材料',
                dataIndex: 'name',
                render: (n: string, e) => (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {n}
                      {e.core && (
                        <Tooltip title="核心要件不得容缺">
                          <Tag color="red" style={{ marginLeft: 4 }}>
                            核心
                          </Tag>
                        </Tooltip>
                      )}
                      {!e.required && <Tag style={{ marginLeft: 4 }}>补充</Tag>}
                    </span>
                    {e.file && <FileLink caseId={caseId} file={e.file} />}
                    {e.file && staff && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.file.uploadedBy} · {fmtDateTime(e.file.uploadedAt)}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              { title: '状态', dataIndex: 'state', width: 170, render: (_: string, e) => <StateCell e={e} /> },
              {
                title: '操作',
                width: staff ? 170 : 130,
                render: (_: unknown, e) => (
                  <Space orientation="vertical" size={4}>
                    {staff && canReview && running && e.file && <ReviewButtons caseId={caseId} file={e.file} onDone={refresh} />}
                    {running && (staff ? e.state !== 'accepted' : NEEDS_FILE.has(e.state)) && (
                      <UploadMaterialButton
                        caseId={caseId}
                        entry={e}
                        label={staff ? '扫描上传' : e.state === 'needs-correction' ? '重新上传' : e.state === 'deferred' ? '补交' : '上传'}
                        onDone={refresh}
                      />
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {extraButton && <div style={{ marginTop: 8 }}>{extraButton}</div>}
        </>
      )}
    </>
  );
  if (bare) {
    return (
      <div data-testid="materials-card">
        <Space style={{ margin: '4px 0 8px' }}>
          <Typography.Text strong>{title}</Typography.Text>
          {summary}
        </Space>
        {body}
      </div>
    );
  }
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }} data-testid="materials-card" extra={summary}>
      {body}
    </Card>
  );
}
