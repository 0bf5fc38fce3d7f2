// 用户与角色: accounts, their roles and task groups; admins add users, change roles and disable accounts (at once).
import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { ApiError, api, request, type Page } from '../../lib/api';
import { fmtDateTime, ROLE_LABELS } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';

interface UserRow {
  id: string;
  name: string;
  department: string | null;
  roles: string[];
  groups: string[];
  createdAt: string;
  disabled?: boolean;
}

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label: `${label} (${value})` }));

export default function UsersPage() {
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<{ role?: string; q?: string }>({});
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<UserRow>();
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<UserRow>>('/api/users', { ...filter, limit: 200 }),
    [filter.role, filter.q],
  );

  const open = (row: UserRow | 'new') => {
    setEditing(row);
    form.setFieldsValue(row === 'new' ? { id: '', name: '', department: '', roles: ['window'], groups: ['window'] } : row);
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') await api.post('/api/users', { ...values, department: values.department || undefined });
      else if (editing)
        await request(`/api/users/${encodeURIComponent(editing.id)}`, {
          method: 'PATCH',
          body: { name: values.name, department: values.department || null, roles: values.roles, groups: values.groups },
        });
      message.success(editing === 'new' ? `已新建用户 ${values.id}` : `已保存 ${values.name} 的角色（立即生效）`);
      setEditing(null);
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  // 停用 / 启用: a disabled account is refused on its next request, whatever token it holds.
  const setDisabled = async (row: UserRow, disabled: boolean) => {
    try {
      await request(`/api/users/${encodeURIComponent(row.id)}`, { method: 'PATCH', body: { disabled } });
      message.success(disabled ? `已停用 ${row.name}` : `已启用 ${row.name}`);
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <div>
      <h1 className="hb-page-title">用户与角色</h1>
      <Card
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="user-new">
            新建用户
          </Button>
        }
        title={
          <Space>
            <Select
              allowClear
              placeholder="按角色筛选"
              style={{ width: 180 }}
              options={ROLE_OPTIONS}
              onChange={(role) => setFilter({ ...filter, role })}
            />
            <Input.Search
              allowClear
              placeholder="账号、姓名或部门"
              data-testid="user-search"
              aria-label="查找用户"
              style={{ width: 220 }}
              onSearch={(q) => setFilter({ ...filter, q: q || undefined })}
            />
          </Space>
        }
      >
        {error ? (
          <ErrorState error={error} retry={reload} what="用户" />
        ) : (
          <Table<UserRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人` }}
            columns={[
              { title: '账号', dataIndex: 'id', render: (id: string) => <code>{id}</code> },
              { title: '姓名', dataIndex: 'name' },
              { title: '部门', dataIndex: 'department', render: (d: string | null) => d ?? '—' },
              {
                title: '角色',
                dataIndex: 'roles',
                render: (roles: string[]) =>
                  roles.map((r) => (
                    <Tag key={r} color="red">
                      {ROLE_LABELS[r] ?? r}
                    </Tag>
                  )),
              },
              { title: '任务组', dataIndex: 'groups', render: (groups: string[]) => groups.map((g) => <Tag key={g}>{g}</Tag>) },
              { title: '创建时间', dataIndex: 'createdAt', render: fmtDateTime },
              {
                title: '状态',
                dataIndex: 'disabled',
                render: (d?: boolean) => (d ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>),
              },
              {
                title: '',
                render: (_: unknown, row) => (
                  <Space>
                    <Button size="small" onClick={() => open(row)} data-testid={`user-edit-${row.id}`}>
                      修改角色
                    </Button>
                    <Button
                      size="small"
                      danger={!row.disabled}
                      onClick={() => void setDisabled(row, !row.disabled)}
                      data-testid={`user-disable-${row.id}`}
                    >
                      {row.disabled ? '启用' : '停用'}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新建用户' : `修改 ${editing?.name ?? ''} 的角色`}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="id"
            label="账号"
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{1,63}$/, message: '小写字母、数字、-、_，2–64 位' }]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="department" label="部门">
            <Input />
          </Form.Item>
          <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
            <Select mode="multiple" options={ROLE_OPTIONS} data-testid="user-roles" />
          </Form.Item>
          <Form.Item name="groups" label="任务组（流程中的候选组）" tooltip="与 BPMN 中 zeebe:assignmentDefinition candidateGroups 对应">
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
