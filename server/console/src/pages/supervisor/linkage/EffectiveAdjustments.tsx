// 当前生效的调整: item-list changes that passed review, newest first (GET /api/linkage/adjustments/effective).
import { useState } from 'react';
import { Card, Table, Tag } from 'antd';
import { api, type Page } from '../../../lib/api';
import { fmtDateTime } from '../../../lib/format';
import { ADJUSTMENT_CHANGES } from '../../../lib/machines';
import { useApi } from '../../../lib/use-api';
import { ErrorState } from '../../../components/states';

interface Adjustment {
  id: string;
  change: string;
  itemCode: string;
  itemName: string;
  reason: string;
  proposedBy: string;
  approvedBy: string;
  effectiveAt: string;
}

const CHANGE_COLORS: Record<string, string> = { add: 'green', change: 'blue', cancel: 'red' };

export function EffectiveAdjustments({ version, onOpen }: { version: number; onOpen: (id: string) => void }) {
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const { data, error, loading, reload } = useApi(
    () =>
      api.get<Page<Adjustment>>('/api/linkage/adjustments/effective', { limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [page.current, page.pageSize, version],
  );
  return (
    <Card size="small" title="当前生效的调整" style={{ marginTop: 12 }} data-testid="effective-adjustments">
      {error ? (
        <ErrorState error={error} retry={reload} what="生效的调整" />
      ) : (
        <Table<Adjustment>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items}
          scroll={{ x: 900 }}
          locale={{ emptyText: '暂无生效的调整：调整经审核通过后在此列出' }}
          onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
          pagination={{
            ...page,
            total: data?.total,
            showTotal: (t) => `共 ${t} 项`,
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
          columns={[
            {
              title: '类型',
              dataIndex: 'change',
              width: 80,
              render: (c: string) => <Tag color={CHANGE_COLORS[c]}>{ADJUSTMENT_CHANGES[c] ?? c}</Tag>,
            },
            { title: '事项编码', dataIndex: 'itemCode', width: 140 },
            { title: '事项名称', dataIndex: 'itemName', width: 220 },
            { title: '调整理由', dataIndex: 'reason' },
            { title: '提出/审核', width: 160, render: (_: unknown, r) => `${r.proposedBy} / ${r.approvedBy}` },
            { title: '生效时间', dataIndex: 'effectiveAt', width: 140, render: fmtDateTime },
          ]}
        />
      )}
    </Card>
  );
}
