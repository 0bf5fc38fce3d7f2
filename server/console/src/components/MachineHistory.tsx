// The history of a rule machine instance (办不成事, 12345, 343, 审管联动) as sentences from the shared
// label catalogue; the raw event key and payload only inside 详情.
import { Collapse, Timeline, Typography } from 'antd';
import { historySentence } from '../../../labels/machine-history';
import { fmtDateTime } from '../lib/format';
import { loadDepartments, type MachineDepartment, type Transition } from '../lib/machines';
import { useApi } from '../lib/use-api';
import { EmptyState } from './states';

function namesFrom(departments: MachineDepartment[] | undefined) {
  const people = new Map<string, string>();
  for (const d of departments ?? []) {
    for (const s of d.staff) people.set(s.id, s.name);
    if (d.commissioner) people.set(d.commissioner.userId, d.commissioner.name);
  }
  return {
    person: (id: string) => people.get(id),
    department: (code: string) => departments?.find((d) => d.code === code)?.name,
  };
}

export function MachineHistory({ kind, history }: { kind: string; history?: Transition[] }) {
  // Department and staff names; the sentence falls back to codes if they cannot be loaded.
  const departments = useApi(() => loadDepartments().catch(() => undefined), []);
  if (!history?.length) return <EmptyState description="暂无流转记录" />;
  const names = namesFrom(departments.data?.items);
  return (
    <Timeline
      data-testid="machine-history"
      items={history.map((t, i) => ({
        key: i,
        color: t.event.startsWith('xstate.') ? 'orange' : 'blue',
        children: (
          <div>
            <div data-testid="history-sentence">{historySentence(kind, t, names)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtDateTime(t.at)}
            </Typography.Text>
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'raw',
                  label: <span style={{ fontSize: 12 }}>详情</span>,
                  children: (
                    <pre style={{ fontSize: 11, whiteSpace: 'pre-wrap', margin: 0 }}>
                      {JSON.stringify(
                        { event: t.event, actor: t.actor, payload: t.payload ?? null, from: t.fromState ?? null, to: t.toState },
                        null,
                        2,
                      )}
                    </pre>
                  ),
                },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}
