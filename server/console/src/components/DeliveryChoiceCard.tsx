// 结果领取: after an approval the applicant chooses 窗口领取 or 免费邮寄 (with the address); staff see
// the choice on the case and confirm the hand-over.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { api, ApiError, session } from '../lib/api';
import { fmtDateTime } from '../lib/format';
import { plainError } from '../lib/plain';
import { useApi } from '../lib/use-api';

export interface Delivery {
  caseId: string;
  method: string;
  status: string;
  address: string | null;
  trackingNumber: string | null;
  dueAt: string;
  deliveredAt: string | null;
}

const METHOD: Record<string, string> = { pickup: '窗口领取', mail: '免费邮寄', 'e-licence': '电子证照' };
const STATE: Record<string, { label: string; color: string }> = {
  'awaiting-pickup': { label: '待领取', color: 'gold' },
  'to-mail': { label: '待寄出', color: 'gold' },
  mailed: { label: '已寄出', color: 'blue' },
  issued: { label: '已发放', color: 'green' },
  delivered: { label: '已送达', color: 'green' },
};

/** The delivery of a case, or null when none has been chosen or made yet. */
function useDelivery(caseId: string) {
  return useApi(
    () =>
      api
        .get<Delivery>(`/api/delivery/${encodeURIComponent(caseId)}`)
        .catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    [caseId],
  );
}

function Summary({ d }: { d: Delivery }) {
  const st = STATE[d.deliveredAt ? 'delivered' : d.status];
  return (
    <Descriptions column={1} size="small" data-testid="delivery-summary">
      <Descriptions.Item label="领取方式">
        {METHOD[d.method] ?? '其他方式'} {st && <Tag color={st.color}>{st.label}</Tag>}
      </Descriptions.Item>
      {d.address && <Descriptions.Item label="邮寄地址">{d.address}</Descriptions.Item>}
      {d.trackingNumber && <Descriptions.Item label="快递单号">{d.trackingNumber}</Descriptions.Item>}
      <Descriptions.Item label={d.deliveredAt ? '送达时间' : '送达期限'}>{fmtDateTime(d.deliveredAt ?? d.dueAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The applicant's choice, in the result view of an approved case. */
export function DeliveryChoiceCard({ caseId, onSaved }: { caseId: string; onSaved?: () => void }) {
  const { message } = App.useApp();
  const delivery = useDelivery(caseId);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ method: 'pickup' | 'mail'; address?: string; recipient?: string; phone?: string }>();
  const method = Form.useWatch('method', form);
  if (delivery.data === undefined) return null;
  const d = delivery.data;
  const settled = !!d && (!!d.deliveredAt || !!d.trackingNumber);

  async function save(v: { method: 'pickup' | 'mail'; address?: string; recipient?: string; phone?: string }) {
    setBusy(true);
    setError(undefined);
    try {
      delivery.setData(await api.put<Delivery>(`/api/delivery/${encodeURIComponent(caseId)}/choice`, v));
      message.success(v.method === 'pickup' ? '已选择窗口领取' : '已选择邮寄，我们将尽快寄出');
      setEditing(false);
      onSaved?.();
    } catch (e) {
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as { path?: string; message: string }[]) : [];
      if (details.length)
        form.setFields(details.filter((x) => x.path).map((x) => ({ name: x.path!.split('.').pop() as 'address', errors: [x.message] })));
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  }

  const user = session.user();
  return (
    <Card title="结果领取" size="small" style={{ marginBottom: 16 }} data-testid="delivery-card">
      {d && !editing ? (
        <>
          <Summary d={d} />
          {d.method === 'pickup' && !d.deliveredAt && (
            <Typography.Paragraph type="secondary">请携带本人身份证件到办事窗口领取纸质结果。</Typography.Paragraph>
          )}
          {!settled && d.method !== 'e-licence' && (
            <Button onClick={() => setEditing(true)} data-testid="delivery-change">
              更改领取方式
            </Button>
          )}
        </>
      ) : settled ? null : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{ method: d?.method === 'mail' ? 'mail' : undefined, recipient: user?.name }}
          requiredMark={false}
        >
          <Form.Item name="method" label="纸质结果怎么给您？" rules={[{ required: true, message: '请选择领取方式' }]}>
            <Radio.Group data-testid="delivery-method">
              <Space orientation="vertical">
                <Radio value="pickup" style={{ minHeight: 44, alignItems: 'center' }}>
                  到窗口领取
                </Radio>
                <Radio value="mail" style={{ minHeight: 44, alignItems: 'center' }}>
                  免费邮寄到家
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {method === 'mail' && (
            <>
              <Form.Item
                name="address"
                label="邮寄地址"
                rules={[
                  { required: true, whitespace: true, message: '请填写详细的邮寄地址' },
                  { min: 5, message: '请填写详细的邮寄地址' },
                ]}
              >
                <Input.TextArea rows={2} maxLength={200} placeholder="省市区、街道、门牌号" />
              </Form.Item>
              <Form.Item name="recipient" label="收件人" rules={[{ required: true, whitespace: true, message: '请填写收件人' }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                name="phone"
                label="收件人电话"
                rules={[
                  { required: true, message: '请填写收件人电话' },
                  { pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '请填写正确的联系电话' },
                ]}
              >
                <Input inputMode="tel" maxLength={20} />
              </Form.Item>
            </>
          )}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="delivery-save">
              确定
            </Button>
            {d && <Button onClick={() => setEditing(false)}>取消</Button>}
          </Space>
        </Form>
      )}
    </Card>
  );
}

/** Staff: what the applicant chose, and (window) confirming the hand-over. */
export function DeliveryStaffCard({ caseId }: { caseId: string }) {
  const { message } = App.useApp();
  const delivery = useDelivery(caseId);
  const [busy, setBusy] = useState(false);
  const d = delivery.data;
  if (!d) return null;
  const canConfirm = !d.deliveredAt && (session.user()?.roles ?? []).some((r) => r === 'window' || r === 'admin');
  async function confirm() {
    setBusy(true);
    try {
      await api.post(`/api/delivery/${encodeURIComponent(caseId)}/delivered`);
      message.success('已确认送达');
      delivery.reload();
    } catch (e) {
      message.error(plainError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="结果领取" size="small" style={{ marginBottom: 16 }} data-testid="delivery-staff">
      <Summary d={d} />
      {canConfirm && (
        <Button loading={busy} onClick={() => void confirm()} data-testid="delivery-confirm">
          {d.method === 'mail' ? '确认已寄达' : '确认已领取'}
        </Button>
      )}
    </Card>
  );
}
