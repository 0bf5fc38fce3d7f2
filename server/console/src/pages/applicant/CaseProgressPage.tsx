// 办件进度: what happens next, what we need from you, by when — refreshed while the case runs.
import { useEffect } from 'react';
import { Alert, Card, Col, Descriptions, Result, Row, Steps, Tag, Typography } from 'antd';
import { api, isMissingRoute } from '../../lib/api';
import { groupName, plain } from '../../lib/plain';
import { DocumentsCard } from '../../components/DocumentsCard';
import { RatingCard } from '../../components/RatingCard';
import { fmtDateTime, fromNow, GROUP_LABELS } from '../../lib/format';
import { useRoute } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseDetail, OpenTask } from '../../lib/types';
import { ErrorState, Loading } from '../../components/states';
import { CaseStatusTag } from '../../components/CaseStatusTag';
import { MaterialsCard } from '../../components/MaterialsCard';
import { DeliveryChoiceCard } from '../../components/DeliveryChoiceCard';
import { StageTag, type Stage } from './MyCasesPage';

/** How often the progress page refreshes while the case is running (ms). */
const REFRESH_MS = 5000;

function who(task: OpenTask): string {
  const a = task.assignment ?? {};
  if (a.assignee) return '指定工作人员';
  const groups = [...new Set((a.candidateGroups ?? []).map((g) => groupName(g, GROUP_LABELS)))];
  return groups.length ? groups.join('、') : '工作人员';
}

interface Progress {
  status: string;
  current: { elementId: string; name: string }[];
  next: { elementId: string; name: string }[];
  needed: (string | { code?: string; name?: string; reason?: string })[];
  deadline: string | null;
}

function neededText(n: Progress['needed'][number]): string {
  return typeof n === 'string' ? n : [n.name ?? n.code, n.reason].filter(Boolean).join('：');
}

function decisionText(v: Record<string, unknown>): string | undefined {
  if (v.decision === 'approved') return '准予许可';
  if (v.decision === 'rejected') return '不予许可';
  if (v.accepted === false) return '不予受理';
  return undefined;
}

