// 提出调整: a proposed change to the item list (新增 / 变更 / 取消), reviewed before it takes effect.
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { ApiError, api } from '../../../lib/api';
import { ADJUSTMENT_CHANGES, type MachineDepartment, type MachineView } from '../../../lib/machines';

interface Values {
  change: string;
  itemCode: string;
  itemName: string;
  reason: string;
  department: string;
}

export function ProposeAdjustmentModal({
  departments,
  onClose,
  onCreated,
}: {
  departments: MachineDepartment[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const view = await api.post<MachineView>('/api/linkage/adjustments', {
        ...v,
        itemCode: v.itemCode.trim(),
        itemName: v.itemName.trim(),
      });
      message.success(`已提出调整 ${view.instanceId}，提交审核后生效`);
      onCreated(view.instanceId);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="提出事项清单调整" onCancel={onClose} footer={null} destroyOnHidden width={600}>
      <Form<Values> layout="vertical" initialValues={{ change: 'change' }} onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item name="change" label="调整类型" rules={[{ required: true, message: '请选择调整类型' }]}>
          <Radio.Group optionType="button" options={Object.entries(ADJUSTMENT_CHANGES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="itemCode" label="事项编码" rules={[{ required: true, message: '请填写事项编码' }]}>
            <Input maxLength={100} autoFocus placeholder="如：SPJ-0012" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="itemName" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
            <Input maxLength={300} style={{ width: 340 }} />
          </Form.Item>
        </Space>
        <Form.Item name="department" label="提出部门" rules={[{ required: true, message: '请选择提出部门' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="请选择部门"
            options={departments.map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="调整理由"
          rules={[
            { required: true, message: '请填写调整理由' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder="如：依据新修订的地方性法规，申请材料减少两项" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="adjustment-submit">
            提出调整
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
