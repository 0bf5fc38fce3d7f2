// 消息: the applicant's in-app notices (补正告知, 办结通知 …), newest first, each opening its case.
import { useEffect } from 'react';
import { Card, Empty, Tag } from 'antd';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { plain } from '../../lib/plain';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';
import { SEEN_KEY } from '../../components/AppTools';

/** What the outbox keeps for a notice: `happened` is what took place, `needed` what the applicant must do. */
interface Message {
  id: string;
  caseId: string | null;
  event: string;
  sentAt: string | null;
  title?: string;
  happened?: string;
  body?: string;
  needed?: string[];
  deadline?: string | null;
}

/** What kind of notice, in words, from the event that raised it. */
function kindOf(m: Message): { label: string; color: string } {
  if (m.event === 'notice' && /补正/.test(m.title ?? '')) return { label: '补正', color: 'red' };
  if (m.event === 'case.completed') return { label: '办结', color: 'green' };
  if (m.event === 'case.failed') return { label: '异常', color: 'orange' };
  return { label: '通知', color: 'blue' };
}

export default function MessagesPage() {
  const { data, error, reload } = useApi(() => api.get<Page<Message>>('/api/notifications/mine', { limit: 50 }), []);
  useEffect(() => {
    if (data) localStorage.setItem(SEEN_KEY, String(Date.now()));
  }, [data]);
  if (error) return <ErrorState error={error} retry={reload} what="消息" />;
  if (!data) return <Loading />;
  return (
    <div>
      <h1 className="hb-page-title">消息</h1>
      {data.items.length === 0 ? (
        <Empty description="暂无消息" />
      ) : (
        <div className="hb-card-list" data-testid="messages">
          {data.items.map((m) => {
            const k = kindOf(m);
            const to = m.caseId
              ? m.caseId.startsWith('EV') && !/-\d{2}$/.test(m.caseId)
                ? `/my/events/${encodeURIComponent(m.caseId)}`
                : `/my/cases/${encodeURIComponent(m.caseId)}`
              : undefined;
            return (
              <Card
                key={m.id}
                size="small"
                data-testid="message"
                title={
                  <span>
                    <Tag color={k.color}>{k.label}</Tag>
                    {plain(m.title ?? '办件通知')}
                  </span>
                }
              >
                {(m.happened ?? m.body) && <div style={{ whiteSpace: 'pre-line' }}>{plain((m.happened ?? m.body)!)}</div>}
                {m.needed && m.needed.length > 0 && (
                  <ul style={{ margin: '6px 0', paddingLeft: 20 }}>
                    {m.needed.map((n) => (
                      <li key={n}>{plain(n)}</li>
                    ))}
                  </ul>
                )}
                {m.deadline && <div style={{ color: '#cf1322' }}>请于 {fmtDateTime(m.deadline)} 前办理</div>}
                <div className="hb-item-card-meta">{m.sentAt ? fmtDateTime(m.sentAt) : ''}</div>
                {to && (
                  <Link to={to} data-testid="message-open">
                    查看办件{k.label === '补正' ? '并补交材料' : ''}
                  </Link>
                )}
              </Card>
            );
          })}
        </div>
      )}
    </div>
  );
}
