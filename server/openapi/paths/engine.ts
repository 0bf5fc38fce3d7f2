import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import { ClockBody, DeliverMessageBody, ListIncidentsQuery, ResolveIncidentBody } from '../../routes/incidents.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleCaseView } from './examples';

const IncidentParams = z.object({ id: z.string().describe('故障编号 (incident id)') });
const CaseIdParams = z.object({ id: z.string().describe('办件编号 (case id)') });

const exampleIncident = {
  id: 'HB20261128-7K3QF2-I-12',
  caseId: 'HB20261128-7K3QF2',
  elementId: 'write_result',
  tokenId: 'token-9',
  kind: 'job',
  message: '服务任务重试耗尽 (service task failed after 3 attempts): connection refused',
  status: 'open',
  raisedAt: '2026-11-28T09:12:03.000Z',
  closedAt: null,
  closedBy: null,
  resolution: null,
};

/** The engine's routes: incidents, BPMN messages to a case, and the statutory clock (行政许可法 art. 45). */
export const engineRouteDocs = routeDocs([
  {
    method: 'get', path: '/api/incidents', tags: ['故障 incidents'], access: STAFF_ROLES,
    summary: '故障列表 (incidents: steps the engine could not carry out)',
    description: '服务任务重试耗尽、表达式错误等会产生故障；案件保持运行，等待运维人员重试或解决。',
    query: ListIncidentsQuery,
    responses: { 200: { description: '故障 (incidents)', example: { items: [exampleIncident], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'get', path: '/api/incidents/:id', tags: ['故障 incidents'], access: STAFF_ROLES,
    summary: '故障详情 (one incident)', params: IncidentParams,
    responses: { 200: { description: '故障', example: exampleIncident }, ...errors(401, 403, 404) },
  },
  {
    method: 'post', path: '/api/incidents/:id/retry', tags: ['故障 incidents'], access: ['supervisor', 'admin'],
    summary: '重试 (retry the failed step)', params: IncidentParams,
    responses: { 200: { description: '重试后办件的实时状态', example: exampleCaseView }, ...errors(401, 403, 404, 409) },
  },
  {
    method: 'post', path: '/api/incidents/:id/resolve', tags: ['故障 incidents'], access: ['supervisor', 'admin'],
    summary: '解决 (resolve: the job counts as done with these variables; an expression error is retried with them)',
    params: IncidentParams, body: ResolveIncidentBody, bodyExample: { variables: { result: { decision: 'approved' } } },
    responses: { 200: { description: '解决后办件的实时状态', example: exampleCaseView }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post', path: '/api/cases/:id/messages', tags: ['办件 cases'], access: STAFF_ROLES,
    summary: '向办件发送 BPMN 消息 (deliver a BPMN message: name + correlation key)',
    params: CaseIdParams, body: DeliverMessageBody, bodyExample: { name: 'materialsReceived', correlationKey: 'HB20261128-7K3QF2', variables: { materialsOk: true } },
    responses: { 202: { description: '已接收 (accepted)', example: { accepted: true } }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post', path: '/api/cases/:id/clock/pause', tags: ['办件 cases'], access: STAFF_ROLES,
    summary: '暂停法定期限计时 (pause the statutory clock: hearing, testing, expert review — 行政许可法第四十五条)',
    params: CaseIdParams, body: ClockBody, bodyExample: { reason: '专家评审' },
    responses: { 200: { description: '暂停后办件的实时状态；工作日定时器顺延', example: exampleCaseView }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post', path: '/api/cases/:id/clock/resume', tags: ['办件 cases'], access: STAFF_ROLES,
    summary: '恢复法定期限计时 (resume the statutory clock)', params: CaseIdParams,
    responses: { 200: { description: '恢复后办件的实时状态；工作日期限按暂停天数顺延', example: exampleCaseView }, ...errors(401, 403, 404, 409) },
  },
]);
