import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import { ClockBody, DeliverMessageBody, ListIncidentsQuery, ResolveIncidentBody } from '../../routes/incidents.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleCaseView } from './examples';

const IncidentParams = z.object({ id: z.string().describe('故障编号 (incident id)') });
const CaseIdParams = z.object({ id: z.string().describe('办件编号 (case id)') });
const KeyParams = z.object({ key: z.string().describe('流程标识 (process key)') });

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
    method: 'get',
    path: '/api/incidents',
    tags: ['故障 incidents'],
    access: STAFF_ROLES,
    summary: '故障列表 (incidents: steps the engine could not carry out)',
    description: '服务任务重试耗尽、表达式错误等会产生故障；案件保持运行，等待运维人员重试或解决。',
    query: ListIncidentsQuery,
    responses: { 200: { description: '故障 (incidents)', example: { items: [exampleIncident], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/incidents/:id',
    tags: ['故障 incidents'],
    access: STAFF_ROLES,
    summary: '故障详情 (one incident)',
    params: IncidentParams,
    responses: { 200: { description: '故障', example: exampleIncident }, ...errors(401, 403, 404) },
  },
  {
    method: 'post',
    path: '/api/incidents/:id/retry',
    tags: ['故障 incidents'],
    access: ['supervisor', 'admin'],
    summary: '重试 (retry the failed step)',
    params: IncidentParams,
    responses: { 200: { description: '重试后办件的实时状态', example: exampleCaseView }, ...errors(401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/incidents/:id/resolve',
    tags: ['故障 incidents'],
    access: ['supervisor', 'admin'],
    summary: '解决 (resolve: the job counts as done with these variables; an expression error is retried with them)',
    params: IncidentParams,
    body: ResolveIncidentBody,
    bodyExample: { variables: { result: { decision: 'approved' } } },
    responses: { 200: { description: '解决后办件的实时状态', example: exampleCaseView }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/cases/:id/messages',
    tags: ['办件 cases'],
    access: STAFF_ROLES,
    summary: '向办件发送 BPMN 消息 (publish a BPMN message: name + correlation key; buffered for its time-to-live when nothing waits yet)',
    description:
      '有等待中的消息捕获事件、接收任务、边界事件或事件子流程启动时立即关联 (correlated: true)；否则在案件中保留 timeToLive（默认 PT1H），期间打开的匹配订阅关联一次 (buffered: true)；过期即丢弃。',
    params: CaseIdParams,
    body: DeliverMessageBody,
    bodyExample: { name: 'materialsReceived', correlationKey: 'HB20261128-7K3QF2', variables: { materialsOk: true }, timeToLive: 'PT1H' },
    responses: {
      202: {
        description: '已接收：是否已关联，或已缓存至何时 (accepted: correlated now, or buffered until expiresAt)',
        example: {
          accepted: true,
          messageId: 'HB20261128-7K3QF2-msg-7',
          correlated: false,
          buffered: true,
          expiresAt: '2026-11-28T10:12:03.000Z',
        },
      },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'get',
    path: '/api/definitions/:key/schedules',
    tags: ['流程定义 definitions'],
    access: STAFF_ROLES,
    summary: '定时启动计划 (timer start schedules: the Temporal Schedules that start cases of this process)',
    description:
      '部署含流程级定时启动事件（timeDate、timeCycle R/…/P…、cron）的版本时创建或替换计划，每到时间启动该版本的一个办件（startedBy system:timer）；新版本没有定时启动事件时计划被删除。',
    params: KeyParams,
    responses: {
      200: {
        description: '{items}',
        example: {
          items: [
            {
              scheduleId: 'timer-start:daily-report:every_morning',
              elementId: 'every_morning',
              definitionId: 'daily-report:2',
              timer: { kind: 'cycle', value: '0 0 9 * * MON-FRI' },
              paused: false,
              nextStarts: ['2026-11-30T01:00:00.000Z'],
              recentStarts: [
                {
                  scheduledAt: '2026-11-27T01:00:00.000Z',
                  startedAt: '2026-11-27T01:00:00.120Z',
                  workflowId: 'timer-start-daily-report-every_morning-2026-11-27T01:00:00Z',
                },
              ],
            },
          ],
        },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/cases/:id/clock/pause',
    tags: ['办件 cases'],
    access: STAFF_ROLES,
    summary: '暂停法定期限计时 (pause the statutory clock: hearing, testing, expert review — 行政许可法第四十五条)',
    params: CaseIdParams,
    body: ClockBody,
    bodyExample: { reason: '专家评审' },
    responses: {
      200: { description: '暂停后办件的实时状态；工作日定时器顺延', example: exampleCaseView },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'post',
    path: '/api/cases/:id/clock/resume',
    tags: ['办件 cases'],
    access: STAFF_ROLES,
    summary: '恢复法定期限计时 (resume the statutory clock)',
    params: CaseIdParams,
    responses: {
      200: { description: '恢复后办件的实时状态；工作日期限按暂停天数顺延', example: exampleCaseView },
      ...errors(401, 403, 404, 409),
    },
  },
]);
