import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import {
  AgencyBoardQuery,
  AgencyCaseBody,
  AgencyEventBody,
  CommunityRequestBody,
  ListAgencyQuery,
  ProjectIntakeBody,
  RedVestHelpBody,
} from '../../routes/agency.routes';
import { FallbackEventBody, ListEscalationsQuery, ListFallbackQuery, RegisterFallbackBody } from '../../routes/fallback.routes';
import {
  HotlineEventBody,
  HotlineOrderBody,
  ListHotlineQuery,
  MatterTypeBody,
  MergeBody,
  RepeatGroupsQuery,
  SplitBody,
} from '../../routes/hotline.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleCaseView } from './examples';

const IdParams = z.object({ id: z.string().describe('登记编号 (record id)') });
const record = {
  id: 'FB20261128-01',
  matter: '个体户变更经营范围，窗口说需到市里办理',
  applicant: { name: '王五', phone: '13900000000' },
  state: 'classified',
  category: 'general',
  cause: 'hardToDo',
  department: '区市场监督管理局',
  holder: 'approver1',
  createdAt: '2026-11-28T09:00:00.000Z',
  dueAt: '2026-12-03T09:00:00.000Z',
};
const staff = ['window', 'approver', 'supervisor', 'admin'] as const;
const order = {
  id: 'HL-20261128-0001',
  orderId: '12345-20261128-0001',
  callerPhone: '13700000000',
  category: 'complaint',
  content: '小区门口餐馆油烟扰民',
  state: 'dispatched',
  department: '区城市管理和综合执法局',
  holder: 'approver1',
  mergedInto: null,
  createdAt: '2026-11-28T08:00:00.000Z',
};
const project = {
  instanceId: 'AG20261128-01',
  title: '新建标准化厂房项目',
  track: 'enterprise',
  applicant: '某某科技有限公司',
  state: 'inProgress.jointHandling',
  states: ['inProgress', 'inProgress.jointHandling'],
  status: 'active',
  phase: '联合办理',
  team: ['agent1'],
  cases: [
    {
      caseId: 'HB20261128-7K3QF2',
      title: '建设工程规划许可',
      status: 'running',
      openTasks: [{ taskId: 'HB20261128-7K3QF2/approve/3', name: '审批', waitingOn: ['group:approver'] }],
    },
  ],
  waitingOn: ['group:approver'],
};
const intake = ['window', 'agent', 'admin'] as const;

