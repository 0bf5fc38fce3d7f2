// Starting a linkage matter: a supervision finding (抄告), a joint-meeting referral (联席会议) or a city escalation (对上协调).
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Select, Space } from 'antd';
import { ApiError, api } from '../../../lib/api';
import { FINDING_TYPES, type MachineDepartment, type MachineView } from '../../../lib/machines';

export type CreatableKind = 'finding' | 'meeting' | 'city';
const TARGET: Record<CreatableKind, { url: string; title: string }> = {
  finding: { url: '/api/linkage/findings', title: '登记监管发现（抄告审批侧）' },
  meeting: { url: '/api/linkage/meetings', title: '提请部门联席会议' },
  city: { url: '/api/linkage/city-escalations', title: '对上协调：报市级' },
};

interface Props {
  kind: CreatableKind;
  departments: MachineDepartment[];
  onClose: () => void;
  onCreated: (id: string) => void;
}

export function CreateLinkageModal({ kind, departments, onClose, onCreated }: Props) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const options = departments.map((d) => ({ value: d.code, label: d.name }));
  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    const body =
      kind === 'meeting'
        ? {
            ...values,
            agenda: String(values.agenda)
              .split(/\n+/)
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : values;
    try {
      const view = await api.post<MachineView>(TARGET[kind].url, body);
      message.success(`已创建 ${view.instanceId}`);
      onCreated(view.instanceId);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Modal open title={TARGET[kind].title} onCancel={onClose} footer={null} destroyOnHidden width={600}>
      <Form layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)} requiredMark="optional">
        <Form.Item name="title" label="标题" rules={[...required('标题'), { min: 2, message: '至少 2 个字' }]}>
          <Input maxLength={300} autoFocus />
        </Form.Item>
        <Form.Item name="department" label={kind === 'finding' ? '发现部门（监管部门）' : '提请部门'} rules={required('部门')}>
          <Select showSearch optionFilterProp="label" options={options} placeholder="请选择部门" />
        </Form.Item>
        {kind === 'finding' && (
          <>
            <Form.Item name="findingType" label="发现类型" rules={required('发现类型')}>
              <Select options={Object.entries(FINDING_TYPES).map(([value, label]) => ({ value, label }))} placeholder="请选择" />
            </Form.Item>
            <Form.Item name="caseId" label="关联办件编号">
              <Input placeholder="如 HB20261128-7K3QF2（可不填）" />
            </Form.Item>
            <Form.Item name="description" label="发现情况" rules={required('发现情况')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {kind === 'meeting' && (
          <>
            <Form.Item name="departments" label="参会部门" rules={[{ required: true, message: '请选择参会部门' }]}>
              <Select mode="multiple" optionFilterProp="label" options={options} placeholder="请选择" />
            </Form.Item>
            <Form.Item name="agenda" label="议题（每行一项）" rules={required('议题')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="caseId" label="关联办件编号">
              <Input placeholder="可不填" />
            </Form.Item>
          </>
        )}
        {kind === 'city' && (
          <>
            <Form.Item name="matter" label="事项" rules={required('事项')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="reason" label="报市级理由" rules={required('理由')}>
              <Input.TextArea rows={2} maxLength={2000} placeholder="如：超出区级事权" />
            </Form.Item>
          </>
        )}
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
