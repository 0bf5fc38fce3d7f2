// 待办任务: mine (incl. my groups), to claim, claimed by me, overdue, due soon, all; claim, complete, delegate, comment.
import { ProvisionalTag } from '../../components/ProvisionalTag';
import { useState } from 'react';
import { App, Badge, Button, Card, Dropdown, Input, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { api, type Page } from '../../lib/api';
import { dueState, fmtDateTime, fromNow, GROUP_LABELS } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { TaskRow } from '../../lib/types';
import { ErrorState } from '../../components/states';
import { ExportButton } from '../../components/ExportButton';
import { CompleteTaskModal, type TaskRef } from '../../components/CompleteTaskModal';
import { CommentsDrawer, DelegateModal, useTaskActions } from '../../components/TaskActions';

type Row = TaskRow & { version?: number; owner?: string | null };
type View = 'mine' | 'unclaimed' | 'claimed' | 'overdue' | 'soon' | 'all';

/** Each tab is a server-side filter of GET /api/tasks. */
const FILTERS: Record<View, Record<string, string | number>> = {
  mine: { mine: 1 },
  unclaimed: { mine: 1, unassigned: 1 },
  claimed: { assignee: 'me' },
  overdue: { mine: 1, overdue: 1, sort: 'dueAt' },
  soon: { mine: 1, dueSoon: 1, sort: 'dueAt' },
  all: {},
};

export default function InboxPage() {
  const { message } = App.useApp();
  const [view, setView] = useState<View>('mine');
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const [q, setQ] = useState<string>();
  const [task, setTask] = useState<TaskRef | null>(null);
  const [delegating, setDelegating] = useState<Row | null>(null);
  const [commenting, setCommenting] = useState<Row | null>(null);
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<Row>>('/api/tasks', { ...FILTERS[view], q, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [view, q, page.current, page.pageSize],
  );
  const actions = useTaskActions(reload);
  const me = JSON.parse(sessionStorage.getItem('haoban.user') ?? '{}').id as string | undefined;

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
            { key: 'unclaimed', label: '待签收' },
            { key: 'claimed', label: '我已签收' },
            { key: 'overdue', label: '已逾期' },
            { key: 'soon', label: '即将到期' },
            { key: 'all', label: '全部待办' },
          ]}
          tabBarExtraContent={
            <Space>
              <Input.Search
                allowClear
                placeholder="办件编号、申请人姓名、证件号或手机号"
                style={{ width: 300 }}
                aria-label="在待办中查找办件"
                data-testid="inbox-search"
                onSearch={(v) => {
                  setQ(v.trim() || undefined);
                  setPage({ current: 1, pageSize: page.pageSize });
                }}
              />
              <ExportButton path="/api/exports/tasks.xlsx" query={{ ...FILTERS[view], q }} testId="export-tasks" />
            </Space>
          }
        />
        {error ? (
          <ErrorState error={error} retry={reload} what="待办任务" />
        ) : (
          <Table<Row>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: q ? `待办中没有与「${q}」相符的办件` : '暂无待办任务' }}
            scroll={{ x: 980 }}
            pagination={{
              ...page,
              total: data?.total,
              showTotal: (t) => `共 ${t} 项`,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              {
                title: '任务',
                dataIndex: 'name',
                render: (n: string, t) => (
                  <Space wrap>
                    <strong>{n}</strong>
                    {t.assignee ? (
                      <Tag color={t.assignee === me ? 'green' : undefined}>{t.assignee === me ? '我已签收' : `已签收：${t.assignee}`}</Tag>
                    ) : (
                      <Tag color="blue">{t.candidateGroups.map((g) => GROUP_LABELS[g] ?? g).join('、') || '待分派'}</Tag>
                    )}
                    {t.owner && <Tag color="purple">委派自 {t.owner}</Tag>}
                  </Space>
                ),
              },
              {
                title: '办件',
                dataIndex: 'caseId',
                render: (id: string, t) => (
                  <Link to={`/cases/${encodeURIComponent(id)}`}>
                    {t.case?.title ?? id}
                    <br />
                    <small style={{ color: '#888' }}>{id}</small>
                  </Link>
                ),
              },
              { title: '申请人', render: (_: unknown, t) => t.case?.applicantName ?? t.case?.applicantId ?? '—', width: 100 },
              { title: '到达时间', dataIndex: 'createdAt', render: fmtDateTime, width: 140 },
              {
                title: '办理时限',
                dataIndex: 'dueAt',
                width: 150,
                render: (d: string | null, t) => {
                  const s = dueState(d);
                  if (s === 'none') return <span style={{ color: '#888' }}>未设时限</span>;
                  return (
                    <>
                      <Tooltip title={fmtDateTime(d)}>
                        <Badge
                          status={s === 'overdue' ? 'error' : s === 'soon' ? 'warning' : 'success'}
                          text={`${s === 'overdue' ? '已逾期 ' : ''}${fromNow(d)}`}
                        />
                      </Tooltip>
                      {t.dueProvisional && <ProvisionalTag />}
                    </>
                  );
                },
              },
              {
                title: '操作',
                width: 190,
                fixed: 'right',
                render: (_: unknown, t) => (
                  <Space>
                    {!t.assignee && (
                      <Button size="small" onClick={() => void actions.claim(t)} data-testid={`claim-${t.elementId}`}>
                        签收
                      </Button>
                    )}
                    <Button
                      type="primary"
                      size="small"
                      data-testid={`complete-${t.elementId}`}
                      onClick={() =>
                        setTask({
                          id: t.id,
                          name: t.name,
                          elementId: t.elementId,
                          formKey: t.formKey,
                          caseTitle: t.case?.title,
                          caseId: t.caseId,
                          version: t.version,
                        })
                      }
                    >
                      办理
                    </Button>
                    <Dropdown
                      menu={{
                        items: [
                          { key: 'delegate', label: '委派' },
                          { key: 'comments', label: '批注' },
                          ...(t.assignee === me ? [{ key: 'unclaim', label: '退回签收' }] : []),
                        ],
                        onClick: ({ key }) =>
                          key === 'delegate' ? setDelegating(t) : key === 'comments' ? setCommenting(t) : void actions.unclaim(t),
                      }}
                    >
                      <Button size="small" aria-label="更多操作">
                        更多
                      </Button>
                    </Dropdown>
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
      <DelegateModal
        task={delegating}
        onClose={() => setDelegating(null)}
        onDone={() => {
          message.success('已委派');
          setDelegating(null);
          reload();
        }}
      />
      <CommentsDrawer task={commenting} onClose={() => setCommenting(null)} />
    </div>
  );
}
