// 343 代办看板: the agent's projects, their cases, and who each one is waiting on.
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { api } from '../../lib/api';
import { CASE_STATUS, GROUP_LABELS } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';

interface Linked { caseId: string; title: string; status: string; openTasks: { taskId: string; name: string; waitingOn: string[] }[] }
interface Project { instanceId: string; title: string; track: string; applicant: string; state: unknown; states?: string[]; status: string; phase: string; team: string[]; cases: Linked[]; waitingOn: unknown }

function who(w: string): string {
  return w.startsWith('group:') ? (GROUP_LABELS[w.slice(6)] ?? w.slice(6)) : w;
}

function waitingText(w: unknown): string {
  if (!w) return '—';
  if (typeof w === 'string') return w;
  if (Array.isArray(w)) return w.map(waitingText).join('、');
  if (typeof w === 'object') {
    const o = w as Record<string, unknown>;
    return String(o.label ?? o.who ?? o.party ?? o.name ?? JSON.stringify(o));
  }
  return String(w);
}

/** XState values are nested objects; show the deepest active state names. */
function stateText(p: Project): string {
  if (typeof p.state === 'string') return p.state;
  const leaves = (p.states ?? []).filter((s) => !(p.states ?? []).some((o) => o !== s && o.startsWith(`${s}.`)));
  return leaves.join('、') || JSON.stringify(p.state);
}

export default function AgentBoardPage() {
  const { data, error, reload } = useApi(() => api.get<{ items: Project[]; total: number }>('/api/agency/board'));
  return (
    <div>
      <h1 className="hb-page-title">343 代办看板 {data && <Typography.Text type="secondary" style={{ fontSize: 14 }}>共 {data.total} 个项目</Typography.Text>}</h1>
      {error ? <ErrorState error={error} retry={reload} what="343 代办看板" /> : !data ? <Loading rows={8} /> : data.items.length === 0 ? <Card><Empty description="您名下暂无代办项目" /></Card> : (
        <Row gutter={[16, 16]}>
          {data.items.map((p) => (
            <Col xs={24} lg={12} key={p.instanceId}>
              <Card size="small" title={p.title} extra={<Space><Tag color={p.status === 'active' ? 'processing' : 'default'}>{String(p.phase ?? '')}</Tag><Tag>{stateText(p)}</Tag></Space>}>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  申请人：{p.applicant} · 代办团队：{(p.team ?? []).join('、') || '—'}
                </Typography.Paragraph>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  <strong>正在等待：</strong><span style={{ color: '#c8102e' }}>{waitingText(p.waitingOn)}</span>
                </Typography.Paragraph>
                <List size="small" dataSource={p.cases ?? []} locale={{ emptyText: '尚未发起办件' }}
                  renderItem={(c) => (
                    <List.Item>
                      <Space orientation="vertical" size={0}>
                        <span><Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link> <Tag color={CASE_STATUS[c.status]?.color}>{CASE_STATUS[c.status]?.label ?? c.status}</Tag></span>
                        {(c.openTasks ?? []).map((t) => <Typography.Text key={t.taskId} type="secondary" style={{ fontSize: 12 }}>{t.name}：等待 {(t.waitingOn ?? []).map(who).join('、')}</Typography.Text>)}
                      </Space>
                    </List.Item>
                  )} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
