// The transition history of a rule machine instance: event, who, from → to, when.
import { Timeline, Typography } from 'antd';
import { fmtDateTime } from '../lib/format';
import { eventLabel, FALLBACK_CATEGORIES, FALLBACK_CAUSES, FINDING_ACTIONS, FINDING_TYPES, HOTLINE_CATEGORIES, valueLabel, type Transition } from '../lib/machines';
import { EmptyState } from './states';

const SKIP = new Set(['type', 'at', 'actor']);
/** Coded payload values (分类, 原因, 类别, 处置) in words. */
const VALUES: Record<string, string> = { ...FALLBACK_CATEGORIES, ...FALLBACK_CAUSES, ...HOTLINE_CATEGORIES, ...FINDING_ACTIONS, ...FINDING_TYPES };
/** Event fields in words; fields not listed are shown unnamed. */
const KEYS: Record<string, string> = {
  cause: '原因', category: '分类', department: '部门', holder: '责任人', note: '说明', result: '结果', policy: '政策解释', satisfied: '满意',
  passed: '通过', reason: '理由', workingDays: '工作日', content: '内容', reached: '联系到', comment: '评价', action: '措施', heldAt: '召开时间',
  decision: '决定', index: '任务序号', recipient: '报送单位', reference: '文号', outcome: '结果', fallbackId: '并入',
};

function payloadText(p?: Record<string, unknown> | null): string {
  if (!p) return '';
  return Object.entries(p)
    .filter(([k, v]) => !SKIP.has(k) && v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${KEYS[k] ? `${KEYS[k]}：` : ''}${typeof v === 'boolean' ? (v ? '是' : '否') : (VALUES[String(v)] ?? String(v))}`)
    .join('；');
}

export function MachineHistory({ kind, history }: { kind: string; history?: Transition[] }) {
  if (!history?.length) return <EmptyState description="暂无流转记录" />;
  return (
    <Timeline
      data-testid="machine-history"
      items={history.map((t, i) => {
        const detail = payloadText(t.payload);
        return {
          key: i,
          color: t.event.startsWith('xstate.') ? 'orange' : 'blue',
          children: (
            <div>
              <Typography.Text strong>{eventLabel(t.event)}</Typography.Text>
              <Typography.Text type="secondary"> · {t.actor === 'system' ? '系统' : t.actor} · {fmtDateTime(t.at)}</Typography.Text>
              <div style={{ fontSize: 12 }}>
                {t.fromState ? `${valueLabel(kind, t.fromState)} → ` : ''}
                {valueLabel(kind, t.toState)}
              </div>
              {detail && <div style={{ fontSize: 12, color: '#555' }}>{detail}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
