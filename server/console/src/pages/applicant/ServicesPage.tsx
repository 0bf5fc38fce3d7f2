// 办事服务: find a service by life event (个人/法人全生命周期) or by search, then read its guide and apply.
import { useState } from 'react';
import { Card, Col, Collapse, Empty, Input, List, Row, Space, Tabs, Tag, Typography } from 'antd';
import { api, type Page } from '../../lib/api';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';

interface ItemRef {
  code: string;
  name: string;
  department?: string;
  projectType?: string;
}
interface EventNode {
  code: string;
  name: string;
  description?: string;
  items: ItemRef[];
}
interface Theme {
  code: string;
  name: string;
  counts: { events: number; items: number };
  events: EventNode[];
}
interface Stage {
  code: string;
  name: string;
  counts: { themes: number; events: number; items: number };
  themes: Theme[];
}
interface Tree {
  subject: string;
  name: string;
  counts: { stages: number; themes: number; events: number; items: number };
  stages: Stage[];
}
interface Hit {
  kind: string;
  code: string;
  name: string;
  department?: string;
  subject?: string;
  score: number;
}

function TreeView({ subject }: { subject: 'natural' | 'legal' }) {
  const { data, error, loading, reload } = useApi(() => api.get<Tree>('/api/catalog/tree', { subject }), [subject]);
  if (error) return <ErrorState error={error} retry={reload} what="事项目录" />;
  if (loading || !data) return <Loading />;
  if (data.stages.length === 0) return <Empty description="暂无事项" />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {data.name}：{data.counts.stages} 个阶段、{data.counts.themes} 个主题、{data.counts.events} 件“一件事”、{data.counts.items} 个事项
      </Typography.Paragraph>
      <Collapse
        defaultActiveKey={[data.stages[0].code]}
        items={data.stages.map((s) => ({
          key: s.code,
          label: `${s.name}（${s.counts.events} 件事）`,
          children: s.themes.map((t) => (
            <div key={t.code} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{t.name}</Typography.Text>
              <List
                size="small"
                dataSource={t.events}
                renderItem={(e) => (
                  <List.Item>
                    <Space orientation="vertical" size={2}>
                      <Link to={`/events/${encodeURIComponent(e.code)}`}>{e.name}</Link>
                      <span>
                        {e.items.map((i) => (
                          <Tag key={i.code} style={{ marginBottom: 4 }}>
                            <Link to={`/guide/${encodeURIComponent(i.code)}`}>{i.name}</Link>
                          </Tag>
                        ))}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          )),
        }))}
      />
    </>
  );
}

function SearchResults({ q }: { q: string }) {
  const { data, error, loading, reload } = useApi(() => api.get<Page<Hit>>('/api/catalog/search', { q, limit: 20 }), [q]);
  if (error) return <ErrorState error={error} retry={reload} what="事项搜索" />;
  if (loading || !data) return <Loading rows={3} />;
  return (
    <List
      size="small"
      header={`找到 ${data.total} 项`}
      dataSource={data.items}
      locale={{ emptyText: '没有找到相关事项，换个说法试试' }}
      renderItem={(h) => (
        <List.Item>
          <Space>
            <Tag color={h.kind === 'item' ? 'blue' : 'gold'}>{h.kind === 'item' ? '事项' : h.kind === 'event' ? '一件事' : '主题'}</Tag>
            {h.kind === 'item' ? (
              <Link to={`/guide/${encodeURIComponent(h.code)}`}>{h.name}</Link>
            ) : h.kind === 'event' ? (
              <Link to={`/events/${encodeURIComponent(h.code)}`}>{h.name}</Link>
            ) : (
              <span>{h.name}</span>
            )}
            {h.department && <Typography.Text type="secondary">{h.department}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

export default function ServicesPage() {
  const [q, setQ] = useState('');
  return (
    <div>
      <h1 className="hb-page-title">办事服务</h1>
      <Card style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索事项或“一件事”，如：开饭店、新生儿出生"
          enterButton="搜索"
          size="large"
          allowClear
          onSearch={(v) => setQ(v.trim())}
          aria-label="搜索事项"
          data-testid="service-search"
        />
        {q && (
          <div style={{ marginTop: 12 }}>
            <SearchResults q={q} />
          </div>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card title="按人生事件 / 企业生命周期找服务">
            <Tabs
              items={[
                { key: 'natural', label: '个人全生命周期', children: <TreeView subject="natural" /> },
                { key: 'legal', label: '法人全生命周期', children: <TreeView subject="legal" /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card title="通用审批">
            <Link to="/apply/general-approval">一般审批事项</Link>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              窗口受理 → 审批 → 出具结果，适用于目录外的一般许可申请。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
