// One 审管联动 rule's instances: state, department, deadline with overdue marks, plus the rule's own columns.
import { useState, type ReactNode } from 'react';
import { Button, Card, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { api, type Page } from '../../../lib/api';
import { fmtDateTime } from '../../../lib/format';
import { departmentName, type InstanceRow, type MachineDepartment } from '../../../lib/machines';
import { useApi } from '../../../lib/use-api';
import { ErrorState } from '../../../components/states';
import { DeadlineText, StateTags } from '../../../components/MachineStatus';

interface Props {
  kind: string;
  /** Only this department's instances (a department officer's own view). */
  department?: string;
  departments?: MachineDepartment[];
  columns: TableColumnsType<InstanceRow>;
  toolbar?: ReactNode;
  empty: string;
  onOpen: (id: string) => void;
  /** Bumped by the page after a change so the list reloads. */
  version: number;
}

export function InstancesTab({ kind, department, departments, columns, toolbar, empty, onOpen, version }: Props) {
  const [status, setStatus] = useState<'active' | 'done' | 'all'>('active');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const { data, error, loading, reload } = useApi(
    () =>
      api.get<Page<InstanceRow>>('/api/linkage/instances', {
        kind,
        department,
        status: status === 'all' ? undefined : status,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [kind, department, status, page.current, page.pageSize, version],
  );
  return (
    <Card
      size="small"
      title={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          options={[
            { value: 'active', label: '办理中' },
            { value: 'done', label: '已办结' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
      extra={toolbar}
    >
      {error ? (
        <ErrorState error={error} retry={reload} what="审管联动" />
      ) : (
        <Table<InstanceRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items}
          scroll={{ x: 1000 }}
          locale={{ emptyText: empty }}
          onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
          pagination={{
            ...page,
            total: data?.total,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
          columns={[
            {
              title: '事项',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(r.id);
                    }}
                  >
                    {t}
                  </Button>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.id}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '部门', dataIndex: 'department', width: 140, render: (d: string | null) => departmentName(departments, d) },
            ...columns,
            { title: '状态', width: 150, render: (_: unknown, r) => <StateTags kind={r.kind} states={r.states} status={r.status} /> },
            {
              title: '时限',
              width: 190,
              render: (_: unknown, r) => (r.status === 'active' ? <DeadlineText deadline={r.context.deadline} compact /> : '—'),
            },
            { title: '发起时间', dataIndex: 'createdAt', width: 140, render: fmtDateTime },
          ]}
        />
      )}
    </Card>
  );
}
