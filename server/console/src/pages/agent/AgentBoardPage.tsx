// 343 代办看板: what 343 is, projects waiting for an agent, the agent's projects with their cases and who each
// one is waiting on; every project opens with its next steps (受理, 委托, 联合预审 …) and history.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import { CASE_STATUS, fmtDateTime, GROUP_LABELS } from '../../lib/format';
import {
  AGENCY_MODES,
  AGENT_ROLES,
  INTAKE_CHANNELS,
  loadAgents,
  loadDepartments,
  stateLabel,
  SUPERVISION_LABELS,
  type MachineView,
} from '../../lib/machines';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';
import { MachineDrawer } from '../../components/MachineDrawer';
import { RegisterProjectModal } from './RegisterProjectModal';
import { RevealableText } from '../../components/RevealableText';

interface Linked {
  caseId: string;
  title: string;
  status: string;
  openTasks: { taskId: string; name: string; waitingOn: string[] }[];
}
interface Project {
  instanceId: string;
  title: string;
  track: string;
  applicant: string;
  state: unknown;
  states?: string[];
  status: string;
  phase: string;
  team: string[];
  cases: Linked[];
  waitingOn: unknown;
}
interface Unassigned {
  instanceId: string;
  title: string;
  applicant: string;
  channel: string;
  createdAt: string;
}
interface Board {
  items: Project[];
  total: number;
  unassigned?: Unassigned[];
}

/** Names for user ids and department codes, loaded once for the board. */
type Names = Record<string, string>;

function who(w: string, names: Names): string {
  if (w.startsWith('group:')) return GROUP_LABELS[w.slice(6)] ?? w.slice(6);
  if (w.startsWith('dept:')) return names[w] ?? w.slice(5);
  return names[w] ?? w;
}

function waitingText(w: unknown, names: Names): string {
  if (!w) return '—';
  if (typeof w === 'string') return who(w, names);
  if (Array.isArray(w)) return w.map((x) => waitingText(x, names)).join('、');
  return '—';
}

/** XState values are nested; show the deepest active states in words (督办 sub-states are shown as the deadline). */
function stateText(p: Project): string {
  const states = (p.states ?? (typeof p.state === 'string' ? [p.state] : [])).filter((s) => !SUPERVISION_LABELS[s.split('.').pop()!]);
  const leaves = states.filter((s) => !states.some((o) => o !== s && o.startsWith(`${s}.`)));
  return leaves.map((s) => stateLabel('agency', s.split('.').pop()!)).join('、') || '—';
}

function About343() {
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="什么是“343”代办服务"
      description={
        <div data-testid="about-343">
          为重点项目提供全程无偿帮办代办：<strong>3 类角色</strong>（{Object.values(AGENT_ROLES).join('、')}）组成代办团队；
          <strong>4 种受理渠道</strong>（{Object.values(INTAKE_CHANNELS).join('、')}）；
          <strong>3 种服务方式</strong>（{Object.values(AGENCY_MODES).join('、')}）。项目单位仍是各项审批的申报主体。
        </div>
      }
    />
  );
}

