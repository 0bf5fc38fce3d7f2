// 办事指南: the item's guide elements, then 在线申请.
import { Button, Card, Descriptions, Table } from 'antd';
import { api } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';

type Guide = Record<string, unknown> & { code: string; 事项名称: string; 申请材料?: Record<string, unknown>[] };

function text(v: unknown): string {
  if (Array.isArray(v)) return v.map(text).join('；');
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}：${text(x)}`).join('，');
  return v === undefined || v === null || v === '' ? '—' : String(v);
}

export default function GuidePage({ code }: { code: string }) {
  const { data, error, reload } = useApi(() => api.get<Guide>(`/api/catalog/items/${encodeURIComponent(code)}/guide`), [code]);
  if (error) return <ErrorState error={error} retry={reload} what="办事指南" />;
  if (!data) return <Loading rows={8} />;
  const { 申请材料: materials = [], code: _c, version: _v, 事项名称: name, ...rest } = data;
  return (
    <div>
      <h1 className="hb-page-title">办事指南：{name}</h1>
      <Card extra={<Button type="primary" onClick={() => navigate(`/apply/item/${encodeURIComponent(code)}`)} data-testid="apply-item">在线申请</Button>} style={{ marginBottom: 16 }}>
        <Descriptions column={2} size="small" bordered>
          {Object.entries(rest).map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>{text(v)}</Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card title="申请材料" size="small">
        <Table size="small" rowKey={(r) => String(r['材料编码'])} pagination={false} dataSource={materials}
          columns={['材料名称', '份数', '是否核心要件', '获取方式', '备注'].map((k) => ({ title: k, dataIndex: k, render: (v: unknown) => text(v) }))} />
      </Card>
    </div>
  );
}
