// 在线申请: the application form; on submit the case starts and the applicant lands on its progress page.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { api, ApiError } from '../../lib/api';
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

  async function submit(values: ApplyForm) {
    setSubmitting(true);
    setError(undefined);
    try {
      const { title, ...variables } = values;
      const view = await api.post<CaseDetail>('/api/cases', { processKey, title, variables });
      navigate(`/my/cases/${encodeURIComponent(view.caseId)}?new=1`);
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
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ title: '一般审批事项申请' }} disabled={submitting} scrollToFirstError>
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
            <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '请填写有效的手机号或座机号' }]}>
              <Input maxLength={20} autoComplete="tel" inputMode="tel" />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="申请说明">
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Alert type="info" showIcon title="材料上传、容缺受理与告知承诺选项将随事项目录接入后在此提供。" style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="submit-application">
            提交申请
          </Button>
        </Form>
      </Card>
    </div>
  );
}
