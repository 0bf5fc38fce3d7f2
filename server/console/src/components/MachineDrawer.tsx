// One rule-machine instance in a drawer: what it is, its state and deadline, the allowed next steps, its history.
import type { ReactNode } from 'react';
import { Card, Descriptions, Drawer, Space, Typography } from 'antd';
import { api } from '../lib/api';
import { KIND_LABELS, type MachineView } from '../lib/machines';
import { useApi } from '../lib/use-api';
import { MachineEventBar } from './MachineEventBar';
import { MachineHistory } from './MachineHistory';
import { DeadlineText, StateTags } from './MachineStatus';
import { ErrorState, Loading } from './states';

interface Props {
  /** GET target, e.g. /api/fallback/records/:id; the events URL is this plus /events. */
  url: string | undefined;
  title: (view: MachineView) => ReactNode;
  /** Rows of the instance's own facts (applicant, matter, department …). */
  summary: (view: MachineView) => { label: string; value: ReactNode }[];
  onClose: () => void;
  /** Called after a step was taken so the list behind refreshes. */
  onChanged?: () => void;
  /** A page's own section below the facts (e.g. 特派员查看). */
  extra?: (view: MachineView, reload: () => void) => ReactNode;
}

export function MachineDrawer({ url, title, summary, onClose, onChanged, extra }: Props) {
  const { data, error, loading, reload } = useApi(() => (url ? api.get<MachineView>(url) : Promise.resolve(undefined)), [url]);
  return (
    <Drawer open={!!url} onClose={onClose} size={640} title={data ? title(data) : '详情'} destroyOnHidden>
      <div data-testid="machine-drawer">
        {error ? (
          <ErrorState error={error} retry={reload} what="详情" />
        ) : !data || (loading && !data) ? (
          <Loading rows={8} />
        ) : (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap', width: 104 } }}>
              <Descriptions.Item label="编号">
                <Typography.Text copyable data-testid="machine-id">
                  {data.instanceId}
                </Typography.Text>{' '}
                · {KIND_LABELS[data.kind] ?? data.kind}
              </Descriptions.Item>
              <Descriptions.Item label="当前状态">
                <StateTags kind={data.kind} states={data.states} status={data.status} />
              </Descriptions.Item>
              <Descriptions.Item label="当前时限">
                <DeadlineText deadline={data.context.deadline} />
              </Descriptions.Item>
              {summary(data).map((r) => (
                <Descriptions.Item key={r.label} label={r.label}>
                  {r.value}
                </Descriptions.Item>
              ))}
            </Descriptions>
            {extra?.(data, () => {
              reload();
              onChanged?.();
            })}
            <Card size="small" title="下一步操作">
              <MachineEventBar
                view={data}
                eventsUrl={`${url}/events`}
                onChanged={() => {
                  reload();
                  onChanged?.();
                }}
              />
            </Card>
            <Card size="small" title="流转记录">
              <MachineHistory kind={data.kind} history={data.history} />
            </Card>
          </Space>
        )}
      </div>
    </Drawer>
  );
}
