// 在线申请: the application form; on submit the case starts and the applicant lands on its progress page.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Progress, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../lib/api';
import { ACCEPT, checkFile, fmtSize, uploadMaterial } from '../../lib/materials';
import { navigate } from '../../lib/router';
import type { CaseDetail } from '../../lib/types';

interface ApplyForm {
  title: string;
  shopName: string;
  contact: string;
  phone: string;
  note?: string;
}

export default function ApplyPage({ processKey }: { processKey: string }) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [form] = Form.useForm<ApplyForm>();
  // Attachments stay in the browser until the case exists, then go up one by one with progress.
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<Record<number, { percent: number; error?: string }>>({});
  const [createdCase, setCreatedCase] = useState<string>();

  async function uploadAll(caseId: string): Promise<boolean> {
    let ok = true;
    for (const [i, file] of files.entries()) {
      setProgress((p) => ({ ...p, [i]: { percent: 0 } }));
      try {
        await uploadMaterial(
          caseId,
          `ATTACHMENT-${i + 1}`,
          file,
          (percent) => setProgress((p) => ({ ...p, [i]: { percent } })),
          file.name.replace(/\.[^.]+$/, '').slice(0, 100),
        );
      } catch (e) {
        ok = false;
        setProgress((p) => ({ ...p, [i]: { percent: 100, error: e instanceof ApiError ? e.message : String(e) } }));
      }
    }
    return ok;
  }

  async function submit(values: ApplyForm) {
    setSubmitting(true);
    setError(undefined);
    try {
      const { title, ...variables } = values;
      const view = await api.post<CaseDetail>('/api/cases', { processKey, title, variables });
      setCreatedCase(view.caseId);
      if (await uploadAll(view.caseId)) navigate(`/my/cases/${encodeURIComponent(view.caseId)}?new=1`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), null));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">在线申请</h1>
      <Card style={{ maxWidth: 760 }}>
        {error && <Alert type="error" showIcon role="alert" title={`提交失败：${error.message}`} style={{ marginBottom: 16 }} />}
        {createdCase && !submitting && Object.values(progress).some((p) => p.error) && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={`申请已提交（办件编号 ${createdCase}），但有附件未上传成功。`}
            description="可在办件进度页补传。"
            action={<Button onClick={() => navigate(`/my/cases/${encodeURIComponent(createdCase)}?new=1`)}>前往办件进度页</Button>}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ title: '一般审批事项申请' }}
          disabled={submitting || !!createdCase}
          scrollToFirstError
        >
          <Form.Item name="title" label="申请事项" rules={[{ required: true, message: '请填写申请事项' }]}>
            <Input autoFocus maxLength={200} />
          </Form.Item>
          <Form.Item name="shopName" label="申请主体名称（个人姓名或企业名称）" rules={[{ required: true, message: '请填写申请主体名称' }]}>
            <Input maxLength={100} placeholder="例如：好味面馆" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="contact" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
              <Input maxLength={40} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[
                { required: true, message: '请填写联系电话' },
                { pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '请填写有效的手机号或座机号' },
              ]}
            >
              <Input maxLength={20} autoComplete="tel" inputMode="tel" />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="申请说明">
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Form.Item label="申请材料（附件）" extra="PDF、JPG、PNG 或 OFD，每个不超过 20 MB；提交申请后上传。">
            <Upload
              accept={ACCEPT}
              multiple
              showUploadList={false}
              beforeUpload={(f) => {
                const problem = checkFile(f);
                setFileError(problem);
                if (!problem) setFiles((fs) => [...fs, f]);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="pick-attachments">
                添加附件
              </Button>
            </Upload>
            {fileError && (
              <div>
                <Typography.Text type="danger" role="alert">
                  {fileError}
                </Typography.Text>
              </div>
            )}
            <Space orientation="vertical" size={2} style={{ marginTop: 8, width: '100%' }} data-testid="attachments">
              {files.map((f, i) => (
                <div key={`${f.name}-${i}`}>
                  <PaperClipOutlined /> {f.name}（{fmtSize(f.size)}）
                  {!submitting && !createdCase && (
                    <Button type="link" size="small" onClick={() => setFiles((fs) => fs.filter((_, j) => j !== i))}>
                      移除
                    </Button>
                  )}
                  {progress[i] && (
                    <Progress
                      size="small"
                      percent={progress[i].percent}
                      status={progress[i].error ? 'exception' : undefined}
                      style={{ maxWidth: 260 }}
                    />
                  )}
                  {progress[i]?.error && (
                    <Typography.Text type="danger" role="alert">
                      上传失败：{progress[i].error}
                    </Typography.Text>
                  )}
                </div>
              ))}
            </Space>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="submit-application">
            提交申请
          </Button>
        </Form>
      </Card>
    </div>
  );
}
