// 12345 工单: the hotline's work orders with their lifecycle (派单 … 评价), and the repeat groups (并单).
import { useState } from 'react';
import { Alert, Button, Card, Input, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { departmentName, HOTLINE_CATEGORIES, loadDepartments, stateLabel, type Deadline, type MachineView } from '../../lib/machines';
import { Link, navigate, useRoute } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';
import { MachineDrawer } from '../../components/MachineDrawer';
import { DeadlineText, StateTags } from '../../components/MachineStatus';
import { RegisterHotlineOrderModal, type IntakeResult } from './RegisterHotlineOrderModal';
import { RepeatGroups } from './RepeatGroups';
import { HotlineRepeatPanel, type OrderFacts } from './HotlineRepeatPanel';
import { RevealableText } from '../../components/RevealableText';
import { ExportButton } from '../../components/ExportButton';

export interface OrderRow {
  id: string;
  callerPhone: string;
  callerName: string | null;
  subject: string | null;
  category: string;
  content: string;
  receivedAt: string;
  mergedInto: string | null;
  placeLabel?: string | null;
  matterType?: string | null;
  matterTypeLabel?: string | null;
  matterTypeBy?: string | null;
  leadOrderId?: string | null;
  states?: string[];
  status?: string | null;
  department?: string | null;
  holder?: string | null;
  deadline?: Deadline | null;
}

interface OrderContext {
  content: string;
  callerPhone: string;
  callerName?: string;
  subject?: string;
  category: string;
  department?: string;
  holder?: string;
  extensionDays: number;
  returns: { department?: string; reason: string }[];
  reply?: string;
  revisit?: { reached: boolean; note?: string };
  satisfied?: boolean;
  redoCount: number;
  mergedInto?: string;
  leadOrderId?: string;
  lead?: { state: string; department?: string; holder?: string };
}

export default function HotlinePage() {
  const { search } = useRoute();
  const openId = search.get('open') ?? undefined;
  const tab = search.get('tab') === 'repeats' ? 'repeats' : 'orders';
  const [status, setStatus] = useState<'active' | 'done' | 'all'>('all');
  const [category, setCategory] = useState<string>();
  const [phone, setPhone] = useState<string>();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  /** The last entered order that was merged as a repeat: shown until dismissed. */
  const [merged, setMerged] = useState<{ orderId: string } & NonNullable<IntakeResult['repeat']>>();
  const deps = useApi(loadDepartments, []);
  /** The list's filters, which the export applies too. */
  const filters = { status: status === 'all' ? undefined : status, category, callerPhone: phone };
  const { data, error, loading, reload } = useApi(
    () =>
      api.get<Page<OrderRow>>('/api/hotline/orders', {
        ...filters,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [status, category, phone, page.current, page.pageSize],
  );
  const go = (id?: string, t = tab) => navigate(`/hotline?tab=${t}${id ? `&open=${encodeURIComponent(id)}` : ''}`, true);
  const dept = (code?: string | null) => departmentName(deps.data?.items, code);
  const filtered = () => setPage((p) => ({ ...p, current: 1 }));

  const orders = (
    <Card
      size="small"
      title={
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as typeof status);
              filtered();
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'active', label: '办理中' },
              { value: 'done', label: '已结束' },
            ]}
          />
          <Select
            allowClear
            placeholder="诉求类别"
            aria-label="诉求类别"
            style={{ width: 150 }}
            value={category}
            onChange={(v) => {
              setCategory(v);
              filtered();
            }}
            options={Object.entries(HOTLINE_CATEGORIES).map(([value, label]) => ({ value, label }))}
          />
          <Input.Search
            allowClear
            placeholder="来电号码"
            aria-label="来电号码"
            style={{ width: 180 }}
            onSearch={(v) => {
              setPhone(v.trim() || undefined);
              filtered();
            }}
            data-testid="hotline-phone"
          />
        </Space>
      }
      extra={
        <Space>
          <ExportButton path="/api/exports/hotline-orders.xlsx" query={filters} testId="export-hotline" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="hotline-new">
            录入工单
          </Button>
        </Space>
      }
    >
      {error ? (
        <ErrorState error={error} retry={reload} what="12345 工单" />
      ) : (
        <Table<OrderRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items}
          scroll={{ x: 1330 }}
          locale={{ emptyText: '暂无符合条件的工单' }}
          onRow={(r) => ({ onClick: () => go(r.id), style: { cursor: 'pointer' } })}
          pagination={{
            ...page,
            total: data?.total,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
          columns={[
            {
              title: '工单号',
              dataIndex: 'id',
              width: 130,
              render: (id: string) => (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={(e) => {
                    e.stopPropagation();
                    go(id);
                  }}
                >
                  {id}
                </Button>
              ),
            },
            {
              title: '诉求内容',
              dataIndex: 'content',
              render: (t: string) => (
                <Typography.Text ellipsis={{ tooltip: t }} style={{ maxWidth: 250 }}>
                  {t}
                </Typography.Text>
              ),
            },
            {
              title: '来电人',
              width: 120,
              render: (_: unknown, r) => (
                <>
                  {r.callerName ?? '—'}
                  <br />
                  <small>
                    <RevealableText subject="hotline" id={r.id} field="callerPhone" value={r.callerPhone} />
                  </small>
                </>
              ),
            },
            { title: '诉求地点', dataIndex: 'placeLabel', width: 130, render: (p: string | null) => p ?? '—' },
            { title: '诉求分类', dataIndex: 'matterTypeLabel', width: 150, render: (t: string | null) => t ?? '—' },
            {
              title: '类别',
              dataIndex: 'category',
              width: 100,
              render: (c: string) => <Tag color={c === 'complaint' ? 'volcano' : undefined}>{HOTLINE_CATEGORIES[c] ?? c}</Tag>,
            },
            { title: '承办单位', width: 140, render: (_: unknown, r) => dept(r.department) },
            {
              title: '状态',
              width: 160,
              render: (_: unknown, r) =>
                r.mergedInto && !(r.states ?? []).includes('following') ? (
                  <Link to={`/fallback?open=${encodeURIComponent(r.mergedInto)}`} onClick={(e) => e.stopPropagation()}>
                    <Tag color="purple">已并单</Tag>
                  </Link>
                ) : (
                  <StateTags kind="hotline" states={r.states ?? []} status={r.status} />
                ),
            },
            { title: '时限', width: 180, render: (_: unknown, r) => <DeadlineText deadline={r.deadline} compact /> },
            { title: '受理时间', dataIndex: 'receivedAt', width: 140, render: fmtDateTime },
          ]}
        />
      )}
    </Card>
  );

  return (
    <div>
      <h1 className="hb-page-title">12345 工单</h1>
      {merged && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setMerged(undefined)}
          style={{ marginBottom: 12 }}
          data-testid="hotline-repeat-notice"
          title={`工单 ${merged.orderId} 识别为重复诉求，已与 ${merged.relatedOrderIds.filter((id) => id !== merged.orderId).join('、')} 并单：主单 ${merged.leadOrderId} 派单办理，答复同步告知每位来电人，办不成事窗口督办`}
          description={
            <>
              办不成事记录：
              <Link to={`/fallback?open=${encodeURIComponent(merged.fallbackId)}`} data-testid="hotline-repeat-fallback">
                {merged.fallbackId}
              </Link>
            </>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => go(undefined, k)}
        items={[
          { key: 'orders', label: '工单', children: orders },
          { key: 'repeats', label: '重复诉求并单', children: <RepeatGroups onOpenOrder={(id) => go(id, 'repeats')} /> },
        ]}
      />
      {registering && (
        <RegisterHotlineOrderModal
          onClose={() => setRegistering(false)}
          onRegistered={(r) => {
            setRegistering(false);
            setMerged(r.repeat ? { orderId: r.order.instanceId, ...r.repeat } : undefined);
            reload();
            go(r.order.instanceId, 'orders');
          }}
        />
      )}
      <MachineDrawer
        url={openId ? `/api/hotline/orders/${encodeURIComponent(openId)}` : undefined}
        onClose={() => go()}
        onChanged={reload}
        title={(v) => `12345 工单 ${v.instanceId}`}
        extra={(v, reload) => {
          const o = (v as MachineView & { order?: OrderFacts }).order;
          return o ? (
            <HotlineRepeatPanel
              key={v.instanceId}
              order={o}
              following={v.states.includes('following')}
              onChanged={reload}
              onOpenOrder={(id) => go(id)}
            />
          ) : null;
        }}
        summary={(v: MachineView) => {
          const c = v.context as unknown as OrderContext;
          return [
            { label: '诉求内容', value: c.content },
            {
              label: '来电人',
              value: (
                <Space size={4}>
                  {c.callerName ?? ''}
                  <RevealableText subject="hotline" id={v.instanceId} field="callerPhone" value={c.callerPhone} />
                </Space>
              ),
            },
            { label: '诉求对象', value: c.subject ?? '—' },
            { label: '类别', value: HOTLINE_CATEGORIES[c.category] ?? c.category },
            { label: '承办单位/人', value: c.department ? `${dept(c.department)} · ${c.holder ?? ''}` : '待派单' },
            ...(c.extensionDays ? [{ label: '已延期', value: `${c.extensionDays} 个工作日` }] : []),
            ...(c.returns?.length
              ? [{ label: '退单记录', value: c.returns.map((r) => `${dept(r.department)}：${r.reason}`).join('；') }]
              : []),
            ...(c.reply ? [{ label: '答复', value: c.reply }] : []),
            ...(c.revisit ? [{ label: '回访', value: `${c.revisit.reached ? '已联系' : '未联系上'} ${c.revisit.note ?? ''}` }] : []),
            ...(c.satisfied !== undefined ? [{ label: '评价', value: c.satisfied ? '满意' : `不满意（重办 ${c.redoCount} 次）` }] : []),
            ...(c.lead && v.states.includes('following')
              ? [{ label: '主单进展', value: `${c.leadOrderId ?? ''} ${stateLabel('hotline', c.lead.state)}` }]
              : []),
            ...(c.mergedInto
              ? [{ label: '并入办不成事', value: <Link to={`/fallback?open=${encodeURIComponent(c.mergedInto)}`}>{c.mergedInto}</Link> }]
              : []),
          ];
        }}
      />
    </div>
  );
}
