// 我的办件: the applicant's own cases, newest first; a 一件事 is one combined case, its items inside it.
import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseRow } from '../../lib/types';
import { ErrorState } from '../../components/states';
import { CaseStatusTag } from '../../components/CaseStatusTag';
import { EVENT_STATUS } from './EventCaseProgressPage';

interface EventCaseRow { id: string; eventName: string; status: string; startedAt: string; endedAt?: string | null; requiredCount: number; submittedCount: number }

function EventCasesCard() {
  const { data, error, loading, reload } = useApi(() => api.get<Page<EventCaseRow>>('/api/events/cases', { limit: 50 }), []);
  if (!error && !loading && !data?.items.length) return null;
  return (
    <Card title="一件事" size="small" style={{ marginBottom: 16 }}>
      {error ? <ErrorState error={error} retry={reload} what="一件事办件" /> : (
        <Table<EventCaseRow> rowKey="id" size="small" loading={loading} dataSource={data?.items} pagination={false}
          columns={[
            { title: '办件编号', dataIndex: 'id', render: (id: string) => <Link to={`/my/events/${encodeURIComponent(id)}`}>{id}</Link> },
            { title: '一件事', dataIndex: 'eventName' },
            { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={EVENT_STATUS[s]?.color}>{EVENT_STATUS[s]?.label ?? s}</Tag> },
            { title: '申请时间', dataIndex: 'startedAt', render: fmtDateTime },
            { title: '办结时间', dataIndex: 'endedAt', render: fmtDateTime },
          ]} />
      )}
    </Card>
  );
}

export default function MyCasesPage() {
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<CaseRow>>('/api/cases', { limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [page.current, page.pageSize],
  );
  return (
    <div>
      <h1 className="hb-page-title">我的办件</h1>
      <EventCasesCard />
      <Card extra={<Button type="primary" onClick={() => navigate('/services')}>我要办事</Button>}>
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : (
          <Table<CaseRow>
            rowKey="id"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: '您还没有办件，点击“我要办事”开始申请。' }}
            pagination={{ ...page, total: data?.total, showTotal: (t) => `共 ${t} 件`, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
            columns={[
              { title: '办件编号', dataIndex: 'id', render: (id: string) => <Link to={`/my/cases/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: '事项', dataIndex: 'title' },
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
