// 流程定义: deployed processes, their versions, and each version's diagram.
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Drawer, Space, Table, Tag } from 'antd';
import { api, request } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { DefinitionSummary } from '../../lib/types';
import { ErrorState, Loading } from '../../components/states';

const BpmnDiagram = lazy(() => import('../../components/BpmnDiagram'));

function Versions({ processKey, onShow }: { processKey: string; onShow: (d: DefinitionSummary) => void }) {
  const { data, error, loading, reload } = useApi(
    () => api.get<{ items: DefinitionSummary[] }>(`/api/definitions/${encodeURIComponent(processKey)}/versions`),
    [processKey],
  );
  if (error) return <ErrorState error={error} retry={reload} />;
  return (
    <Table<DefinitionSummary>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={data?.items}
      pagination={false}
      columns={[
        { title: '版本', dataIndex: 'version', render: (v: number) => `v${v}` },
        { title: '内容摘要', dataIndex: 'hash', render: (h: string) => <code>{h.slice(0, 12)}</code> },
        { title: '部署时间', dataIndex: 'deployedAt', render: fmtDateTime },
        { title: '部署人', dataIndex: 'deployedBy' },
        {
          title: '',
          render: (_: unknown, d) => (
            <Button size="small" onClick={() => onShow(d)}>
              查看流程图
            </Button>
          ),
        },
      ]}
    />
  );
}

export default function DefinitionsPage() {
  const { data, error, loading, reload } = useApi(() => api.get<{ items: DefinitionSummary[] }>('/api/definitions'));
  const [shown, setShown] = useState<DefinitionSummary>();
  const xml = useApi(
    async () =>
      shown
        ? request<string>(`/api/definitions/${encodeURIComponent(shown.key)}/xml`, {
            query: { version: shown.version },
            headers: { accept: 'application/xml' },
          })
        : undefined,
    [shown?.id],
  );
  return (
    <div>
      <h1 className="hb-page-title">流程定义</h1>
      <Card
        extra={
          <Button type="primary" onClick={() => navigate('/admin/deploy')}>
            部署新版本
          </Button>
        }
      >
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : (
          <Table<DefinitionSummary>
            rowKey="key"
            loading={loading}
            dataSource={data?.items}
            pagination={false}
            expandable={{ expandedRowRender: (d) => <Versions processKey={d.key} onShow={setShown} /> }}
            locale={{ emptyText: '尚未部署流程' }}
            columns={[
              { title: '流程标识', dataIndex: 'key', render: (k: string) => <code>{k}</code> },
              { title: '名称', dataIndex: 'name' },
              { title: '最新版本', dataIndex: 'version', render: (v: number) => <Tag color="blue">v{v}</Tag> },
              { title: '部署时间', dataIndex: 'deployedAt', render: fmtDateTime },
              {
                title: '',
                render: (_: unknown, d) => (
                  <Space>
                    <Button size="small" onClick={() => setShown(d)}>
                      查看流程图
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Drawer
        open={!!shown}
        width={900}
        title={shown ? `${shown.name ?? shown.key} · v${shown.version}` : ''}
        onClose={() => setShown(undefined)}
      >
        {xml.error ? (
          <ErrorState error={xml.error} retry={xml.reload} />
        ) : !xml.data ? (
          <Loading />
        ) : (
          <Suspense fallback={<Loading />}>
            <BpmnDiagram xml={xml.data} height={480} />
          </Suspense>
        )}
      </Drawer>
    </div>
  );
}
