// 办件进度: what happens next, what we need from you, by when — refreshed while the case runs.
import { useEffect } from 'react';
import { Alert, Card, Col, Descriptions, Result, Row, Steps, Typography } from 'antd';
import { api } from '../../lib/api';
import { fmtDateTime, fromNow, GROUP_LABELS } from '../../lib/format';
import { useRoute } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseDetail, OpenTask } from '../../lib/types';
import { ErrorState, Loading, UnderConstruction } from '../../components/states';
import { CaseStatusTag } from '../../components/CaseStatusTag';

/** How often the progress page refreshes while the case is running (ms). */
const REFRESH_MS = 5000;

function who(task: OpenTask): string {
  const a = task.assignment ?? {};
  if (a.assignee) return '指定工作人员';
  const groups = (a.candidateGroups ?? []).map((g) => GROUP_LABELS[g] ?? g);
  return groups.length ? groups.join('、') : '工作人员';
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
        办件进度 <CaseStatusTag status={data.status} />
      </h1>
      {search.get('new') && <Alert type="success" showIcon title={`申请已提交，办件编号 ${data.caseId}。请记下编号以便查询。`} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={data.title} loading={loading && !data} style={{ marginBottom: 16 }}>
            <Steps
              orientation="vertical"
              size="small"
              current={running ? 1 : 2}
              status={data.status === 'failed' ? 'error' : undefined}
              items={[
                { title: '提交申请', description: fmtDateTime(data.startedAt) },
                {
                  title: running ? `办理中：${current || '流转中'}` : '办理完成',
                  description: running ? `已完成 ${completedSteps} 个办理环节` : `共经过 ${completedSteps} 个办理环节`,
                },
                { title: '办结', description: data.endedAt ? `${fmtDateTime(data.endedAt)}${decision ? `，${decision}` : ''}` : '等待办结' },
              ]}
            />
          </Card>
          {running && (
            <Card title="接下来会发生什么" data-testid="what-next" style={{ marginBottom: 16 }}>
              {data.openTasks.length === 0 ? (
                <Typography.Paragraph>系统正在流转，请稍候（页面每 {REFRESH_MS / 1000} 秒自动刷新）。</Typography.Paragraph>
              ) : (
                data.openTasks.map((t) => (
                  <Descriptions key={t.taskId} column={1} size="small" bordered style={{ marginBottom: 8 }}>
                    <Descriptions.Item label="下一步">{t.name}</Descriptions.Item>
                    <Descriptions.Item label="由谁办理">{who(t)}</Descriptions.Item>
                    <Descriptions.Item label="预计完成时限">{t.dueAt ? `${fmtDateTime(t.dueAt)}（${fromNow(t.dueAt)}）` : '按承诺时限办理'}</Descriptions.Item>
                    <Descriptions.Item label="需要您做的">目前无需您操作。如需补正材料，我们会一次性告知并在此提示。</Descriptions.Item>
                  </Descriptions>
                ))
              )}
            </Card>
          )}
          {!running && (
            <Card title="办理结果" style={{ marginBottom: 16 }}>
              <Result
                status={data.status === 'completed' ? (decision === '不予许可' || decision === '不予受理' ? 'warning' : 'success') : 'error'}
                title={decision ?? (data.status === 'completed' ? '已办结' : '办件异常，请联系窗口')}
                subTitle={typeof data.variables.opinion === 'string' ? `办理意见：${data.variables.opinion}` : undefined}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title="办件信息" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="办件编号">{data.caseId}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmtDateTime(data.startedAt)}</Descriptions.Item>
              <Descriptions.Item label="申请主体">{String(data.variables.shopName ?? '—')}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="评价（好差评）">
            {running ? <Typography.Text type="secondary">办结后可对本次服务进行评价。</Typography.Text> : <UnderConstruction title="好差评" />}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
