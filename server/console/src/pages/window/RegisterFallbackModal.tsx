// 登记: the matter in the applicant's words, who reported it and how to reach them.
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Space } from 'antd';
import { ApiError, api } from '../../lib/api';
import type { MachineView } from '../../lib/machines';

interface Values {
  matter: string;
  name: string;
  phone?: string;
}

export function RegisterFallbackModal({ onClose, onRegistered }: { onClose: () => void; onRegistered: (id: string) => void }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const view = await api.post<MachineView>('/api/fallback/records', {
        matter: v.matter,
        applicant: { name: v.name, ...(v.phone ? { phone: v.phone } : {}) },
      });
      message.success(`已登记，记录单 ${view.instanceId}`);
      onRegistered(view.instanceId);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="登记“办不成事”反映" onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item
          name="matter"
          label="反映的问题"
          rules={[
            { required: true, message: '请填写反映的问题' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount autoFocus placeholder="群众原话：想办什么事、在哪个窗口、遇到了什么困难" />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="name" label="反映人" rules={[{ required: true, message: '请填写反映人姓名' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^[0-9-]{7,20}$/, message: '请填写有效的电话号码' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Space>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="fallback-submit">
            登记
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
