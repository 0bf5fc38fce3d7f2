// 12345 工单录入: window staff taking a call by phone record it as a work order (the same intake the hotline system pushes).
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { ApiError, api } from '../../lib/api';
import { HOTLINE_CATEGORIES, type MachineView } from '../../lib/machines';

interface Values {
  orderId: string;
  callerName?: string;
  callerPhone: string;
  subject?: string;
  category: string;
  content: string;
}

export interface IntakeResult {
  duplicate: boolean;
  order: MachineView;
  repeat?: { relatedOrderIds: string[]; fallbackId: string; leadOrderId: string };
}

/** A window-entered order id: LH12345-YYYYMMDD-xxxx (4 random digits/letters; the staff may overwrite it with the hotline's own number). */
export function newHotlineOrderId(now = dayjs()): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const tail = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => alphabet[n % alphabet.length]).join('');
  return `LH12345-${now.format('YYYYMMDD')}-${tail}`;
}

export function RegisterHotlineOrderModal({
  onClose,
  onRegistered,
}: {
  onClose: () => void;
  onRegistered: (result: IntakeResult) => void;
}) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => ({ orderId: newHotlineOrderId() }), []);
  const submit = async (v: Values) => {
    setBusy(true);
    const body = Object.fromEntries(
      Object.entries(v)
        .map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x])
        .filter(([, x]) => x !== undefined && x !== ''),
    );
    try {
      const result = await api.post<IntakeResult>('/api/hotline/orders', body);
      if (result.duplicate) message.warning(`工单号 ${result.order.instanceId} 已存在，已打开该工单（未重复录入）`);
      else message.success(`已录入工单 ${result.order.instanceId}`);
      onRegistered(result);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="录入 12345 工单（电话受理）" onCancel={onClose} footer={null} destroyOnHidden width={600}>
      <Form<Values> layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item
          name="orderId"
          label="工单号"
          extra="已自动生成，如有 12345 平台工单号可直接改为平台编号"
          rules={[
            { required: true, message: '请填写工单号' },
            { max: 64, message: '最多 64 个字符' },
          ]}
        >
          <Input maxLength={64} data-testid="hotline-order-id" />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="callerName" label="来电人">
            <Input maxLength={100} autoFocus placeholder="如：刘先生" />
          </Form.Item>
          <Form.Item
            name="callerPhone"
            label="来电号码"
            rules={[
              { required: true, message: '请填写来电号码' },
              { pattern: /^[0-9-]{3,30}$/, message: '请填写有效的电话号码' },
            ]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
            <Select
              style={{ width: 160 }}
              placeholder="请选择"
              options={Object.entries(HOTLINE_CATEGORIES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="subject" label="诉求对象" extra="地址、企业或场所，用于识别同一对象的重复诉求">
          <Input maxLength={200} placeholder="如：西关正街18号院" />
        </Form.Item>
        <Form.Item
          name="content"
          label="诉求内容"
          rules={[
            { required: true, message: '请填写诉求内容' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={8000} showCount placeholder="来电人原话：反映什么问题、在哪里、持续多久、有什么诉求" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="hotline-submit">
            录入
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
