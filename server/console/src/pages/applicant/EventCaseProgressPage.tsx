// 一件事办件进度: one combined case — every department's item, what it is waiting for, one result and one notice.
import { useEffect } from 'react';
import { Alert, Card, Descriptions, Grid, Progress, Result, Table, Tag } from 'antd';
import { EventMaterialsCard } from '../../components/EventMaterialsCard';
import { api } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { Link, useRoute } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';

/** How often the page refreshes while items are still being handled (ms). */
const REFRESH_MS = 5000;

interface Item {
  itemCode: string;
  name: string;
  department: string;
  caseId: string;
  status: string;
  opinion?: string | null;
  resultName?: string;
  licence?: { type: string; number: string };
}
interface EventCase {
  eventCaseId: string;
  eventName: string;
  status: string;
  items: Item[];
  reduction: { required: number; submitted: number; rate: number };
  result?: { results?: { name: string; resultName?: string }[]; notApproved?: { name: string; opinion?: string }[] } | null;
  notice?: string | null;
  startedAt: string;
  endedAt?: string | null;
}

export const EVENT_STATUS: Record<string, { label: string; color: string }> = {
  running: { label: '联办中', color: 'processing' },
  completed: { label: '已全部办结', color: 'success' },
  'partially-completed': { label: '部分办结', color: 'warning' },
  rejected: { label: '未予办理', color: 'error' },
};

const ITEM_STATUS: Record<string, { label: string; color: string }> = {
  waiting: { label: '等待前置事项', color: 'default' },
  running: { label: '办理中', color: 'processing' },
  approved: { label: '已办结', color: 'success' },
  rejected: { label: '不予办理', color: 'error' },
  skipped: { label: '未启动', color: 'default' },
  failed: { label: '异常', color: 'error' },
};

const tag = (table: Record<string, { label: string; color: string }>, s: string) => (
  <Tag color={table[s]?.color}>{table[s]?.label ?? s}</Tag>
);

export default function EventCaseProgressPage({ id }: { id: string }) {
  const { search } = useRoute();
  const phone = Grid.useBreakpoint().md === false;
  const { data, error, reload } = useApi(() => api.get<EventCase>(`/api/events/cases/${encodeURIComponent(id)}`), [id]);
  const running = data?.status === 'running';
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  if (error) return <ErrorState error={error} retry={reload} what="一件事办件" />;
  if (!data) return <Loading />;
  const done = data.items.filter((i) => !['waiting', 'running'].includes(i.status)).length;
  return (
    <div>
      <h1 className="hb-page-title">一件事：{data.eventName}</h1>
      {search.get('new') && (
        <Alert
          type="success"
          showIcon
          data-testid="event-submitted"
          title={`申请已提交，办件编号 ${data.eventCaseId}`}
          description="请记下办件编号，可凭编号和手机号随时查询进度。各部门将按顺序联办，结果统一告知您。"
          style={{ marginBottom: 16 }}
        />
      )}
      {search.get('failed') && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={`有 ${search.get('failed')} 份材料未上传成功，请在下方“申请材料”中重新上传。`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="办件编号">{data.eventCaseId}</Descriptions.Item>
          <Descriptions.Item label="状态">{tag(EVENT_STATUS, data.status)}</Descriptions.Item>
          <Descriptions.Item label="申请时间">{fmtDateTime(data.startedAt)}</Descriptions.Item>
          <Descriptions.Item label="办理进度">
            <Progress
              percent={Math.round((done / Math.max(data.items.length, 1)) * 100)}
              size="small"
              format={() => `${done}/${data.items.length} 项`}
              style={{ width: 180, maxWidth: '100%' }}
            />
          </Descriptions.Item>
          <Descriptions.Item label="材料精简">{`应交 ${data.reduction.required} 份，实交 ${data.reduction.submitted} 份（减少 ${Math.round(data.reduction.rate * 100)}%）`}</Descriptions.Item>
          {data.endedAt && <Descriptions.Item label="办结时间">{fmtDateTime(data.endedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {data.notice && (
        <Result
          status={data.status === 'completed' ? 'success' : data.status === 'rejected' ? 'error' : 'warning'}
          title={EVENT_STATUS[data.status]?.label}
          subTitle={
            <div style={{ whiteSpace: 'pre-line', textAlign: 'left' }} data-testid="event-notice">
              {data.notice}
            </div>
          }
        />
      )}
      <EventMaterialsCard id={data.eventCaseId} running={running} refreshKey={data} />
      <Card title="各部门办理情况" size="small">
        {phone ? (
          <div className="hb-card-list">
            {data.items.map((i) => (
              <div key={i.itemCode} className="hb-item-card" role="row" aria-label={`${i.name} ${ITEM_STATUS[i.status]?.label ?? ''}`}>
                <div className="hb-item-card-title">
                  {i.status === 'waiting' || i.status === 'skipped' ? (
                    i.name
                  ) : (
                    <Link to={`/my/cases/${encodeURIComponent(i.caseId)}`}>{i.name}</Link>
                  )}{' '}
                  {tag(ITEM_STATUS, i.status)}
                </div>
                <div className="hb-item-card-meta">{i.department}</div>
                {(i.licence || i.resultName || i.opinion) && (
                  <div className="hb-item-card-meta">
                    {i.licence ? `${i.resultName ?? ''}（已发电子证照）` : (i.resultName ?? i.opinion)}
                  </div>
                )}
              </div>
            ))}
          </div>
        ) : (
          <Table<Item>
            rowKey="itemCode"
            size="small"
            pagination={false}
            dataSource={data.items}
            columns={[
              {
                title: '事项',
                dataIndex: 'name',
                render: (n: string, i) =>
                  i.status === 'waiting' || i.status === 'skipped' ? n : <Link to={`/my/cases/${encodeURIComponent(i.caseId)}`}>{n}</Link>,
              },
              { title: '办理部门', dataIndex: 'department', width: 180 },
              { title: '状态', dataIndex: 'status', width: 130, render: (s: string) => tag(ITEM_STATUS, s) },
              {
                title: '结果 / 说明',
                render: (_: unknown, i) => (i.licence ? `${i.resultName ?? ''}（已发电子证照）` : (i.resultName ?? i.opinion ?? '')),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
