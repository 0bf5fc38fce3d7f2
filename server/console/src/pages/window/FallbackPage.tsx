// 办不成事窗口: register what could not get done, classify and transfer it, and follow it to 备案.
import { useState } from 'react';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import {
  departmentName,
  FALLBACK_CATEGORIES,
  FALLBACK_CAUSES,
  loadDepartments,
  type InstanceRow,
  type MachineView,
} from '../../lib/machines';
import { Link, navigate, useRoute } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';
import { MachineDrawer } from '../../components/MachineDrawer';
import { DeadlineText, StateTags } from '../../components/MachineStatus';
import { RegisterFallbackModal } from './RegisterFallbackModal';
import { RevealableText } from '../../components/RevealableText';
import { ExportButton } from '../../components/ExportButton';

export interface FallbackContext {
  matter: string;
  applicant: { name: string; phone?: string };
  category?: string;
  cause?: string;
  department?: string;
  holder?: string;
  conclusion?: string;
  satisfied?: boolean;
  hotlineOrderIds: string[];
  registeredBy: string;
}

export default function FallbackPage() {
  const { search } = useRoute();
  const openId = search.get('open') ?? undefined;
  const [status, setStatus] = useState<'active' | 'done' | 'all'>('active');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  const deps = useApi(loadDepartments, []);
  const { data, error, loading, reload } = useApi(
    () =>
      api.get<Page<InstanceRow<FallbackContext>>>('/api/fallback/records', {
        status: status === 'all' ? undefined : status,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [status, page.current, page.pageSize],
  );
  const show = (id?: string) => navigate(id ? `/fallback?open=${encodeURIComponent(id)}` : '/fallback', true);
  const dept = (code?: string | null) => departmentName(deps.data?.items, code);

  return (
    <div>
      <h1 className="hb-page-title">办不成事窗口</h1>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        受理群众“办不了、很难办、不给办”的反映：登记 → 分类 → 转办 → 办结 → 反馈 → 核查 → 备案，全程按工作日督办。
      </Typography.Paragraph>
      <Card
        title={
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as typeof status);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            options={[
              { value: 'active', label: '办理中' },
              { value: 'done', label: '已备案' },
              { value: 'all', label: '全部' },
            ]}
          />
        }
        extra={
          <Space>
            <ExportButton
              path="/api/exports/fallback-records.xlsx"
              query={{ status: status === 'all' ? undefined : status }}
              testId="export-fallback"
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="fallback-new">
              登记反映
            </Button>
          </Space>
        }
      >
        {error ? (
          <ErrorState error={error} retry={reload} what="办不成事登记" />
        ) : (
          <Table<InstanceRow<FallbackContext>>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items}
            scroll={{ x: 1000 }}
            locale={{ emptyText: status === 'active' ? '暂无办理中的反映，点击“登记反映”受理群众诉求' : '暂无记录' }}
            onRow={(r) => ({ onClick: () => show(r.id), style: { cursor: 'pointer' } })}
            pagination={{
              ...page,
              total: data?.total,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              {
                title: '编号',
                dataIndex: 'id',
                width: 190,
                render: (id: string) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={(e) => {
                      e.stopPropagation();
                      show(id);
                    }}
                  >
                    {id}
                  </Button>
                ),
              },
              {
                title: '反映问题',
                render: (_: unknown, r) => (
                  <Typography.Text ellipsis={{ tooltip: r.context.matter }} style={{ maxWidth: 260 }}>
                    {r.context.matter}
                  </Typography.Text>
                ),
              },
              { title: '反映人', width: 90, render: (_: unknown, r) => r.context.applicant?.name },
              {
                title: '原因/分类',
                width: 150,
                render: (_: unknown, r) =>
                  r.context.cause ? (
                    <Space size={2} wrap>
                      <Tag color={r.context.cause === 'refused' ? 'red' : undefined}>{FALLBACK_CAUSES[r.context.cause]}</Tag>
                      <Tag>{FALLBACK_CATEGORIES[r.context.category ?? '']?.replace(/（.*/, '')}</Tag>
                    </Space>
                  ) : (
                    <Tag color="gold">待分类</Tag>
                  ),
              },
              { title: '责任部门', width: 150, render: (_: unknown, r) => dept(r.context.department) },
              { title: '状态', width: 170, render: (_: unknown, r) => <StateTags kind="fallback" states={r.states} status={r.status} /> },
              { title: '时限', width: 200, render: (_: unknown, r) => <DeadlineText deadline={r.context.deadline} compact /> },
              { title: '登记时间', dataIndex: 'createdAt', width: 140, render: fmtDateTime },
            ]}
          />
        )}
      </Card>
      {registering && (
        <RegisterFallbackModal
          onClose={() => setRegistering(false)}
          onRegistered={(id) => {
            setRegistering(false);
            reload();
            show(id);
          }}
        />
      )}
      <MachineDrawer
        url={openId ? `/api/fallback/records/${encodeURIComponent(openId)}` : undefined}
        onClose={() => show()}
        onChanged={reload}
        title={(v) => `办不成事：${(v.context as unknown as FallbackContext).applicant?.name ?? ''}`}
        summary={(v: MachineView) => {
          const c = v.context as unknown as FallbackContext;
          return [
            { label: '反映问题', value: c.matter },
            {
              label: '反映人',
              value: (
                <Space size={4}>
                  {c.applicant?.name ?? ''}
                  {c.applicant?.phone && (
                    <RevealableText subject="fallback" id={v.instanceId} field="applicant.phone" value={c.applicant.phone} />
                  )}
                </Space>
              ),
            },
            { label: '原因', value: c.cause ? FALLBACK_CAUSES[c.cause] : '待分类' },
            { label: '分类', value: c.category ? FALLBACK_CATEGORIES[c.category] : '待分类' },
            { label: '责任部门/人', value: c.department ? `${dept(c.department)} · ${c.holder ?? ''}` : '—' },
            ...(c.conclusion ? [{ label: '办理结果', value: c.conclusion }] : []),
            ...(c.satisfied !== undefined ? [{ label: '群众反馈', value: c.satisfied ? '满意' : '不满意' }] : []),
            ...(c.hotlineOrderIds?.length
              ? [
                  {
                    label: '关联 12345 工单',
                    value: (
                      <Space wrap>
                        {c.hotlineOrderIds.map((id) => (
                          <Link key={id} to={`/hotline?open=${encodeURIComponent(id)}`}>
                            {id}
                          </Link>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ];
        }}
      />
    </div>
  );
}
