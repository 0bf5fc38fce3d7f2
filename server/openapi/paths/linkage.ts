import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import {
  AdjustmentBody,
  AdjustmentsQuery,
  ApprovalDecidedBody,
  AssessmentQuery,
  CityBody,
  FindingBody,
  LinkageEventBody,
  ListLinkageQuery,
  MeetingBody,
} from '../../routes/linkage.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';

const IdParams = z.object({ id: z.string().describe('联动事项编号 (linkage instance id), e.g. TB-HB20261128-7K3QF2') });
const supervision = ['supervisor', 'approver', 'admin'] as const;
const view = (kind: string, value: unknown, context: Record<string, unknown>, allowedEvents: string[]) => ({
  kind,
  instanceId: 'TB-HB20261128-7K3QF2',
  value,
  states: typeof value === 'string' ? [value] : Object.entries(value as Record<string, string>).flatMap(([k, v]) => [k, `${k}.${v}`]),
  status: allowedEvents.length ? 'active' : 'done',
  context,
  allowedEvents,
});
const notice = view(
  'linkage.notice',
  { pushed: 'onTime' },
  {
    title: '审批信息通报：食品经营许可',
    department: 'scjgj',
    caseId: 'HB20261128-7K3QF2',
    decision: 'approved',
    commitment: true,
    deadline: { step: 'pushed', key: 'signFor', workingDays: 2, dueAt: 1764900000000 },
  },
  ['notice.sign'],
);
const started = (kind: string, value: unknown, allowed: string[]) => ({
  description: '已创建 (created)',
  example: view(kind, value, { title: '…', department: 'spj' }, allowed),
});
const assessment = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-30T15:59:59.999Z',
  basis: 'due',
  basisLabel: '按到期日统计：统计期内到期的环节（不论何时完成）',
  rows: [
    {
      rule: '审批信息通报',
      kind: 'linkage.notice',
      department: 'scjgj',
      departmentName: '区市场监督管理局',
      due: 12,
      onTime: 10,
      late: 1,
      overdueOpen: 1,
      pending: 0,
      onTimeRate: 0.8333,
    },
  ],
  overall: { onTime: 10, decided: 12, onTimeRate: 0.8333 },
};

