// 登记重点项目: an agent (or the window) takes a key project in for "343" agency through one of the four channels.
import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { ApiError, api } from '../../lib/api';
import { INTAKE_CHANNELS, loadAgents, loadDepartments, type AgentRow, type MachineDepartment } from '../../lib/machines';

interface Values {
  title: string;
  applicantName: string;
  phone?: string;
  channel: string;
  fromDepartment?: string;
  fromSpecialist?: string;
  dedicated?: string;
  business?: string;
  enterprise?: string;
}

export function RegisterProjectModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (instanceId: string) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [agents, setAgents] = useState<AgentRow[]>([]);
  const [departments, setDepartments] = useState<MachineDepartment[]>([]);
  const channel = Form.useWatch('channel', form);
  const me = JSON.parse(sessionStorage.getItem('haoban.user') ?? '{}').id as string | undefined;
  useEffect(() => {
    if (!open) return;
    loadAgents().then(
      (a) => {
        setAgents(a.items);
        if (a.items.some((x) => x.role === 'dedicated' && x.userId === me)) form.setFieldValue('dedicated', me);
      },
      () => setAgents([]),
    );
    loadDepartments().then(
      (d) => setDepartments(d.items),
      () => setDepartments([]),
    );
  }, [open, form, me]);
  const of = (role: string) =>
    agents.filter((a) => a.role === role).map((a) => ({ value: a.userId, label: a.userId === me ? `${a.name}（本人）` : a.name }));

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const team = v.dedicated
        ? { dedicated: v.dedicated, business: v.business || undefined, enterprise: v.enterprise || undefined }
        : undefined;
      const view = await api.post<{ instanceId: string }>('/api/agency/projects', {
        channel: v.channel,
        title: v.title,
        applicant: { name: v.applicantName, phone: v.phone || undefined },
        fromDepartment: v.fromDepartment,
        fromSpecialist: v.fromSpecialist,
        team,
      });
      message.success(`已登记重点项目「${v.title}」`);
      form.resetFields();
      onDone(view.instanceId);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记重点项目（343 代办）"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'window' }}>
        <Form.Item
          name="title"
          label="项目名称"
          rules={[
            { required: true, message: '请填写项目名称' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input maxLength={300} placeholder="如：某某新能源电池生产线项目" data-testid="project-title" />
        </Form.Item>
        <Form.Item name="applicantName" label="项目单位（申请人）" rules={[{ required: true, message: '请填写项目单位' }]}>
          <Input maxLength={200} data-testid="project-applicant" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="channel" label="受理渠道" rules={[{ required: true, message: '请选择受理渠道' }]}>
          <Select options={Object.entries(INTAKE_CHANNELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {channel === 'departmentTransfer' && (
          <Form.Item name="fromDepartment" label="转交部门" rules={[{ required: true, message: '请选择转交部门' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="请选择"
              options={departments.map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
        )}
        {channel === 'specialistHandover' && (
          <Form.Item name="fromSpecialist" label="移交专员" rules={[{ required: true, message: '请选择移交专员' }]}>
            <Select placeholder="请选择" options={[...of('enterprise'), ...of('business')]} />
          </Form.Item>
        )}
        <Form.Item name="dedicated" label="专职代办员" extra="不指定则进入“待认领”，由代办专班的专职代办员认领">
          <Select allowClear placeholder="请选择" options={of('dedicated')} data-testid="project-dedicated" />
        </Form.Item>
        <Form.Item name="business" label="业务帮办员">
          <Select allowClear placeholder="请选择" options={of('business')} />
        </Form.Item>
        <Form.Item name="enterprise" label="企业服务专员">
          <Select allowClear placeholder="请选择" options={of('enterprise')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
