// 待办任务: mine, all open, overdue, due soon; complete with the task's form.
import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { api, type Page } from '../../lib/api';
import { dueState, fmtDateTime, fromNow, GROUP_LABELS } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { TaskRow } from '../../lib/types';
import { ErrorState } from '../../components/states';
import { CompleteTaskModal, type TaskRef } from '../../components/CompleteTaskModal';

type View = 'mine' | 'all' | 'overdue' | 'soon';

export default function InboxPage() {
  const { message } = App.useApp();
  const [view, setView] = useState<View>('mine');
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const [task, setTask] = useState<TaskRef | null>(null);
  // Overdue / due-soon are read from the caller's whole inbox (up to the API's page limit) and filtered by deadline.
  const byDeadline = view === 'overdue' || view === 'soon';
  const { data, error, loading, reload } = useApi(
    () =>
      api.get<Page<TaskRow>>('/api/tasks', {
        mine: view === 'all' ? undefined : 1,
        limit: byDeadline ? 200 : page.pageSize,
        offset: byDeadline ? 0 : (page.current - 1) * page.pageSize,
      }),
    [view, page.current, page.pageSize],
  );
  const rows = useMemo(() => (byDeadline ? (data?.items ?? []).filter((t) => dueState(t.dueAt) === (view === 'overdue' ? 'overdue' : 'soon')) : (data?.items ?? [])), [data, view, byDeadline]);
  const total = byDeadline ? rows.length : data?.total;

  return (
    <div>
      <h1 className="hb-page-title">待办任务</h1>
      <Card>
        <Tabs
          activeKey={view}
          onChange={(k) => {
            setView(k as View);
            setPage({ current: 1, pageSize: page.pageSize });
          }}
          items={[
            { key: 'mine', label: '我的待办（含本组）' },
            { key: 'all', label: '全部待办' },
            { key: 'overdue', label: '已逾期' },
            { key: 'soon', label: '即将到期' },
          ]}
        />
        {error ? (
          <ErrorState error={error} retry={reload} what="待办任务" />
        ) : (
          <Table<TaskRow>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={rows}
            locale={{ emptyText: '暂无待办任务' }}
            scroll={{ x: 900 }}
            pagination={byDeadline ? { pageSize: page.pageSize, showTotal: (t) => `共 ${t} 项` } : { ...page, total, showTotal: (t) => `共 ${t} 项`, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
            columns={[
              { title: '任务', dataIndex: 'name', render: (n: string, t) => <Space><strong>{n}</strong>{t.assignee ? <Tag>已签收：{t.assignee}</Tag> : <Tag color="blue">{t.candidateGroups.map((g) => GROUP_LABELS[g] ?? g).join('、') || '待分派'}</Tag>}</Space> },
              { title: '办件', dataIndex: 'caseId', render: (id: string, t) => <Link to={`/cases/${encodeURIComponent(id)}`}>{t.case?.title ?? id}<br /><small style={{ color: '#888' }}>{id}</small></Link> },
              { title: '申请人', render: (_: unknown, t) => t.case?.applicantId ?? '—', width: 100 },
              { title: '到达时间', dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
              {
                title: '办理时限',
                dataIndex: 'dueAt',
                width: 170,
                render: (d: string | null) => {
                  const s = dueState(d);
                  if (s === 'none') return <span style={{ color: '#888' }}>未设时限</span>;
                  return (
                    <Tooltip title={fmtDateTime(d)}>
                      <Badge status={s === 'overdue' ? 'error' : s === 'soon' ? 'warning' : 'success'} text={`${s === 'overdue' ? '已逾期 ' : ''}${fromNow(d)}`} />
                    </Tooltip>
                  );
                },
              },
              {
                title: '操作',
                width: 150,
                fixed: 'right',
                render: (_: unknown, t) => (
                  <Space>
                    <Button type="primary" size="small" data-testid={`complete-${t.elementId}`} onClick={() => setTask({ id: t.id, name: t.name, elementId: t.elementId, formKey: t.formKey, caseTitle: t.case?.title })}>
                      办理
                    </Button>
                    <Link to={`/cases/${encodeURIComponent(t.caseId)}`}>详情</Link>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CompleteTaskModal
        task={task}
        onClose={() => setTask(null)}
        onDone={() => {
          message.success(`「${task?.name}」已办理`);
          setTask(null);
          reload();
        }}
      />
    </div>
  );
}
