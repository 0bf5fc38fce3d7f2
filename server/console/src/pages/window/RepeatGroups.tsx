// 重复诉求并单: each 办不成事 record opened for repeated 12345 orders, with the orders merged into it.
import { useState } from 'react';
import { Button, Card, List, Pagination, Space, Table, Tag, Typography } from 'antd';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { HOTLINE_CATEGORIES } from '../../lib/machines';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { StateTags } from '../../components/MachineStatus';
import type { OrderRow } from './HotlinePage';
import { RevealableText } from '../../components/RevealableText';

interface Group {
  fallbackId: string;
  fallback: { title: string; states: string[]; status: string; createdAt: string } | null;
  orders: OrderRow[];
}

export function RepeatGroups({ onOpenOrder }: { onOpenOrder: (id: string) => void }) {
  const [page, setPage] = useState(1);
  const size = 10;
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<Group>>('/api/hotline/repeat-groups', { limit: size, offset: (page - 1) * size }),
    [page],
  );
  if (error) return <ErrorState error={error} retry={reload} what="重复诉求并单" />;
  if (loading && !data) return <Loading rows={6} />;
  if (!data?.items.length)
    return (
      <Card>
        <EmptyState description="暂无重复诉求：同一来电人或同一对象就同一事项多次来电时，工单将自动并单并转入办不成事窗口" />
      </Card>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        dataSource={data.items}
        renderItem={(g) => (
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            data-testid="repeat-group"
            title={
              <Space wrap>
                <Tag color="purple">并单 {g.orders.length} 件</Tag>
                <span>办不成事记录：</span>
                <Link to={`/fallback?open=${encodeURIComponent(g.fallbackId)}`} data-testid="repeat-fallback-link">
                  {g.fallbackId}
                </Link>
              </Space>
            }
            extra={g.fallback ? <StateTags kind="fallback" states={g.fallback.states} status={g.fallback.status} /> : <Tag>记录缺失</Tag>}
          >
            <Table<OrderRow>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={g.orders}
              columns={[
                {
                  title: '工单号',
                  dataIndex: 'id',
                  width: 120,
                  render: (id: string) => (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenOrder(id)}>
                      {id}
                    </Button>
                  ),
                },
                { title: '来电时间', dataIndex: 'receivedAt', width: 140, render: fmtDateTime },
                {
                  title: '来电人',
                  width: 120,
                  render: (_: unknown, o) => (
                    <>
                      {o.callerName ?? ''} <RevealableText subject="hotline" id={o.id} field="callerPhone" value={o.callerPhone} />
                    </>
                  ),
                },
                { title: '类别', dataIndex: 'category', width: 90, render: (c: string) => HOTLINE_CATEGORIES[c] ?? c },
                {
                  title: '诉求内容',
                  dataIndex: 'content',
                  render: (t: string) => (
                    <Typography.Text ellipsis={{ tooltip: t }} style={{ maxWidth: 420 }}>
                      {t}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        )}
      />
      {data.total > size && (
        <Pagination current={page} pageSize={size} total={data.total} onChange={setPage} showTotal={(t) => `共 ${t} 组`} />
      )}
    </Space>
  );
}
