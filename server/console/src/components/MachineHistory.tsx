// The transition history of a rule machine instance: event, who, from → to, when.
import { Timeline, Typography } from 'antd';
import { fmtDateTime } from '../lib/format';
import { eventLabel, FALLBACK_CATEGORIES, FALLBACK_CAUSES, FINDING_ACTIONS, FINDING_TYPES, HOTLINE_CATEGORIES, valueLabel, type Transition } from '../lib/machines';
import { EmptyState } from './states';

const SKIP = new Set(['type', 'at', 'actor']);
/** Coded payload values (分类, 原因, 类别, 处置) in words. */
const VALUES: Record<string, string> = { ...FALLBACK_CATEGORIES, ...FALLBACK_CAUSES, ...HOTLINE_CATEGORIES, ...FINDING_ACTIONS, ...FINDING_TYPES };

function payloadText(p?: Record<string, unknown> | null): string {
  if (!p) return '';
  return Object.entries(p)
    .filter(([k, v]) => !SKIP.has(k) && v !== undefined && v !== null && typeof v !== 'object')
    .map(([, v]) => (typeof v === 'boolean' ? (v ? '是' : '否') : (VALUES[String(v)] ?? String(v))))
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
