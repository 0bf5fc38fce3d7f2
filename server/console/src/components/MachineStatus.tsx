// A rule machine's current state (with its 督办 sub-state) and its step deadline in working days.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { fmtDateTime } from '../lib/format';
import { isOverdue, mainState, stateLabel, SUPERVISION_LABELS, type Deadline } from '../lib/machines';

export function StateTags({ kind, states, status }: { kind: string; states: string[]; status?: string | null }) {
  const { main, supervision } = mainState(states);
  const sup = supervision ? SUPERVISION_LABELS[supervision] : undefined;
  return (
    <Space size={4} wrap>
      <Tag color={status === 'active' ? 'processing' : 'default'} data-testid="machine-state">
        {stateLabel(kind, main) || '—'}
      </Tag>
      {sup && supervision !== 'onTime' && <Tag color={sup.color}>{sup.label}</Tag>}
    </Space>
  );
}

/** "N 个工作日，截止 …" with an overdue mark; the rule the number comes from on hover. */
export function DeadlineText({ deadline, compact }: { deadline?: Deadline | null; compact?: boolean }) {
  if (!deadline) return <Typography.Text type="secondary">无时限</Typography.Text>;
  const late = isOverdue(deadline);
  return (
    <Tooltip title={`依据：${deadline.source}`}>
      <span data-testid="deadline">
        {compact ? null : <>{deadline.workingDays} 个工作日，</>}截止 {fmtDateTime(new Date(deadline.dueAt))}
        {late && (
          <Tag color="red" style={{ marginLeft: 6 }}>
            已超期
          </Tag>
        )}
      </span>
    </Tooltip>
  );
}
