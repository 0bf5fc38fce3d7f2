// 联席会议 decision tasks: owner department, what to do, working days (Form.List).
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { MachineDepartment } from '../lib/machines';

export function TasksField({ name, label, departments }: { name: string; label: string; departments: MachineDepartment[] }) {
  return (
    <Form.Item label={label} required>
      <Form.List
        name={name}
        initialValue={[{}]}
        rules={[
          {
            validator: async (_, v: unknown[]) => {
              if (!v?.length) throw new Error('至少一项任务');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }} wrap>
                <Form.Item name={[f.name, 'owner']} rules={[{ required: true, message: '责任部门' }]} style={{ marginBottom: 8 }}>
                  <Select
                    aria-label={`任务${i + 1}责任部门`}
                    placeholder="责任部门"
                    style={{ width: 170 }}
                    options={departments.map((d) => ({ value: d.code, label: d.name }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'description']} rules={[{ required: true, message: '任务内容' }]} style={{ marginBottom: 8 }}>
                  <Input aria-label={`任务${i + 1}内容`} placeholder="任务内容" style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'workingDays']} style={{ marginBottom: 8 }}>
                  <InputNumber aria-label={`任务${i + 1}时限（工作日）`} placeholder="工作日" min={0} max={60} style={{ width: 90 }} />
                </Form.Item>
                {fields.length > 1 && <Button aria-label={`删除任务${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({})}>
              添加任务
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
