// 办件查询 (staff): every case, filtered by status, paginated.
import { useState } from 'react';
import { Card, Select, Space, Table } from 'antd';
import { api, type Page } from '../../lib/api';
import { CASE_STATUS, fmtDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseRow } from '../../lib/types';
import { ErrorState } from '../../components/states';
import { CaseStatusTag } from '../../components/CaseStatusTag';

export default function CasesPage() {
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<CaseRow>>('/api/cases', { status, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [status, page.current, page.pageSize],
  );
  return (
    <div>
      <h1 className="hb-page-title">办件查询</h1>
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <span>状态</span>
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage({ ...page, current: 1 });
            }}
            options={['running', 'completed', 'failed'].map((s) => ({ value: s, label: CASE_STATUS[s].label }))}
            aria-label="按状态筛选"
          />
        </Space>
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : (
          <Table<CaseRow>
            rowKey="id"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: '暂无办件' }}
            pagination={{ ...page, total: data?.total, showTotal: (t) => `共 ${t} 件`, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
            columns={[
              { title: '办件编号', dataIndex: 'id', render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: '事项', dataIndex: 'title' },
              { title: '申请人', dataIndex: 'applicantId' },
              { title: '状态', dataIndex: 'status', render: (s: string) => <CaseStatusTag status={s} /> },
              { title: '申请时间', dataIndex: 'startedAt', render: fmtDateTime },
              { title: '办结时间', dataIndex: 'endedAt', render: fmtDateTime },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
