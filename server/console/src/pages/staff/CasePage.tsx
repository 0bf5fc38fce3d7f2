// 办件详情 (staff): the BPMN diagram with done / active / pending elements, the timeline, materials and open tasks.
import { ProvisionalTag } from '../../components/ProvisionalTag';
import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { api, isMissingRoute, request, session, type Page } from '../../lib/api';
import { ELEMENT_TYPE_LABELS, elementNames } from '../../lib/bpmn-names';
import { fmtDateTime, GROUP_LABELS } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import type { CaseDetail, TaskRow } from '../../lib/types';
import { ErrorState, Loading } from '../../components/states';
import { CaseStatusTag } from '../../components/CaseStatusTag';
import { CompleteTaskModal, type TaskRef } from '../../components/CompleteTaskModal';
import { MaterialsCard } from '../../components/MaterialsCard';
import { DocumentsCard } from '../../components/DocumentsCard';
import { ApplicationFields } from '../../components/ApplicationFields';
import { DeliveryStaffCard } from '../../components/DeliveryChoiceCard';

const BpmnDiagram = lazy(() => import('../../components/BpmnDiagram'));

interface TimelineEntry {
  id: string;
  at: string;
  action: string;
  label: string;
  actor: string;
  actorName?: string;
  elementId?: string | null;
  name?: string;
  after?: unknown;
}

/** Timeline actions that are bookkeeping rather than steps a reader follows. */
const QUIET = new Set(['element.entered']);

