// One escalation: why it escalated, who holds it and for how long, its 督办 notices and the instance's full history.
import { Card, Descriptions, Drawer, List, Space, Tag, Typography } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { departmentName, KIND_LABELS, stateLabel, type MachineDepartment } from '../../lib/machines';
import { Link } from '../../lib/router';
import { MachineHistory } from '../../components/MachineHistory';

export interface Escalation {
  stepId: string;
  instanceId: string;
  kind: string;
  title?: string;
  state?: unknown;
  step: string;
  why?: string;
  level?: string;
  holder: string;
  department?: string | null;
  enteredAt?: string;
  dueAt: string;
  completedAt?: string | null;
  open: boolean;
  overdueMs: number;
  heldMs?: number;
  history?: {
    supervision: { level: string; reason: string; notified: string[]; at: string }[];
    transitions: { event: string; actor: string; from?: unknown; to: unknown; at: string }[];
  };
}

export const LEVELS: Record<string, { label: string; color: string }> = {
  remind: { label: '提醒', color: 'blue' },
  urge: { label: '催办', color: 'orange' },
  escalate: { label: '升级督办', color: 'red' },
};

/** A duration in Chinese: 3 天 4 小时, 25 分钟, 12 秒. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} 天${h ? ` ${h} 小时` : ''}`;
  if (h) return `${h} 小时${m ? ` ${m} 分钟` : ''}`;
  if (m) return `${m} 分钟`;
  return `${s} 秒`;
}

/** Where the instance itself is worked. */
export function instanceLink(kind: string, id: string): string {
  if (kind === 'fallback') return `/fallback?open=${encodeURIComponent(id)}`;
  if (kind === 'hotline') return `/hotline?open=${encodeURIComponent(id)}`;
  if (kind.startsWith('linkage.')) return `/linkage?open=${encodeURIComponent(id)}`;
  return '/agent/board';
}

export function EscalationDrawer({
  item,
  departments,
  onClose,
}: {
  item?: Escalation;
  departments?: MachineDepartment[];
  onClose: () => void;
}) {
  return (
    <Drawer open={!!item} onClose={onClose} size={620} title={item ? `督办：${item.title ?? item.instanceId}` : ''}>
      {item && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="escalation-drawer">
          <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap', width: 104 } }}>
            <Descriptions.Item label="事项">
              <Link to={instanceLink(item.kind, item.instanceId)}>{item.instanceId}</Link> · {KIND_LABELS[item.kind] ?? item.kind}
            </Descriptions.Item>
            <Descriptions.Item label="为何督办">
              {item.level && <Tag color={LEVELS[item.level]?.color}>{LEVELS[item.level]?.label ?? item.level}</Tag>}
              <span data-testid="escalation-why">{item.why ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="环节">{stateLabel(item.kind, item.step)}</Descriptions.Item>
            <Descriptions.Item label="责任人">
              <span data-testid="escalation-holder">
                {departmentName(departments, item.department)} · {item.holder}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="持有时长">
              {item.heldMs !== undefined ? duration(item.heldMs) : '—'}（自 {fmtDateTime(item.enteredAt)}
              {item.completedAt ? ` 至 ${fmtDateTime(item.completedAt)}` : ' 至今'}）
            </Descriptions.Item>
            <Descriptions.Item label="时限">
              {fmtDateTime(item.dueAt)}{' '}
              {item.overdueMs > 0 ? <Tag color="red">超期 {duration(item.overdueMs)}</Tag> : <Tag color="green">未超期</Tag>}
              {item.open ? <Tag color="red">未办结</Tag> : <Tag color="green">已办结</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title="督办记录">
            <List
              size="small"
              dataSource={item.history?.supervision ?? []}
              locale={{ emptyText: '无' }}
              renderItem={(s) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <span>
                      <Tag color={LEVELS[s.level]?.color}>{LEVELS[s.level]?.label ?? s.level}</Tag>
                      {fmtDateTime(s.at)}
                    </span>
                    <Typography.Text>{s.reason}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      已通知：{s.notified.join('、') || '—'}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title="流转记录（状态机历史）">
            <MachineHistory
              kind={item.kind}
              history={(item.history?.transitions ?? []).map((t) => ({
                event: t.event,
                actor: t.actor,
                fromState: t.from,
                toState: t.to,
                at: t.at,
              }))}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}
