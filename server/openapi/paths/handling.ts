import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import { ApplyBody, CreditBody, CreditQuery } from '../../routes/handling.routes';
import { ListLicencesQuery, RegisterLicenceBody } from '../../routes/licences.routes';
import { DeliveryChoiceBody } from '../../routes/delivery.routes';
import { ChannelParam, InboxQuery, PreferenceBody } from '../../routes/notifications.routes';
import { AppealBody, RateBody, RatingStatsQuery, RerateBody, ReviewBody } from '../../routes/ratings.routes';
import { OverviewQuery } from '../../routes/stats.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleCaseView } from './examples';

const CaseIdParams = z.object({ caseId: z.string().describe('办件编号 (case id)') });
const IdParams = z.object({ id: z.string().describe('记录编号 (record id)') });
const ChannelParams = z.object({ channel: ChannelParam.describe('通知渠道 (channel)') });

const rating = {
  id: 'r-7f3c',
  caseId: 'HB20261128-7K3QF2',
  serviceKey: 'general-approval',
  raterId: 'zhangsan',
  level: 5,
  scope: 'case',
  channel: 'online',
  proactive: true,
  comment: '窗口服务很耐心',
  department: '区数据和行政审批局',
  district: '城关区',
  subdistrict: null,
  community: null,
  createdAt: '2026-11-28T10:00:00.000Z',
};
const ratingEvent = {
  id: 'e-91ab',
  ratingId: 'r-7f3c',
  caseId: 'HB20261128-7K3QF2',
  kind: 'appeal',
  actor: 'window1',
  details: { reason: '评价与办件无关' },
  at: '2026-11-28T11:00:00.000Z',
};
const rates = { ratings: 20, goodRate: 0.95, proactiveGoodRate: 0.94, unratedRate: 0.1, badRatings: 1, badRectifiedRate: 1 };
const licence = {
  id: 'lic-01',
  type: 'food-business',
  number: 'JY13201020001234',
  name: '食品经营许可证',
  issuer: '区市场监督管理局',
  holderId: 'zhangsan',
  validFrom: '2026-11-28T00:00:00.000Z',
  validUntil: '2031-11-27T00:00:00.000Z',
  status: 'valid',
  caseId: 'HB20261128-7K3QF2',
  data: {},
  issuedAt: '2026-11-28T10:00:00.000Z',
};
const credit = {
  id: 'cr-01',
  subjectId: 'zhangsan',
  kind: 'falseCommitment',
  reason: '告知承诺核查不实',
  caseId: 'HB20261128-7K3QF2',
  createdAt: '2026-11-28T10:00:00.000Z',
  repairedAt: null,
};
const figures = {
  cases: 120,
  decided: 100,
  withinOneHourShare: 0.72,
  averageApprovalLevels: 1.6,
  levelsByProcess: { 'mode-integrated': 1, 'mode-standard': 3 },
  materialReduction: 0.35,
  ...rates,
};