export default function CaseProgressPage({ caseId }: { caseId: string }) {
  const { search } = useRoute();
  const { data, error, loading, reload } = useApi(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`), [caseId]);
  // "What next / what we need from you / by when", predicted from the process graph by the server.
  const progress = useApi(
    () =>
      api
        .get<Progress>(`/api/notifications/cases/${encodeURIComponent(caseId)}/progress`)
        .catch((e) => (isMissingRoute(e) ? undefined : Promise.reject(e))),
    [caseId, data?.path.length, data?.status],
  );
  // Where the case stands in the applicant's words (待补正 / 待缴费 / 待领取 …), refreshed with the page.
  const stage = useApi(() => api.get<{ stage: Stage }>(`/api/me/cases/${encodeURIComponent(caseId)}`), [caseId, data]);

  useEffect(() => {
    if (data?.status !== 'running') return;
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [data?.status, reload]);

  if (error) return <ErrorState error={error} retry={reload} what="办件进度" />;
  if (!data) return <Loading />;
  const running = data.status === 'running';
  const completedSteps = data.path.filter((p) => p.type === 'userTask' && p.left).length;
  const decision = decisionText(data.variables);
  const current = data.openTasks.map((t) => t.name).join('、');

  return (
    <div>
      <h1 className="hb-page-title">
        办件进度{' '}
        {stage.data ? (
          <StageTag stage={stage.data.stage} />
        ) : running && progress.data?.needed.length ? (
          <Tag color="red" data-testid="stage-tag">
            待补正
          </Tag>
        ) : (
          <CaseStatusTag status={data.status} />
        )}
      </h1>
      {stage.data?.stage.action && (
        <Alert
          type={stage.data.stage.code === 'correction' ? 'error' : 'warning'}
          showIcon
          title={`需要您做的：${stage.data.stage.action}`}
          style={{ marginBottom: 16 }}
          data-testid="stage-action"
        />
      )}
      {search.get('new') && (
        <Alert
          type="success"
          showIcon
          title={`申请已提交，办件编号 ${data.caseId}。`}
          description="请记下编号，或下载下方的受理回执；凭编号和手机号（或回执上的查询码）不登录也能查询进度。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={data.title} loading={loading && !data} style={{ marginBottom: 16 }}>
            <Steps
              orientation="vertical"
              size="small"
              current={running ? 1 : 3}
              status={data.status === 'failed' ? 'error' : undefined}
              items={[
                { title: '提交申请', description: fmtDateTime(data.startedAt) },
                {
                  title: running ? `办理中：${current || '流转中'}` : '办理完成',
                  description: running ? `已完成 ${completedSteps} 个办理环节` : `共经过 ${completedSteps} 个办理环节`,
                },
                {
                  title: '办结',
                  description: data.endedAt ? `${fmtDateTime(data.endedAt)}${decision ? `，${decision}` : ''}` : '等待办结',
                },
              ]}
            />
          </Card>
          {running && (
            <Card title="接下来会发生什么" data-testid="what-next" style={{ marginBottom: 16 }}>
              {data.openTasks.length === 0 && !progress.data?.current.length ? (
                <Typography.Paragraph>系统正在流转，请稍候（页面每 {REFRESH_MS / 1000} 秒自动刷新）。</Typography.Paragraph>
              ) : (
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label="正在办理">
                    {data.openTasks.map((t) => (t.name.includes(who(t)) ? t.name : `${t.name}（${who(t)}）`)).join('、') ||
                      progress.data?.current.map((c) => c.name).join('、')}
                  </Descriptions.Item>
                  <Descriptions.Item label="下一步">
                    {progress.data ? progress.data.next.map((n) => n.name).join('、') || '办结' : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="需要您做的">
                    {progress.data?.needed.length ? (
                      <span style={{ color: '#cf1322' }}>{progress.data.needed.map((n) => plain(neededText(n))).join('；')}</span>
                    ) : (
                      '目前无需您操作。如需补正材料，我们会一次性告知并在此提示。'
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label="时限">
                    {progress.data?.deadline
                      ? `${fmtDateTime(progress.data.deadline)}（${fromNow(progress.data.deadline)}）`
                      : data.openTasks.find((t) => t.dueAt)
                        ? fmtDateTime(data.openTasks.find((t) => t.dueAt)!.dueAt)
                        : '按承诺时限办理'}
                  </Descriptions.Item>
                </Descriptions>
              )}
            </Card>
          )}
          <MaterialsCard caseId={data.caseId} running={running} title="材料" onChange={progress.reload} refreshKey={data} />
          <DocumentsCard caseId={data.caseId} refreshKey={`${data.status}:${progress.data?.needed.length ?? 0}`} />
          {!running && (
            <Card title="办理结果" style={{ marginBottom: 16 }}>
              <Result
                status={
                  data.status === 'completed' ? (decision === '不予许可' || decision === '不予受理' ? 'warning' : 'success') : 'error'
                }
                title={decision ?? (data.status === 'completed' ? '已办结' : '办件异常，请联系窗口')}
                subTitle={typeof data.variables.opinion === 'string' ? `办理意见：${data.variables.opinion}` : undefined}
              />
            </Card>
          )}
          {data.status === 'completed' && decision === '准予许可' && <DeliveryChoiceCard caseId={data.caseId} onSaved={stage.reload} />}
        </Col>
        <Col xs={24} lg={9}>
          <Card title="办件信息" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="办件编号">{data.caseId}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmtDateTime(data.startedAt)}</Descriptions.Item>
              <Descriptions.Item label="申请主体">
                {String(data.variables.shopName ?? data.variables.companyName ?? data.variables.applicantName ?? '—')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="评价（好差评）" data-testid="rating-card">
            {running ? (
              <Typography.Text type="secondary">办结后可对本次服务进行评价。</Typography.Text>
            ) : (
              <RatingCard caseId={data.caseId} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