export default function CasePage({ caseId }: { caseId: string }) {
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskRef | null>(null);
  const c = useApi(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`), [caseId]);
  const defId = c.data?.definitionId;
  const xml = useApi(async () => {
    if (!defId) return undefined;
    const [key, version] = defId.split(':');
    return request<string>(`/api/definitions/${encodeURIComponent(key)}/xml`, {
      query: { version },
      headers: { accept: 'application/xml' },
    });
  }, [defId]);
  const tasks = useApi(
    () => api.get<Page<TaskRow>>('/api/tasks', { caseId, status: 'completed', limit: 200 }),
    [caseId, c.data?.path.length],
  );

  const timeline = useApi(
    () =>
      api
        .get<Page<TimelineEntry>>(`/api/cases/${encodeURIComponent(caseId)}/timeline`)
        .catch((e) => (isMissingRoute(e) ? undefined : Promise.reject(e))),
    [caseId, c.data?.path.length, c.data?.status],
  );

  if (c.error) return <ErrorState error={c.error} retry={c.reload} what="办件详情" />;
  if (!c.data) return <Loading rows={8} />;
  const data = c.data;
  const names = xml.data ? elementNames(xml.data) : {};
  const done = [...data.path.map((p) => p.elementId), ...data.path.map((p) => p.via).filter((v): v is string => !!v)];
  const outcomeByElement = new Map((tasks.data?.items ?? []).map((t) => [t.elementId, t]));

  return (
    <div>
      <h1 className="hb-page-title">
        {data.title} <CaseStatusTag status={data.status} />
        {data.diverged && (
          <Tag color="red" data-testid="case-diverged" title="部分办理记录未能写入，请到故障处理查看">
            记录未同步
          </Tag>
        )}
      </h1>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="流程图" size="small" style={{ marginBottom: 16 }}>
            {xml.error ? (
              <ErrorState error={xml.error} retry={xml.reload} what="流程图" />
            ) : !xml.data ? (
              <Loading rows={5} />
            ) : (
              <Suspense fallback={<Loading rows={5} label="正在加载流程图…" />}>
                <BpmnDiagram xml={xml.data} done={done} active={data.activeElements} height={300} />
              </Suspense>
            )}
          </Card>
          <Card title="待办环节" size="small" style={{ marginBottom: 16 }}>
            {data.openTasks.length === 0 ? (
              <Empty description={data.status === 'running' ? '暂无人工待办（系统环节处理中）' : '办件已结束'} />
            ) : (
              <Table
                size="small"
                rowKey="taskId"
                pagination={false}
                dataSource={data.openTasks}
                columns={[
                  { title: '环节', dataIndex: 'name' },
                  {
                    title: '候选组',
                    render: (_: unknown, t) =>
                      (t.assignment?.candidateGroups ?? []).map((g) => (
                        <Tag key={g}>{GROUP_LABELS[g] ?? (g.startsWith('dept-') ? '部门承办人' : g)}</Tag>
                      )),
                  },
                  { title: '到达', dataIndex: 'createdAt', render: fmtDateTime },
                  {
                    title: '时限',
                    dataIndex: 'dueAt',
                    render: (d: string | undefined, t) => (
                      <>
                        {fmtDateTime(d)}
                        {t.dueProvisional && <ProvisionalTag />}
                      </>
                    ),
                  },
                  {
                    title: '操作',
                    render: (_: unknown, t) => (
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`complete-${t.elementId}`}
                        onClick={() =>
                          setTask({
                            id: t.taskId,
                            name: t.name,
                            elementId: t.elementId,
                            formKey: t.formKey,
                            caseTitle: data.title,
                            caseId: data.caseId,
                          })
                        }
                      >
                        办理
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
          <Card title="申请信息与材料" size="small" style={{ marginBottom: 16 }} data-testid="case-application">
            <ApplicationFields data={data} />
            {/* Files, their review (通过 / 需补正) and counter scans: window and approval staff review. */}
            <div style={{ marginTop: 12 }}>
              <MaterialsCard
                bare
                caseId={data.caseId}
                staff
                canReview={(session.user()?.roles ?? []).some((r) => r === 'window' || r === 'approver')}
                running={data.status === 'running'}
                onChange={() => timeline.reload()}
              />
            </div>
            {/* 办件文书: the window prints the applicant's receipt, notices and decisions. */}
            <div style={{ marginTop: 12 }}>
              <DocumentsCard caseId={data.caseId} print refreshKey={data.status} />
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="办件信息" size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="办件编号">{data.caseId}</Descriptions.Item>
              <Descriptions.Item label="申请人">{data.applicantName ?? data.applicantId}</Descriptions.Item>
              <Descriptions.Item label="流程版本">{data.definitionId}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmtDateTime(data.startedAt)}</Descriptions.Item>
              <Descriptions.Item label="办结时间">{fmtDateTime(data.endedAt)}</Descriptions.Item>
              {(data.deadlines ?? []).map((d) => (
                <Descriptions.Item key={d.name} label={d.label}>
                  <span data-testid={`deadline-${d.name}`}>
                    {fmtDateTime(d.dueAt)}
                    {d.provisional && <ProvisionalTag />}
                  </span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          {data.status === 'completed' && <DeliveryStaffCard caseId={data.caseId} />}
          <Card title="办理过程" size="small" data-testid="case-timeline">
            {timeline.data ? (
              <Timeline
                items={timeline.data.items
                  .filter((e) => !QUIET.has(e.action))
                  .map((e) => ({
                    color: e.action.startsWith('task.opened')
                      ? 'blue'
                      : e.action.includes('fail') || e.action.includes('incident')
                        ? 'red'
                        : 'green',
                    content: (
                      <Space orientation="vertical" size={0}>
                        <span>
                          <strong>{e.label}</strong>
                          {e.name ? `：${e.name}` : e.elementId ? `：${names[e.elementId] ?? e.elementId}` : ''}
                        </span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {fmtDateTime(e.at)} · {e.actorName ?? e.actor}
                        </Typography.Text>
                        {e.after && typeof e.after === 'object' && 'opinion' in (e.after as object) ? (
                          <span>意见：{String((e.after as { opinion: unknown }).opinion)}</span>
                        ) : null}
                      </Space>
                    ),
                  }))}
              />
            ) : timeline.error ? (
              <ErrorState error={timeline.error} retry={timeline.reload} what="办理过程" />
            ) : (
              <Timeline
                items={data.path
                  .filter((p) => !p.type.endsWith('Gateway'))
                  .map((p) => {
                    const t = outcomeByElement.get(p.elementId);
                    const active = data.activeElements.includes(p.elementId) && !p.left;
                    return {
                      color: active ? 'blue' : 'green',
                      content: (
                        <Space orientation="vertical" size={0}>
                          <span>
                            <strong>{names[p.elementId] ?? p.elementId}</strong>{' '}
                            <Typography.Text type="secondary">{ELEMENT_TYPE_LABELS[p.type] ?? p.type}</Typography.Text>
                          </span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {fmtDateTime(p.at)}
                            {t?.completedBy ? ` · 办理人 ${t.completedBy}` : ''}
                            {active ? ' · 进行中' : ''}
                          </Typography.Text>
                        </Space>
                      ),
                    };
                  })}
              />
            )}
          </Card>
        </Col>
      </Row>
      <CompleteTaskModal
        task={task}
        onClose={() => setTask(null)}
        onDone={() => {
          message.success(`「${task?.name}」已办理`);
          setTask(null);
          c.reload();
        }}
      />
    </div>
  );
}
