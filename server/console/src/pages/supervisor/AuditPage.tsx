// 审计日志: search the audit trail by case, actor, action and period.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Table, Typography } from 'antd';
import { ExportButton } from '../../components/ExportButton';
import type { Dayjs } from 'dayjs';
import { api, type Page } from '../../lib/api';
import { actionLabel, fieldValue, fmtDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { AuditRow } from '../../lib/types';
import { ErrorState } from '../../components/states';

interface Filter {
  caseId?: string;
  actor?: string;
  action?: string;
  period?: [Dayjs, Dayjs] | null;
}

export default function AuditPage() {
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const params = {
    caseId: filter.caseId?.trim(),
    actor: filter.actor?.trim(),
    action: filter.action?.trim(),
    from: filter.period?.[0]?.startOf('day').toISOString(),
    to: filter.period?.[1]?.endOf('day').toISOString(),
  };
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<AuditRow>>('/api/audit', { ...params, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [JSON.stringify(filter), page.current, page.pageSize],
  );
  return (
    <div>
      <h1 className="hb-page-title">审计日志</h1>
      <Card>
        <Form<Filter>
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(v) => {
            setFilter(v);
            setPage({ ...page, current: 1 });
          }}
        >
          <Form.Item name="caseId" label="办件编号">
            <Input allowClear style={{ width: 190 }} data-testid="audit-case" />
          </Form.Item>
          <Form.Item name="actor" label="操作人">
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="action" label="动作" tooltip="精确匹配；以 . 结尾按前缀匹配，如 task.">
            <Input allowClear style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="period" label="时间段">
            <DatePicker.RangePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <span style={{ marginLeft: 8 }}>
            <ExportButton path="/api/exports/audit.xlsx" query={params} testId="export-audit" />
          </span>
        </Form>
        {error ? (
          <ErrorState error={error} retry={reload} what="审计日志" />
        ) : (
          <Table<AuditRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: '没有符合条件的审计记录' }}
            pagination={{
              ...page,
              total: data?.total,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            scroll={{ x: 900 }}
            expandable={{
              // The raw record (action key and contents) stays one click away for investigations.
              expandedRowRender: (r) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
                  {JSON.stringify({ action: r.action, before: r.before, after: r.after, details: r.details }, null, 2)}
                </pre>
              ),
              rowExpandable: () => true,
              columnTitle: '详情',
            }}
            columns={[
              { title: '时间', dataIndex: 'at', render: fmtDateTime, width: 150 },
              { title: '操作人', dataIndex: 'actor', width: 110 },
              { title: '动作', dataIndex: 'action', render: (a: string) => actionLabel(a), width: 160 },
              {
                title: '办件',
                dataIndex: 'caseId',
                render: (id: string | null) => (id ? <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> : '—'),
                width: 190,
              },
              { title: '环节', dataIndex: 'elementId', render: (e: string | null) => e ?? '—', width: 110 },
              {
                title: '内容',
                render: (_: unknown, r) => (
                  <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 320 }}>
                    {fieldValue(r.after ?? r.details ?? r.before) || '—'}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
