// 特派员查看: what the area's 审批监管特派员 sees of a notice or finding — who inspects, the linked case and its tasks,
// and every deadline step with whether it was kept (GET /api/linkage/inspect/:id; the server checks the commissioner).
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { api } from '../../../lib/api';
import { fmtDateTime } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import { CaseStatusTag } from '../../../components/CaseStatusTag';
import { ErrorState, Loading } from '../../../components/states';
import { stateLabel } from '../../../lib/machines';
import { Link } from '../../../lib/router';

interface Inspection {
  commissioner?: { userId: string; name: string } | null;
  case: {
    id: string;
    title: string;
    status: string;
    startedAt: string;
    endedAt: string | null;
    tasks: { id: string; name: string; status: string; assignee: string | null }[];
  } | null;
  steps: { id: string; step: string; holder: string; workingDays: number; enteredAt: string; dueAt: string; completedAt: string | null }[];
}

function stepTag(s: Inspection['steps'][number]) {
  if (s.completedAt)
    return new Date(s.completedAt) <= new Date(s.dueAt) ? <Tag color="green">按时完成</Tag> : <Tag color="orange">超时完成</Tag>;
  return new Date(s.dueAt) < new Date() ? <Tag color="red">超时未完成</Tag> : <Tag>进行中</Tag>;
}

const TASK_STATUS: Record<string, string> = { completed: '已完成', cancelled: '已取消', open: '待办' };

export function InspectSection({ instanceId, kind }: { instanceId: string; kind: string }) {
  const { data, error, loading, reload } = useApi(
    () => api.get<Inspection>(`/api/linkage/inspect/${encodeURIComponent(instanceId)}`),
    [instanceId],
  );
  return (
    <Card size="small" title="特派员查看（审批监管特派员）" data-testid="inspect">
      {error ? (
        <ErrorState error={error} retry={reload} what="特派员查看" />
      ) : loading || !data ? (
        <Loading rows={3} label="正在加载特派员查看" />
      ) : (
        <>
          <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap', width: 90 } }}>
            <Descriptions.Item label="特派员">
              <span data-testid="inspect-commissioner">
                {data.commissioner ? `${data.commissioner.name}（${data.commissioner.userId}）` : '本领域未设特派员'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="关联办件">
              {data.case ? (
                <span data-testid="inspect-case">
                  <Link to={`/cases/${encodeURIComponent(data.case.id)}`}>{data.case.id}</Link> {data.case.title}{' '}
                  <CaseStatusTag status={data.case.status} />
                </span>
              ) : (
                <Typography.Text type="secondary">未关联办件</Typography.Text>
              )}
            </Descriptions.Item>
            {data.case && (
              <Descriptions.Item label="办件环节">
                {data.case.tasks.length
                  ? data.case.tasks.map((t) => `${t.name}（${t.assignee ?? '未认领'}，${TASK_STATUS[t.status] ?? t.status}）`).join('；')
                  : '—'}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table<Inspection['steps'][number]>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.steps}
            locale={{ emptyText: '暂无计时环节' }}
            columns={[
              { title: '计时环节', dataIndex: 'step', width: 110, render: (s: string) => stateLabel(kind, s) },
              { title: '责任人', dataIndex: 'holder', width: 110 },
              { title: '时限', width: 170, render: (_: unknown, s) => `${s.workingDays} 个工作日，截止 ${fmtDateTime(s.dueAt)}` },
              { title: '结果', width: 100, render: (_: unknown, s) => stepTag(s) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
