// 节假日安排: the years the deadlines count on (loaded notice, bundled data, or missing = provisional),
// the warning from 1 November when next year's notice is missing, and loading a year's notice file.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';

interface YearRow {
  year: number;
  source: 'notice' | 'bundled' | 'missing';
  notice?: string;
  version?: number;
  loadedAt?: string;
  loadedBy?: string;
}
interface Status {
  years: YearRow[];
  warnings: { year: number; message: string }[];
}
interface LoadResult {
  year: number;
  version: number;
  notice: string;
  status: 'created' | 'unchanged';
  casesUpdated: number;
  failures: { caseId: string; message: string }[];
}

const SOURCE: Record<YearRow['source'], { label: string; color: string }> = {
  notice: { label: '已载入放假通知', color: 'green' },
  bundled: { label: '内置日历', color: 'blue' },
  missing: { label: '未公布（期限暂定）', color: 'orange' },
};

export default function CalendarPage() {
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useApi(() => api.get<Status>('/api/calendar'), []);
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [result, setResult] = useState<LoadResult>();

  async function load() {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    try {
      const res = await api.post<LoadResult>('/api/calendar/notices', JSON.parse(file.text));
      setResult(res);
      message.success(
        res.status === 'created' ? `已载入 ${res.year} 年放假通知（第 ${res.version} 版）` : `${res.year} 年放假通知与现行版本相同，未改变`,
      );
      reload();
    } catch (e) {
      setProblem(
        e instanceof SyntaxError
          ? `文件不是合法的 JSON：${e.message}`
          : e instanceof ApiError
            ? `${e.message}${e.details ? `：${JSON.stringify(e.details)}` : ''}`
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">节假日安排</h1>
      {(data?.warnings ?? []).map((w) => (
        <Alert
          key={w.year}
          type="warning"
          showIcon
          role="alert"
          title={w.message}
          style={{ marginBottom: 12 }}
          data-testid={`calendar-warning-${w.year}`}
        />
      ))}
      <Card title="各年份日历" size="small" style={{ marginBottom: 16 }}>
        {error ? (
          <ErrorState error={error} retry={reload} what="节假日安排" />
        ) : (
          <Table<YearRow>
            rowKey="year"
            size="small"
            loading={loading}
            pagination={false}
            dataSource={data?.years}
            columns={[
              { title: '年份', dataIndex: 'year' },
              {
                title: '来源',
                dataIndex: 'source',
                render: (s: YearRow['source']) => <Tag color={SOURCE[s].color}>{SOURCE[s].label}</Tag>,
              },
              { title: '通知文号', dataIndex: 'notice', render: (n?: string) => n ?? '—' },
              { title: '版本', dataIndex: 'version', render: (v?: number) => v ?? '—' },
              { title: '载入', render: (_: unknown, r) => (r.loadedAt ? `${fmtDateTime(r.loadedAt)}（${r.loadedBy}）` : '—') },
            ]}
          />
        )}
      </Card>
      <Card title="载入年度放假通知" size="small">
        <Typography.Paragraph type="secondary">
          文件为 JSON：年份 year、通知文号 notice（如 国办发明电〔2025〕7号）、放假安排 holidays（name、from、to）、调休上班日
          workdays。载入后，运行中的办件按新日历重算期限并移动计时，每个办件留有审计记录。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".json"
          showUploadList={false}
          beforeUpload={async (f) => {
            setFile({ name: f.name, text: await f.text() });
            setProblem(undefined);
            setResult(undefined);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入放假通知文件（JSON）</p>
          {file && <Typography.Text strong>{file.name}</Typography.Text>}
        </Upload.Dragger>
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          disabled={!file || busy}
          loading={busy}
          onClick={() => void load()}
          data-testid="calendar-load"
        >
          载入
        </Button>
        {problem && <Alert type="error" showIcon role="alert" title={`载入失败：${problem}`} style={{ marginTop: 12 }} />}
        {result && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="calendar-result"
            title={
              result.status === 'created'
                ? `${result.year} 年放假通知（${result.notice}）已载入为第 ${result.version} 版，重算了 ${result.casesUpdated} 个运行中办件的期限`
                : `${result.year} 年放假通知与现行版本相同，未改变`
            }
            description={
              result.failures.length
                ? `${result.failures.length} 个办件未能更新（可能已办结）：${result.failures.map((f) => f.caseId).join('、')}`
                : undefined
            }
          />
        )}
      </Card>
    </div>
  );
}
