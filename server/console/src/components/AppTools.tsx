// Header tools: the 消息 bell with the unread count and the 适老化 (large type, high contrast) switch.
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api, type Page } from '../lib/api';
import { elderMode, useElderMode } from '../lib/elder';
import { Link, useRoute } from '../lib/router';
import { useApi } from '../lib/use-api';

/** Notices are "unread" until the 消息 page is opened (remembered in this browser). */
export const SEEN_KEY = 'haoban.messages.seen';

export function MessagesBell() {
  const { path } = useRoute();
  const { data } = useApi(
    () => api.get<Page<{ id: string; sentAt: string | null }>>('/api/notifications/mine', { limit: 50 }).catch(() => undefined),
    [path],
  );
  const seen = Number(localStorage.getItem(SEEN_KEY) ?? 0);
  const unread = data?.items.filter((m) => m.sentAt && Date.parse(m.sentAt) > seen).length ?? 0;
  return (
    <Link to="/my/messages" aria-label={`消息${unread ? `，${unread} 条未读` : ''}`} className="hb-icon-link" data-testid="messages-bell">
      <Badge count={unread} size="small">
        <BellOutlined style={{ fontSize: 20 }} />
      </Badge>
    </Link>
  );
}

export function ElderToggle({ compact }: { compact?: boolean }) {
  const on = useElderMode();
  return (
    <Button
      type={on ? 'primary' : 'default'}
      aria-pressed={on}
      onClick={() => elderMode.set(!on)}
      data-testid="elder-toggle"
      title="大字号、高对比度显示"
    >
      {compact ? (on ? '标准' : '大字') : on ? '标准模式' : '关怀模式'}
    </Button>
  );
}
