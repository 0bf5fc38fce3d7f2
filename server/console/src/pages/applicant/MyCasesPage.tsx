// 我的办件: the applicant's own cases, newest first, with where each stands in plain words
// (待补正 / 待缴费 / 待领取 …); cards on a phone, a table on a desktop. A 一件事 is one combined case.
import { useState } from 'react';
import { Button, Card, Empty, Grid, Pagination, Table, Tag } from 'antd';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';
import { EVENT_STATUS } from './EventCaseProgressPage';
import { PREREVIEW_STATUS, type Prereview } from '../../lib/prereview';

interface EventCaseRow {
  id: string;
  eventName: string;
  status: string;
  startedAt: string;
  endedAt?: string | null;
}
export interface Stage {
  code: string;
  label: string;
  action: string;
}
interface MyCase {
  id: string;
  title: string;
  status: string;
  stage: Stage;
  startedAt: string;
  endedAt: string | null;
}

export const STAGE_COLOR: Record<string, string> = {
  correction: 'red',
  payment: 'orange',
  pickup: 'gold',
  running: 'processing',
  approved: 'success',
  completed: 'success',
  'not-approved': 'default',
  failed: 'error',
};
export const StageTag = ({ stage }: { stage: Stage }) => (
  <Tag color={STAGE_COLOR[stage.code]} data-testid="stage-tag">
    {stage.label}
  </Tag>
);

function CaseCard({
  to,
  title,
  tag,
  lines,
  action,
}: {
  to: string;
  title: string;
  tag: React.ReactNode;
  lines: string[];
  action?: string;
}) {
  return (
    <Link to={to} className="hb-item-card hb-case-card" data-testid="case-card">
      <div className="hb-item-card-title">
        {title} {tag}
      </div>
      {action && <div style={{ color: '#cf1322' }}>{action}</div>}
      {lines.map((l) => (
        <div key={l} className="hb-item-card-meta">
          {l}
        </div>
      ))}
    </Link>
  );
}

function EventCasesCard({ phone }: { phone: boolean }) {
  const { data, error, loading, reload } = useApi(() => api.get<Page<EventCaseRow>>('/api/events/cases', { limit: 50 }), []);
  if (!error && !loading && !data?.items.length) return null;
  const tag = (s: string) => <Tag color={EVENT_STATUS[s]?.color}>{EVENT_STATUS[s]?.label ?? s}</Tag>;
  return (
    <Card title="一件事" size="small" style={{ marginBottom: 16 }}>
      {error ? (
        <ErrorState error={error} retry={reload} what="一件事办件" />
      ) : phone ? (
        <div className="hb-card-list">
          {data?.items.map((e) => (
            <CaseCard
              key={e.id}
              to={`/my/events/${encodeURIComponent(e.id)}`}
              title={e.eventName}
              tag={tag(e.status)}
              lines={[`办件编号 ${e.id}`, `申请时间 ${fmtDateTime(e.startedAt)}`]}
            />
          ))}
        </div>
      ) : (
        <Table<EventCaseRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items}
          pagination={false}
          columns={[
            { title: '办件编号', dataIndex: 'id', render: (id: string) => <Link to={`/my/events/${encodeURIComponent(id)}`}>{id}</Link> },
            { title: '一件事', dataIndex: 'eventName' },
            { title: '状态', dataIndex: 'status', render: tag },
            { title: '申请时间', dataIndex: 'startedAt', render: fmtDateTime },
            { title: '办结时间', dataIndex: 'endedAt', render: fmtDateTime },
          ]}
        />
      )}
    </Card>
  );
}

/** 资料预审 the applicant asked for, each opening its notes; hidden when there are none. */
function PrereviewsCard() {
  const { data, error, reload } = useApi(() => api.get<Page<Prereview>>('/api/prereview', { limit: 20 }), []);
  if (!error && !data?.items.length) return null;
  const tag = (s: string) => <Tag color={PREREVIEW_STATUS[s]?.color}>{PREREVIEW_STATUS[s]?.label ?? s}</Tag>;
  return (
    <Card title="资料预审" size="small" style={{ marginBottom: 16 }} data-testid="my-prereviews">
      {error ? (
        <ErrorState error={error} retry={reload} what="资料预审" />
      ) : (
        <div className="hb-card-list">
          {data?.items.map((p) => (
            <CaseCard
              key={p.id}
              to={`/my/prereviews/${encodeURIComponent(p.id)}`}
              title={p.targetName ?? '资料预审'}
              tag={tag(p.status)}
              action={
                p.status === 'reviewed'
                  ? p.materials.some((m) => m.status === 'fix')
                    ? '请查看预审意见并补正'
                    : '预审通过，可正式申请'
                  : undefined
              }
              lines={[`预审编号 ${p.id}`, `提交时间 ${fmtDateTime(p.createdAt)}`]}
            />
          ))}
        </div>
      )}
    </Card>
  );
}

export default function MyCasesPage() {
  const phone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<MyCase>>('/api/me/cases', { limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [page.current, page.pageSize],
  );
  return (
    <div>
      <h1 className="hb-page-title">我的办件</h1>
      <PrereviewsCard />
      <EventCasesCard phone={phone} />
      <Card
        title="单项办件"
        size="small"
        extra={
          <Button type="primary" onClick={() => navigate('/services')}>
            我要办事
          </Button>
        }
      >
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : phone ? (
          !data ? (
            <Loading />
          ) : data.items.length === 0 ? (
            <Empty description="您还没有办件，点击“我要办事”开始申请。" />
          ) : (
            <>
              <div className="hb-card-list">
                {data.items.map((c) => (
                  <CaseCard
                    key={c.id}
                    to={`/my/cases/${encodeURIComponent(c.id)}`}
                    title={c.title}
                    tag={<StageTag stage={c.stage} />}
                    action={c.stage.action}
                    lines={[`办件编号 ${c.id}`, `申请时间 ${fmtDateTime(c.startedAt)}`]}
                  />
                ))}
              </div>
              <Pagination
                simple
                current={page.current}
                pageSize={page.pageSize}
                total={data.total}
                onChange={(current, pageSize) => setPage({ current, pageSize })}
              />
            </>
          )
        ) : (
          <Table<MyCase>
            rowKey="id"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: '您还没有办件，点击“我要办事”开始申请。' }}
            pagination={{
              ...page,
              total: data?.total,
              showTotal: (t) => `共 ${t} 件`,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              { title: '办件编号', dataIndex: 'id', render: (id: string) => <Link to={`/my/cases/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: '事项', dataIndex: 'title' },
              { title: '状态', dataIndex: 'stage', render: (s: Stage) => <StageTag stage={s} /> },
              { title: '需要您做的', dataIndex: 'stage', render: (s: Stage) => s.action || '—' },
              { title: '申请时间', dataIndex: 'startedAt', render: fmtDateTime },
              { title: '办结时间', dataIndex: 'endedAt', render: fmtDateTime },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
