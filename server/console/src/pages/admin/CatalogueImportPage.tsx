// 事项目录导入: a JSON bundle ({items, events, trees, materials}) or NDJSON (one item per line); summary and problems.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../lib/api';

interface Problem {
  file: string;
  code?: string;
  field?: string;
  message: string;
}
interface Summary {
  items: { created: number; unchanged: number; superseded: number };
  events: { loaded: number; rejected: number };
  nodes: number;
  entries: number;
  problems: Problem[];
  ms: number;
}

export default function CatalogueImportPage() {
  const [file, setFile] = useState<{ name: string; text: string; ndjson: boolean }>();
  const [busy, setBusy] = useState(false);
  const [percent, setPercent] = useState(0);
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);

  async function run() {
    if (!file) return;
    setBusy(true);
    setSummary(undefined);
    setError(undefined);
    setProblems([]);
    setPercent(5);
    const timer = setInterval(() => setPercent((p) => Math.min(92, p + 4)), 250);
    try {
      const res = file.ndjson
        ? await api.post<Summary>('/api/catalog/import', file.text, { rawType: 'application/x-ndjson' })
        : await api.post<Summary>('/api/catalog/import', JSON.parse(file.text));
      setSummary(res);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setProblems(e.details as Problem[]);
      setError(e instanceof SyntaxError ? `文件不是合法的 JSON：${e.message}` : e instanceof ApiError ? e.message : String(e));
    } finally {
      clearInterval(timer);
      setPercent(100);
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">事项目录导入</h1>
      <Card style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept=".json,.ndjson,.jsonl"
          showUploadList={false}
          beforeUpload={async (f) => {
            setFile({ name: f.name, text: await f.text(), ndjson: /\.(nd)?jsonl?$/.test(f.name) && !f.name.endsWith('.json') });
            setSummary(undefined);
            setError(undefined);
            setPercent(0);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入事项目录文件：JSON（{'{items, events, trees, materials}'}）或 NDJSON（每行一个事项）</p>
          {file && (
            <Typography.Text strong>
              {file.name}（{(file.text.length / 1024).toFixed(1)} KB）
            </Typography.Text>
          )}
        </Upload.Dragger>
        <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center' }}>
          <Button type="primary" disabled={!file || busy} loading={busy} onClick={() => void run()}>
            开始导入
          </Button>
          {percent > 0 && (
            <Progress percent={percent} size="small" style={{ width: 260 }} status={error ? 'exception' : busy ? 'active' : 'success'} />
          )}
        </div>
      </Card>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`导入失败：${error}`}
          style={{ marginBottom: 16 }}
          description={
            problems.length > 0 && (
              <Table<Problem>
                size="small"
                rowKey={(p, i) => `${p.code}-${p.field}-${i}`}
                dataSource={problems}
                pagination={{ pageSize: 8 }}
                columns={[
                  { title: '事项编码', dataIndex: 'code' },
                  { title: '字段', dataIndex: 'field' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )
          }
        />
      )}
      {summary && (
        <Card title={summary.problems.length ? `导入完成，有 ${summary.problems.length} 个问题` : '导入完成'}>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="新增事项">{summary.items.created}</Descriptions.Item>
            <Descriptions.Item label="未变化">{summary.items.unchanged}</Descriptions.Item>
            <Descriptions.Item label="新版本替代">{summary.items.superseded}</Descriptions.Item>
            <Descriptions.Item label="一件事">
              {summary.events.loaded}（拒绝 {summary.events.rejected}）
            </Descriptions.Item>
            <Descriptions.Item label="目录节点">{summary.nodes}</Descriptions.Item>
            <Descriptions.Item label="用时">{summary.ms} 毫秒</Descriptions.Item>
          </Descriptions>
          {summary.problems.length > 0 && (
            <Table<Problem>
              size="small"
              rowKey={(p, i) => `${p.code}-${p.field}-${i}`}
              dataSource={summary.problems}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '事项编码', dataIndex: 'code' },
                { title: '字段', dataIndex: 'field' },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </Card>
      )}
    </div>
  );
}
