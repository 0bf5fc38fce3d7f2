// 故障处理: steps the engine could not carry out (retries exhausted, expression errors); retry or resolve.
import { useState } from 'react';
import { App as AntApp, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ApiError, api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';

interface IncidentRow {
  id: string;
  caseId: string;
  elementId: string;
  kind: string;
  message: string;
  status: string;
  raisedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  resolution: string | null;
}

export default function IncidentsPage() {
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<'open' | 'retried' | 'resolved'>('open');
  const [busy, setBusy] = useState<string>();
  const { data, error, loading, reload } = useApi(() => api.get<Page<IncidentRow>>('/api/incidents', { status, limit: 100 }), [status]);

  const act = async (row: IncidentRow, action: 'retry' | 'resolve') => {
    setBusy(row.id);
    try {
      await api.post(`/api/incidents/${encodeURIComponent(row.id)}/${action}`, action === 'resolve' ? { variables: {} } : {});
      message.success(action === 'retry' ? '已重试该环节' : '已标记为解决，流程继续');
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div>
      <h1 className="hb-page-title">故障处理</h1>
      <Card
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { label: '待处理', value: 'open' },
              { label: '已重试', value: 'retried' },
              { label: '已解决', value: 'resolved' },
            ]}
          />
        }
      >
        {error ? (
          <ErrorState error={error} retry={reload} what="故障" />
        ) : (
          <Table<IncidentRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: status === 'open' ? '没有待处理的故障，所有办件运行正常' : '暂无记录' }}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
            scroll={{ x: 900 }}
            columns={[
              { title: '发生时间', dataIndex: 'raisedAt', render: fmtDateTime, width: 150 },
              {
                title: '办件',
                dataIndex: 'caseId',
                render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>,
                width: 190,
              },
              { title: '环节', dataIndex: 'elementId', width: 120 },
              {
                title: '类型',
                dataIndex: 'kind',
                render: (k: string) => <Tag color={k === 'job' ? 'orange' : 'red'}>{k === 'job' ? '服务任务' : '表达式/数据'}</Tag>,
                width: 100,
              },
              {
                title: '原因',
                dataIndex: 'message',
                render: (m: string) => (
                  <Typography.Text ellipsis={{ tooltip: m }} style={{ maxWidth: 300 }}>
                    {m}
                  </Typography.Text>
                ),
              },
              status === 'open'
                ? {
                    title: '处理',
                    width: 170,
                    render: (_: unknown, row: IncidentRow) => (
                      <Space>
                        <Button size="small" type="primary" loading={busy === row.id} onClick={() => void act(row, 'retry')}>
                          重试
                        </Button>
                        <Popconfirm
                          title="确认该环节已在系统外处理完毕，流程继续？"
                          okText="确认"
                          cancelText="取消"
                          onConfirm={() => void act(row, 'resolve')}
                        >
                          <Button size="small">标记解决</Button>
                        </Popconfirm>
                      </Space>
                    ),
                  }
                : {
                    title: '处理人',
                    dataIndex: 'closedBy',
                    width: 120,
                    render: (b: string | null, row: IncidentRow) => `${b ?? '—'}（${row.resolution ?? ''} ${fmtDateTime(row.closedAt)}）`,
                  },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
