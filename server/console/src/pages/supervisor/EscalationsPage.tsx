// 兜底与督办: escalations from the rule machines (办不成事 overdue, 12345, linkage rules); a row opens its detail.
import { useState } from 'react';
import { Button, Card, Segmented, Table, Tag } from 'antd';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { departmentName, KIND_LABELS, loadDepartments, stateLabel } from '../../lib/machines';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';
import { duration, EscalationDrawer, LEVELS, type Escalation } from './EscalationDrawer';

export default function EscalationsPage() {
  const [open, setOpen] = useState<'1' | '0' | 'all'>('1');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [shown, setShown] = useState<Escalation>();
  const deps = useApi(loadDepartments, []);
  const { data, error, loading, reload } = useApi(
    () =>
      api.get<Page<Escalation>>('/api/escalations', {
        open: open === 'all' ? undefined : open,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [open, page.current, page.pageSize],
  );
  return (
    <div>
      <h1 className="hb-page-title">兜底与督办</h1>
      <Card
        extra={
          <Segmented
            value={open}
            onChange={(v) => setOpen(v as typeof open)}
            options={[
              { value: '1', label: '未办结' },
              { value: '0', label: '已办结' },
              { value: 'all', label: '全部' },
            ]}
          />
        }
      >
        {error ? (
          <ErrorState error={error} retry={reload} what="督办" />
        ) : (
          <Table<Escalation>
            rowKey="stepId"
            size="small"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: '暂无督办事项' }}
            scroll={{ x: 1000 }}
            onRow={(r) => ({ onClick: () => setShown(r), style: { cursor: 'pointer' } })}
            pagination={{
              ...page,
              total: data?.total,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{KIND_LABELS[k] ?? k}</Tag>, width: 120 },
              {
                title: '事项',
                dataIndex: 'title',
                render: (t: string | undefined, r) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={(e) => {
                      e.stopPropagation();
                      setShown(r);
                    }}
                  >
                    {t ?? r.instanceId}
                  </Button>
                ),
              },
              { title: '环节', dataIndex: 'step', width: 120, render: (s: string, r) => stateLabel(r.kind, s) },
              {
                title: '责任',
                width: 180,
                render: (_: unknown, r) => `${r.department ? departmentName(deps.data?.items, r.department) : ''} ${r.holder}`.trim(),
              },
              {
                title: '时限',
                dataIndex: 'dueAt',
                render: (d: string, r) => (
                  <>
                    {fmtDateTime(d)}
                    <br />
                    <small style={{ color: r.overdueMs > 0 ? '#cf1322' : '#888' }}>
                      {r.overdueMs > 0 ? `超期 ${duration(r.overdueMs)}` : '未超期'}
                    </small>
                  </>
                ),
                width: 150,
              },
              {
                title: '督办',
                dataIndex: 'level',
                render: (l: string | undefined, r) => (
                  <>
                    {l && <Tag color={LEVELS[l]?.color}>{LEVELS[l]?.label ?? l}</Tag>}
                    {r.why && <div style={{ fontSize: 12 }}>{r.why}</div>}
                  </>
                ),
              },
              {
                title: '状态',
                dataIndex: 'open',
                render: (o: boolean) => (o ? <Tag color="red">未办结</Tag> : <Tag color="green">已办结</Tag>),
                width: 90,
              },
            ]}
          />
        )}
      </Card>
      <EscalationDrawer item={shown} departments={deps.data?.items} onClose={() => setShown(undefined)} />
    </div>
  );
}
