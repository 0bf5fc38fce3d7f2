// The allowed next steps of a rule machine as buttons; each opens its form and posts the event.
// A refused event (409) shows the machine's actual state and what it does accept, then reloads.
import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, api } from '../lib/api';
import { EVENT_FORMS, type EventField } from '../lib/machine-events';
import { eventLabel, loadAgents, loadDepartments, SYSTEM_EVENTS, valueLabel, type MachineView } from '../lib/machines';
import { useApi } from '../lib/use-api';
import { TasksField } from './TasksField';

interface Props {
  view: MachineView;
  /** POST target, e.g. /api/fallback/records/:id/events. */
  eventsUrl: string;
  onChanged: () => void;
}

export function MachineEventBar({ view, eventsUrl, onChanged }: Props) {
  const [open, setOpen] = useState<string>();
  const events = view.allowedEvents.filter((e) => !SYSTEM_EVENTS.has(e) && EVENT_FORMS[e]);
  if (view.status !== 'active') return <Typography.Text type="secondary">已结束，无后续操作</Typography.Text>;
  if (!events.length) return <Typography.Text type="secondary">当前状态无需人工操作（等待时限或系统处理）</Typography.Text>;
  return (
    <>
      <Space wrap data-testid="machine-events">
        {events.map((e, i) => (
          <Button key={e} type={i === 0 ? 'primary' : 'default'} onClick={() => setOpen(e)} data-testid={`event-${e}`}>
            {eventLabel(e)}
          </Button>
        ))}
      </Space>
      {open && <EventModal type={open} view={view} eventsUrl={eventsUrl} onClose={() => setOpen(undefined)} onChanged={onChanged} />}
    </>
  );
}

function EventModal({
  type,
  view,
  eventsUrl,
  onClose,
  onChanged,
}: {
  type: string;
  view: MachineView;
  eventsUrl: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string>();
  const spec = EVENT_FORMS[type];
  const deps = useApi(loadDepartments, []);
  const agents = useApi(() => (spec.fields.some((f) => f.type === 'agent') ? loadAgents() : Promise.resolve(undefined)), [type]);
  const me = JSON.parse(sessionStorage.getItem('haoban.user') ?? '{}').id as string | undefined;
  // The signed-in agent is the usual 专职代办员: offer them once the agent list has loaded.
  useEffect(() => {
    for (const f of spec.fields) {
      if (
        f.type === 'agent' &&
        f.required &&
        !form.getFieldValue(f.name) &&
        agents.data?.items.some((a) => a.role === f.role && a.userId === me)
      )
        form.setFieldValue(f.name, me);
    }
  }, [agents.data, form, me, spec.fields]);
  const department = Form.useWatch('department', form) as string | undefined;

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setRefused(undefined);
    const body: Record<string, unknown> = { type };
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === '') continue;
      body[k] = typeof (v as Dayjs)?.toISOString === 'function' ? (v as Dayjs).toISOString() : v;
    }
    try {
      await api.post(eventsUrl, body);
      message.success(`已${eventLabel(type)}`);
      onClose();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const d = (err.details ?? {}) as { state?: unknown; allowedEvents?: string[] };
        const allowed = (d.allowedEvents ?? []).filter((e) => !SYSTEM_EVENTS.has(e)).map(eventLabel);
        setRefused(
          `当前状态“${valueLabel(view.kind, d.state)}”不能${eventLabel(type)}。当前可进行：${allowed.join('、') || '无'}。（${err.message}）`,
        );
        onChanged();
      } else message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (f: EventField, first: boolean) => {
    const rules = 'required' in f && f.required ? [{ required: true, message: `请填写${f.label}` }] : [];
    switch (f.type) {
      case 'text':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={rules}>
            <Input maxLength={f.max} placeholder={f.placeholder} autoFocus={first} />
          </Form.Item>
        );
      case 'textarea':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={rules}>
            <Input.TextArea rows={3} maxLength={f.max} showCount autoFocus={first} />
          </Form.Item>
        );
      case 'select':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={rules}>
            <Select
              autoFocus={first}
              options={Object.entries(f.options).map(([value, label]) => ({ value, label }))}
              placeholder="请选择"
            />
          </Form.Item>
        );
      case 'yesno':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
            <Radio.Group
              options={[
                { value: true, label: f.yes },
                { value: false, label: f.no },
              ]}
            />
          </Form.Item>
        );
      case 'number':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={rules}>
            <InputNumber min={f.min} max={f.max} autoFocus={first} />
          </Form.Item>
        );
      case 'datetime':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        );
      case 'department':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
            <Select
              autoFocus={first}
              showSearch
              optionFilterProp="label"
              loading={deps.loading}
              placeholder="请选择部门"
              data-testid={`field-${f.name}`}
              options={deps.data?.items.map((d) => ({ value: d.code, label: d.name }))}
              onChange={() => form.setFieldValue('holder', undefined)}
            />
          </Form.Item>
        );
      case 'holder': {
        const staff = deps.data?.items.find((d) => d.code === department)?.staff ?? [];
        return (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={[{ required: true, message: `请填写${f.label}（用户账号）` }]}
            extra="可选择该部门人员，或直接输入账号"
          >
            <AutoComplete
              options={staff.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
              placeholder="用户账号"
              data-testid={`field-${f.name}`}
            />
          </Form.Item>
        );
      }
      case 'departments':
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              loading={deps.loading}
              placeholder="请选择部门"
              data-testid={`field-${f.name}`}
              options={deps.data?.items.map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
        );
      case 'agent': {
        const of = (agents.data?.items ?? []).filter((a) => a.role === f.role);
        return (
          <Form.Item
            key={String(f.name)}
            name={f.name}
            label={f.label}
            rules={f.required ? [{ required: true, message: `请选择${f.label}` }] : []}
          >
            <Select
              allowClear={!f.required}
              loading={agents.loading}
              placeholder="请选择"
              data-testid={`field-${String(f.name).replace(',', '-')}`}
              options={of.map((a) => ({ value: a.userId, label: a.userId === me ? `${a.name}（本人）` : a.name }))}
            />
          </Form.Item>
        );
      }
      case 'tasks':
        return <TasksField key={f.name} name={f.name} label={f.label} departments={deps.data?.items ?? []} />;
      case 'openTask': {
        const tasks = ((view.context as { tasks?: { description: string; owner: string; doneAt?: number }[] }).tasks ?? [])
          .map((t, i) => ({ ...t, i }))
          .filter((t) => t.doneAt === undefined);
        return (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: '请选择任务' }]}>
            <Select
              options={tasks.map((t) => ({ value: t.i, label: `${t.i + 1}. ${t.description}（${t.owner}）` }))}
              placeholder="请选择"
            />
          </Form.Item>
        );
      }
    }
  };

  return (
    <Modal open title={eventLabel(type)} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      {spec.hint && <Alert type="info" showIcon title={spec.hint} style={{ marginBottom: 12 }} />}
      {refused && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title="操作未执行"
          description={refused}
          style={{ marginBottom: 12 }}
          data-testid="event-refused"
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)} requiredMark="optional">
        {spec.fields.map((f, i) => field(f, i === 0))}
        {!spec.fields.length && <Typography.Paragraph>确认{eventLabel(type)}？</Typography.Paragraph>}
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="event-submit" autoFocus={!spec.fields.length}>
            确认{eventLabel(type)}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