/** 办中/办后: handling modes, notifications, licences, delivery, ratings (好差评), credit and the supervisor figures. */
export const handlingRouteDocs = routeDocs([
  {
    method: 'get',
    path: '/api/handling/modes',
    tags: ['办理方式 handling'],
    access: 'authenticated',
    summary: '办理方式列表（标准、集成快办、即办、承诺、容缺、告知承诺）(handling modes)',
    responses: {
      200: {
        description: '{items}',
        example: { items: [{ mode: 'integrated', processKey: 'mode-integrated', name: '集成快办 (窗口受理 + 审批服务专员决定)' }] },
      },
      ...errors(401),
    },
  },
  {
    method: 'post',
    path: '/api/handling/applications',
    tags: ['办理方式 handling'],
    access: 'authenticated',
    summary: '按办理方式申请（含容缺、告知承诺）(apply in a handling mode)',
    body: ApplyBody,
    bodyExample: {
      mode: 'deferred',
      title: '食品经营许可',
      variables: { shopName: '好味面馆' },
      deferredMaterials: ['health-cert'],
      commitmentLetter: true,
    },
    responses: {
      201: { description: '已创建办件', example: exampleCaseView, headers: { Location: '/api/cases/{caseId}' } },
      ...errors(400, 401, 403, 409),
    },
  },
  {
    method: 'get',
    path: '/api/handling/credit-records',
    tags: ['信用 credit'],
    access: ['window', 'approver', 'supervisor', 'admin'],
    summary: '信用记录 (credit records)',
    query: CreditQuery,
    responses: { 200: { description: '{items,total}', example: { items: [credit], total: 1 } }, ...errors(401, 403) },
  },
  {
    method: 'post',
    path: '/api/handling/credit-records',
    tags: ['信用 credit'],
    access: ['supervisor', 'admin'],
    summary: '登记信用记录 (add a credit record)',
    body: CreditBody,
    bodyExample: { subjectId: 'zhangsan', kind: 'falseCommitment', reason: '告知承诺核查不实' },
    responses: { 201: { description: '已登记', example: credit }, ...errors(400, 401, 403) },
  },
  {
    method: 'post',
    path: '/api/handling/credit-records/:id/repair',
    tags: ['信用 credit'],
    access: ['supervisor', 'admin'],
    summary: '信用修复 (repair a credit record)',
    params: IdParams,
    responses: {
      200: { description: '已修复', example: { ...credit, repairedAt: '2026-12-28T10:00:00.000Z' } },
      ...errors(401, 403, 404, 409),
    },
  },

  {
    method: 'get',
    path: '/api/notifications/mine',
    tags: ['通知 notifications'],
    access: 'authenticated',
    summary: '我的通知 (my notifications)',
    query: InboxQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              id: 'n-01',
              caseId: 'HB20261128-7K3QF2',
              channel: 'inbox',
              event: 'case.accepted',
              payload: { title: '您的申请已受理' },
              status: 'sent',
              createdAt: '2026-11-28T09:05:00.000Z',
            },
          ],
          total: 1,
        },
      },
      ...errors(401),
    },
  },
  {
    method: 'get',
    path: '/api/notifications/preferences',
    tags: ['通知 notifications'],
    access: 'authenticated',
    summary: '通知偏好 (notification preferences)',
    responses: {
      200: { description: '各渠道偏好', example: { items: [{ channel: 'sms', enabled: true, address: '13912345678' }] } },
      ...errors(401),
    },
  },
  {
    method: 'put',
    path: '/api/notifications/preferences/:channel',
    tags: ['通知 notifications'],
    access: 'authenticated',
    summary: '设置某渠道的通知偏好 (set a channel preference)',
    params: ChannelParams,
    body: PreferenceBody,
    bodyExample: { enabled: true, address: '13912345678' },
    responses: {
      200: {
        description: '已保存',
        example: { applicantId: 'zhangsan', channel: 'sms', enabled: true, address: '13912345678', updatedAt: '2026-11-28T09:00:00.000Z' },
      },
      ...errors(400, 401),
    },
  },
  {
    method: 'get',
    path: '/api/notifications/cases/:caseId',
    tags: ['通知 notifications'],
    access: 'authenticated',
    summary: '某办件的通知记录 (notifications of a case)',
    params: CaseIdParams,
    responses: {
      200: {
        description: '{items,total}',
        example: { items: [{ id: 'n-01', channel: 'sms', event: 'case.accepted', status: 'sent' }], total: 1 },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'get',
    path: '/api/notifications/cases/:caseId/progress',
    tags: ['通知 notifications'],
    access: 'authenticated',
    summary: '办件进度：当前环节、下一步、需要申请人做的、截止时间 (progress for the applicant)',
    params: CaseIdParams,
    responses: {
      200: {
        description: '进度',
        example: {
          caseId: 'HB20261128-7K3QF2',
          status: 'running',
          current: [{ elementId: 'accept', name: '受理' }],
          next: [{ elementId: 'approve', name: '审批' }],
          needed: [],
          deadline: '2026-12-03T09:00:00.000Z',
        },
      },
      ...errors(401, 404),
    },
  },

  {
    method: 'get',
    path: '/api/licences/mine',
    tags: ['证照 licences'],
    access: 'authenticated',
    summary: '我的证照 (my licences)',
    responses: { 200: { description: '{items,total}', example: { items: [licence], total: 1 } }, ...errors(401) },
  },
  {
    method: 'get',
    path: '/api/licences',
    tags: ['证照 licences'],
    access: STAFF_ROLES,
    summary: '证照查询 (licence registry)',
    query: ListLicencesQuery,
    responses: { 200: { description: '{items,total}', example: { items: [licence], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'post',
    path: '/api/licences',
    tags: ['证照 licences'],
    access: ['admin', 'window'],
    summary: '登记证照 (register a licence)',
    body: RegisterLicenceBody,
    bodyExample: { type: 'food-business', name: '食品经营许可证', issuer: '区市场监督管理局', holderId: 'zhangsan' },
    responses: { 201: { description: '已登记', example: licence }, ...errors(400, 401, 403, 409) },
  },

  {
    method: 'get',
    path: '/api/delivery/:caseId',
    tags: ['结果送达 delivery'],
    access: 'authenticated',
    summary: '办理结果送达（电子证照/邮寄单号）(result delivery)',
    params: CaseIdParams,
    responses: {
      200: {
        description: '送达信息',
        example: {
          caseId: 'HB20261128-7K3QF2',
          method: 'mail',
          status: 'sent',
          licenceId: 'lic-01',
          trackingNumber: 'EMS1234567890',
          address: '城关区幸福路 1 号',
          decidedAt: '2026-11-28T10:00:00.000Z',
          dueAt: '2026-11-30T10:00:00.000Z',
          deliveredAt: null,
          createdAt: '2026-11-28T10:00:00.000Z',
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'put',
    path: '/api/delivery/:caseId/choice',
    tags: ['结果送达 delivery'],
    access: ['applicant'],
    summary: '选择结果领取方式：窗口领取或邮寄 (choose pickup or mail)',
    description: '准予许可并办结后由申请人选择；邮寄须填写地址、收件人和电话。结果送出前可改选，同样的选择重复提交不产生变化。',
    params: CaseIdParams,
    body: DeliveryChoiceBody,
    bodyExample: { method: 'mail', address: '莲湖区西大街 1 号', recipient: '张三', phone: '13800000001' },
    responses: {
      200: {
        description: '已保存',
        example: {
          caseId: 'HB20261128-7K3QF2',
          method: 'mail',
          status: 'to-mail',
          address: '莲湖区西大街 1 号，张三，13800000001',
          decidedAt: '2026-11-28T10:00:00.000Z',
          dueAt: '2026-12-12T16:00:00.000Z',
          deliveredAt: null,
        },
      },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'post',
    path: '/api/delivery/:caseId/delivered',
    tags: ['结果送达 delivery'],
    access: ['window', 'admin'],
    summary: '确认已送达 (confirm delivery)',
    params: CaseIdParams,
    responses: {
      200: {
        description: '已确认',
        example: { caseId: 'HB20261128-7K3QF2', method: 'mail', status: 'delivered', deliveredAt: '2026-11-29T15:00:00.000Z' },
      },
      ...errors(401, 403, 404, 409),
    },
  },

  {
    method: 'post',
    path: '/api/ratings',
    tags: ['好差评 ratings'],
    access: ['applicant'],
    summary: '评价办件（好差评）(rate a finished case)',
    description: '1 非常不满意 … 5 非常满意；1–2 为差评，进入整改流程。',
    body: RateBody,
    bodyExample: { caseId: 'HB20261128-7K3QF2', level: 5, channel: 'online', comment: '窗口服务很耐心' },
    responses: { 201: { description: '已评价', example: rating }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'get',
    path: '/api/ratings/stats',
    tags: ['好差评 ratings'],
    access: ['supervisor', 'admin'],
    summary: '好评率、差评整改率等，按区/街道/社区 (rating figures)',
    query: RatingStatsQuery,
    responses: {
      200: {
        description: '总体与分组',
        example: { groupBy: 'district', overall: rates, items: [{ district: '城关区', ...rates }], total: 1 },
      },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'post',
    path: '/api/ratings/invitations',
    tags: ['好差评 ratings'],
    access: ['supervisor', 'admin'],
    summary: '向未评价的办结办件发送评价邀请 (send rating invitations)',
    responses: { 200: { description: '发送数', example: { invited: 3 } }, ...errors(401, 403) },
  },
  {
    method: 'get',
    path: '/api/ratings/:id',
    tags: ['好差评 ratings'],
    access: 'authenticated',
    summary: '一条评价及其申诉、复核、整改记录 (one rating)',
    params: IdParams,
    responses: {
      200: { description: '评价', example: { ...rating, label: '非常满意', removed: false, events: [ratingEvent] } },
      ...errors(401, 404),
    },
  },
  {
    method: 'post',
    path: '/api/ratings/:id/appeal',
    tags: ['好差评 ratings'],
    access: ['window', 'approver', 'admin'],
    summary: '对差评申诉 (appeal a rating)',
    params: IdParams,
    body: AppealBody,
    bodyExample: { reason: '评价与办件无关' },
    responses: { 201: { description: '已申诉', example: ratingEvent }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/ratings/:id/review',
    tags: ['好差评 ratings'],
    access: ['supervisor', 'admin'],
    summary: '复核申诉 (review an appeal)',
    params: IdParams,
    body: ReviewBody,
    bodyExample: { decision: 'remove', reason: '经核实为恶意评价' },
    responses: {
      201: {
        description: '已复核',
        example: { ...ratingEvent, kind: 'review', actor: 'supervisor1', details: { decision: 'remove', reason: '经核实为恶意评价' } },
      },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'post',
    path: '/api/ratings/:id/rerate',
    tags: ['好差评 ratings'],
    access: ['applicant'],
    summary: '整改后重新评价 (re-rate after rectification)',
    params: IdParams,
    body: RerateBody,
    bodyExample: { level: 4, comment: '问题已解决' },
    responses: {
      201: { description: '已重新评价', example: { ...ratingEvent, kind: 'rerate', actor: 'zhangsan', details: { level: 4 } } },
      ...errors(400, 401, 403, 404, 409),
    },
  },

  {
    method: 'get',
    path: '/api/stats/overview',
    tags: ['统计 stats'],
    access: ['supervisor', 'admin'],
    summary: '监督指标：1 小时办结占比、审批层级、材料精简率、好评率、差评整改率，总体与按部门 (supervisor figures)',
    query: OverviewQuery,
    responses: {
      200: {
        description: '总体与按部门',
        example: {
          period: { from: '2026-11-01T00:00:00.000Z', to: null },
          target: { withinMinutes: 60, share: 0.7, source: '莲湖区数据和行政审批局：集成快办，70%的审批事项1小时内办结' },
          overall: figures,
          byDepartment: [{ department: '区数据和行政审批局', ...figures }],
        },
      },
      ...errors(400, 401, 403),
    },
  },
]);
