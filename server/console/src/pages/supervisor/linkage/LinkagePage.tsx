// 审管联动: 审批信息通报 to sign, 监管结果抄告 and the approval side's action, 部门联席会议, 对上协调联动, 考核评估.
import { useState } from 'react';
import { Button, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { session } from '../../../lib/api';
import { ADJUSTMENT_CHANGES, decisionLabel, FINDING_ACTIONS, FINDING_TYPES, loadDepartments } from '../../../lib/machines';
import { Link, navigate, useRoute } from '../../../lib/router';
import { useApi } from '../../../lib/use-api';
import { MachineDrawer } from '../../../components/MachineDrawer';
import { AssessmentTab } from './AssessmentTab';
import { CreateLinkageModal, type CreatableKind } from './CreateLinkageModal';
import { EffectiveAdjustments } from './EffectiveAdjustments';
import { InspectSection } from './InspectSection';
import { InstancesTab } from './InstancesTab';
import { linkageSummary } from './linkage-summary';
import { ProposeAdjustmentModal } from './ProposeAdjustmentModal';

const TABS = ['notices', 'findings', 'meetings', 'city', 'adjustments', 'assessment'] as const;
type Tab = (typeof TABS)[number];

export default function LinkagePage() {
  const { search } = useRoute();
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'notices';
  const openId = search.get('open') ?? undefined;
  const user = session.user();
  const overseer = !!user?.roles.some((r) => r === 'supervisor' || r === 'admin');
  const deps = useApi(loadDepartments, []);
  const own = deps.data?.items.find((d) => d.name === user?.department);
  const [ownOnly, setOwnOnly] = useState(!overseer);
  const [creating, setCreating] = useState<CreatableKind>();
  const [proposing, setProposing] = useState(false);
  // Who may start and step linkage matters (the server's supervision roles).
  const supervision = !!user?.roles.some((r) => r === 'supervisor' || r === 'approver' || r === 'admin');
  const [version, setVersion] = useState(0);
  const go = (t: Tab, id?: string) => navigate(`/linkage?tab=${t}${id ? `&open=${encodeURIComponent(id)}` : ''}`, true);
  const open = (id: string) => go(tab, id);
  const department = ownOnly && own ? own.code : undefined;
  const common = { departments: deps.data?.items, onOpen: open, version };
  const create = (kind: CreatableKind, label: string) => (
    <Button icon={<PlusOutlined />} onClick={() => setCreating(kind)}>
      {label}
    </Button>
  );

  const items = [
    {
      key: 'notices',
      label: '审批信息通报',
      children: (
        <InstancesTab
          {...common}
          kind="linkage.notice"
          department={department}
          empty="暂无待认领的审批信息通报"
          columns={[
            {
              title: '审批决定',
              width: 130,
              render: (_: unknown, r) => (
                <>
                  {decisionLabel(r.context.decision)} {r.context.commitment ? <Tag color="orange">告知承诺</Tag> : null}
                </>
              ),
            },
            {
              title: '办件',
              width: 170,
              render: (_: unknown, r) =>
                r.context.caseId ? (
                  <Link to={`/cases/${encodeURIComponent(String(r.context.caseId))}`} onClick={(e) => e.stopPropagation()}>
                    {String(r.context.caseId)}
                  </Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      ),
    },
    {
      key: 'findings',
      label: '监管结果抄告',
      children: (
        <InstancesTab
          {...common}
          kind="linkage.finding"
          empty="暂无监管结果抄告"
          toolbar={create('finding', '登记监管发现')}
          columns={[
            { title: '类型', width: 100, render: (_: unknown, r) => FINDING_TYPES[String(r.context.findingType)] ?? '—' },
            {
              title: '审批侧处置',
              width: 200,
              render: (_: unknown, r) => {
                const a = r.context.action as { action: string; note: string } | undefined;
                return a ? (
                  <>
                    <Tag color="blue">{FINDING_ACTIONS[a.action]}</Tag>
                    {a.note}
                  </>
                ) : (
                  <Typography.Text type="secondary">待处置</Typography.Text>
                );
              },
            },
          ]}
        />
      ),
    },
    {
      key: 'meetings',
      label: '部门联席会议',
      children: (
        <InstancesTab
          {...common}
          kind="linkage.meeting"
          department={department}
          empty="暂无联席会议"
          toolbar={create('meeting', '提请联席会议')}
          columns={[
            { title: '议题', width: 220, render: (_: unknown, r) => ((r.context.agenda as string[]) ?? []).join('；') },
            {
              title: '任务',
              width: 110,
              render: (_: unknown, r) => {
                const t = (r.context.tasks as { doneAt?: number }[]) ?? [];
                return t.length ? `${t.filter((x) => x.doneAt !== undefined).length}/${t.length} 已完成` : '—';
              },
            },
          ]}
        />
      ),
    },
    {
      key: 'city',
      label: '对上协调联动',
      children: (
        <InstancesTab
          {...common}
          kind="linkage.city"
          department={department}
          empty="暂无报市级事项"
          toolbar={create('city', '报市级协调')}
          columns={[
            {
              title: '市级答复',
              width: 220,
              render: (_: unknown, r) =>
                r.context.reply ? String(r.context.reply) : <Typography.Text type="secondary">待答复</Typography.Text>,
            },
          ]}
        />
      ),
    },
    {
      key: 'adjustments',
      label: '动态调整',
      children: (
        <>
          <InstancesTab
            {...common}
            kind="linkage.adjustment"
            empty="暂无办理中的事项清单调整"
            toolbar={
              supervision ? (
                <Button icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="adjustment-new">
                  提出调整
                </Button>
              ) : undefined
            }
            columns={[
              { title: '调整类型', width: 90, render: (_: unknown, r) => ADJUSTMENT_CHANGES[String(r.context.change)] ?? '—' },
              { title: '事项编码', width: 130, render: (_: unknown, r) => String(r.context.itemCode ?? '—') },
            ]}
          />
          <EffectiveAdjustments version={version} onOpen={open} />
        </>
      ),
    },
    ...(overseer ? [{ key: 'assessment', label: '考核评估', children: <AssessmentTab /> }] : []),
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <h1 className="hb-page-title">审管联动</h1>
        {own && !overseer && (
          <Space>
            <Switch checked={ownOnly} onChange={setOwnOnly} aria-label="只看本部门" />
            <span>只看本部门（{own.name}）</span>
          </Space>
        )}
      </Space>
      <Tabs activeKey={tab} onChange={(k) => go(k as Tab)} items={items} />
      {creating && (
        <CreateLinkageModal
          kind={creating}
          departments={deps.data?.items ?? []}
          onClose={() => setCreating(undefined)}
          onCreated={(id) => {
            setCreating(undefined);
            setVersion((v) => v + 1);
            open(id);
          }}
        />
      )}
      {proposing && (
        <ProposeAdjustmentModal
          departments={deps.data?.items ?? []}
          onClose={() => setProposing(false)}
          onCreated={(id) => {
            setProposing(false);
            setVersion((v) => v + 1);
            open(id);
          }}
        />
      )}
      <MachineDrawer
        url={openId ? `/api/linkage/instances/${encodeURIComponent(openId)}` : undefined}
        onClose={() => go(tab)}
        onChanged={() => setVersion((v) => v + 1)}
        title={(v) => `${v.rule ?? ''}：${v.context.title ?? v.instanceId}`}
        summary={(v) => linkageSummary(v, deps.data?.items)}
        extra={(v) =>
          overseer && (v.kind === 'linkage.notice' || v.kind === 'linkage.finding') ? (
            <InspectSection instanceId={v.instanceId} kind={v.kind} />
          ) : null
        }
      />
    </div>
  );
}
