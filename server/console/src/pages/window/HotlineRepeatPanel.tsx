// 12345 order's place, matter type (staff may correct it) and repeat group: supervisors split a wrong merge or merge a missed one.
import { useState } from 'react';
import { App, Button, Card, Cascader, Descriptions, Input, Space, Tag } from 'antd';
import { api, request, session } from '../../lib/api';
import { useApi } from '../../lib/use-api';

interface MatterGroup {
  code: string;
  label: string;
  children: { code: string; label: string }[];
}
export interface OrderFacts {
  id: string;
  placeLabel: string | null;
  matterType: string | null;
  matterTypeLabel: string | null;
  matterTypeBy: string | null;
  leadOrderId: string | null;
}

export function HotlineRepeatPanel({
  order,
  following,
  onChanged,
  onOpenOrder,
}: {
  order: OrderFacts;
  following: boolean;
  onChanged: () => void;
  onOpenOrder: (id: string) => void;
}) {
  const { message } = App.useApp();
  const tree = useApi(() => api.get<{ items: MatterGroup[] }>('/api/hotline/matter-types'), []);
  const [type, setType] = useState<string>();
  const [reason, setReason] = useState('');
  const [lead, setLead] = useState('');
  const [busy, setBusy] = useState(false);
  const supervisor = (session.user()?.roles ?? []).some((r) => r === 'supervisor' || r === 'admin');
  const run = async (what: string, call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      message.success(`${what}成功`);
      setReason('');
      onChanged();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="诉求地点与分类" data-testid="hotline-repeat-panel">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="诉求地点">
          <span data-testid="hotline-place">{order.placeLabel ?? '未识别'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="诉求分类">
          <Space wrap>
            <span data-testid="hotline-matter-type">{order.matterTypeLabel ?? '未识别'}</span>
            {order.matterTypeBy && order.matterTypeBy !== 'auto' && <Tag color="blue">人工更正</Tag>}
            <Cascader
              size="small"
              style={{ width: 220 }}
              placeholder="更正分类"
              aria-label="更正分类"
              options={(tree.data?.items ?? []).map((g) => ({
                value: g.code,
                label: g.label,
                children: g.children.map((c) => ({ value: c.code, label: c.label })),
              }))}
              onChange={(v) => setType(v?.[1] as string | undefined)}
            />
            <Button
              size="small"
              disabled={!type}
              loading={busy}
              onClick={() =>
                run('更正分类', () =>
                  request(`/api/hotline/orders/${encodeURIComponent(order.id)}/matter-type`, { method: 'PUT', body: { matterType: type } }),
                )
              }
            >
              保存分类
            </Button>
          </Space>
        </Descriptions.Item>
        {order.leadOrderId && (
          <Descriptions.Item label="并单主单">
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onOpenOrder(order.leadOrderId as string)}
              data-testid="hotline-lead"
            >
              {order.leadOrderId}
            </Button>
            {following ? '（随主单办理，答复同步告知本来电人）' : '（疑似重复，未达并单件数）'}
          </Descriptions.Item>
        )}
      </Descriptions>
      {supervisor && (following || !order.leadOrderId) && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {!following && (
            <Input placeholder="并入的主单工单号" aria-label="并入的主单工单号" value={lead} onChange={(e) => setLead(e.target.value)} />
          )}
          <Input.TextArea
            rows={2}
            placeholder={following ? '拆单理由' : '补并理由'}
            aria-label={following ? '拆单理由' : '补并理由'}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {following ? (
            <Button
              danger
              loading={busy}
              disabled={reason.trim().length < 2}
              data-testid="hotline-split"
              onClick={() => run('拆单', () => api.post(`/api/hotline/orders/${encodeURIComponent(order.id)}/split`, { reason }))}
            >
              拆单（单独派单办理）
            </Button>
          ) : (
            <Button
              loading={busy}
              disabled={reason.trim().length < 2 || !lead.trim()}
              data-testid="hotline-merge"
              onClick={() =>
                run('并单', () =>
                  api.post(`/api/hotline/orders/${encodeURIComponent(order.id)}/merge`, { leadOrderId: lead.trim(), reason }),
                )
              }
            >
              并入主单
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