/** 审管联动 (八项制度): rule machines, commissioner inspection, approved item-list changes and the assessment. */
export const linkageRouteDocs = routeDocs([
  {
    method: 'post',
    path: '/api/linkage/case-events',
    tags: ['审管联动 linkage'],
    access: ['approver', 'window', 'admin'],
    summary: '审批信息通报：办件作出审批决定后推送监管部门认领 (push an approval decision)',
    description:
      '每个办件只推送一次：再次提交返回 200 与原通报。监管部门须在 2 个工作日内认领（参照襄阳市审管联动做法），逾期提醒、催办并升级，特派员知悉。',
    body: ApprovalDecidedBody,
    bodyExample: { caseId: 'HB20261128-7K3QF2', supervisingDepartment: 'scjgj', itemName: '食品经营许可' },
    responses: {
      201: { description: '已推送 (pushed)', example: { created: true, notice } },
      200: { description: '已推送过 (already pushed)', example: { created: false, notice } },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'post',
    path: '/api/linkage/findings',
    tags: ['审管联动 linkage'],
    access: [...supervision],
    summary: '监管结果抄告：登记监管发现，1 个工作日内推送审批侧 (register a supervision finding)',
    body: FindingBody,
    bodyExample: {
      title: '告知承诺核查',
      department: 'scjgj',
      caseId: 'HB20261128-7K3QF2',
      findingType: 'falseCommitment',
      description: '实际经营面积与承诺不符',
    },
    responses: { 201: started('linkage.finding', { found: 'onTime' }, ['finding.push']), ...errors(400, 401, 403, 404) },
  },
  {
    method: 'post',
    path: '/api/linkage/meetings',
    tags: ['审管联动 linkage'],
    access: [...supervision],
    summary: '部门联席会议：提请议题 (refer a matter to a joint meeting)',
    body: MeetingBody,
    bodyExample: { title: '小作坊监管职责争议', department: 'spj', agenda: ['食品小作坊登记后由谁监管'], departments: ['scjgj', 'wjw'] },
    responses: { 201: started('linkage.meeting', { referred: 'onTime' }, ['meeting.convene']), ...errors(400, 401, 403) },
  },
  {
    method: 'post',
    path: '/api/linkage/city-escalations',
    tags: ['审管联动 linkage'],
    access: [...supervision],
    summary: '对上协调联动：超出区级事权的事项报市级 (escalate to the city)',
    body: CityBody,
    bodyExample: { title: '跨区经营许可互认', department: 'spj', matter: '连锁门店跨区经营许可互认', reason: '超出区级事权' },
    responses: { 201: started('linkage.city', 'drafted', ['city.submit']), ...errors(400, 401, 403) },
  },
  {
    method: 'post',
    path: '/api/linkage/adjustments',
    tags: ['审管联动 linkage'],
    access: [...supervision],
    summary: '动态调整：提出事项清单增、改、取消 (propose an item-list change)',
    body: AdjustmentBody,
    bodyExample: { change: 'cancel', itemCode: 'LH-SPJ-0042', itemName: '某证明事项', reason: '上级已取消该证明', department: 'spj' },
    responses: { 201: started('linkage.adjustment', 'proposed', ['adjustment.submit']), ...errors(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/linkage/adjustments/effective',
    tags: ['审管联动 linkage'],
    access: STAFF_ROLES,
    summary: '已审核生效的清单调整，供事项目录执行 (approved item-list changes)',
    query: AdjustmentsQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              id: 'TZ20261128-ABC123',
              change: 'cancel',
              itemCode: 'LH-SPJ-0042',
              itemName: '某证明事项',
              payload: {},
              reason: '上级已取消该证明',
              proposedBy: 'approver1',
              approvedBy: 'supervisor1',
              effectiveAt: '2026-11-28T10:00:00.000Z',
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
    path: '/api/linkage/instances',
    tags: ['审管联动 linkage'],
    access: STAFF_ROLES,
    summary: '联动事项列表 (linkage instances)',
    query: ListLinkageQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              id: notice.instanceId,
              kind: 'linkage.notice',
              title: '审批信息通报：食品经营许可',
              state: notice.value,
              status: 'active',
              department: 'scjgj',
              holder: 'dept:scjgj',
              area: 'market',
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
    path: '/api/linkage/instances/:id',
    tags: ['审管联动 linkage'],
    access: STAFF_ROLES,
    summary: '联动事项详情与流转 (one instance with its history)',
    params: IdParams,
    responses: {
      200: {
        description: '当前状态与历史',
        example: {
          ...notice,
          rule: '审批信息通报',
          history: [
            {
              instanceId: notice.instanceId,
              kind: 'linkage.notice',
              event: 'machine.started',
              actor: 'system',
              at: '2026-11-28T10:00:00.000Z',
            },
          ],
        },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/linkage/instances/:id/events',
    tags: ['审管联动 linkage'],
    access: [...supervision],
    summary: '推进联动事项：认领、抄告处置、开会决定、市级答复、调整审核 (send an event)',
    description:
      '当前状态不能接受的事件返回 409，details 含当前状态与允许的事件。认领通报、处置抄告、办结联席会议任务只能由被指向部门的工作人员办理，否则 403 NOT_YOUR_DEPARTMENT。',
    params: IdParams,
    body: LinkageEventBody,
    bodyExample: { type: 'notice.sign' },
    responses: {
      200: { description: '推进后的状态', example: view('linkage.notice', 'signed', { signedBy: 'supervisor1' }, []) },
      ...errors(400, 401, 403, 404),
      409: {
        description: '当前状态不接受该事件 (event not allowed in this state)',
        example: {
          error: {
            code: 'CONFLICT',
            message: '当前状态不能接受事件 finding.push',
            details: { state: { pushed: 'onTime' }, states: ['pushed', 'pushed.onTime'], status: 'active', allowedEvents: ['notice.sign'] },
          },
        },
      },
    },
  },
  {
    method: 'get',
    path: '/api/linkage/departments',
    tags: ['审管联动 linkage'],
    access: STAFF_ROLES,
    summary: '联动与兜底涉及的部门、所属监管领域、特派员及部门人员 (departments)',
    description: '转办、派单、联席会议任务选择责任部门与责任人时使用；staff 为该部门的系统用户。',
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              code: 'scjgj',
              name: '区市场监督管理局',
              area: 'market',
              commissioner: { userId: 'supervisor1', name: '周监督' },
              staff: [{ id: 'scjgj1', name: '郑市监' }],
            },
          ],
          total: 1,
        },
      },
      ...errors(401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/linkage/commissioners',
    tags: ['审管联动 linkage'],
    access: STAFF_ROLES,
    summary: '审批监管特派员名单（按监管领域）(commissioners per area)',
    responses: {
      200: {
        description: '{items,total}',
        example: { items: [{ area: 'market', userId: 'supervisor1', name: '周监督', departments: ['scjgj', 'swj'] }], total: 1 },
      },
      ...errors(401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/linkage/inspect/:id',
    tags: ['审管联动 linkage'],
    access: ['supervisor', 'admin'],
    summary: '特派员检查联动事项及其办件 (commissioner inspection)',
    description: '仅本领域特派员或管理员可查看。',
    params: IdParams,
    responses: {
      200: {
        description: '事项、办件与各步时限',
        example: {
          ...notice,
          commissioner: { userId: 'supervisor1', name: '周监督' },
          case: { id: 'HB20261128-7K3QF2', status: 'completed', tasks: [] },
          steps: [{ step: 'pushed', dueAt: '2026-12-01T16:00:00.000Z', completedAt: null }],
        },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'get',
    path: '/api/linkage/assessment',
    tags: ['审管联动 linkage'],
    access: ['supervisor', 'admin'],
    summary: '考核评估：各部门各项制度按时率 (on-time rates per rule and department)',
    description:
      '统计期内的各步：按时完成、超时完成、超时未完成、未到期；按时率 = 按时 / 已有结论。basis=due（默认）按到期日落在期内统计，basis=done 按完成日落在期内统计；报告的 basisLabel 写明口径。all=1 时包含办不成事、12345、帮办代办。',
    query: AssessmentQuery,
    responses: { 200: { description: '考核报告', example: assessment }, ...errors(400, 401, 403) },
  },
]);
