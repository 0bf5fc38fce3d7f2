// 兜底与督办: escalations from the rule machines (办不成事 overdue, 12345 repeats, linkage rules).
import { useState } from 'react';
import { Card, Segmented, Table, Tag } from 'antd';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';

interface Escalation { stepId: string; instanceId: string; kind: string; title?: string; state?: string; step: string; why?: string; level?: string; holder: string; department?: string | null; dueAt: string; open: boolean; overdueMs: number }

const LEVEL: Record<string, { label: string; color: string }> = { urge: { label: '催办', color: 'orange' }, escalate: { label: '督办', color: 'red' } };
const KIND: Record<string, string> = { fallback: '办不成事', hotline: '12345 工单', linkage: '审管联动', agency: '343 代办' };

function days(ms: number): string {
  return ms <= 0 ? '未超期' : `超期 ${Math.ceil(ms / 86_400_000)} 天`;
}

export default function EscalationsPage() {
  const [open, setOpen] = useState<'1' | '0' | 'all'>('1');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<Escalation>>('/api/escalations', { open: open === 'all' ? undefined : open, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [open, page.current, page.pageSize],
  );
  return (
    <div>
      <h1 className="hb-page-title">兜底与督办</h1>
      <Card extra={<Segmented value={open} onChange={(v) => setOpen(v as typeof open)} options={[{ value: '1', label: '未办结' }, { value: '0', label: '已办结' }, { value: 'all', label: '全部' }]} />}>
        {error ? <ErrorState error={error} retry={reload} what="督办" /> : (
          <Table<Escalation> rowKey="stepId" size="small" loading={loading} dataSource={data?.items} locale={{ emptyText: '暂无督办事项' }}
            pagination={{ ...page, total: data?.total, showTotal: (t) => `共 ${t} 条`, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
            columns={[
              { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{KIND[k] ?? k}</Tag>, width: 110 },
              { title: '事项', dataIndex: 'title', render: (t: string | undefined, r) => t ?? r.instanceId },
              { title: '环节', dataIndex: 'step', width: 110 },
              { title: '责任', render: (_: unknown, r) => `${r.department ?? ''} ${r.holder}`.trim() },
              { title: '时限', dataIndex: 'dueAt', render: (d: string, r) => <>{fmtDateTime(d)}<br /><small style={{ color: r.overdueMs > 0 ? '#cf1322' : '#888' }}>{days(r.overdueMs)}</small></>, width: 150 },
              { title: '督办', dataIndex: 'level', render: (l: string | undefined, r) => <>{l && <Tag color={LEVEL[l]?.color}>{LEVEL[l]?.label ?? l}</Tag>}{r.why && <div style={{ fontSize: 12 }}>{r.why}</div>}</> },
              { title: '状态', dataIndex: 'open', render: (o: boolean) => (o ? <Tag color="red">未办结</Tag> : <Tag color="green">已办结</Tag>), width: 90 },
            ]} />
        )}
      </Card>
    </div>
  );
}