/** Rule machines: the 办不成事 window and the supervisors' escalations. */
export const machinesRouteDocs = routeDocs([
  {
    method: 'post',
    path: '/api/fallback/records',
    tags: ['办不成事 fallback'],
    access: [...staff],
    summary: '登记“办不成事”诉求 (register a matter that could not get done)',
    body: RegisterFallbackBody,
    bodyExample: { matter: record.matter, applicant: record.applicant },
    responses: { 201: { description: '已登记', example: { ...record, state: 'registered' } }, ...errors(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/fallback/records',
    tags: ['办不成事 fallback'],
    access: [...staff],
    summary: '“办不成事”登记列表 (records)',
    query: ListFallbackQuery,
    responses: { 200: { description: '{items,total}', example: { items: [record], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/fallback/records/:id',
    tags: ['办不成事 fallback'],
    access: [...staff],
    summary: '登记详情与流转记录 (one record)',
    params: IdParams,
    responses: {
      200: {
        description: '详情',
        example: {
          ...record,
          transitions: [
            { at: '2026-11-28T09:10:00.000Z', event: 'fallback.classify', from: 'registered', to: 'classified', actor: 'window1' },
          ],
        },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/fallback/records/:id/events',
    tags: ['办不成事 fallback'],
    access: [...staff],
    summary: '推进办理：分类、办结、政策解释、回访、核验、归档 (send an event)',
    description:
      '状态机拒绝的事件返回 409，并说明当前状态。转办后的办结与政策解释只能由承办部门的工作人员办理，其余步骤由办不成事窗口办理，否则 403 NOT_YOUR_DEPARTMENT。',
    params: IdParams,
    body: FallbackEventBody,
    bodyExample: { type: 'fallback.classify', category: 'general', cause: 'hardToDo', department: '区市场监督管理局', holder: 'approver1' },
    responses: { 200: { description: '推进后的状态', example: record }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'get',
    path: '/api/escalations',
    tags: ['督办 escalations'],
    access: ['supervisor', 'admin'],
    summary: '督办与预警：办不成事超时、12345 重复诉求、审管联动 (escalations)',
    query: ListEscalationsQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              stepId: 'st-01',
              instanceId: 'FB20261128-01',
              kind: 'fallback',
              title: '个体户变更经营范围',
              state: 'handling',
              step: 'handling',
              why: '超过 5 个工作日未办结',
              level: 'escalate',
              holder: 'approver1',
              department: '区市场监督管理局',
              dueAt: '2026-12-03T09:00:00.000Z',
              open: true,
              overdueMs: 86400000,
              history: {
                supervision: [{ level: 'urge', reason: '临近时限', notified: ['approver1'], at: '2026-12-02T09:00:00.000Z' }],
                transitions: [
                  { event: 'fallback.classify', actor: 'window1', from: 'registered', to: 'handling', at: '2026-11-28T09:10:00.000Z' },
                ],
              },
            },
          ],
          total: 1,
        },
      },
      ...errors(400, 401, 403),
    },
  },

  {
    method: 'post',
    path: '/api/hotline/orders',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '接收 12345 工单（同一工单号重复提交为幂等）(intake a hotline order)',
    description: '新工单 201；重复提交返回 200 与原工单。重复诉求会并入“办不成事”登记。',
    body: HotlineOrderBody,
    bodyExample: { orderId: order.orderId, callerPhone: order.callerPhone, category: 'complaint', content: order.content },
    responses: {
      201: { description: '已接收', example: { ...order, duplicate: false } },
      200: { description: '重复提交', example: { ...order, duplicate: true } },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/hotline/orders',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '12345 工单列表 (orders)',
    query: ListHotlineQuery,
    responses: { 200: { description: '{items,total}', example: { items: [order], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/hotline/repeat-groups',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '重复诉求并单组：并入的工单与为其开立的“办不成事”登记 (repeat groups)',
    description: '每组一个“办不成事”登记（fallbackId）及并入它的全部工单，按最近一次来电倒序。',
    query: RepeatGroupsQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              fallbackId: 'BBCS20261128-7K3QF2',
              fallback: {
                title: '12345重复诉求（3 件，并单）：18号院门前垃圾堆积',
                state: 'registered',
                states: ['registered'],
                status: 'active',
                department: null,
                holder: null,
                createdAt: '2026-11-28T09:00:00.000Z',
              },
              orders: [{ ...order, id: '12345-20261128-0001', mergedInto: 'BBCS20261128-7K3QF2' }],
            },
          ],
          total: 1,
        },
      },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/hotline/orders/:id',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '工单详情与流转 (one order)',
    params: IdParams,
    responses: {
      200: {
        description: '详情',
        example: {
          ...order,
          transitions: [{ event: 'order.dispatch', actor: 'window1', from: 'received', to: 'dispatched', at: '2026-11-28T08:05:00.000Z' }],
        },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/hotline/orders/:id/events',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '派单、签收、退单、改派、延期、答复、回访、评价 (send an event)',
    description:
      '签收、退单、延期、答复只能由工单派往部门的工作人员办理；派单、改派、回访、评价由 12345 中心（非部门工作人员）办理；否则 403 NOT_YOUR_DEPARTMENT。',
    params: IdParams,
    body: HotlineEventBody,
    bodyExample: { type: 'order.dispatch', department: '区城市管理和综合执法局', holder: 'approver1' },
    responses: { 200: { description: '推进后的工单', example: order }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'get',
    path: '/api/hotline/matter-types',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '诉求分类（两级）与重复诉求规则 (matter-type tree and repeat rule)',
    description: '每个末级分类带口语词库与常规承办单位；repeatRule 为并单件数、时间窗及其依据（可用环境变量调整）。',
    responses: {
      200: {
        description: '{items, repeatRule}',
        example: {
          items: [
            {
              code: 'srhj',
              label: '市容环境',
              children: [{ code: 'srhj.zhandao', label: '占道经营', department: 'cgj', words: ['占道', '烧烤摊'] }],
            },
          ],
          repeatRule: { minOrders: 3, windowDays: 30 },
        },
      },
      ...errors(401, 403),
    },
  },
  {
    method: 'put',
    path: '/api/hotline/orders/:id/matter-type',
    tags: ['12345 hotline'],
    access: [...staff],
    summary: '更正诉求分类（留痕审计）(correct the matter type)',
    params: IdParams,
    body: MatterTypeBody,
    bodyExample: { matterType: 'cxjs.weijian', reason: '回访核实为私搭乱建' },
    responses: {
      200: {
        description: '更正后的工单',
        example: { ...order, matterType: 'cxjs.weijian', matterTypeBy: 'window1', matterTypeLabel: '城乡建设 / 违法建设' },
      },
      ...errors(400, 401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/hotline/orders/:id/split',
    tags: ['12345 hotline'],
    access: ['supervisor', 'admin'],
    summary: '拆单：将误并的从单拆出，回到受理单独派单 (split a wrong merge)',
    params: IdParams,
    body: SplitBody,
    bodyExample: { reason: '来电人说的是另一处烧烤摊' },
    responses: { 200: { description: '拆出的工单', example: { ...order, state: 'received' } }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/hotline/orders/:id/merge',
    tags: ['12345 hotline'],
    access: ['supervisor', 'admin'],
    summary: '补并：将漏并的工单并入主单，随主单办理 (merge a missed repeat)',
    params: IdParams,
    body: MergeBody,
    bodyExample: { leadOrderId: '12345-20261128-0001', reason: '核实为同一烧烤摊' },
    responses: { 200: { description: '并入后的工单', example: { ...order, state: 'following' } }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/hotline/webhook/orders',
    tags: ['12345 hotline'],
    access: 'public',
    summary: '12345 系统推送工单（共享密钥 x-hotline-secret）(hotline webhook)',
    description: '不使用 Bearer 令牌；请求头 `x-hotline-secret` 必须与配置的共享密钥一致，否则 401。',
    body: HotlineOrderBody,
    bodyExample: { orderId: order.orderId, callerPhone: order.callerPhone, category: 'complaint', content: order.content },
    responses: {
      201: { description: '已接收', example: { ...order, duplicate: false } },
      200: { description: '重复推送', example: { ...order, duplicate: true } },
      ...errors(400, 401),
    },
  },

  {
    method: 'post',
    path: '/api/agency/projects',
    tags: ['343 帮办代办 agency'],
    access: [...intake],
    summary: '受理代办项目（窗口、主动征集、部门转交、专员移交）(intake a project)',
    body: ProjectIntakeBody,
    bodyExample: { channel: 'window', title: project.title, applicant: { name: project.applicant } },
    responses: { 201: { description: '已受理', example: { ...project, state: 'applied', phase: '申请' } }, ...errors(400, 401, 403) },
  },
  {
    method: 'post',
    path: '/api/agency/community-requests',
    tags: ['343 帮办代办 agency'],
    access: [...intake],
    summary: '社区代办申请（老年人、残疾人等）(community request)',
    body: CommunityRequestBody,
    bodyExample: { community: '北关社区', title: '代办高龄津贴', applicant: { name: '刘奶奶', needs: 'elderly' } },
    responses: {
      201: { description: '已受理', example: { ...project, track: 'community', title: '代办高龄津贴' } },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'post',
    path: '/api/agency/help-requests',
    tags: ['343 帮办代办 agency'],
    access: [...intake],
    summary: '“红马甲”帮办请求（网办、自助机）(red-vest help)',
    body: RedVestHelpBody,
    bodyExample: { applicantName: '王五', need: 'selfService' },
    responses: {
      201: { description: '已登记', example: { id: 'help-01', applicantName: '王五', need: 'selfService', assignedTo: 'agent1' } },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/agency/projects',
    tags: ['343 帮办代办 agency'],
    access: STAFF_ROLES,
    summary: '代办项目列表 (projects)',
    query: ListAgencyQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [{ id: project.instanceId, kind: 'agency', state: project.state, status: 'active', title: project.title }],
          total: 1,
        },
      },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/agency/projects/:id',
    tags: ['343 帮办代办 agency'],
    access: 'authenticated',
    summary: '代办项目详情 (one project)',
    params: IdParams,
    responses: { 200: { description: '详情', example: project }, ...errors(401, 404) },
  },
  {
    method: 'post',
    path: '/api/agency/projects/:id/events',
    tags: ['343 帮办代办 agency'],
    access: [...intake],
    summary: '推进代办：受理、签委托书、联合预审、进度、中止/恢复、办结、评价 (send an event)',
    params: IdParams,
    body: AgencyEventBody,
    bodyExample: { type: 'agency.accept', team: { dedicated: 'agent1' } },
    responses: { 200: { description: '推进后的项目', example: project }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/agency/projects/:id/cases',
    tags: ['343 帮办代办 agency'],
    access: ['agent', 'admin'],
    summary: '代办员为项目发起办件 (start a case for the project)',
    params: IdParams,
    body: AgencyCaseBody,
    bodyExample: { processKey: 'general-approval', title: '建设工程规划许可', variables: { shopName: '某某科技有限公司' } },
    responses: { 201: { description: '已发起', example: exampleCaseView }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'get',
    path: '/api/agency/board',
    tags: ['343 帮办代办 agency'],
    access: ['agent', 'supervisor', 'admin'],
    summary: '343 代办看板：我的项目、办件与“在等谁” (the agent board)',
    query: AgencyBoardQuery,
    responses: { 200: { description: '{items,total}', example: { items: [project], total: 1 } }, ...errors(401, 403) },
  },
  {
    method: 'get',
    path: '/api/agency/agents',
    tags: ['343 帮办代办 agency'],
    access: STAFF_ROLES,
    summary: '代办员名册 (agents)',
    responses: {
      200: {
        description: '{items,total}',
        example: { items: [{ id: 'agent1', name: '陈代办', role: 'dedicated', roleLabel: '专职代办员' }], total: 1 },
      },
      ...errors(401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/agency/communities',
    tags: ['343 帮办代办 agency'],
    access: STAFF_ROLES,
    summary: '社区代办点 (communities)',
    responses: {
      200: { description: '{items,total}', example: { items: [{ code: 'beiguan', name: '北关社区', agent: 'agent1' }], total: 1 } },
      ...errors(401, 403),
    },
  },
]);