export default function AgentBoardPage() {
  const { data, error, reload } = useApi(() => api.get<Board>('/api/agency/board'));
  const [registering, setRegistering] = useState(false);
  const [shown, setShown] = useState<string>();
  const [names, setNames] = useState<Names>({});
  useEffect(() => {
    void Promise.all([loadAgents().catch(() => ({ items: [] })), loadDepartments().catch(() => ({ items: [] }))]).then(([a, d]) =>
      setNames(Object.fromEntries([...a.items.map((x) => [x.userId, x.name]), ...d.items.map((x) => [`dept:${x.code}`, x.name])])),
    );
  }, []);
  const roles = JSON.parse(sessionStorage.getItem('haoban.user') ?? '{}').roles as string[] | undefined;
  const canAct = roles?.some((r) => r === 'agent' || r === 'window' || r === 'admin');

  return (
    <div>
      <h1 className="hb-page-title">
        343 代办看板{' '}
        {data && (
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            共 {data.total} 个项目
          </Typography.Text>
        )}
        {canAct && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginLeft: 16 }}
            onClick={() => setRegistering(true)}
            data-testid="register-project"
          >
            登记重点项目
          </Button>
        )}
      </h1>
      <About343 />
      {error ? (
        <ErrorState error={error} retry={reload} what="343 代办看板" />
      ) : !data ? (
        <Loading rows={8} />
      ) : (
        <>
          {(data.unassigned ?? []).length > 0 && (
            <Card
              size="small"
              title={`待认领的重点项目（${data.unassigned!.length}）`}
              style={{ marginBottom: 16 }}
              data-testid="unassigned-projects"
            >
              <List
                size="small"
                dataSource={data.unassigned}
                renderItem={(u) => (
                  <List.Item
                    actions={
                      canAct
                        ? [
                            <Button
                              key="accept"
                              size="small"
                              type="primary"
                              onClick={() => setShown(u.instanceId)}
                              data-testid={`accept-${u.instanceId}`}
                            >
                              认领受理
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={u.title}
                      description={`${u.applicant} · ${INTAKE_CHANNELS[u.channel] ?? '—'} · 登记于 ${fmtDateTime(u.createdAt)}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
          {data.items.length === 0 ? (
            <Card>
              <Empty
                description={canAct ? '您名下暂无代办项目。可点击“登记重点项目”，或认领上方待认领的项目。' : '该代办员名下暂无代办项目'}
              />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {data.items.map((p) => (
                <Col xs={24} lg={12} key={p.instanceId}>
                  <Card
                    size="small"
                    title={p.title}
                    data-testid={`project-${p.instanceId}`}
                    extra={
                      <Space>
                        <Tag color={p.status === 'active' ? 'processing' : 'default'}>{AGENCY_MODES[p.phase] ?? '—'}</Tag>
                        <Tag>{stateText(p)}</Tag>
                        <Button size="small" onClick={() => setShown(p.instanceId)}>
                          办理
                        </Button>
                      </Space>
                    }
                  >
                    <Typography.Paragraph style={{ marginBottom: 8 }}>
                      项目单位：{p.applicant} · 代办团队：{(p.team ?? []).map((t) => who(t, names)).join('、') || '—'}
                    </Typography.Paragraph>
                    <Typography.Paragraph style={{ marginBottom: 8 }}>
                      <strong>正在等待：</strong>
                      <span style={{ color: '#c8102e' }}>{waitingText(p.waitingOn, names)}</span>
                    </Typography.Paragraph>
                    <List
                      size="small"
                      dataSource={p.cases ?? []}
                      locale={{ emptyText: '尚未发起办件' }}
                      renderItem={(c) => (
                        <List.Item>
                          <Space orientation="vertical" size={0}>
                            <span>
                              <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>{' '}
                              <Tag color={CASE_STATUS[c.status]?.color}>{CASE_STATUS[c.status]?.label ?? '—'}</Tag>
                            </span>
                            {(c.openTasks ?? []).map((t) => (
                              <Typography.Text key={t.taskId} type="secondary" style={{ fontSize: 12 }}>
                                {t.name}：等待 {(t.waitingOn ?? []).map((w) => who(w, names)).join('、')}
                              </Typography.Text>
                            ))}
                          </Space>
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          )}
        </>
      )}
      <RegisterProjectModal
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={() => {
          setRegistering(false);
          reload();
        }}
      />
      <MachineDrawer
        url={shown ? `/api/agency/projects/${encodeURIComponent(shown)}` : undefined}
        title={(v: MachineView) => `343 代办：${String(v.context.title ?? '')}`}
        summary={(v: MachineView) => {
          const ctx = v.context as { applicant?: { name?: string; phone?: string }; channel?: string; teamIds?: string[] };
          return [
            { label: '项目单位', value: ctx.applicant?.name ?? '—' },
            ...(ctx.applicant?.phone
              ? [
                  {
                    label: '联系电话',
                    value: <RevealableText subject="agency" id={v.instanceId} field="applicant.phone" value={ctx.applicant.phone} />,
                  },
                ]
              : []),
            { label: '受理渠道', value: INTAKE_CHANNELS[ctx.channel ?? ''] ?? '—' },
            { label: '代办团队', value: (ctx.teamIds ?? []).map((t) => who(t, names)).join('、') || '待组建' },
          ];
        }}
        onClose={() => setShown(undefined)}
        onChanged={reload}
      />
    </div>
  );
}
