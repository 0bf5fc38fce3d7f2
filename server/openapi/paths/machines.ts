import { z } from 'zod';
import { FallbackEventBody, ListEscalationsQuery, ListFallbackQuery, RegisterFallbackBody } from '../../routes/fallback.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';

const IdParams = z.object({ id: z.string().describe('登记编号 (record id)') });
const record = { id: 'FB20261128-01', matter: '个体户变更经营范围，窗口说需到市里办理', applicant: { name: '王五', phone: '13900000000' }, state: 'classified', category: 'general', cause: 'hardToDo', department: '区市场监督管理局', holder: 'approver1', createdAt: '2026-11-28T09:00:00.000Z', dueAt: '2026-12-03T09:00:00.000Z' };
const staff = ['window', 'approver', 'supervisor', 'admin'] as const;

/** Rule machines: the 办不成事 window and the supervisors' escalations. */
export const machinesRouteDocs = routeDocs([
  { method: 'post', path: '/api/fallback/records', tags: ['办不成事 fallback'], access: [...staff], summary: '登记“办不成事”诉求 (register a matter that could not get done)',
    body: RegisterFallbackBody, bodyExample: { matter: record.matter, applicant: record.applicant }, responses: { 201: { description: '已登记', example: { ...record, state: 'registered' } }, ...errors(400, 401, 403) } },
  { method: 'get', path: '/api/fallback/records', tags: ['办不成事 fallback'], access: [...staff], summary: '“办不成事”登记列表 (records)',
    query: ListFallbackQuery, responses: { 200: { description: '{items,total}', example: { items: [record], total: 1 } }, ...errors(400, 401, 403) } },
  { method: 'get', path: '/api/fallback/records/:id', tags: ['办不成事 fallback'], access: [...staff], summary: '登记详情与流转记录 (one record)',
    params: IdParams, responses: { 200: { description: '详情', example: { ...record, transitions: [{ at: '2026-11-28T09:10:00.000Z', event: 'fallback.classify', from: 'registered', to: 'classified', actor: 'window1' }] } }, ...errors(401, 403, 404) } },
  { method: 'post', path: '/api/fallback/records/:id/events', tags: ['办不成事 fallback'], access: [...staff], summary: '推进办理：分类、办结、政策解释、回访、核验、归档 (send an event)',
    description: '状态机拒绝的事件返回 409，并说明当前状态。',
    params: IdParams, body: FallbackEventBody, bodyExample: { type: 'fallback.classify', category: 'general', cause: 'hardToDo', department: '区市场监督管理局', holder: 'approver1' },
    responses: { 200: { description: '推进后的状态', example: record }, ...errors(400, 401, 403, 404, 409) } },
  { method: 'get', path: '/api/escalations', tags: ['督办 escalations'], access: ['supervisor', 'admin'], summary: '督办与预警：办不成事超时、12345 重复诉求、审管联动 (escalations)',
    query: ListEscalationsQuery, responses: { 200: { description: '{items,total}', example: { items: [{ stepId: 'st-01', instanceId: 'FB20261128-01', kind: 'fallback', title: '个体户变更经营范围', state: 'handling', step: 'handling', why: '超过 5 个工作日未办结', level: 'escalate', holder: 'approver1', department: '区市场监督管理局', dueAt: '2026-12-03T09:00:00.000Z', open: true, overdueMs: 86400000, history: { supervision: [{ level: 'urge', reason: '临近时限', notified: ['approver1'], at: '2026-12-02T09:00:00.000Z' }], transitions: [{ event: 'fallback.classify', actor: 'window1', from: 'registered', to: 'handling', at: '2026-11-28T09:10:00.000Z' }] } }], total: 1 } }, ...errors(400, 401, 403) } },
]);
